import { chinaDate, daysBetween } from '../calendar.js';
import { checkRequirement, openedOn, type CheckContext } from './requirements.js';
import type {
  Actor,
  CaseDefinition,
  CaseState,
  FirePayload,
  FireResult,
  HistoryEntry,
  ScopeLevel,
  Transition,
} from './types.js';

/** Broadest first: an actor may act at its own level or below (a township officer in a village). */
const SCOPE_RANK: Record<ScopeLevel, number> = {
  national: 0,
  province: 1,
  prefecture: 2,
  county: 3,
  township: 4,
  village: 5,
};

export function openCase(
  def: CaseDefinition,
  actor: Actor,
  data: Record<string, unknown>,
  now: Date,
  payload: FirePayload = {},
): CaseState {
  const entry: HistoryEntry = {
    at: now.toISOString(),
    action: 'open',
    from: null,
    to: def.initial,
    actor,
    payload,
  };
  return { state: def.initial, history: [entry], data };
}

export const mayFire = (t: Transition, actor: Actor): boolean =>
  t.roles.includes(actor.role) && SCOPE_RANK[actor.scopeLevel] <= SCOPE_RANK[t.level];

/** Steps the actor may take now (requirements not yet checked). */
export const availableActions = (def: CaseDefinition, c: CaseState, actor: Actor): Transition[] =>
  def.transitions.filter((t) => t.from === c.state && mayFire(t, actor));

const refuse = (
  code: 'E_TRANSITION_NOT_ALLOWED' | 'E_ROLE' | 'E_REQUIREMENT',
  message: string,
  missing: string[] = [],
): FireResult => ({
  ok: false,
  code,
  message,
  missing,
});

function advance(
  def: CaseDefinition,
  c: CaseState,
  t: Transition,
  to: string,
  entry: HistoryEntry,
): CaseState {
  const closing = def.final.includes(to)
    ? { outcome: { state: to, action: t.action, note: entry.payload.note ?? null, at: entry.at } }
    : {};
  return { state: to, history: [...c.history, entry], data: { ...c.data, ...closing } };
}

/**
 * Fire `action` on a case: the step must exist from the current state, the actor must hold one of its
 * roles at a scope covering its level, and every requirement must be met. A notice closing with an
 * unresolved objection sends the case back to the notice's `onObjection` state instead.
 */
export function fire(
  def: CaseDefinition,
  c: CaseState,
  action: string,
  actor: Actor,
  payload: FirePayload,
  now: Date,
): FireResult {
  if (def.final.includes(c.state))
    return refuse('E_TRANSITION_NOT_ALLOWED', `the case is closed (${c.state})`);
  const t = def.transitions.find((x) => x.from === c.state && x.action === action);
  if (!t) {
    const allowed = def.transitions.filter((x) => x.from === c.state).map((x) => x.action);
    return refuse(
      'E_TRANSITION_NOT_ALLOWED',
      `"${action}" is not allowed in state "${c.state}"; allowed: ${allowed.join(', ')}`,
    );
  }
  if (!t.roles.includes(actor.role))
    return refuse('E_ROLE', `"${action}" is for ${t.roles.join(' or ')}, not ${actor.role}`, ['role']);
  if (SCOPE_RANK[actor.scopeLevel] > SCOPE_RANK[t.level])
    return refuse(
      'E_ROLE',
      `"${action}" is a ${t.level}-level step; the actor's scope is a ${actor.scopeLevel}`,
      ['scope'],
    );

  const at = now.toISOString();
  const base = { at, action, from: c.state, actor, payload };
  const notice = t.requires.find((r) => r.kind === 'notice');
  const open = payload.notice?.objections.filter((o) => !o.resolved) ?? [];
  if (notice && open.length > 0) {
    const entry: HistoryEntry = { ...base, to: notice.onObjection, returned: { objections: open } };
    return { ok: true, next: advance(def, c, t, notice.onObjection, entry), returned: true };
  }

  const ctx: CheckContext = { payload, c, today: chinaDate(now) };
  const findings = t.requires.flatMap((r) => checkRequirement(r, ctx));
  if (findings.length > 0)
    return refuse(
      'E_REQUIREMENT',
      findings.map((x) => x.message).join('; '),
      findings.map((x) => x.key),
    );

  const deadline = t.requires.find((r) => r.kind === 'deadline');
  const opened = openedOn(c);
  const elapsed = opened === null ? 0 : daysBetween(opened, ctx.today);
  const late =
    deadline && elapsed > deadline.days ? { days: elapsed, reason: payload.lateReason ?? '' } : undefined;
  const entry: HistoryEntry = { ...base, to: t.to, ...(late ? { late } : {}) };
  return { ok: true, next: advance(def, c, t, t.to, entry), returned: false };
}
