/** Decomposed annual targets (任务分解): a parent's value split among its direct sub-regions. */
export interface SplitProblem {
  kind: 'shortfall' | 'excess';
  regionCode: string;
  parentValue: number;
  childSum: number;
  difference: number;
}

/** The children must add up exactly to the parent; otherwise the shortfall or excess, by region. */
export function checkSplit(
  parent: { regionCode: string; value: number },
  children: readonly { regionCode: string; value: number }[],
): SplitProblem | null {
  const childSum = children.reduce((s, c) => s + c.value, 0);
  if (childSum === parent.value) return null;
  return {
    kind: childSum < parent.value ? 'shortfall' : 'excess',
    regionCode: parent.regionCode,
    parentValue: parent.value,
    childSum,
    difference: Math.abs(parent.value - childSum),
  };
}

/** Progress in percent of a target (null without a target; a zero target is met). */
export function progressPct(actual: number, target: number | null): number | null {
  if (target === null) return null;
  if (target === 0) return 100;
  return Math.round((actual / target) * 1000) / 10;
}

/**
 * Income heaping just above the line: of the year's exits, the share whose per-capita income lies
 * in [line, line × (1 + band)). Compared with a reference share (the same band among other
 * households above the line); a ratio well above 1 suggests incomes written to clear the line.
 */
export function heapingSignal(exitsInBand: number, exits: number, refInBand: number, refTotal: number) {
  const share = exits > 0 ? exitsInBand / exits : null;
  const reference = refTotal > 0 ? refInBand / refTotal : null;
  const ratio = share !== null && reference !== null && reference > 0 ? share / reference : null;
  return { share, reference, ratio, flagged: ratio !== null && exits >= 10 && ratio >= 2 };
}

/** Split an integer total in proportion to weights (largest remainder): the parts add up exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0) return [];
  const raw = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}
