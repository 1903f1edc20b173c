import type { Stratum } from './design.js';

/**
 * When the checks support a verdict (issue 20 item 7: "verdicts shown only when the data support them").
 * The estimates are weighted by the design's strata (design.ts): the wrong-exit rate rests on the
 * `exited` stratum, the omission rate on the two strata outside the registry. Until most of each is
 * checked, an estimate describes the households checked first, not the county, and a verdict on it
 * (一票否决 or not) would be premature. The threshold, from the design:
 * - in each of the two groups of strata, at least `MIN_CHECKED_SHARE` (80 %) of the sampled households
 *   checked (an unreachable household counts as visited but gives no answer, so not as checked), and
 * - in each sampled village, at least one checked household (the villages are the first-stage units:
 *   a village with no answer leaves its township's estimate without its part of the variance).
 * A group the design sampled nobody in (no exited household in the county) asks nothing.
 */
export const MIN_CHECKED_SHARE = 0.8;

export type CoverageGroup = 'exited' | 'outside';

export interface CoverageAnswer {
  village: string;
  stratum: Stratum;
  status: string;
}

export interface Coverage {
  enough: boolean;
  minShare: number;
  groups: { group: CoverageGroup; sampled: number; checked: number; share: number | null; enough: boolean }[];
  villages: { sampled: number; withCheck: number };
}

const groupOf = (s: Stratum): CoverageGroup => (s === 'exited' ? 'exited' : 'outside');

export function checkCoverage(answers: readonly CoverageAnswer[], villages: readonly string[]): Coverage {
  const groups = (['exited', 'outside'] as const).map((group) => {
    const mine = answers.filter((a) => groupOf(a.stratum) === group);
    const checked = mine.filter((a) => a.status === 'checked').length;
    const share = mine.length > 0 ? checked / mine.length : null;
    return {
      group,
      sampled: mine.length,
      checked,
      share,
      enough: share === null || share >= MIN_CHECKED_SHARE,
    };
  });
  const withCheck = new Set(answers.filter((a) => a.status === 'checked').map((a) => a.village));
  const v = { sampled: villages.length, withCheck: villages.filter((c) => withCheck.has(c)).length };
  const someChecked = answers.some((a) => a.status === 'checked');
  return {
    enough: someChecked && groups.every((g) => g.enough) && v.withCheck === v.sampled,
    minShare: MIN_CHECKED_SHARE,
    groups,
    villages: v,
  };
}
