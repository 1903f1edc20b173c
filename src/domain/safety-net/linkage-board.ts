import { REGISTERED_STATUSES } from '../code-lists.js';
import { assessDibaoIncome } from '../rules/dibao-income.js';
import { dibao } from '../rules/dibao.js';
import { DEVELOPMENT_MEASURES, type HouseholdFacts, type MeasureType } from '../rules/facts.js';
import { canWork, presentMembers } from '../rules/members.js';
import type { PolicyParams } from '../rules/params.js';
import { round2 } from '../rules/reason.js';

/**
 * The linkage board (保障与开发衔接, issue 18 item 8; docs/safety-net.md "Linkage board"): per household
 * the gaps between the safety net and development-oriented assistance, counted by region.
 *
 *  - `eligible_not_covered`: a registry household (registered poor, exited or monitored) that meets the
 *    dibao conditions (the dibao rule: eligible or single-person coverage) and no member of which is on
 *    dibao or 特困 (a member's flag or an open roll entry covering them);
 *  - `eligible_to_verify`: the same household whose assessed income is below the standard but whose
 *    eligibility is not decided (the dibao rule's `verify`: obliged relatives' support not investigated,
 *    assets or red lines unknown) — the cases to investigate before one can say "not covered";
 *  - `dibao_labour_no_development`: a dibao household with a member able to work and no development
 *    measure (industry, employment, public-welfare job, finance) among its active measures;
 *  - `tekun_development`: a 特困 household with a measure that needs someone able to work (employment,
 *    a public-welfare job, microcredit: `LABOUR_MEASURES`) although nobody outside 特困 support can
 *    work — a 特困 person has, by definition, no capacity to work. An industry measure is not counted:
 *    for a household without labour it is the asset-income dividend (资产收益扶贫), which fits;
 *  - `near_dibao` (低保边缘): not covered, assessed per-capita monthly income at or above the dibao
 *    standard and at most `nearFactor` × the standard (parameter `nearDibaoFactor`, 1.5);
 *  - `overlap`: a person on dibao and 特困 at once — must be 0 (the two exclude each other).
 *
 * The first and the fourth rest on health and disability (the dibao assessment disregards a disabled
 * member's earnings); the board shows their counts to every reader (a decision is kept, as a rule
 * result's) and the assessed income only to readers who see health (the service).
 */
export const LINKAGE_INDICATORS = [
  'eligible_not_covered',
  'eligible_to_verify',
  'dibao_labour_no_development',
  'tekun_development',
  'near_dibao',
  'overlap',
] as const;
export type LinkageIndicator = (typeof LINKAGE_INDICATORS)[number];

export const INDICATOR_LABELS: Readonly<Record<LinkageIndicator, { zh: string; en: string }>> = {
  eligible_not_covered: { zh: '符合低保条件未纳入', en: 'Meets dibao conditions, not covered' },
  eligible_to_verify: { zh: '收入低于低保标准待核实', en: 'Income below the standard, to verify' },
  dibao_labour_no_development: {
    zh: '有劳动力的低保户无开发式措施',
    en: 'Dibao household with labour, no development measure',
  },
  tekun_development: { zh: '特困户有不适宜的开发式措施', en: '特困 household with a development measure' },
  near_dibao: { zh: '低保边缘户', en: 'Near-dibao household' },
  overlap: { zh: '低保与特困重复', en: 'On dibao and 特困 at once' },
};

/** Development measures that need a member able to work (a 特困 household's gap). */
export const LABOUR_MEASURES: readonly MeasureType[] = ['employment', 'welfare_job', 'finance'];

/** An open roll entry of the household (src/modules/safety-net: one at most, dibao or 特困). */
export interface OpenRoll {
  programme: 'dibao' | 'tekun';
  /** The one member covered alone (单人户); null: the whole household. */
  memberId: string | null;
}

export interface HouseholdLinkage {
  indicators: LinkageIndicator[];
  /** Assessed per-capita monthly income (dibao means test); null when it cannot be assessed. */
  perCapitaMonthly: number | null;
  standardMonthly: number;
  development: MeasureType[];
  onDibao: boolean;
  onTekun: boolean;
}

/** Persons of the household on each programme: by their flag or by the open roll entry covering them. */
function coverage(f: HouseholdFacts, roll: OpenRoll | null) {
  const present = presentMembers(f);
  const covers = (programme: OpenRoll['programme'], id: string) =>
    roll?.programme === programme && (roll.memberId === null || roll.memberId === id);
  const onDibao = new Set(present.filter((m) => m.dibao || covers('dibao', m.id)).map((m) => m.id));
  const onTekun = new Set(present.filter((m) => m.tekun || covers('tekun', m.id)).map((m) => m.id));
  return { present, onDibao, onTekun };
}

/** The board's indicators of one household under the region's parameters. */
export function householdLinkage(
  f: HouseholdFacts,
  p: PolicyParams,
  roll: OpenRoll | null,
  nearFactor: number = p.nearDibaoFactor,
): HouseholdLinkage {
  const { present, onDibao, onTekun } = coverage(f, roll);
  const covered = onDibao.size > 0 || onTekun.size > 0;
  const development = f.measures.filter((m) => DEVELOPMENT_MEASURES.includes(m));
  const a = assessDibaoIncome(f, p);
  const out: LinkageIndicator[] = [];
  if (!covered && REGISTERED_STATUSES.includes(f.status)) {
    const status: string = dibao(f, p).decision.status;
    if (status === 'eligible' || status === 'single_person') out.push('eligible_not_covered');
    else if (status === 'verify' && a !== null && a.perCapitaMonthly < a.standardMonthly)
      out.push('eligible_to_verify');
  }
  if (onDibao.size > 0 && present.some(canWork) && development.length === 0)
    out.push('dibao_labour_no_development');
  const needsLabour = development.some((m) => LABOUR_MEASURES.includes(m));
  if (onTekun.size > 0 && needsLabour && !present.some((m) => canWork(m) && !onTekun.has(m.id)))
    out.push('tekun_development');
  if (
    !covered &&
    a !== null &&
    a.perCapitaMonthly >= a.standardMonthly &&
    a.perCapitaMonthly <= nearFactor * a.standardMonthly
  )
    out.push('near_dibao');
  if ([...onDibao].some((id) => onTekun.has(id))) out.push('overlap');
  return {
    indicators: out,
    perCapitaMonthly: a === null ? null : round2(a.perCapitaMonthly),
    standardMonthly: p.ruralDibaoStandardMonthly,
    development: [...development],
    onDibao: onDibao.size > 0,
    onTekun: onTekun.size > 0,
  };
}

/** The dibao standard against the poverty line and the monitoring line (yuan per person per year). */
export interface StandardComparison {
  dibaoMonthly: number;
  dibaoAnnual: number;
  povertyLine: number;
  monitoringLine: number;
  /** Annual standard ÷ poverty line (two decimals). */
  ratioToLine: number;
  belowLine: boolean;
  /** The annual standard lies below the monitoring line: households between them are monitored, not on dibao. */
  belowMonitoringLine: boolean;
}

export function standardComparison(p: PolicyParams): StandardComparison {
  const annual = round2(p.ruralDibaoStandardMonthly * 12);
  return {
    dibaoMonthly: p.ruralDibaoStandardMonthly,
    dibaoAnnual: annual,
    povertyLine: p.povertyLine,
    monitoringLine: p.monitoringLine,
    ratioToLine: p.povertyLine > 0 ? round2(annual / p.povertyLine) : 0,
    belowLine: annual < p.povertyLine,
    belowMonitoringLine: annual < p.monitoringLine,
  };
}

export type IndicatorCounts = Record<LinkageIndicator, number> & {
  households: number;
  dibao: number;
  tekun: number;
};

export const emptyCounts = (): IndicatorCounts => ({
  households: 0,
  dibao: 0,
  tekun: 0,
  ...(Object.fromEntries(LINKAGE_INDICATORS.map((i) => [i, 0])) as Record<LinkageIndicator, number>),
});

/** Add one household to a region's counts. */
export function tally(
  c: IndicatorCounts,
  h: Pick<HouseholdLinkage, 'indicators' | 'onDibao' | 'onTekun'>,
): void {
  c.households++;
  if (h.onDibao) c.dibao++;
  if (h.onTekun) c.tekun++;
  for (const i of h.indicators) c[i]++;
}
