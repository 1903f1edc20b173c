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
import type { PolicyParams } from '../../domain/rules/params.js';
import { ageOn } from '../households/mapper.js';
import type { GapKey } from './data-gaps.js';
import type { FactsHousehold, RegistryRows, YearRow } from './repository.js';

/**
 * Registry rows → `HouseholdFacts` for an evaluation year, plus the facts the registry lacks (gaps,
 * see data-gaps.ts). Pure. Conventions (docs/policy-and-cases.md, "Facts"): the last 12 months are
 * the year's income row; rigid spending is the recorded medical cost; measures are inferred from
 * registry fields; missing labour capacity is inferred from age and health.
 */

export interface FactsInput extends RegistryRows {
  /** Hits from department lists, or null when no department data source is connected. */
  redLineHits: RedLineHit[] | null;
}

export interface BuiltFacts {
  facts: HouseholdFacts;
  gaps: GapKey[];
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : null;
const n = (v: string | number | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));
const ASSET_RED_LINES = new Set(['car', 'commercial_housing', 'company']);

function labourOf(m: Member, age: number): { capacity: LabourCapacity; inferred: boolean } {
  const recorded = oneOf(LABOUR_CAPACITIES, m.labour_capacity);
  if (recorded) return { capacity: recorded, inferred: false };
  const able = age >= 16 && age < 60 && m.health !== 'serious' && m.health !== 'disabled';
  return { capacity: able ? 'ordinary' : 'none', inferred: true };
}

function memberFacts(m: Member, on: Date): { facts: MemberFacts; inferred: boolean } {
  const age = ageOn(m.birth_date, on);
  const labour = labourOf(m, age);
  const status =
    m.member_status === 'deceased' || m.member_status === 'moved_out' ? m.member_status : 'present';
  return {
    inferred: labour.inferred,
    facts: {
      id: m.id,
      age,
      sex: m.sex === '2' ? '2' : '1',
      relation: m.relation,
      studentStatus: oneOf(STUDENT_STATUSES, m.student_status),
      health: oneOf(HEALTH_CODES, m.health) ?? 'healthy',
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
      employmentCost12m: 0,
    },
  };
}

/** Measure types the registry shows indirectly (no measures table yet). */
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

const monitoringIncome = (y: YearRow) => (n(y.net_income) - n(y.medical_cost)) / Math.max(1, y.size);

/** Months above the monitoring line, estimated from yearly rows: 12 for this year, 12 more for last year. */
function monthsAboveLine(year: YearRow, prev: YearRow | undefined, p: PolicyParams): number {
  if (monitoringIncome(year) < p.monitoringLine) return 0;
  const prevLine = p.monitoringLineFactor * p.previousPovertyLine;
  return prev && prev.year === year.year - 1 && monitoringIncome(prev) >= prevLine ? 24 : 12;
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
  const measures = inferMeasures(h, input.members, y);
  const hits = input.redLineHits ?? [];
  const net = n(y.net_income);
  const medical = n(y.medical_cost);
  const grade = oneOf(HOUSE_GRADES, h.house_grade) as HouseGrade | null;

  const gaps: GapKey[] = [
    ...(input.redLineHits === null ? (['department_lists'] as const) : []),
    'food_clothing',
    'measures',
    'follow_up',
    'rigid_spending',
    'shock_evidence',
    'dibao_investigation',
    'legal_supporters',
    'last_12_months',
    ...(grade === null || !p.safeHousingGrades.includes(grade) ? (['housing_rebuilt'] as const) : []),
    ...(members.some((m) => m.inferred) ? (['labour_capacity'] as const) : []),
  ];

  const facts: HouseholdFacts = {
    asOf,
    status,
    householdType: h.household_type as HouseholdType,
    registeredPoorYear: h.registered_year,
    members: members.map((m) => m.facts),
    income: {
      year,
      size: y.size,
      wages: n(y.wage_income),
      business: n(y.business_income),
      productionCost: n(y.production_cost),
      property: n(y.property_income),
      transfers: n(y.transfer_income),
      eligibleMedicalCost: medical,
    },
    previousPerCapita: input.years
      .filter((r) => r.year < year)
      .map((r) => ({ year: r.year, perCapita: n(r.per_capita_income) })),
    last12Months: {
      size: y.size,
      netIncome: net,
      eligibleMedicalCost: medical,
      previousNetIncome: prev && prev.year === year - 1 ? n(prev.net_income) : null,
      rigidSpending: medical,
      assistanceReceived: n(y.transfer_dibao),
    },
    housing: { grade, relocated: h.relocated, rebuilt: false },
    safeWater: h.safe_water,
    foodClothingSecure: true,
    redLineHits: hits,
    monitoring: {
      since: input.monitoredSince ?? (h.status === 'monitored' ? h.status_date : null),
      measuresApplied: h.status === 'monitored' ? measures.length : 0,
      monthsAboveLine: monthsAboveLine(y, prev, p),
      rigidSpendingResolved: medical < p.suddenShock.rigidSpendingShare * Math.max(0, net),
      newRisk: false,
    },
    measures,
    shockEvidence: [],
    dibao: {
      obligedSupport12m: 0,
      deductible12m: { medical, disability: 0, schooling: 0 },
      assetsWithinLimits: !hits.some((x) => ASSET_RED_LINES.has(x.key)),
      spendingWithinLimits: true,
    },
    legalSupporters: [],
  };
  return { facts, gaps };
}
