import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DB, GrievanceTable } from '../../db/types.js';
import { randomCode, TRACKING_CODE_LENGTH } from '../../domain/grievances/access-code.js';
import {
  dueDates,
  isGrievanceKind,
  MAX_REOPENS,
  nextGrievanceState,
  overdueReason,
  routeToTownship,
  type GrievanceAction,
  type GrievanceState,
} from '../../domain/grievances/lifecycle.js';
import { maskPhone } from '../../domain/masking.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope } from '../../kernel/scope.js';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/service.js';
import type { AuthUser } from '../../kernel/user.js';
import { grievanceRepository as repo } from './repository.js';
import type { Clock } from '../../kernel/clock.js';

/**
 * Grievances and feedback: filed by a household in the portal or by anyone on the public page
 * (anonymous allowed), routed to the township of the village or township chosen, acknowledged and
 * resolved by its officers within deadlines kept as data (table grievance_deadline), escalated to
 * the county once when overdue, closed by the complainant's feedback (not satisfied may reopen once).
 */
export type GrievanceRow = Selectable<GrievanceTable>;

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

const invalid = (field: string, message: string) =>
  new AppError('E_VALIDATION', `Invalid body.${field}: ${message}`, [{ field: `body.${field}`, message }]);

function step(g: GrievanceRow, action: GrievanceAction): GrievanceState {
  const next = nextGrievanceState(g.state as GrievanceState, action, g.reopen_count);
  if (!next)
    throw new AppError(
      'E_TRANSITION_NOT_ALLOWED',
      `grievance ${g.tracking_code} is ${g.state}: cannot ${action}`,
      { grievance: g.id, state: g.state, action },
    );
  return next;
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
  const d = await repo.deadlines(trx, input.kind);
  if (!d) throw invalid('kind', `no deadlines for kind ${input.kind}`);
  const due = dueDates(o.now, { ackDays: d.ack_days, resolveDays: d.resolve_days });
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
  let updated: GrievanceRow;
  if (reopen) {
    const d = await repo.deadlines(trx, g.kind);
    const due = dueDates(o.now, { ackDays: d?.ack_days ?? 3, resolveDays: d?.resolve_days ?? 15 });
    updated = await repo.update(trx, g.id, {
      state,
      reopen_count: g.reopen_count + 1,
      resolved_at: null,
      outcome: null,
      resolve_due_at: due.resolveDueAt,
      feedback_comment: comment,
    });
  } else {
    updated = await repo.update(trx, g.id, {
      state,
      feedback: input.satisfied ? 'satisfied' : 'not_satisfied',
      feedback_comment: comment,
      feedback_at: o.now,
      closed_at: o.now,
    });
  }
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
    overdue: overdueReason(
      { state: g.state as GrievanceState, ackDueAt: g.ack_due_at, resolveDueAt: g.resolve_due_at },
      now,
    ),
    canGiveFeedback: g.state === 'resolved',
    canReopen: g.state === 'resolved' && g.reopen_count < MAX_REOPENS,
    events: events.map((e) => ({ action: e.action, at: e.at.toISOString() })),
  };
}
export type ComplainantView = Awaited<ReturnType<typeof complainantView>>;

const actorOf = (u: AuthUser): Actor => ({ id: u.id, name: u.username });

export function createGrievanceService(db: Kysely<DB>, clock: Clock) {
  function requireHandler(user: AuthUser) {
    if (!permissionsOf(user.role).handleGrievances)
      throw new AppError('E_FORBIDDEN', 'Grievances are handled by township and county officers');
  }

  async function loadInScope(user: AuthUser, id: string, trx: Kysely<DB> = db, lock = false) {
    requireHandler(user);
    const g = lock ? await repo.forUpdate(trx, id) : await repo.byId(trx, id);
    if (!g) throw notFound('grievance', id);
    assertInScope(user, g.township_code);
    return g;
  }

  async function officerView(user: AuthUser, g: GrievanceRow, unmask: boolean) {
    const [events, region, township, household] = await Promise.all([
      repo.events(db, g.id),
      repo.region(db, g.region_code),
      repo.region(db, g.township_code),
      g.household_id
        ? db
            .selectFrom('household')
            .select(['household_no', 'id'])
            .where('id', '=', g.household_id)
            .executeTakeFirst()
        : undefined,
    ]);
    const now = clock.now();
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
      contactName: g.contact_name,
      contactPhone: unmask ? g.contact_phone : maskPhone(g.contact_phone),
      filedAt: g.filed_at.toISOString(),
      ackDueAt: g.ack_due_at.toISOString(),
      resolveDueAt: g.resolve_due_at.toISOString(),
      acknowledgedAt: g.acknowledged_at?.toISOString() ?? null,
      resolvedAt: g.resolved_at?.toISOString() ?? null,
      outcome: g.outcome,
      feedback: g.feedback,
      feedbackComment: g.feedback_comment,
      reopenCount: g.reopen_count,
      escalatedAt: g.escalated_at?.toISOString() ?? null,
      escalationReason: g.escalation_reason,
      overdue: overdueReason(
        { state: g.state as GrievanceState, ackDueAt: g.ack_due_at, resolveDueAt: g.resolve_due_at },
        now,
      ),
      canAct: permissionsOf(user.role).handleGrievances,
      events: events.map((e) => ({
        action: e.action,
        at: e.at.toISOString(),
        actor: e.actor_name,
        note: e.note,
      })),
    };
  }

  /** Escalate every open grievance past a deadline to its county, once; audited. Returns how many. */
  async function escalateOverdue(): Promise<number> {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const rows = await repo.overdueForEscalation(trx, now);
      for (const g of rows) {
        const reason = overdueReason(
          { state: g.state as GrievanceState, ackDueAt: g.ack_due_at, resolveDueAt: g.resolve_due_at },
          now,
        );
        if (!reason) continue;
        await repo.update(trx, g.id, { escalated_at: now, escalation_reason: reason });
        await repo.addEvent(trx, {
          grievance_id: g.id,
          at: now,
          action: 'escalate',
          actor_name: 'system',
          note: reason,
        });
        await recordAudit(trx, SYSTEM_ACTOR, {
          action: 'grievance.escalate',
          entityType: 'grievance',
          entityId: g.id,
          regionCode: g.region_code,
          before: { escalated: false },
          after: { escalatedTo: g.county_code, reason },
        });
      }
      return rows.length;
    });
  }

  async function transition(user: AuthUser, id: string, action: 'acknowledge' | 'resolve', text: string) {
    const now = clock.now();
    const g = await db.transaction().execute(async (trx) => {
      const g = await loadInScope(user, id, trx, true);
      const state = step(g, action);
      const set =
        action === 'acknowledge'
          ? { state, acknowledged_at: now }
          : { state, resolved_at: now, outcome: text.trim() };
      if (action === 'resolve' && !text.trim()) throw invalid('outcome', 'say what was found and done');
      const updated = await repo.update(trx, g.id, set);
      await repo.addEvent(trx, {
        grievance_id: g.id,
        at: now,
        action,
        actor_name: user.displayName,
        note: text.trim() || null,
      });
      await recordAudit(trx, actorOf(user), {
        action: `grievance.${action}`,
        entityType: 'grievance',
        entityId: g.id,
        regionCode: g.region_code,
        before: { state: g.state },
        after: { state, outcome: updated.outcome },
        reason: text.trim() || null,
      });
      return updated;
    });
    return officerView(user, g, false);
  }

  return {
    escalateOverdue,

    async list(
      user: AuthUser,
      f: {
        region?: string | undefined;
        state?: string | undefined;
        overdue?: boolean | undefined;
        escalated?: boolean | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      requireHandler(user);
      const scope = f.region ?? user.scopeCode;
      assertInScope(user, scope);
      await escalateOverdue(); // escalation on read: the list is never behind the clock
      const now = clock.now();
      const { total, rows } = await repo.list(db, {
        scope,
        state: f.state,
        overdueAt: f.overdue ? now : undefined,
        escalated: f.escalated,
        page: f.page,
        pageSize: f.pageSize,
      });
      return {
        total,
        items: rows.map((r) => ({
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
          overdue: overdueReason(
            { state: r.state as GrievanceState, ackDueAt: r.ack_due_at, resolveDueAt: r.resolve_due_at },
            now,
          ),
        })),
      };
    },

    async detail(user: AuthUser, id: string, unmask: boolean) {
      await escalateOverdue();
      const g = await loadInScope(user, id);
      if (unmask) {
        if (!permissionsOf(user.role).unmask)
          throw new AppError('E_FORBIDDEN', 'Your role may not unmask contacts');
        await db.transaction().execute((trx) =>
          recordAudit(trx, actorOf(user), {
            action: 'grievance.unmask',
            entityType: 'grievance',
            entityId: g.id,
            regionCode: g.region_code,
          }),
        );
      }
      return officerView(user, g, unmask);
    },

    acknowledge: (user: AuthUser, id: string, note: string) => transition(user, id, 'acknowledge', note),
    resolve: (user: AuthUser, id: string, outcome: string) => transition(user, id, 'resolve', outcome),

    deadlines: () => repo.allDeadlines(db),

    /** Share satisfied with grievance outcomes and mean rating of help, per child region, in a year. */
    async satisfaction(user: AuthUser, region: string | undefined, year: number) {
      const scope = region ?? user.scopeCode;
      assertInScope(user, scope);
      return satisfactionFigures(db, scope, year);
    },

    // ---- public (no sign-in)
    async filePublic(input: NewGrievance) {
      const g = await db.transaction().execute((trx) =>
        fileGrievance(trx, input, {
          now: clock.now(),
          actor: { id: null, name: input.anonymous ? 'anonymous' : 'public' },
        }),
      );
      return {
        trackingCode: g.tracking_code,
        ackDueAt: g.ack_due_at.toISOString(),
        resolveDueAt: g.resolve_due_at.toISOString(),
      };
    },
    async track(trackingCode: string) {
      await escalateOverdue();
      const g = await repo.byTrackingCode(db, trackingCode.trim().toUpperCase());
      if (!g || g.channel !== 'public') throw notFound('grievance with tracking code', trackingCode);
      return complainantView(db, g, clock.now());
    },
    async publicFeedback(trackingCode: string, input: FeedbackInput) {
      const code = trackingCode.trim().toUpperCase();
      const g = await db.transaction().execute(async (trx) => {
        const found = await repo.byTrackingCode(trx, code);
        if (!found || found.channel !== 'public')
          throw notFound('grievance with tracking code', trackingCode);
        const locked = (await repo.forUpdate(trx, found.id))!;
        return giveFeedback(trx, locked, input, {
          now: clock.now(),
          actor: { id: null, name: 'complainant' },
        });
      });
      return complainantView(db, g, clock.now());
    },
    /** Townships and villages to choose from on the public page (names and codes are public). */
    async regionChoices(parent: string) {
      const p = await repo.region(db, parent);
      if (!p || p.level < 3 || p.level > 4)
        throw new AppError('E_VALIDATION', `Invalid query.parent: ${parent} is not a county or township`);
      return (await repo.children(db, parent)).map((r) => ({ code: r.code, name: r.name, level: r.level }));
    },
  };
}
export type GrievanceService = ReturnType<typeof createGrievanceService>;

/**
 * Satisfaction figures of a region and year (the approval indicator reads these): the share of
 * grievances with feedback whose complainant was satisfied, and the mean rating (1–5) households gave
 * the help they received; in total and per child region. No scope check: callers check.
 */
export async function satisfactionFigures(db: Kysely<DB>, region: string, year: number) {
  const s = await repo.satisfaction(db, region, year);
  const keys = [...new Set([...s.grievances.map((r) => r.key), ...s.ratings.map((r) => r.key)])].sort();
  const names = new Map((await repo.regionNames(db, keys)).map((r) => [r.code, r.name]));
  const line = (key: string, gs: typeof s.grievances, rs: typeof s.ratings) => {
    const sum = (xs: typeof gs, k: 'filed' | 'resolved' | 'with_feedback' | 'satisfied') =>
      xs.reduce((a, r) => a + Number(r[k]), 0);
    const withFeedback = sum(gs, 'with_feedback');
    const satisfied = sum(gs, 'satisfied');
    const ratings = rs.reduce((a, r) => a + Number(r.ratings), 0);
    const ratingSum = rs.reduce((a, r) => a + Number(r.ratings) * Number(r.mean ?? 0), 0);
    return {
      code: key,
      name: names.get(key) ?? key,
      grievances: sum(gs, 'filed'),
      resolved: sum(gs, 'resolved'),
      withFeedback,
      satisfied,
      shareSatisfied: withFeedback ? satisfied / withFeedback : null,
      ratings,
      meanRating: ratings ? ratingSum / ratings : null,
    };
  };
  return {
    region,
    year,
    total: line(region, s.grievances, s.ratings),
    byRegion: keys.map((k) =>
      line(
        k,
        s.grievances.filter((r) => r.key === k),
        s.ratings.filter((r) => r.key === k),
      ),
    ),
  };
}
