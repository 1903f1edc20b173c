/**
 * Grievances (投诉与反馈): kinds, states and the rules of their life — as data and pure functions.
 *
 *   received ──acknowledge──▶ acknowledged ──resolve──▶ resolved ──feedback──▶ closed
 *                                   ▲                      │ not satisfied, reopen (once)
 *                                   └──────────────────────┘
 * Escalation to the county happens once, when the acknowledgement or the resolution is overdue.
 */
export const GRIEVANCE_KINDS = [
  'identification_unfair',
  'exit_unfair',
  'help_not_delivered',
  'cadre_conduct',
  'funds_misuse',
  'other',
] as const;
export type GrievanceKind = (typeof GRIEVANCE_KINDS)[number];

export const GRIEVANCE_STATES = ['received', 'acknowledged', 'resolved', 'closed'] as const;
export type GrievanceState = (typeof GRIEVANCE_STATES)[number];

export type GrievanceAction = 'acknowledge' | 'resolve' | 'feedback_satisfied' | 'feedback_close' | 'reopen';

export const MAX_REOPENS = 1;

export const isGrievanceKind = (k: string): k is GrievanceKind =>
  (GRIEVANCE_KINDS as readonly string[]).includes(k);

/** The next state of an action, or null when the action is not allowed now. */
export function nextGrievanceState(
  state: GrievanceState,
  action: GrievanceAction,
  reopenCount: number,
): GrievanceState | null {
  switch (state) {
    case 'received':
      return action === 'acknowledge' ? 'acknowledged' : null;
    case 'acknowledged':
      return action === 'resolve' ? 'resolved' : null;
    case 'resolved':
      if (action === 'feedback_satisfied' || action === 'feedback_close') return 'closed';
      if (action === 'reopen') return reopenCount < MAX_REOPENS ? 'acknowledged' : null;
      return null;
    case 'closed':
      return null;
  }
}

export interface Deadlines {
  ackDays: number;
  resolveDays: number;
}

const DAY = 86_400_000;

/** Due dates of a grievance filed (or reopened) at `at`. */
export function dueDates(at: Date, d: Deadlines): { ackDueAt: Date; resolveDueAt: Date } {
  return {
    ackDueAt: new Date(at.getTime() + d.ackDays * DAY),
    resolveDueAt: new Date(at.getTime() + d.resolveDays * DAY),
  };
}

export interface DueState {
  state: GrievanceState;
  ackDueAt: Date;
  resolveDueAt: Date;
}

/** Why a grievance is overdue at `now`, or null: not acknowledged in time, or not resolved in time. */
export function overdueReason(g: DueState, now: Date): 'ack_overdue' | 'resolve_overdue' | null {
  if (g.state === 'received' && now > g.ackDueAt) return 'ack_overdue';
  if ((g.state === 'received' || g.state === 'acknowledged') && now > g.resolveDueAt)
    return 'resolve_overdue';
  return null;
}

/** The township a grievance is routed to: the township of the village, or the township chosen. */
export function routeToTownship(regionCode: string): string | null {
  if (regionCode.length === 12 || regionCode.length === 9) return regionCode.slice(0, 9);
  return null;
}
