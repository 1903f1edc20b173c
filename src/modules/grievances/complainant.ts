import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { randomCode, TRACKING_CODE_LENGTH } from '../../domain/grievances/access-code.js';
import {
  dueDates,
  isGrievanceKind,
  MAX_REOPENS,
  routeToTownship,
  type GrievanceAction,
  type GrievanceState,
} from '../../domain/grievances/lifecycle.js';
import { notFound, AppError } from '../../kernel/errors.js';
import type { Actor } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { grievanceDeadlinesFor } from '../settings/effective.js';
import { invalid, overdueOf, step, type GrievanceRow } from './grievance-step.js';
import { grievanceRepository as repo } from './repository.js';

/**
 * What a complainant does and sees — a household in the portal or anyone on the public page: file,
 * follow, and give feedback on the outcome. The portal calls these with the household's id.
 */
export interface NewGrievance {
  kind: string;
  regionCode: string;
  description: string;
  anonymous?: boolean | undefined;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
}

export interface FeedbackInput {
  satisfied: boolean;
  comment?: string | undefined;
  /** Not satisfied: ask the township to look again (allowed once). */
  reopen?: boolean | undefined;
}

/** File a grievance (call inside a transaction). `householdId` set: from the portal. Audited. */
export async function fileGrievance(
  trx: Kysely<DB>,
  input: NewGrievance,
  o: { now: Date; householdId?: string | undefined; actor: Actor },
): Promise<GrievanceRow> {
  if (!isGrievanceKind(input.kind)) throw invalid('kind', `unknown grievance kind "${input.kind}"`);
  const township = routeToTownship(input.regionCode);
  const region = await repo.region(trx, input.regionCode);
  if (!township || !region || region.level < 4)
    throw invalid('regionCode', `${input.regionCode} is not a township or village`);
  // the deadlines effective in the grievance's region (a regional setting: the county's own or inherited)
  const due = dueDates(o.now, (await grievanceDeadlinesFor(trx, input.regionCode))[input.kind]);
  const anonymous = !o.householdId && !!input.anonymous;
  const g = await repo.insert(trx, {
    tracking_code: randomCode(randomBytes, TRACKING_CODE_LENGTH),
    channel: o.householdId ? 'portal' : 'public',
    household_id: o.householdId ?? null,
    kind: input.kind,
    region_code: input.regionCode,
    township_code: township,
    county_code: input.regionCode.slice(0, 6),
    description: input.description.trim(),
    anonymous,
    contact_name: anonymous ? null : input.contactName?.trim() || null,
    contact_phone: anonymous ? null : input.contactPhone?.trim() || null,
    filed_at: o.now,
    ack_due_at: due.ackDueAt,
    resolve_due_at: due.resolveDueAt,
  });
  await repo.addEvent(trx, {
    grievance_id: g.id,
    at: o.now,
    action: 'file',
    actor_name: o.actor.name,
    note: null,
  });
  await recordAudit(trx, o.actor, {
    action: 'grievance.file',
    entityType: 'grievance',
    entityId: g.id,
    regionCode: g.region_code,
    after: { kind: g.kind, channel: g.channel, township: g.township_code, anonymous: g.anonymous },
  });
  return g;
}

/** The row changes of feedback: a reopen (new resolve deadline) or a close with the feedback. */
async function feedbackChanges(trx: Kysely<DB>, g: GrievanceRow, input: FeedbackInput, now: Date) {
  const comment = input.comment?.trim() || null;
  if (!input.satisfied && input.reopen) {
    const kind = isGrievanceKind(g.kind) ? g.kind : 'other';
    const due = dueDates(now, (await grievanceDeadlinesFor(trx, g.region_code))[kind]);
    return {
      reopen_count: g.reopen_count + 1,
      resolved_at: null,
      outcome: null,
      resolve_due_at: due.resolveDueAt,
      feedback_comment: comment,
    };
  }
  return {
    feedback: input.satisfied ? 'satisfied' : 'not_satisfied',
    feedback_comment: comment,
    feedback_at: now,
    closed_at: now,
  };
}

/** The complainant's feedback on a resolved grievance (call inside a transaction, row locked). Audited. */
export async function giveFeedback(
  trx: Kysely<DB>,
  g: GrievanceRow,
  input: FeedbackInput,
  o: { now: Date; actor: Actor },
): Promise<GrievanceRow> {
  const reopen = !input.satisfied && !!input.reopen;
  const action: GrievanceAction = input.satisfied
    ? 'feedback_satisfied'
    : reopen
      ? 'reopen'
      : 'feedback_close';
  if (reopen && g.reopen_count >= MAX_REOPENS)
    throw new AppError('E_TRANSITION_NOT_ALLOWED', `grievance ${g.tracking_code} was reopened once already`);
  const state = step(g, action);
  const comment = input.comment?.trim() || null;
  const updated = await repo.update(trx, g.id, { state, ...(await feedbackChanges(trx, g, input, o.now)) });
  await repo.addEvent(trx, {
    grievance_id: g.id,
    at: o.now,
    action: reopen ? 'reopen' : input.satisfied ? 'satisfied' : 'not_satisfied',
    actor_name: o.actor.name,
    note: reopen ? `${comment ?? ''}\n(earlier outcome: ${g.outcome ?? ''})`.trim() : comment,
  });
  await recordAudit(trx, o.actor, {
    action: reopen ? 'grievance.reopen' : 'grievance.feedback',
    entityType: 'grievance',
    entityId: g.id,
    regionCode: g.region_code,
    before: { state: g.state },
    after: { state, feedback: updated.feedback },
    reason: comment,
  });
  return updated;
}

/** What the complainant sees (portal or tracking code): no officer names, no contact data. */
export async function complainantView(db: Kysely<DB>, g: GrievanceRow, now: Date) {
  const [events, region] = await Promise.all([repo.events(db, g.id), repo.region(db, g.region_code)]);
  return {
    id: g.id,
    trackingCode: g.tracking_code,
    kind: g.kind,
    state: g.state as GrievanceState,
    region: { code: g.region_code, name: region?.name ?? g.region_code },
    description: g.description,
    filedAt: g.filed_at.toISOString(),
    ackDueAt: g.ack_due_at.toISOString(),
    resolveDueAt: g.resolve_due_at.toISOString(),
    acknowledgedAt: g.acknowledged_at?.toISOString() ?? null,
    resolvedAt: g.resolved_at?.toISOString() ?? null,
    outcome: g.outcome,
    feedback: g.feedback as 'satisfied' | 'not_satisfied' | null,
    escalated: g.escalated_at !== null,
    overdue: overdueOf(g, now),
    canGiveFeedback: g.state === 'resolved',
    canReopen: g.state === 'resolved' && g.reopen_count < MAX_REOPENS,
    events: events.map((e) => ({ action: e.action, at: e.at.toISOString() })),
  };
}
export type ComplainantView = Awaited<ReturnType<typeof complainantView>>;

/** A household's own grievances, as it sees them. */
export async function grievancesOfHousehold(db: Kysely<DB>, householdId: string, now: Date) {
  const rows = await repo.ofHousehold(db, householdId);
  return Promise.all(rows.map((g) => complainantView(db, g, now)));
}

/** Feedback of a household on one of its own grievances (404 for any other). Call inside a transaction. */
export async function householdFeedback(
  trx: Kysely<DB>,
  householdId: string,
  grievanceId: string,
  input: FeedbackInput,
  o: { now: Date; actor: Actor },
): Promise<GrievanceRow> {
  const g = await repo.forUpdate(trx, grievanceId);
  if (!g || g.household_id !== householdId) throw notFound('grievance', grievanceId);
  return giveFeedback(trx, g, input, o);
}
