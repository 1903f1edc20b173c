import {
  deadlineStatus,
  mayFire,
  type Actor,
  type CaseDefinition,
  type CaseKind,
  type CaseState,
} from '../../domain/cases/index.js';
import { chinaDate, daysBetween } from '../../domain/calendar.js';
import { serviceRequirements } from './effects.js';
import { noticeDefaults } from './notice.js';
import type { CaseRow } from './repository.js';

/** How a case is shown: a line of the list, and the detail with its timeline and possible actions. */

/** A deadline runs from the opening; a case opened past its deadline step (imported decision) has none. */
export const pendingDeadline = (def: CaseDefinition, c: CaseState, now: Date) =>
  c.history[0]?.to === def.initial ? deadlineStatus(def, c, now) : null;

export function listItem(r: CaseRow, today: string) {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    closed: r.closed,
    householdId: r.household_id,
    householdNo: r.household_no,
    headName: r.head_name ?? '',
    villageCode: r.village_code,
    villageName: r.village_name ?? '',
    openedAt: new Date(r.opened_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    dueOn: r.due_on,
    daysLeft: r.due_on ? daysBetween(today, r.due_on) : null,
    overdue: !r.closed && r.due_on !== null && r.due_on < today,
    outcomeReason: r.outcome_reason,
  };
}

const timelineOf = (c: CaseState) =>
  c.history.map((h, seq) => ({
    seq,
    at: h.at,
    action: h.action,
    from: h.from,
    to: h.to,
    actor: { name: h.actor.name ?? '', role: h.actor.role, scopeLevel: h.actor.scopeLevel },
    payload: { ...h.payload } as Record<string, unknown>,
    returned: h.returned ?? null,
    late: h.late ?? null,
  }));

const actionsOf = (row: CaseRow, def: CaseDefinition, c: CaseState, actor: Actor) =>
  def.transitions
    .filter((t) => t.from === c.state)
    .map((t) => ({
      action: t.action,
      to: t.to,
      roles: [...t.roles],
      level: t.level,
      requires: t.requires.map((r) => ({ ...r }) as Record<string, unknown>),
      extra: serviceRequirements(row.kind as CaseKind, t.action, undefined),
      allowed: !row.closed && mayFire(t, actor),
    }));

export function present(row: CaseRow, def: CaseDefinition, c: CaseState, actor: Actor, now: Date) {
  return {
    ...listItem(row, chinaDate(now)),
    household: {
      id: row.household_id,
      householdNo: row.household_no,
      headName: row.head_name ?? '',
      status: row.household_status,
      householdType: row.household_type,
      villageCode: row.village_code,
      villageName: row.village_name ?? '',
    },
    closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
    data: { ...c.data },
    states: [...def.states],
    finalStates: [...def.final],
    initial: def.initial,
    deadline: row.closed ? null : pendingDeadline(def, c, now),
    timeline: timelineOf(c),
    actions: actionsOf(row, def, c, actor),
    noticeDefaults: row.closed ? null : noticeDefaults(def, c),
    hasNotice: noticeDefaults(def, c) !== null || c.history.some((h) => h.payload.notice !== undefined),
  };
}
