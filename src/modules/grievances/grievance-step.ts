import type { Selectable } from 'kysely';
import type { GrievanceTable } from '../../db/types.js';
import {
  nextGrievanceState,
  overdueReason,
  type GrievanceAction,
  type GrievanceState,
} from '../../domain/grievances/lifecycle.js';
import { AppError } from '../../kernel/errors.js';

export type GrievanceRow = Selectable<GrievanceTable>;

/** A validation error naming a body field, as the schema validation names it. */
export const invalid = (field: string, message: string) =>
  new AppError('E_VALIDATION', `Invalid body.${field}: ${message}`, [{ field: `body.${field}`, message }]);

/** The state of a grievance after `action`, or 409 E_TRANSITION_NOT_ALLOWED. */
export function step(g: GrievanceRow, action: GrievanceAction): GrievanceState {
  const next = nextGrievanceState(g.state as GrievanceState, action, g.reopen_count);
  if (!next)
    throw new AppError(
      'E_TRANSITION_NOT_ALLOWED',
      `grievance ${g.tracking_code} is ${g.state}: cannot ${action}`,
      { grievance: g.id, state: g.state, action },
    );
  return next;
}

/** Which deadline an open grievance has missed at `now`, if any. */
export const overdueOf = (g: { state: string; ack_due_at: Date; resolve_due_at: Date }, now: Date) =>
  overdueReason(
    { state: g.state as GrievanceState, ackDueAt: g.ack_due_at, resolveDueAt: g.resolve_due_at },
    now,
  );
