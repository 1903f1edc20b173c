import { addDays } from '../../domain/calendar.js';
import { netOfMonth, type FactKind, type KindValue } from '../../domain/facts/kinds.js';
import type { DefaultedValue } from '../../domain/rules/defaults.js';
import type { FactSource, HouseholdFacts, Last12Months, PlanMeasureFact } from '../../domain/rules/facts.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import { round2 } from '../../domain/rules/reason.js';

/**
 * Recorded facts (table household_fact, issue 16) → the parts of `HouseholdFacts` the registry row
 * does not hold. Pure. Conventions (docs/policy-and-cases.md, "Facts read"):
 * - the last 12 months are the 12 calendar months ending with the evaluation month (the month
 *   before when the evaluation date is not a month's last day): summed from monthly income records
 *   when all 12 are confirmed, else the year's income row when the evaluation date is its
 *   31 December (the row is then exactly those 12 months), else unknown;
 * - months above the line: consecutive 12-month windows (ending with the last month, going back)
 *   whose per-capita net income reaches the monitoring line; unknown without 12 monthly records;
 * - a screening visit = a food-and-clothing record observed in the 12 months: with it, no rigid
 *   spending, risk or shock recorded means none (the visit is then the source of "none"); without it
 *   they are unknown;
 * - legal supporters are investigated when one is recorded or the dibao means test is on file;
 * - the means test counts only when verified (`verified`), against MEANS_LIMITS;
 * - what is filled in without a record is listed in `defaults` (src/domain/rules/defaults.ts): the
 *   support already in the income without monthly records, schooling and disability spending
 *   without a screening visit (the mapper adds the employment costs and the members' fields).
 */

export type RecordedFact = KindValue & {
  memberId: string | null;
  observedOn: string;
  source: string;
  sourceRef: string | null;
};

export interface RecordedSet {
  facts: readonly RecordedFact[];
  pending: readonly { kind: string; since: string }[];
}

/** The means-test limits (民政: no car; one house besides the rural home; deposits ≤ 24 months of the standard per person; spending ≤ 2 × the standard). */
export const MEANS_LIMITS = { vehicles: 0, houses: 1, depositMonths: 24, spendingFactor: 2 } as const;

export interface RecordedContext {
  asOf: string;
  year: number;
  size: number;
  /** The year's row and the year before's (null when absent), as yearly totals. */
  yearRow: { net: number; medical: number; assistance: number };
  prevYearNet: number | null;
  params: PolicyParams;
  registryHousing: HouseholdFacts['housing'];
  registrySafeWater: boolean;
  /** Asset red lines from department lists (car, commercial housing, company). */
  assetRedLine: boolean;
}

type Recorded = Pick<
  HouseholdFacts,
  | 'last12Months'
  | 'housing'
  | 'safeWater'
  | 'foodClothingSecure'
  | 'shockEvidence'
  | 'legalSupporters'
  | 'sources'
  | 'pending'
> & {
  monthsAboveLine: number | null;
  newRisk: boolean | null;
  dibao: HouseholdFacts['dibao'];
  /** The employment costs of the 12 months (monthly records); null without them. */
  employmentCost12m: number | null;
  /** Values filled in without a recorded fact (defaults.ts). */
  defaults: DefaultedValue[];
};

const ofKind = <K extends FactKind>(set: RecordedSet, k: K) =>
  set.facts.filter((f): f is Extract<RecordedFact, { kind: K }> => f.kind === k);
const latest = <T extends { observedOn: string }>(xs: readonly T[]): T | undefined =>
  [...xs].sort((a, b) => (a.observedOn < b.observedOn ? 1 : -1))[0];
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const month = (d: string) => d.slice(0, 7);

/** 'YYYY-MM' shifted by `k` months. */
export function shiftMonth(m: string, k: number): string {
  const idx = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + k;
  return `${String(Math.floor(idx / 12)).padStart(4, '0')}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** The last month of the 12-month window: the evaluation month when the date is its last day, else the month before. */
export function windowEnd(asOf: string): string {
  return addDays(asOf, 1).endsWith('-01') ? month(asOf) : shiftMonth(month(asOf), -1);
}

/** The `n` months ending with `end` ('YYYY-MM'), oldest first. */
export function monthsEnding(end: string, n = 12): string[] {
  return Array.from({ length: n }, (_, i) => shiftMonth(end, i - n + 1));
}

interface MonthFigures {
  net: number;
  assistance: number;
  support: number;
  employmentCost: number;
}

function incomeByMonth(set: RecordedSet): Map<string, MonthFigures> {
  const out = new Map<string, MonthFigures>();
  for (const f of ofKind(set, 'income_month'))
    out.set(f.value.month, {
      net: netOfMonth(f.value),
      assistance: f.value.items.transferDibao + f.value.items.transferTekun,
      support: f.value.items.transferSupport,
      employmentCost: f.value.items.employmentCost,
    });
  return out;
}

/** Consecutive windows (back from `end`) at or above the monitoring line; null without one full window. */
function monthsAbove(months: ReturnType<typeof incomeByMonth>, end: string, size: number, line: number) {
  let count = 0;
  for (let k = 0; ; k++) {
    const w = monthsEnding(shiftMonth(end, -k));
    if (!w.every((m) => months.has(m))) return k === 0 ? null : count;
    const pc = sum(w.map((m) => months.get(m)!.net)) / Math.max(1, size);
    if (pc < line) return count;
    count++;
  }
}

function source(f: { observedOn: string; source: string; sourceRef: string | null }): FactSource {
  return { observedOn: f.observedOn, source: f.source, sourceRef: f.sourceRef };
}

function within(from: string, to: string, d: string) {
  return d >= from && d <= to;
}

export function fromRecorded(set: RecordedSet, c: RecordedContext): Recorded {
  const sources: Record<string, FactSource> = {};
  const end = windowEnd(c.asOf);
  const window = monthsEnding(end);
  const from = `${window[0]}-01`;
  const to = c.asOf;
  const months = incomeByMonth(set);
  const full = window.every((m) => months.has(m));
  const prevWindow = monthsEnding(shiftMonth(end, -12));

  const food = latest(ofKind(set, 'food_clothing'));
  const screened = food !== undefined && food.observedOn >= from;
  const rigid = ofKind(set, 'rigid_spending').filter(
    (f) => f.value.periodTo >= from && f.value.periodFrom <= to,
  );
  const rigidBy = (cat: string) =>
    sum(rigid.filter((f) => f.value.category === cat).map((f) => f.value.amount));
  const medicalFacts = rigid.some((f) => f.value.category === 'medical');
  const medical = medicalFacts ? rigidBy('medical') : c.yearRow.medical;

  let last12: Last12Months | null = null;
  if (full || c.asOf === `${c.year}-12-31`) {
    const fromMonths = full;
    last12 = {
      size: c.size,
      netIncome: fromMonths ? round2(sum(window.map((m) => months.get(m)!.net))) : c.yearRow.net,
      eligibleMedicalCost: medical,
      previousNetIncome: prevWindow.every((m) => months.has(m))
        ? round2(sum(prevWindow.map((m) => months.get(m)!.net)))
        : c.prevYearNet,
      rigidSpending:
        screened || rigid.length > 0
          ? round2(
              medical +
                rigidBy('schooling') +
                rigidBy('disaster') +
                rigidBy('accident') +
                rigidBy('disability'),
            )
          : null,
      assistanceReceived: fromMonths
        ? round2(sum(window.map((m) => months.get(m)!.assistance)))
        : c.yearRow.assistance,
    };
    const lastMonth = [...ofKind(set, 'income_month')].sort((a, b) =>
      a.value.month < b.value.month ? 1 : -1,
    )[0];
    if (fromMonths && lastMonth) sources.income_month = source(lastMonth);
  }
  if (food) sources.food_clothing = source(food);
  // "none recorded" is known only from a screening visit: that visit is then the source
  if (rigid.length) sources.rigid_spending = source(latest(rigid)!);
  else if (screened && food) sources.rigid_spending = source(food);

  const housingFact = latest(ofKind(set, 'housing_safety'));
  const housing: HouseholdFacts['housing'] = housingFact
    ? {
        grade: housingFact.value.grade,
        relocated: housingFact.value.relocated || c.registryHousing.relocated,
        rebuilt: housingFact.value.rebuilt,
      }
    : { ...c.registryHousing, rebuilt: null };
  if (housingFact) sources.housing_safety = source(housingFact);
  const water = latest(ofKind(set, 'drinking_water'));
  if (water) sources.drinking_water = source(water);

  const risks = ofKind(set, 'risk');
  const open = risks.filter(
    (r) => r.value.afterInclusion && r.value.startedOn <= c.asOf && (r.value.removedOn ?? '9999') > c.asOf,
  );
  if (risks.length) sources.risk = source(latest(risks)!);
  else if (screened && food) sources.risk = source(food);
  const shocks = ofKind(set, 'shock').filter((s) => within(from, to, s.value.date));
  if (shocks.length) sources.shock = source(latest(shocks)!);

  const supporters = ofKind(set, 'legal_supporter');
  const means = latest(ofKind(set, 'dibao_means'));
  const investigated = supporters.length > 0 || means !== undefined;
  if (supporters.length) sources.legal_supporter = source(latest(supporters)!);
  if (means) sources.dibao_means = source(means);
  const supportReceived = full ? sum(window.map((m) => months.get(m)!.support)) : 0;
  const paid = sum(supporters.map((s) => s.value.paid12m));
  const verified = means?.value.verified ?? null;
  const S = c.params.ruralDibaoStandardMonthly;
  const defaults: DefaultedValue[] = [];
  // without monthly records, how much of what the supporters paid is already in the income is unknown
  if (investigated && !full && paid > 0) defaults.push({ key: 'support_in_income', paid12m: paid });
  // schooling and disability spending: "none recorded" means none only after a screening visit or
  // the home investigation of a verified means test (which assesses the deductions claimed)
  const unchecked = (['disability', 'schooling'] as const).filter(
    (cat) => !screened && verified === null && !rigid.some((f) => f.value.category === cat),
  );
  if (unchecked.length) defaults.push({ key: 'deductible_spending', categories: unchecked });

  return {
    last12Months: last12,
    housing,
    safeWater: water ? water.value.safe : c.registrySafeWater,
    foodClothingSecure: food ? food.value.secure : null,
    shockEvidence: shocks.map((s) => s.value.evidence).filter((e) => e.length > 0),
    legalSupporters: investigated
      ? supporters.map((s) => ({ relation: s.value.relation, able: s.value.capacity === 'able' }))
      : null,
    monthsAboveLine: monthsAbove(months, end, c.size, c.params.monitoringLine),
    newRisk: open.length > 0 ? true : screened || risks.length > 0 ? false : null,
    dibao: {
      obligedSupport12m: investigated ? round2(Math.max(0, paid - supportReceived)) : null,
      deductible12m: { medical, disability: rigidBy('disability'), schooling: rigidBy('schooling') },
      assetsWithinLimits: c.assetRedLine
        ? false
        : verified === null
          ? null
          : verified.vehicles <= MEANS_LIMITS.vehicles &&
            verified.houses <= MEANS_LIMITS.houses &&
            verified.deposits <= MEANS_LIMITS.depositMonths * S * c.size,
      spendingWithinLimits:
        verified === null ? null : verified.spending12m <= MEANS_LIMITS.spendingFactor * S * 12 * c.size,
    },
    sources,
    pending: set.pending.map((p) => ({ kind: p.kind, since: p.since })),
    // by month, else as the means test accepted them
    employmentCost12m: full
      ? round2(sum(window.map((m) => months.get(m)!.employmentCost)))
      : (means?.value.employmentCost12m ?? null),
    defaults,
  };
}

/** Plan measures a rule counts: in progress or completed, started by the evaluation date. */
export function countedMeasures(
  rows: readonly (PlanMeasureFact & { planYear: number })[],
  asOf: string,
): (PlanMeasureFact & { planYear: number })[] {
  return rows.filter(
    (m) =>
      (m.status === 'in_progress' || m.status === 'completed') &&
      (m.startDate === null || m.startDate <= asOf),
  );
}
