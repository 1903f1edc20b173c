import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { chinaDate } from '../../domain/calendar.js';
import type { GrievanceState } from '../../domain/grievances/lifecycle.js';
import { permissionsOf } from '../../domain/roles.js';
import type { AuthUser } from '../../kernel/user.js';
import { overdueOf, type GrievanceRow } from './grievance-step.js';
import { grievanceRepository as repo } from './repository.js';
import { seen, viewerOf } from '../../domain/visibility.js';

const isoOrNull = (d: Date | null) => d?.toISOString() ?? null;

/** The officers' view of a grievance: household number, contact (masked unless `unmask`), history. */
export async function officerView(
  db: Kysely<DB>,
  user: AuthUser,
  g: GrievanceRow,
  unmask: boolean,
  now: Date,
) {
  const v = viewerOf(user.role, unmask, chinaDate(now));
  const [events, region, township, household] = await Promise.all([
    repo.events(db, g.id),
    repo.region(db, g.region_code),
    repo.region(db, g.township_code),
    g.household_id ? repo.householdNo(db, g.household_id) : undefined,
  ]);
  return {
    id: g.id,
    trackingCode: g.tracking_code,
    channel: g.channel as 'portal' | 'public',
    kind: g.kind,
    state: g.state as GrievanceState,
    region: { code: g.region_code, name: region?.name ?? g.region_code },
    township: { code: g.township_code, name: township?.name ?? g.township_code },
    household: household ? { id: household.id, householdNo: household.household_no } : null,
    description: g.description,
    anonymous: g.anonymous,
    contactName: seen(v, 'name', g.contact_name),
    contactPhone: seen(v, 'phone', g.contact_phone),
    filedAt: g.filed_at.toISOString(),
    ackDueAt: g.ack_due_at.toISOString(),
    resolveDueAt: g.resolve_due_at.toISOString(),
    acknowledgedAt: isoOrNull(g.acknowledged_at),
    resolvedAt: isoOrNull(g.resolved_at),
    outcome: g.outcome,
    feedback: g.feedback,
    feedbackComment: g.feedback_comment,
    reopenCount: g.reopen_count,
    escalatedAt: isoOrNull(g.escalated_at),
    escalationReason: g.escalation_reason,
    overdue: overdueOf(g, now),
    canAct: permissionsOf(user.role).handleGrievances,
    events: events.map((e) => ({
      action: e.action,
      at: e.at.toISOString(),
      actor: e.actor_name,
      note: e.note,
    })),
  };
}

type ListRow = Awaited<ReturnType<typeof repo.list>>['rows'][number];

/** A line of the officers' list. */
export const listItem = (r: ListRow, now: Date) => ({
  id: r.id,
  trackingCode: r.tracking_code,
  channel: r.channel,
  kind: r.kind,
  state: r.state,
  region: { code: r.region_code, name: r.region_name },
  township: { code: r.township_code, name: r.township_name },
  householdNo: r.household_no,
  summary: r.description.slice(0, 80),
  filedAt: r.filed_at.toISOString(),
  ackDueAt: r.ack_due_at.toISOString(),
  resolveDueAt: r.resolve_due_at.toISOString(),
  escalated: r.escalated_at !== null,
  feedback: r.feedback,
  overdue: overdueOf(r, now),
});
