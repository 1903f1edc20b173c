import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import {
  caseDefinitions,
  deadlineStatus,
  fire,
  mayFire,
  openCase,
  type Actor,
  type CaseDefinition,
  type CaseKind,
  type CaseState,
  type FireErrorCode,
  type FirePayload,
} from '../../domain/cases/index.js';
import { chinaDate, daysBetween } from '../../domain/calendar.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import type { PolicyService } from '../policy/service.js';
import { actorOf } from './actor.js';
import {
  effectOf,
  KIND_LABEL,
  OPENABLE,
  serviceRequirements,
  type MonitoringCategoryCode,
} from './effects.js';
import { buildNotice, noticeDefaults } from './notice.js';
import { caseRepository, type CaseRow } from './repository.js';
import { eventRow, toCaseState } from './state.js';
import type { Clock } from '../../kernel/clock.js';

export interface CasePayload extends FirePayload {
  /** The county's monitoring decision: category (required to include) and up to 5 risks. */
  decision?: { category?: MonitoringCategoryCode | undefined; risks?: string[] | undefined } | undefined;
}

export interface OpenInput {
  kind: CaseKind;
  householdId: string;
  payload: CasePayload;
  data: {
    staffRelative?: boolean | undefined;
    channel?: string | undefined;
    worklistItemId?: string | undefined;
  };
}

export interface ListQuery {
  region?: string | undefined;
  kind?: CaseKind | undefined;
  state?: string | undefined;
  overdue?: boolean | undefined;
  open?: boolean | undefined;
  householdId?: string | undefined;
  page: number;
  pageSize: number;
}

const refusal = (code: FireErrorCode, message: string, missing: string[]) =>
  new AppError(code, message, { missing });

/** A deadline runs from the opening; a case opened past its deadline step (imported decision) has none. */
const pendingDeadline = (def: CaseDefinition, c: CaseState, now: Date) =>
  c.history[0]?.to === def.initial ? deadlineStatus(def, c, now) : null;

/** The opening state: the initial one, or `monitored` for a household already monitored (decided before). */
function initialState(def: CaseDefinition, status: string, actor: Actor, input: OpenInput, now: Date) {
  const data = { ...input.data, channel: input.data.channel ?? null };
  if (def.kind !== 'monitoring' || status !== 'monitored')
    return openCase(def, actor, data, now, input.payload);
  const note =
    input.payload.note?.trim() || '监测对象在本系统之前已认定；本案件从“监测中”开始，用于回访和风险消除';
  const c = openCase(def, actor, { ...data, decidedBefore: true }, now, { ...input.payload, note });
  return { ...c, state: 'monitored', history: c.history.map((h) => ({ ...h, to: 'monitored' })) };
}

export function createCaseService(deps: { db: Kysely<DB>; policy: PolicyService; clock: Clock }) {
  const { db, policy, clock } = deps;
  const definitionFor = async (kind: CaseKind, regionCode: string, today: string) =>
    caseDefinitions(await policy.paramsFor(regionCode, today))[kind];
  const who = (user: AuthUser) => ({ id: user.id, name: user.username });

  async function detail(user: AuthUser, id: string) {
    const row = await caseRepository.byId(db, id);
    if (!row) throw notFound('case', id);
    assertInScope(user, row.village_code);
    const now = clock.now();
    const def = await definitionFor(row.kind as CaseKind, row.village_code, chinaDate(now));
    const c = toCaseState(row, await caseRepository.events(db, id));
    return present(row, def, c, actorOf(user), now);
  }

  return {
    detail,

    /** `within`: more writes of the caller in the same transaction (e.g. warnings marked with the case). */
    async open(
      user: AuthUser,
      input: OpenInput,
      within?: (
        trx: Kysely<DB>,
        caseId: string,
        household: { id: string; village_code: string },
      ) => Promise<void>,
    ) {
      const now = clock.now();
      const id = await db.transaction().execute(async (trx) => {
        const h = await caseRepository.householdForUpdate(trx, input.householdId);
        if (!h) throw notFound('household', input.householdId);
        assertInScope(user, h.village_code);
        const def = await definitionFor(input.kind, h.village_code, chinaDate(now));
        const actor = actorOf(user);
        if (!def.transitions.some((t) => t.roles.includes(actor.role)))
          throw refusal('E_ROLE', `a ${actor.role} takes no step of a ${input.kind} case`, ['role']);
        const allowed = OPENABLE[input.kind];
        if (allowed && !allowed.includes(h.status as (typeof allowed)[number]))
          throw new AppError(
            'E_CONFLICT',
            `a household of status "${h.status}" cannot enter a ${input.kind} case`,
            {
              status: h.status,
            },
          );
        const existing = await caseRepository.openCaseOf(trx, h.id, input.kind);
        if (existing)
          throw new AppError('E_CONFLICT', `the household already has an open ${input.kind} case`, {
            caseId: existing,
          });
        const c = initialState(def, h.status, actor, input, now);
        const caseId = await caseRepository.insert(trx, {
          kind: input.kind,
          household_id: h.id,
          village_code: h.village_code,
          state: c.state,
          data: JSON.stringify(c.data),
          due_on: pendingDeadline(def, c, now)?.due ?? null,
          outcome_reason: null,
          opened_at: now,
          opened_by: user.id,
          updated_at: now,
        });
        await caseRepository.insertEvent(trx, eventRow(caseId, 0, c.history[0]!));
        if (input.data.worklistItemId)
          await caseRepository.linkWorklistItem(trx, input.data.worklistItemId, h.id, caseId);
        if (within) await within(trx, caseId, h);
        await recordAudit(trx, who(user), {
          action: 'case.open',
          entityType: 'case',
          entityId: caseId,
          regionCode: h.village_code,
          after: { kind: input.kind, state: c.state, householdId: h.id, data: c.data },
          reason: c.history[0]?.payload.note ?? null,
        });
        return caseId;
      });
      return detail(user, id);
    },

    /** Fire `action` on a case; refusals are E_TRANSITION_NOT_ALLOWED, E_ROLE or E_REQUIREMENT. */
    async act(user: AuthUser, id: string, action: string, payload: CasePayload) {
      const now = clock.now();
      const today = chinaDate(now);
      await db.transaction().execute(async (trx) => {
        const row = await caseRepository.lock(trx, id);
        if (!row) throw notFound('case', id);
        assertInScope(user, row.village_code);
        const kind = row.kind as CaseKind;
        const events = await caseRepository.events(trx, id);
        const def = await definitionFor(kind, row.village_code, today);
        const c = toCaseState(row, events);
        const r = fire(def, c, action, actorOf(user), payload, now);
        const extra = serviceRequirements(kind, action, payload.decision);
        if (!r.ok)
          throw refusal(r.code, r.message, r.code === 'E_REQUIREMENT' ? [...r.missing, ...extra] : r.missing);
        if (extra.length > 0)
          throw refusal('E_REQUIREMENT', 'the county names the monitoring category', extra);
        const entry = r.next.history[r.next.history.length - 1]!;
        const final = def.final.includes(r.next.state);
        const data = { ...r.next.data, ...(payload.decision && { decision: payload.decision }) };
        await caseRepository.update(trx, id, {
          state: r.next.state,
          closed: final,
          data: JSON.stringify(data),
          due_on: final ? null : (pendingDeadline(def, r.next, now)?.due ?? null),
          outcome_reason: final ? (payload.note ?? null) : null,
          updated_at: now,
          closed_at: final ? now : null,
        });
        await caseRepository.insertEvent(trx, eventRow(id, events.length, entry));
        const effect = r.returned ? null : await applyEffect(trx, user, row, action, entry.to, payload, now);
        await recordAudit(trx, who(user), {
          action: `case.${action}`,
          entityType: 'case',
          entityId: id,
          regionCode: row.village_code,
          before: { state: c.state },
          after: {
            state: r.next.state,
            ...(r.returned && { returnedFor: entry.returned?.objections.map((o) => o.text) }),
            ...(entry.late && { late: entry.late }),
            ...(effect && { household: effect }),
          },
          reason: payload.note ?? entry.returned?.objections.map((o) => o.text).join('; ') ?? null,
        });
      });
      return detail(user, id);
    },

    async list(user: AuthUser, q: ListQuery) {
      const scope = q.region ?? user.scopeCode;
      assertInScope(user, scope);
      const today = clock.today();
      const { total, rows } = await caseRepository.list(db, {
        scope,
        kind: q.kind,
        state: q.state,
        overdue: q.overdue,
        open: q.open,
        householdId: q.householdId,
        today,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return { total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => listItem(r, today)) };
    },

    /** The printable public notice: names, household numbers, place, decision, period, where to object. */
    async notice(user: AuthUser, id: string) {
      const row = await caseRepository.byId(db, id);
      if (!row) throw notFound('case', id);
      assertInScope(user, row.village_code);
      const def = await definitionFor(row.kind as CaseKind, row.village_code, clock.today());
      const c = toCaseState(row, await caseRepository.events(db, id));
      const { h, memberNames } = await caseRepository.noticeRows(db, row.household_id);
      const notice = buildNotice(
        id,
        def,
        c,
        { householdNo: h.household_no, headName: h.head_name ?? '', size: memberNames.length, memberNames },
        {
          villageCode: h.village_code,
          village: h.village ?? '',
          township: h.township ?? '',
          county: h.county ?? '',
        },
      );
      if (!notice) throw new AppError('E_CONFLICT', 'this case has no public notice at its current step');
      return notice;
    },
  };

  async function applyEffect(
    trx: Kysely<DB>,
    user: AuthUser,
    row: { id: string; kind: string; household_id: string; village_code: string },
    action: string,
    to: string,
    payload: CasePayload,
    now: Date,
  ) {
    const today = chinaDate(now);
    const h = await caseRepository.householdForUpdate(trx, row.household_id);
    if (!h) throw notFound('household', row.household_id);
    const kind = row.kind as CaseKind;
    const e = effectOf(
      kind,
      action,
      to,
      { householdType: h.household_type },
      payload.decision ?? {},
      Number(today.slice(0, 4)),
    );
    if (!e) return null;
    const reason = `${KIND_LABEL[kind].zh}程序（案件 #${row.id}）：${e.zh}`;
    await caseRepository.applyEffect(trx, h, e, { today, now, actorId: user.id, reason });
    const after = {
      status: e.status ?? h.status,
      householdType: e.householdType ?? h.household_type,
      ...(e.monitoringCategory !== undefined && { monitoringCategory: e.monitoringCategory }),
      ...(e.dibaoMembers && { dibaoMembers: true }),
    };
    await recordAudit(trx, who(user), {
      action: 'household.status',
      entityType: 'household',
      entityId: h.id,
      regionCode: h.village_code,
      before: {
        status: h.status,
        householdType: h.household_type,
        monitoringCategory: h.monitoring_category,
      },
      after,
      reason,
    });
    return after;
  }
}
export type CaseService = ReturnType<typeof createCaseService>;

function listItem(r: CaseRow, today: string) {
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

function present(row: CaseRow, def: CaseDefinition, c: CaseState, actor: Actor, now: Date) {
  const today = chinaDate(now);
  const kind = row.kind as CaseKind;
  return {
    ...listItem(row, today),
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
    timeline: c.history.map((h, seq) => ({
      seq,
      at: h.at,
      action: h.action,
      from: h.from,
      to: h.to,
      actor: { name: h.actor.name ?? '', role: h.actor.role, scopeLevel: h.actor.scopeLevel },
      payload: { ...h.payload } as Record<string, unknown>,
      returned: h.returned ?? null,
      late: h.late ?? null,
    })),
    actions: def.transitions
      .filter((t) => t.from === c.state)
      .map((t) => ({
        action: t.action,
        to: t.to,
        roles: [...t.roles],
        level: t.level,
        requires: t.requires.map((r) => ({ ...r }) as Record<string, unknown>),
        extra: serviceRequirements(kind, t.action, undefined),
        allowed: !row.closed && mayFire(t, actor),
      })),
    noticeDefaults: row.closed ? null : noticeDefaults(def, c),
    hasNotice: noticeDefaults(def, c) !== null || c.history.some((h) => h.payload.notice !== undefined),
  };
}
