import type { Kysely } from 'kysely';
import type { DB, Household, HouseholdPlan, Member, PlanMeasure } from '../../db/types.js';
import {
  PLANNED_STATUSES,
  type AgreementMethod,
  type CatalogueEntry,
  type MeasureStatus,
} from '../../domain/plans/catalogue.js';
import { ableToWork, type DraftMember } from '../../domain/plans/draft.js';
import { checkFit, type FitResult } from '../../domain/plans/fit.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { loadRegionalCatalogue } from './catalogue-regional.js';
import { plansRepository as repo } from './repository.js';

/** The plan as the API shows it: measures with their catalogue names, the fit check, the household. */

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

/** The catalogue effective in a region ('' national; catalogue-regional.ts) as entries and as a map by code. */
export async function loadCatalogue(db: Kysely<DB>, region = '') {
  return loadRegionalCatalogue(db, region);
}

/** The household's plan of a year as the API shows it (null plan when there is none). */
export async function planView(
  db: Kysely<DB>,
  householdId: string,
  year: number,
  today: string,
  canEdit: boolean,
) {
  const h = await repo.household(db, householdId);
  if (!h) throw notFound('household', householdId);
  const [members, plan, years, cat] = await Promise.all([
    repo.members(db, [householdId]),
    repo.plan(db, householdId, year),
    repo.planYears(db, householdId),
    loadCatalogue(db, h.village_code),
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

/** E_CONFLICT: a version check failed; `current` is what the caller should reload. */
export const conflict = (what: string, now: number, yours: number, current: unknown) =>
  new AppError(
    'E_CONFLICT',
    `${what} was changed by someone else (now version ${now}, yours ${yours}); reload it and apply your change again`,
    { current },
  );

/** E_VALIDATION on one body field. */
export const invalid = (field: string, message: string) =>
  new AppError('E_VALIDATION', `Invalid body.${field}: ${message}`, [{ field: `body.${field}`, message }]);

/** Whether two field values are equal as JSON (null and undefined alike). */
export const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The first day a measure of a plan of `year` starts: today in the plan's year, else 1 January. */
export const planStart = (year: number, today: string) =>
  Number(today.slice(0, 4)) === year ? today : `${year}-01-01`;
