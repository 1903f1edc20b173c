import type { Insertable } from 'kysely';
import type { CaseEvent, CaseEventTable, CaseFile } from '../../db/types.js';
import type {
  Actor,
  CaseRole,
  CaseState,
  FirePayload,
  HistoryEntry,
  ScopeLevel,
} from '../../domain/cases/types.js';

/** Persisted rows ↔ the pure `CaseState` of src/domain/cases (one event per history entry). */

const entryOf = (e: CaseEvent): HistoryEntry => ({
  at: new Date(e.at).toISOString(),
  action: e.action,
  from: e.from_state,
  to: e.to_state,
  actor: {
    role: e.actor_role as CaseRole,
    scopeLevel: e.actor_scope_level as ScopeLevel,
    ...(e.actor_id !== null && { id: e.actor_id }),
    name: e.actor_name,
  },
  payload: (e.payload ?? {}) as FirePayload,
  ...(e.returned ? { returned: e.returned as HistoryEntry['returned'] & object } : {}),
  ...(e.late ? { late: e.late as HistoryEntry['late'] & object } : {}),
});

export const toCaseState = (row: Pick<CaseFile, 'state' | 'data'>, events: CaseEvent[]): CaseState => ({
  state: row.state,
  history: events.map(entryOf),
  data: (row.data ?? {}) as Record<string, unknown>,
});

export function eventRow(caseId: string, seq: number, h: HistoryEntry): Insertable<CaseEventTable> {
  const actor: Actor = h.actor;
  return {
    case_id: caseId,
    seq,
    at: h.at,
    action: h.action,
    from_state: h.from,
    to_state: h.to,
    actor_id: actor.id ?? null,
    actor_name: actor.name ?? actor.role,
    actor_role: actor.role,
    actor_scope_level: actor.scopeLevel,
    payload: JSON.stringify(h.payload),
    returned: h.returned ? JSON.stringify(h.returned) : null,
    late: h.late ? JSON.stringify(h.late) : null,
  };
}
