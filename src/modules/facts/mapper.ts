import type { Member } from '../../db/types.js';
import type { HouseholdStatus, HouseholdType } from '../../domain/code-lists.js';
import {
  HEALTH_CODES,
  HOUSE_GRADES,
  LABOUR_CAPACITIES,
  STUDENT_STATUSES,
  type HouseGrade,
  type HouseholdFacts,
  type LabourCapacity,
  type MeasureType,
  type MemberFacts,
  type RedLineHit,
} from '../../domain/rules/facts.js';
import type { DefaultedValue } from '../../domain/rules/defaults.js';
import { canWork, inferredLabour } from '../../domain/rules/members.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import { ageOn } from '../households/mapper.js';
import type { GapKey } from './data-gaps.js';
import { countedMeasures, fromRecorded, type RecordedSet } from './recorded.js';
import type { FactsHousehold, PlanRow, RegistryRows, YearRow } from './repository.js';

/**
 * Registry rows, recorded facts (recorded.ts) and plan measures → `HouseholdFacts` for an evaluation
 * year. Pure. Conventions (docs/policy-and-cases.md, "Facts read"): a fact the registry does not
 * hold stays `null` and the rules that need it return `verify`; measures are the household's plan
 * measures, inferred from registry fields only when it has no plan; missing labour capacity is
 * inferred from age and health. `gaps` lists these two inferences — never a defaulted value.
 */

export interface FactsInput extends RegistryRows {
  /** Hits from department lists, or null when no department data source is connected. */
  redLineHits: RedLineHit[] | null;
  /** Confirmed facts and pending proposals (empty when none). */
  recorded?: RecordedSet;
}

export interface BuiltFacts {
  facts: HouseholdFacts;
  /** Inferences (labour capacity, measures without a plan) the reasons name. */
  gaps: GapKey[];
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : null;
const n = (v: string | number | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));
const ASSET_RED_LINES = new Set(['car', 'commercial_housing', 'company']);

function labourOf(m: Member, age: number): { capacity: LabourCapacity; inferred: boolean } {
  const recorded = oneOf(LABOUR_CAPACITIES, m.labour_capacity);
  if (recorded) return { capacity: recorded, inferred: false };
  return { capacity: inferredLabour(age, m.health), inferred: true };
}

function memberFacts(
  m: Member,
  on: Date,
): { facts: MemberFacts; inferred: boolean; defaults: DefaultedValue[] } {
  const age = ageOn(m.birth_date, on);
  const labour = labourOf(m, age);
  const status =
    m.member_status === 'deceased' || m.member_status === 'moved_out' ? m.member_status : 'present';
  const health = oneOf(HEALTH_CODES, m.health);
  const migrant = n(m.migrant_months) > 0;
  const defaults: DefaultedValue[] =
    status !== 'present'
      ? []
      : [
          ...(health === null
            ? [{ key: 'member_health' as const, memberId: m.id, labourInferred: labour.inferred }]
            : []),
          ...(migrant && m.migrant_monthly_wage === null
            ? [{ key: 'migrant_wage' as const, memberId: m.id }]
            : []),
        ];
  return {
    inferred: labour.inferred,
    defaults,
    facts: {
      id: m.id,
      age,
      sex: m.sex === '2' ? '2' : '1',
      relation: m.relation,
      studentStatus: oneOf(STUDENT_STATUSES, m.student_status),
      // not recorded: read as healthy, listed in `defaults` (the rules keep a decision only if it does not matter)
      health: health ?? 'healthy',
      disabilityGrade: m.disability_grade,
      labourCapacity: labour.capacity,
      insurance: {
        basicMedical: m.ins_basic_medical,
        criticalIllness: m.ins_critical_illness,
        medicalAssistance: m.ins_medical_assistance,
      },
      dibao: m.is_dibao,
      tekun: m.is_tekun,
      status,
      earnings12m: n(m.migrant_months) * n(m.migrant_monthly_wage),
      employmentCost12m: 0, // set from the monthly records in toFacts
    },
  };
}

/** Measure types the registry shows indirectly: read only for a household without a plan (reasons say "inferred"). */
export function inferMeasures(h: FactsHousehold, members: readonly Member[], y: YearRow): MeasureType[] {
  const present = members.filter((m) => m.member_status === 'present' || !m.member_status);
  const out = new Set<MeasureType>();
  if (present.some((m) => n(m.welfare_job_months) > 0)) out.add('welfare_job');
  if (present.some((m) => n(m.migrant_months) > 0)) out.add('employment');
  if (h.relocated) out.add('relocation');
  if (n(y.transfer_eco) > 0) out.add('eco_compensation');
  if (present.some((m) => m.is_dibao || m.is_tekun)) out.add('social_security');
  if (h.coop_member || h.enterprise_tie) out.add('industry');
  return [...out];
}

/** Facts of one household for `year` (null without an income row of that year). */
export function toFacts(input: FactsInput, year: number, asOf: string, p: PolicyParams): BuiltFacts | null {
  const y = input.years.find((r) => r.year === year);
  if (!y) return null;
  const h = input.household;
  const on = new Date(`${asOf}T00:00:00Z`);
  const members = input.members.map((m) => memberFacts(m, on));
  const prev = input.years.filter((r) => r.year < year).at(-1);
  const latest = Math.max(...input.years.map((r) => r.year));
  // The latest year: the status now (decisions taken count). An earlier year: the status at its
  // start (end of the year before), so that a look-back lists who qualified during that year.
  const startOfYear = input.years.find((r) => r.year === year - 1)?.status ?? y.status;
  const status = (year === latest ? h.status : startOfYear) as HouseholdStatus;
  const hits = input.redLineHits;
  const grade = oneOf(HOUSE_GRADES, h.house_grade) as HouseGrade | null;
  const plan = planMeasures(input.plans, year, asOf);
  const measures = plan
    ? [...new Set(plan.map((m) => m.type as MeasureType))]
    : inferMeasures(h, input.members, y);
  const since = input.monitoredSince ?? (h.status === 'monitored' ? h.status_date : null);
  const sinceYear = since === null ? year : Number(since.slice(0, 4));
  const applied = plan ? plan.filter((m) => m.planYear >= sinceYear).length : measures.length;
  const r = fromRecorded(input.recorded ?? { facts: [], pending: [] }, {
    asOf,
    year,
    size: y.size,
    yearRow: { net: n(y.net_income), medical: n(y.medical_cost), assistance: n(y.transfer_dibao) },
    prevYearNet: prev && prev.year === year - 1 ? n(prev.net_income) : null,
    params: p,
    registryHousing: { grade, relocated: h.relocated, rebuilt: null },
    registrySafeWater: h.safe_water,
    assetRedLine: (hits ?? []).some((x) => ASSET_RED_LINES.has(x.key)),
  });
  const gaps: GapKey[] = [
    ...(plan ? [] : (['measures'] as const)),
    ...(members.some((m) => m.inferred) ? (['labour_capacity'] as const) : []),
  ];

  const wages = r.last12Months && r.employmentCost12m === null ? n(y.wage_income) : 0;
  const defaults: DefaultedValue[] = [
    ...members.flatMap((m) => m.defaults),
    // employment costs are recorded by month; without the months only a household without wages has none
    ...(r.employmentCost12m === null && wages > 0 ? [{ key: 'employment_cost' as const }] : []),
    ...r.defaults.flatMap((d) => (d.key === 'deductible_spending' ? spendingThatCouldBe(d, members) : [d])),
  ];

  const facts: HouseholdFacts = {
    asOf,
    status,
    householdType: h.household_type as HouseholdType,
    registeredPoorYear: h.registered_year,
    members: withEmploymentCost(
      members.map((m) => m.facts),
      r.employmentCost12m ?? 0,
    ),
    income: {
      year,
      size: y.size,
      wages: n(y.wage_income),
      business: n(y.business_income),
      productionCost: n(y.production_cost),
      property: n(y.property_income),
      transfers: n(y.transfer_income),
      eligibleMedicalCost: n(y.medical_cost),
    },
    previousPerCapita: input.years
      .filter((row) => row.year < year)
      .map((row) => ({ year: row.year, perCapita: n(row.per_capita_income) })),
    last12Months: r.last12Months,
    housing: r.housing,
    safeWater: r.safeWater,
    foodClothingSecure: r.foodClothingSecure,
    redLineHits: hits,
    monitoring: {
      since,
      measuresApplied: h.status === 'monitored' ? applied : 0,
      monthsAboveLine: r.monthsAboveLine,
      rigidSpendingResolved:
        r.last12Months?.rigidSpending == null
          ? null
          : r.last12Months.rigidSpending <
            p.suddenShock.rigidSpendingShare * Math.max(0, r.last12Months.netIncome),
      newRisk: r.newRisk,
    },
    measures,
    measureBasis: plan ? 'plan' : 'inferred',
    planMeasures: plan ?? [],
    shockEvidence: r.shockEvidence,
    dibao: r.dibao,
    legalSupporters: r.legalSupporters,
    sources: r.sources ?? {},
    pending: r.pending ?? [],
    defaults,
  };
  return { facts, gaps };
}

/**
 * Unchecked schooling or disability spending can be other than none only with a present member in
 * school (beyond none or out of school) or disabled: else none is known, not a default.
 */
function spendingThatCouldBe(
  d: Extract<DefaultedValue, { key: 'deductible_spending' }>,
  members: readonly { facts: MemberFacts }[],
): DefaultedValue[] {
  const present = members.map((m) => m.facts).filter((m) => m.status === 'present');
  const could = {
    schooling: present.some(
      (m) =>
        m.studentStatus !== null && !['not_student', 'out_of_school', 'exempt'].includes(m.studentStatus),
    ),
    disability: present.some((m) => m.health === 'disabled' || m.disabilityGrade !== null),
  };
  const categories = d.categories.filter((c) => could[c]);
  return categories.length ? [{ key: 'deductible_spending', categories }] : [];
}

/**
 * The household's employment costs of the 12 months shared evenly among the present members who work
 * (able to work or earning; else all present): the dibao assessment caps each member's share, so an
 * even share deducts min(total, cap × workers).
 */
function withEmploymentCost(members: MemberFacts[], total: number): MemberFacts[] {
  if (total <= 0) return members;
  const present = members.filter((m) => m.status === 'present');
  const workers = present.filter((m) => canWork(m) || m.earnings12m > 0);
  const on = new Set((workers.length ? workers : present).map((m) => m.id));
  const each = total / Math.max(1, on.size);
  return members.map((m) => (on.has(m.id) ? { ...m, employmentCost12m: each } : m));
}

/** The measures counted from the household's plans of the evaluation year and the two before; null without a plan. */
function planMeasures(plans: readonly PlanRow[] | undefined, year: number, asOf: string) {
  const inRange = (plans ?? []).filter((pl) => pl.year <= year && pl.year >= year - 2);
  if (inRange.length === 0) return null;
  return countedMeasures(
    inRange.flatMap((pl) => pl.measures.map((m) => ({ ...m, planYear: pl.year }))),
    asOf,
  );
}
