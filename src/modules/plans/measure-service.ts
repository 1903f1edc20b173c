import type { Kysely } from 'kysely';
import type { DB, Household, HouseholdPlan, PlanMeasure } from '../../db/types.js';
import type { MeasureStatus } from '../../domain/plans/catalogue.js';
import { deadlineOf } from '../../domain/plans/draft.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import type { PlanEditFrame } from './edit-transaction.js';
import { invalid, loadCatalogue, measureDto, planStart, planView, same } from './plan-view.js';
import { plansRepository as repo } from './repository.js';

export interface MeasureFields {
  fundingSource?: string | null | undefined;
  amount?: number | null | undefined;
  responsibleUnit?: string | null | undefined;
  startDate?: string | null | undefined;
  deadline?: string | null | undefined;
  outcome?: string | null | undefined;
}

export interface MeasureUpdate extends MeasureFields {
  version: number;
  status?: MeasureStatus | undefined;
  reason?: string | undefined;
}

export type NewMeasure = MeasureFields & {
  version: number;
  catalogueCode: string;
  reason?: string | undefined;
};

const FIELD_COLUMNS = {
  fundingSource: 'funding_source',
  amount: 'amount',
  responsibleUnit: 'responsible_unit',
  startDate: 'start_date',
  deadline: 'deadline',
  outcome: 'outcome',
  status: 'status',
} as const;

const num = (v: string | null) => (v === null ? null : Number(v));

/** The fields of a measure an update may change, as the API names them. */
const editable = (m: PlanMeasure): Record<string, unknown> => ({
  fundingSource: m.funding_source,
  amount: num(m.amount),
  responsibleUnit: m.responsible_unit,
  startDate: m.start_date,
  deadline: m.deadline,
  outcome: m.outcome,
  status: m.status,
});

/** What an update changes (texts trimmed, empty → null): audit before/after, columns, the result. */
function measureDiff(current: Record<string, unknown>, body: MeasureUpdate) {
  const next = { ...current };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const set: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(FIELD_COLUMNS)) {
    const v = (body as unknown as Record<string, unknown>)[k];
    if (v === undefined) continue;
    const value = typeof v === 'string' && k !== 'status' ? v.trim() || null : v;
    if (same(value, current[k])) continue;
    before[k] = current[k];
    after[k] = value;
    set[col] = value;
    next[k] = value;
  }
  return { next, before, after, set };
}

/** A completed measure records its outcome, a cancelled one its reason; the deadline follows the start. */
function checkMeasure(next: Record<string, unknown>, reason: string | undefined) {
  if (next.status === 'completed' && !next.outcome)
    throw invalid('outcome', 'a completed measure records its outcome');
  if (next.status === 'cancelled' && !reason?.trim())
    throw invalid('reason', 'cancelling a measure needs a reason');
  if (next.startDate && next.deadline && (next.deadline as string) < (next.startDate as string))
    throw invalid('deadline', `${String(next.deadline)} is before the start ${String(next.startDate)}`);
}

/** The measures of a plan: add one from the catalogue, change its status, outcome, funding and dates. */
export function createMeasureService(db: Kysely<DB>, clock: Clock, editPlan: PlanEditFrame) {
  async function insertMeasure(trx: Kysely<DB>, plan: HouseholdPlan, h: Household, body: NewMeasure) {
    const cat = await loadCatalogue(trx, h.village_code);
    const e = cat.map.get(body.catalogueCode);
    if (!e || !e.active)
      throw invalid('catalogueCode', `${body.catalogueCode} is not an active measure of the catalogue`);
    const existing = await repo.measures(trx, [plan.id]);
    if (existing.some((m) => m.catalogue_code === e.code && m.status !== 'cancelled'))
      throw invalid('catalogueCode', `the plan already has the measure ${e.nameZh}`);
    const start = body.startDate ?? planStart(plan.year, clock.today());
    const deadline = body.deadline ?? deadlineOf(start, e.months);
    if (deadline < start) throw invalid('deadline', `${deadline} is before the start ${start}`);
    const [m] = await repo.insertMeasures(trx, [
      {
        plan_id: plan.id,
        household_id: h.id,
        catalogue_code: e.code,
        measure_type: e.measureType,
        batch: e.batch,
        funding_source: body.fundingSource !== undefined ? body.fundingSource : e.fundingSource,
        amount: body.amount !== undefined ? body.amount : e.defaultAmount,
        responsible_unit: body.responsibleUnit !== undefined ? body.responsibleUnit : e.responsibleUnit,
        start_date: start,
        deadline,
        status: 'planned',
        outcome: body.outcome ?? null,
      },
    ]);
    return { measureId: m!.id, catalogueCode: e.code, deadline, amount: num(m!.amount) };
  }

  /** The measure locked; its version must be the caller's, and a cancelled measure stays cancelled. */
  async function lockMeasure(
    trx: Kysely<DB>,
    plan: HouseholdPlan,
    h: Household,
    id: string,
    version: number,
  ) {
    const m = (await repo.measureById(trx, id, true))!;
    if (m.version !== version) {
      const cat = await loadCatalogue(trx, h.village_code);
      throw new AppError(
        'E_CONFLICT',
        `Measure ${id} of household ${h.household_no} was changed by someone else (now version ${m.version}, yours ${version}); reload it and apply your change again`,
        {
          current: await planView(trx, h.id, plan.year, clock.today(), true),
          measure: measureDto(m, cat.map, clock.today()),
        },
      );
    }
    if (m.status === 'cancelled')
      throw new AppError('E_TRANSITION_NOT_ALLOWED', `Measure ${id} was cancelled; add it anew instead`);
    return m;
  }

  return {
    /** Add a catalogue measure to a plan (plan version checked and bumped). */
    addMeasure(user: AuthUser, planId: string, body: NewMeasure) {
      return editPlan(user, planId, body.version, async (trx, plan, h) => {
        const added = await insertMeasure(trx, plan, h, body);
        await repo.updatePlan(trx, plan.id, { fits: null }); // a new measure: check the fit again
        await recordAudit(trx, actorOf(user), {
          action: 'plan.measure.add',
          entityType: 'household',
          entityId: h.id,
          regionCode: h.village_code,
          after: { planId: plan.id, ...added },
          reason: body.reason ?? null,
        });
      });
    },

    /** Change a measure: status, outcome, funding, amount, unit, dates (measure version checked). */
    async updateMeasure(user: AuthUser, measureId: string, body: MeasureUpdate) {
      const m0 = await repo.measureById(db, measureId);
      if (!m0) throw notFound('measure', measureId);
      return editPlan(user, m0.plan_id, null, async (trx, plan, h) => {
        const m = await lockMeasure(trx, plan, h, measureId, body.version);
        const { next, before, after, set } = measureDiff(editable(m), body);
        if (!Object.keys(set).length) return;
        checkMeasure(next, body.reason);
        await repo.updateMeasure(trx, measureId, set);
        await repo.touchPlan(trx, plan.id);
        const key = { planId: plan.id, measureId, catalogueCode: m.catalogue_code };
        await recordAudit(trx, actorOf(user), {
          action: after.status ? 'plan.measure.status' : 'plan.measure.update',
          entityType: 'household',
          entityId: h.id,
          regionCode: h.village_code,
          before: { ...key, ...before },
          after: { ...key, ...after },
          reason: body.reason ?? null,
        });
      });
    },
  };
}
export type MeasureService = ReturnType<typeof createMeasureService>;
