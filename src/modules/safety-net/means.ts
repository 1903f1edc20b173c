import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { assessDibaoIncome } from '../../domain/rules/dibao-income.js';
import { dibaoReviewKind, type DibaoReviewKind } from '../../domain/rules/dibao-review.js';
import type { HouseholdFacts } from '../../domain/rules/facts.js';
import { isSeriouslyIllOrSeverelyDisabled, presentMembers } from '../../domain/rules/members.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import type { RuleResult } from '../../domain/rules/reason.js';
import { specialHardship, type SpecialHardshipDecision } from '../../domain/rules/special-hardship.js';
import { dibaoBenefit, type DibaoBenefit } from '../../domain/safety-net/benefit.js';
import type { SafetyNetParams } from '../../domain/safety-net/params.js';
import { notFound } from '../../kernel/errors.js';
import type { FactsLoader } from '../facts/loader.js';
import type { SafetyNetParamsFor } from './params-service.js';
import { refuse } from './rights.js';
import { supportersOf, type Supporter } from './supporters.js';

export interface MeansResult {
  householdId: string;
  villageCode: string;
  asOf: string;
  year: number;
  params: SafetyNetParams;
  policy: PolicyParams;
  facts: HouseholdFacts;
  supporters: Supporter[];
  reviewKind: DibaoReviewKind;
  benefit: DibaoBenefit;
  hardship: RuleResult<SpecialHardshipDecision>;
}

/** Support from obliged relatives recorded as facts replaces what the registry row says (never added to it). */
export function withSupporters(f: HouseholdFacts, s: readonly Supporter[]): HouseholdFacts {
  if (s.length === 0) return f;
  return {
    ...f,
    dibao: { ...f.dibao, obligedSupport12m: s.reduce((sum, x) => sum + x.counted12m, 0) },
    legalSupporters: s.map((x) => ({ relation: x.relation, able: x.capacity === 'able' })),
  };
}

/**
 * The means test of a household on a day (`asOf`): the registry's facts of its latest income year
 * (src/modules/facts), the obliged relatives' support from the recorded facts, the dibao assessment
 * and benefit, the review kind and the 特困 rule, under the region's parameters.
 */
export function createMeansTest(deps: { db: Kysely<DB>; facts: FactsLoader; paramsFor: SafetyNetParamsFor }) {
  const { db, facts, paramsFor } = deps;
  return async function meansTest(householdId: string, asOf: string): Promise<MeansResult> {
    const h = await facts.household(householdId);
    if (!h) throw notFound('household', householdId);
    const year = await facts.latestYear(householdId, Number(asOf.slice(0, 4)));
    if (year === null)
      throw refuse(
        'E_CONFLICT',
        'the household has no income year: record its income before the means test',
        '该户没有年度收入记录，请先录入收入再做家庭经济状况核对',
        { householdId },
      );
    const { policy, params } = await paramsFor(h.village_code, asOf);
    const p = { ...policy, ruralDibaoStandardMonthly: params.dibaoStandardMonthly };
    // current facts: the facts recorded up to `asOf` (the 12 confirmed months ending with it, the
    // means and supporters on file today); without 12 recorded months, the latest income year's
    // row as of its 31 December (the row is exactly those 12 months)
    const yearEnd = `${year}-12-31`;
    const [[current], sup] = await Promise.all([
      facts.load([h], year, asOf, () => p),
      supportersOf(db, [householdId], asOf),
    ]);
    const loaded =
      current?.built && (current.built.facts.last12Months !== null || yearEnd >= asOf)
        ? current
        : (await facts.load([h], year, yearEnd, () => p))[0];
    if (!loaded?.built) throw notFound('income year of household', householdId);
    const supporters = sup.get(householdId) ?? [];
    const f = withSupporters(loaded.built.facts, supporters);
    const reviewKind = dibaoReviewKind(f);
    const single = presentMembers(f).find((m) => isSeriouslyIllOrSeverelyDisabled(m, p));
    const assessment = assessDibaoIncome(f, p);
    if (!assessment)
      throw refuse(
        'E_CONFLICT',
        'the income of the last 12 months is not known: record it before the means test',
        '近 12 个月收入未知，请先录入收入再做家庭经济状况核对',
        { householdId },
      );
    const benefit = dibaoBenefit(
      {
        assessment,
        reviewKind,
        assetsWithinLimits: f.dibao.assetsWithinLimits,
        spendingWithinLimits: f.dibao.spendingWithinLimits,
        singleCandidate: single?.id ?? null,
      },
      params,
    );
    return {
      householdId,
      villageCode: h.village_code,
      asOf,
      year,
      params,
      policy: p,
      facts: f,
      supporters,
      reviewKind,
      benefit,
      hardship: specialHardship(f, p),
    };
  };
}
export type MeansTest = ReturnType<typeof createMeansTest>;
