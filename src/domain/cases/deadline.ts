import { addDays, chinaDate, daysBetween } from '../calendar.js';
import { openedOn } from './requirements.js';
import type { CaseDefinition, CaseState } from './types.js';

export interface DeadlineStatus {
  /** Last day the step may be taken on time. */
  due: string;
  daysLeft: number;
  overdue: boolean;
}

/**
 * The pending deadline of an open case: the earliest `deadline` requirement (days from the opening,
 * e.g. monitoring lead → county decision ≤ 15 days) whose step has not been taken. Null when the case
 * is closed, the step was taken, or the procedure has no deadline.
 */
export function deadlineStatus(def: CaseDefinition, c: CaseState, now: Date): DeadlineStatus | null {
  if (def.final.includes(c.state)) return null;
  const opened = openedOn(c);
  if (opened === null) return null;
  const taken = (from: string, action: string) =>
    c.history.some((h) => h.from === from && h.action === action);
  const days = def.transitions.flatMap((t) =>
    t.requires.flatMap((r) => (r.kind === 'deadline' ? [r.days] : [])),
  );
  const decided = def.transitions.some(
    (t) => t.requires.some((r) => r.kind === 'deadline') && taken(t.from, t.action),
  );
  if (days.length === 0 || decided) return null;
  const limit = Math.min(...days);
  const elapsed = daysBetween(opened, chinaDate(now));
  return { due: addDays(opened, limit), daysLeft: limit - elapsed, overdue: elapsed > limit };
}

export const isOverdue = (def: CaseDefinition, c: CaseState, now: Date): boolean =>
  deadlineStatus(def, c, now)?.overdue ?? false;
