import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB, Household, HouseholdPlan, Member, PlanMeasure } from '../../db/types.js';
import {
  PLANNED_STATUSES,
  type AgreementMethod,
  type CatalogueEntry,
  type MeasureStatus,
} from '../../domain/plans/catalogue.js';
import { ableToWork, deadlineOf, draftPlan, type DraftMember } from '../../domain/plans/draft.js';
import { catalogueMap, checkFit, type FitProblem, type FitResult } from '../../domain/plans/fit.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { recordAudit, type Actor } from '../audit/service.js';
import { catalogueEntry, plansRepository as repo, type FitRow } from './repository.js';
import type { Clock } from '../../kernel/clock.js';

/** The actor of an agreement given by the household itself through the household portal. */
export const HOUSEHOLD_ACTOR: Actor = { id: null, name: 'the household' };

const iso = (d: Date) => d.toISOString().slice(0, 10);
const num = (v: string | null) => (v === null ? null : Number(v));
const LIVE: readonly string[] = ['planned', 'in_progress'];

export const draftMember = (m: Member): DraftMember => ({
  labourCapacity: m.labour_capacity,
  health: m.health,
  disabilityGrade: m.disability_grade,
  studentStatus: m.student_status,
  status: m.member_status,
});

export function measureDto(m: PlanMeasure, catalogue: ReadonlyMap<string, CatalogueEntry>, today: string) {
  const c = catalogue.get(m.catalogue_code);
  return {
    id: m.id,
    catalogueCode: m.catalogue_code,
    nameZh: c?.nameZh ?? m.catalogue_code,
    nameEn: c?.nameEn ?? m.catalogue_code,
    measureType: m.measure_type,
    batch: m.batch,
    fundingSource: m.funding_source,
    amount: num(m.amount),
    responsibleUnit: m.responsible_unit,
    startDate: m.start_date,
    deadline: m.deadline,
    status: m.status as MeasureStatus,
    outcome: m.outcome,
    version: m.version,
    overdue: LIVE.includes(m.status) && m.deadline !== null && m.deadline < today,
  };
}
export type MeasureDto = ReturnType<typeof measureDto>;

function planDto(
  p: HouseholdPlan,
  measures: PlanMeasure[],
  h: Household,
  able: number,
  catalogue: ReadonlyMap<string, CatalogueEntry>,
  today: string,
) {
  const ms = measures.map((m) => measureDto(m, catalogue, today));
  const fit: FitResult = checkFit(
    {
      mainCause: h.main_cause,
      otherCauses: h.other_causes,
      ableToWork: able,
      measures: ms.map((m) => ({
        catalogueCode: m.catalogueCode,
        measureType: m.measureType,
        status: m.status,
      })),
    },
    catalogue,
  );
  return {
    id: p.id,
    householdId: p.household_id,
    year: p.year,
    status: p.status as 'draft' | 'agreed' | 'declined',
    agreedBy: p.agreed_by,
    agreedAt: p.agreed_at ? new Date(p.agreed_at).toISOString() : null,
    agreementMethod: p.agreement_method as AgreementMethod | null,
    declineReason: p.decline_reason,
    version: p.version,
    createdAt: new Date(p.created_at).toISOString(),
    updatedAt: new Date(p.updated_at).toISOString(),
    measures: ms,
    fit,
  };
}

/** The fit check of one row of `plansRepository.fitRows`. */
const fitOf = (r: FitRow, catalogue: ReadonlyMap<string, CatalogueEntry>) =>
  checkFit(
    {
      mainCause: r.main_cause,
      otherCauses: r.other_causes,
      ableToWork: r.able,
      measures: r.measures.map((m) => ({ catalogueCode: m.c, measureType: m.t, status: m.s })),
    },
    catalogue,
  );

async function loadCatalogue(db: Kysely<DB>) {
  const entries = (await repo.catalogue(db)).map(catalogueEntry);
  return { entries, map: catalogueMap(entries) };
}

/** The household's plan of a year as the API shows it (null plan when there is none). */
async function planView(db: Kysely<DB>, householdId: string, year: number, today: string, canEdit: boolean) {
  const h = await repo.household(db, householdId);
  if (!h) throw notFound('household', householdId);
  const [members, plan, years, cat] = await Promise.all([
    repo.members(db, [householdId]),
    repo.plan(db, householdId, year),
    repo.planYears(db, householdId),
    loadCatalogue(db),
  ]);
  const able = ableToWork(members.map(draftMember));
  const measures = plan ? await repo.measures(db, [plan.id]) : [];
  return {
    year,
    years,
    canEdit,
    household: {
      id: h.id,
      householdNo: h.household_no,
      headName: h.head_name,
      villageCode: h.village_code,
      status: h.status,
      mainCause: h.main_cause,
      otherCauses: h.other_causes,
      ableToWork: able,
      planned: (PLANNED_STATUSES as readonly string[]).includes(h.status),
      presentMembers: members.filter((m) => m.member_status === 'present').map((m) => m.name),
    },
    plan: plan ? planDto(plan, measures, h, able, cat.map, today) : null,
  };
}
export type PlanView = Awaited<ReturnType<typeof planView>>;

const conflict = (what: string, now: number, yours: number, current: unknown) =>
  new AppError(
    'E_CONFLICT',
    `${what} was changed by someone else (now version ${now}, yours ${yours}); reload it and apply your change again`,
    { current },
  );

const invalid = (field: string, message: string) =>
  new AppError('E_VALIDATION', `Invalid body.${field}: ${message}`, [{ field: `body.${field}`, message }]);

export interface AgreementInput {
  /** The plan's version as the caller saw it; omitted, the current one is taken. */
  version?: number | undefined;
  agreed: boolean;
  /** The member who agreed or declined (a present member's name). */
  by: string;
  method?: AgreementMethod | undefined;
  /** When (ISO date-time); defaults to now. */
  at?: string | undefined;
  /** Why the household declined. */
  declineReason?: string | undefined;
}

/**
 * Record the household's agreement to its plan of `year` — or its refusal with a reason — with who
 * (a present member), when and how (signature, thumbprint, portal, on behalf), audited in the same
 * transaction. For the household portal: `recordAgreement(db, HOUSEHOLD_ACTOR, householdId, year,
 * { agreed: true, by, method: 'portal' })`. `check` runs on the locked household (scope checks).
 */
export async function recordAgreement(
  db: Kysely<DB>,
  actor: Actor,
  householdId: string,
  year: number,
  input: AgreementInput,
  o: { check?: (h: Household) => void; now?: Date } = {},
): Promise<HouseholdPlan> {
  const now = o.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const h = await repo.lockHousehold(trx, householdId);
    if (!h) throw notFound('household', householdId);
    o.check?.(h);
    const plan = await repo.plan(trx, householdId, year);
    if (!plan) throw notFound(`plan of ${year} of household`, h.household_no);
    if (input.version !== undefined && input.version !== plan.version)
      throw conflict(`The plan of household ${h.household_no}`, plan.version, input.version, {
        status: plan.status,
        version: plan.version,
      });
    const members = await repo.members(trx, [householdId]);
    const by = input.by.trim();
    if (!members.some((m) => m.member_status === 'present' && m.name === by))
      throw invalid('by', `${by || '(empty)'} is not a present member of household ${h.household_no}`);
    const at = input.at ? new Date(input.at) : now;
    if (Number.isNaN(at.getTime())) throw invalid('at', `${input.at} is not a date-time`);
    if (at.getTime() > now.getTime() + 60_000) throw invalid('at', `${input.at} is in the future`);
    let set: Partial<HouseholdPlan>;
    if (input.agreed) {
      if (!input.method) throw invalid('method', 'say how the household agreed');
      const live = (await repo.measures(trx, [plan.id])).filter((m) => m.status !== 'cancelled');
      if (!live.length)
        throw new AppError(
          'E_REQUIREMENT',
          `The plan of household ${h.household_no} has no measure to agree to`,
        );
      set = {
        status: 'agreed',
        agreed_by: by,
        agreed_at: at,
        agreement_method: input.method,
        decline_reason: null,
      };
    } else {
      const reason = input.declineReason?.trim();
      if (!reason) throw invalid('declineReason', 'a household that declines its plan gives a reason');
      set = {
        status: 'declined',
        agreed_by: by,
        agreed_at: at,
        agreement_method: input.method ?? null,
        decline_reason: reason,
      };
    }
    const updated = await repo.updatePlan(trx, plan.id, set);
    const pick = (p: HouseholdPlan) => ({
      planId: p.id,
      year: p.year,
      status: p.status,
      agreedBy: p.agreed_by,
      agreedAt: p.agreed_at ? new Date(p.agreed_at).toISOString() : null,
      method: p.agreement_method,
      declineReason: p.decline_reason,
    });
    await recordAudit(trx, actor, {
      action: input.agreed ? 'plan.agree' : 'plan.decline',
      entityType: 'household',
      entityId: h.id,
      regionCode: h.village_code,
      before: pick(plan),
      after: pick(updated),
      reason: input.agreed ? null : (input.declineReason ?? null),
    });
    return updated;
  });
}

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

export interface CatalogueInput {
  nameZh: string;
  nameEn: string;
  batch: string;
  measureType: string;
  causes: string[];
  conditions: string[];
  labour: string;
  fundingSource: string | null;
  defaultAmount: number | null;
  responsibleUnit: string | null;
  months: number;
  sort: number;
  active: boolean;
}

const FIELD_COLUMNS = {
  fundingSource: 'funding_source',
  amount: 'amount',
  responsibleUnit: 'responsible_unit',
  startDate: 'start_date',
  deadline: 'deadline',
  outcome: 'outcome',
  status: 'status',
} as const;

const CATALOGUE_COLUMNS = {
  nameZh: 'name_zh',
  nameEn: 'name_en',
  batch: 'batch',
  measureType: 'measure_type',
  causes: 'causes',
  conditions: 'conditions',
  labour: 'labour',
  fundingSource: 'funding_source',
  defaultAmount: 'default_amount',
  responsibleUnit: 'responsible_unit',
  months: 'months',
  sort: 'sort',
  active: 'active',
} as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function createPlanService(db: Kysely<DB>, clock: Clock) {
  const today = () => clock.today();
  const mayEdit = (user: AuthUser) => permissionsOf(user.role).editHouseholds;
  const assertMayEdit = (user: AuthUser) => {
    if (!mayEdit(user)) throw new AppError('E_FORBIDDEN', 'Your role may not edit household plans');
  };

  /** Lock the plan's household, check scope and the plan's version; run `change` in the transaction. */
  async function editPlan<T>(
    user: AuthUser,
    planId: string,
    version: number | null,
    change: (trx: Kysely<DB>, plan: HouseholdPlan, h: Household) => Promise<T>,
  ): Promise<PlanView> {
    assertMayEdit(user);
    const { householdId, year } = await db.transaction().execute(async (trx) => {
      const p0 = await repo.planById(trx, planId);
      if (!p0) throw notFound('plan', planId);
      const h = await repo.lockHousehold(trx, p0.household_id);
      if (!h) throw notFound('household', p0.household_id);
      assertInScope(user, h.village_code);
      const plan = (await repo.planById(trx, planId, true))!;
      if (version !== null && plan.version !== version)
        throw conflict(
          `The plan of household ${h.household_no}`,
          plan.version,
          version,
          await planView(trx, h.id, plan.year, today(), true),
        );
      await change(trx, plan, h);
      return { householdId: h.id, year: plan.year };
    });
    return planView(db, householdId, year, today(), true);
  }

  /**
   * Check the plans of the year in the region whose stored fit was reset (fits null: new plans, changed
   * measures, causes, members or catalogue) and store the results. The plans are locked first, so a
   * change committed meanwhile either is read here or resets the flag again after this commit.
   */
  async function refreshFits(region: string, year: number) {
    if (!(await repo.anyUnchecked(db, region, year))) return;
    await db.transaction().execute(async (trx) => {
      const ids = await repo.lockUnchecked(trx, region, year);
      if (!ids.length) return;
      const cat = await loadCatalogue(trx);
      const rows = await repo.fitRows(trx, sql<SqlBool>`p.id = any(${ids}::bigint[])`);
      await repo.storeFits(
        trx,
        rows.map((r) => r.plan_id),
        rows.map((r) => fitOf(r, cat.map).fits),
      );
    });
  }

  async function figures(region: string, year: number) {
    await refreshFits(region, year);
    const [counts, withoutPlan, measureRows] = await Promise.all([
      repo.planCounts(db, region, year),
      repo.withoutPlan(db, region, year),
      repo.measureCounts(db, region, year, today()),
    ]);
    const plans = { draft: 0, agreed: 0, declined: 0 };
    let total = 0;
    let notFitting = 0;
    for (const c of counts) {
      plans[c.status as keyof typeof plans] = c.n;
      total += c.n;
      notFitting += c.unfit;
    }
    const measures = { planned: 0, in_progress: 0, completed: 0, cancelled: 0 };
    let overdue = 0;
    let amount = 0;
    for (const c of measureRows) {
      measures[c.status as keyof typeof measures] = c.n;
      overdue += c.overdue;
      if (c.status !== 'cancelled') amount += Number(c.amount ?? 0);
    }
    return {
      year,
      region,
      plans: total,
      fitting: total - notFitting,
      notFitting,
      withoutPlan,
      ...plans,
      measures,
      overdue,
      amount: Math.round(amount * 100) / 100,
    };
  }

  return {
    defaultYear: () => Number(clock.today().slice(0, 4)),

    async catalogueRows() {
      return (await repo.catalogue(db)).map((r) => ({ ...catalogueEntry(r), version: r.version }));
    },

    async createCatalogueEntry(user: AuthUser, code: string, input: CatalogueInput, reason?: string) {
      if (!permissionsOf(user.role).editMeasureCatalogue)
        throw new AppError('E_FORBIDDEN', 'Only county officers and above may edit the measure catalogue');
      return db.transaction().execute(async (trx) => {
        const row = await repo.insertCatalogue(trx, {
          code,
          name_zh: input.nameZh,
          name_en: input.nameEn,
          batch: input.batch,
          measure_type: input.measureType,
          causes: input.causes,
          conditions: input.conditions,
          labour: input.labour,
          funding_source: input.fundingSource,
          default_amount: input.defaultAmount,
          responsible_unit: input.responsibleUnit,
          months: input.months,
          sort: input.sort,
          active: input.active,
        });
        if (!row) throw invalid('code', `the catalogue already has a measure ${code}`);
        await recordAudit(
          trx,
          { id: user.id, name: user.username },
          {
            action: 'catalogue.create',
            entityType: 'measure_catalogue',
            entityId: null,
            regionCode: user.scopeCode || null,
            after: { code, ...input },
            reason: reason ?? null,
          },
        );
        return { ...catalogueEntry(row), version: row.version };
      });
    },

    async updateCatalogueEntry(
      user: AuthUser,
      code: string,
      body: Partial<CatalogueInput> & { version: number; reason?: string | undefined },
    ) {
      if (!permissionsOf(user.role).editMeasureCatalogue)
        throw new AppError('E_FORBIDDEN', 'Only county officers and above may edit the measure catalogue');
      const { version, reason, ...fields } = body;
      return db.transaction().execute(async (trx) => {
        const row = await repo.catalogueRow(trx, code, true);
        if (!row) throw notFound('catalogue measure', code);
        const current = { ...catalogueEntry(row), version: row.version };
        if (row.version !== version)
          throw conflict(`Catalogue measure ${code}`, row.version, version, current);
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        const set: Record<string, unknown> = {};
        for (const [k, col] of Object.entries(CATALOGUE_COLUMNS)) {
          const v = (fields as Record<string, unknown>)[k];
          if (v === undefined || same(v, current[k as keyof typeof current])) continue;
          before[k] = current[k as keyof typeof current];
          after[k] = v;
          set[col] = v;
        }
        if (!Object.keys(set).length) return current;
        const updated = await repo.updateCatalogue(trx, code, set);
        await recordAudit(
          trx,
          { id: user.id, name: user.username },
          {
            action: 'catalogue.update',
            entityType: 'measure_catalogue',
            entityId: null,
            regionCode: user.scopeCode || null,
            before: { code, ...before },
            after: { code, ...after },
            reason: reason ?? null,
          },
        );
        return { ...catalogueEntry(updated), version: updated.version };
      });
    },

    async get(user: AuthUser, householdId: string, year: number) {
      const h = await repo.household(db, householdId);
      if (!h) throw notFound('household', householdId);
      assertInScope(user, h.village_code);
      return planView(db, householdId, year, today(), mayEdit(user));
    },

    /** Generate the draft plan of a year from the household's causes and conditions. */
    async generate(user: AuthUser, householdId: string, year: number, reason?: string) {
      assertMayEdit(user);
      await db.transaction().execute(async (trx) => {
        const h = await repo.lockHousehold(trx, householdId);
        if (!h) throw notFound('household', householdId);
        assertInScope(user, h.village_code);
        if (!(PLANNED_STATUSES as readonly string[]).includes(h.status))
          throw new AppError(
            'E_REQUIREMENT',
            `Household ${h.household_no} is neither registered nor monitored (status ${h.status}); it has no plan`,
          );
        const members = await repo.members(trx, [householdId]);
        const cat = await loadCatalogue(trx);
        const now = today();
        const startOn = Number(now.slice(0, 4)) === year ? now : `${year}-01-01`;
        const draft = draftPlan(
          {
            mainCause: h.main_cause,
            otherCauses: h.other_causes,
            houseGrade: h.house_grade,
            members: members.map(draftMember),
          },
          cat.entries,
          startOn,
        );
        const plan = await repo.insertPlan(trx, { household_id: householdId, year, status: 'draft' });
        if (!plan)
          throw new AppError('E_CONFLICT', `Household ${h.household_no} already has a plan for ${year}`, {
            current: await planView(trx, householdId, year, now, true),
          });
        await repo.insertMeasures(
          trx,
          draft.map((m) => ({
            plan_id: plan.id,
            household_id: householdId,
            catalogue_code: m.catalogueCode,
            measure_type: m.measureType,
            batch: m.batch,
            funding_source: m.fundingSource,
            amount: m.amount,
            responsible_unit: m.responsibleUnit,
            start_date: m.startDate,
            deadline: m.deadline,
            status: 'planned',
          })),
        );
        await recordAudit(
          trx,
          { id: user.id, name: user.username },
          {
            action: 'plan.create',
            entityType: 'household',
            entityId: h.id,
            regionCode: h.village_code,
            after: { planId: plan.id, year, measures: draft.map((m) => m.catalogueCode) },
            reason: reason ?? null,
          },
        );
      });
      return planView(db, householdId, year, today(), true);
    },

    /** Add a catalogue measure to a plan (plan version checked and bumped). */
    addMeasure(
      user: AuthUser,
      planId: string,
      body: MeasureFields & { version: number; catalogueCode: string; reason?: string | undefined },
    ) {
      return editPlan(user, planId, body.version, async (trx, plan, h) => {
        const cat = await loadCatalogue(trx);
        const e = cat.map.get(body.catalogueCode);
        if (!e || !e.active)
          throw invalid('catalogueCode', `${body.catalogueCode} is not an active measure of the catalogue`);
        const existing = await repo.measures(trx, [plan.id]);
        if (existing.some((m) => m.catalogue_code === e.code && m.status !== 'cancelled'))
          throw invalid('catalogueCode', `the plan already has the measure ${e.nameZh}`);
        const start =
          body.startDate ?? (Number(today().slice(0, 4)) === plan.year ? today() : `${plan.year}-01-01`);
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
        await repo.updatePlan(trx, plan.id, { fits: null }); // a new measure: check the fit again
        await recordAudit(
          trx,
          { id: user.id, name: user.username },
          {
            action: 'plan.measure.add',
            entityType: 'household',
            entityId: h.id,
            regionCode: h.village_code,
            after: {
              planId: plan.id,
              measureId: m!.id,
              catalogueCode: e.code,
              deadline,
              amount: num(m!.amount),
            },
            reason: body.reason ?? null,
          },
        );
      });
    },

    /** Change a measure: status, outcome, funding, amount, unit, dates (measure version checked). */
    async updateMeasure(user: AuthUser, measureId: string, body: MeasureUpdate) {
      const m0 = await repo.measureById(db, measureId);
      if (!m0) throw notFound('measure', measureId);
      return editPlan(user, m0.plan_id, null, async (trx, plan, h) => {
        const m = (await repo.measureById(trx, measureId, true))!;
        if (m.version !== body.version) {
          const cat = await loadCatalogue(trx);
          throw new AppError(
            'E_CONFLICT',
            `Measure ${measureId} of household ${h.household_no} was changed by someone else (now version ${m.version}, yours ${body.version}); reload it and apply your change again`,
            {
              current: await planView(trx, h.id, plan.year, today(), true),
              measure: measureDto(m, cat.map, today()),
            },
          );
        }
        if (m.status === 'cancelled')
          throw new AppError(
            'E_TRANSITION_NOT_ALLOWED',
            `Measure ${measureId} was cancelled; add it anew instead`,
          );
        const currentDto: Record<string, unknown> = {
          fundingSource: m.funding_source,
          amount: num(m.amount),
          responsibleUnit: m.responsible_unit,
          startDate: m.start_date,
          deadline: m.deadline,
          outcome: m.outcome,
          status: m.status,
        };
        const next = { ...currentDto };
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        const set: Record<string, unknown> = {};
        for (const [k, col] of Object.entries(FIELD_COLUMNS)) {
          const v = (body as unknown as Record<string, unknown>)[k];
          if (v === undefined) continue;
          const value = typeof v === 'string' && k !== 'status' ? v.trim() || null : v;
          if (same(value, currentDto[k])) continue;
          before[k] = currentDto[k];
          after[k] = value;
          set[col] = value;
          next[k] = value;
        }
        if (!Object.keys(set).length) return;
        if (next.status === 'completed' && !next.outcome)
          throw invalid('outcome', 'a completed measure records its outcome');
        if (next.status === 'cancelled' && !body.reason?.trim())
          throw invalid('reason', 'cancelling a measure needs a reason');
        if (next.startDate && next.deadline && (next.deadline as string) < (next.startDate as string))
          throw invalid('deadline', `${String(next.deadline)} is before the start ${String(next.startDate)}`);
        await repo.updateMeasure(trx, measureId, set);
        await repo.touchPlan(trx, plan.id);
        await recordAudit(
          trx,
          { id: user.id, name: user.username },
          {
            action: after.status ? 'plan.measure.status' : 'plan.measure.update',
            entityType: 'household',
            entityId: h.id,
            regionCode: h.village_code,
            before: { planId: plan.id, measureId, catalogueCode: m.catalogue_code, ...before },
            after: { planId: plan.id, measureId, catalogueCode: m.catalogue_code, ...after },
            reason: body.reason ?? null,
          },
        );
      });
    },

    /** Record the household's agreement (or refusal) to a plan, as an officer or cadre. */
    async agree(user: AuthUser, planId: string, input: AgreementInput & { version: number }) {
      assertMayEdit(user);
      const p = await repo.planById(db, planId);
      if (!p) throw notFound('plan', planId);
      await recordAgreement(db, { id: user.id, name: user.username }, p.household_id, p.year, input, {
        check: (h) => assertInScope(user, h.village_code),
        now: clock.now(),
      });
      return planView(db, p.household_id, p.year, today(), true);
    },

    /** Plans of a year in a region whose measures do not answer the causes (the gap list). */
    async gaps(
      user: AuthUser,
      q: { region: string; year: number; problem?: string | undefined; page: number; pageSize: number },
    ) {
      const region = q.region || user.scopeCode;
      assertInScope(user, region);
      await refreshFits(region, q.year);
      const [counts, rows, cat, withoutPlan] = await Promise.all([
        repo.planCounts(db, region, q.year),
        repo.fitRows(db, sql<SqlBool>`${repo.inYear(region, q.year)} and p.fits = false`),
        loadCatalogue(db),
        repo.withoutPlan(db, region, q.year),
      ]);
      const checked = rows.map((r) => ({ r, fit: fitOf(r, cat.map) })).filter((x) => !x.fit.fits);
      const bad = checked.filter((x) => !q.problem || x.fit.problems.some((p) => p.kind === q.problem));
      const byKind: Record<string, number> = {};
      for (const x of checked) for (const p of x.fit.problems) byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
      const plans = counts.reduce((n, c) => n + c.n, 0);
      return {
        year: q.year,
        region,
        plans,
        fitting: plans - checked.length,
        withoutPlan,
        byProblem: byKind,
        total: bad.length,
        page: q.page,
        pageSize: q.pageSize,
        items: bad.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map(({ r, fit }) => ({
          planId: r.plan_id,
          householdId: r.household_id,
          householdNo: r.household_no,
          headName: r.head_name,
          villageCode: r.village_code,
          villageName: r.village_name,
          householdStatus: r.household_status,
          mainCause: r.main_cause,
          planStatus: r.plan_status,
          problems: fit.problems as FitProblem[],
        })),
      };
    },

    /** Figures for a region and year: plans, fit, agreement, measures by status, overdue, amount. */
    async summary(user: AuthUser, q: { region: string; year: number }) {
      const region = q.region || user.scopeCode;
      assertInScope(user, region);
      return figures(region, q.year);
    },

    /** The summary's figures without a scope check (callers check: e.g. the responsibility summary). */
    figures,
  };
}
export type PlanService = ReturnType<typeof createPlanService>;
