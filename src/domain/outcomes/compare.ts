import { outcomesOf, stratumOf, type EpisodeOutcomes, type OutcomeHousehold } from './strata.js';
import { estimate, newAcc, type Acc, type Estimate, type StratumPair } from './estimate.js';

/**
 * "What worked" (issue 21 item 4), part 2: households that received a measure of a kind beside
 * comparable households that did not, by exact matching (docs/what-worked.md). Pure: no I/O.
 *
 * A treated episode: the first year t0 a household received a measure of the kind (delivered: in
 * progress or completed), observed from the baseline year t0 − 1. A comparison episode: a household
 * at the same baseline year with no measure of the kind (in whatever status) started up to the end of
 * the horizon — and, when plan years are given, with a plan of its own in year t0 (assisted otherwise). Both are matched exactly on the stratum (strata.ts); strata without both are left out.
 * The difference is the treated-weighted mean of the within-stratum differences (effect on the
 * treated, as far as the matching reaches), with a normal-approximation 95 % interval.
 */

export interface MeasureStart {
  householdId: string;
  kind: string;
  /** The year the measure started (its plan's year when no start date is recorded). */
  year: number;
  /** In progress or completed; planned and cancelled ones only keep the household out of the comparison. */
  delivered: boolean;
}

export interface CompareOptions {
  /** Years after the baseline the outcomes are read at (1–5). */
  horizon: number;
  /** Smallest group shown: a cell or an outcome with fewer households on either side is hidden. */
  minCell: number;
  /** The poverty line of a year (income bands are multiples of it). */
  lineOf: (year: number) => number;
  /**
   * Years each household had a plan (一户一策). When given, a comparison household must have had a plan
   * in the treated households' start year (assisted, without this kind); when null, every household.
   */
  planYears: ReadonlyMap<string, ReadonlySet<number>> | null;
  /** The last year whose rows are complete: a measure started too late to be followed to the horizon is left out. */
  lastYear: number;
}

/** All causes together (the kind's first row). */
export const ALL_CAUSES = '*';
/** Households without a recorded main cause. */
export const NO_CAUSE = '-';

export const OUTCOMES = ['incomeChange', 'lastingExit', 'entered'] as const;
export type OutcomeName = (typeof OUTCOMES)[number];

export interface Cell {
  kind: string;
  /** A cause code, ALL_CAUSES or NO_CAUSE. */
  cause: string;
  /** The start year of the measure, or null for every year together. */
  startYear: number | null;
  /** Treated households (first delivery of the kind) with a baseline row. */
  treated: number;
  /** Of them, those in a stratum with at least one comparison household. */
  matchedTreated: number;
  /** Treated households without a yearly row in the baseline year (not compared). */
  noBaseline: number;
  /** Treated households whose horizon ends after the last complete year (not compared). */
  tooRecent: number;
  /** Distinct comparison households in the matched strata (a household may serve several years). */
  comparisonHouseholds: number;
  comparisonEpisodes: number;
  /** Baseline years of the matched strata. */
  baselineYears: [number, number] | null;
  /** Too few households on one side: no figures. */
  hidden: boolean;
  outcomes: Record<OutcomeName, Estimate>;
}

interface Episode {
  index: number;
  key: string;
  cause: string;
  out: EpisodeOutcomes;
}

interface Stratum extends StratumPair {
  cause: string;
  baseline: number;
  treatedCount: number;
  controlCount: number;
  controls: number[];
}

/** Baseline episodes of every household in the given years (one stratum key and outcome set each). */
function episodesIn(
  households: readonly OutcomeHousehold[],
  years: Iterable<number>,
  opts: CompareOptions,
): Map<number, Map<string, Episode>> {
  const byYear = new Map<number, Map<string, Episode>>();
  for (const b of years) {
    const line = opts.lineOf(b);
    const m = new Map<string, Episode>();
    households.forEach((h, index) => {
      const key = stratumOf(h, b, line);
      if (key === null) return;
      m.set(h.id, { index, key, cause: h.cause ?? NO_CAUSE, out: outcomesOf(h.years, b, opts.horizon) });
    });
    byYear.set(b, m);
  }
  return byYear;
}

const addTo = (accs: Record<OutcomeName, Acc>, out: EpisodeOutcomes) => {
  for (const o of OUTCOMES) {
    const v = out[o];
    if (v === null) continue;
    const a = accs[o];
    a.n++;
    a.sum += v;
    a.sq += v * v;
  }
};
const accs = (): Record<OutcomeName, Acc> => ({
  incomeChange: newAcc(),
  lastingExit: newAcc(),
  entered: newAcc(),
});

interface KindMeasures {
  delivered: Map<string, number>;
  any: Map<string, number>;
}

function byKind(measures: readonly MeasureStart[]): Map<string, KindMeasures> {
  const kinds = new Map<string, KindMeasures>();
  const earliest = (m: Map<string, number>, id: string, y: number) => {
    const had = m.get(id);
    if (had === undefined || y < had) m.set(id, y);
  };
  for (const m of measures) {
    let k = kinds.get(m.kind);
    if (!k) kinds.set(m.kind, (k = { delivered: new Map(), any: new Map() }));
    earliest(k.any, m.householdId, m.year);
    if (m.delivered) earliest(k.delivered, m.householdId, m.year);
  }
  return kinds;
}

/** The matched strata of one kind, and the treated households without a baseline row by start year. */
function strataOfKind(
  k: KindMeasures,
  episodes: Map<number, Map<string, Episode>>,
  opts: CompareOptions,
  causeOf: ReadonlyMap<string, string>,
) {
  const { horizon } = opts;
  const strata = new Map<string, Stratum>();
  const left: Left[] = [];
  for (const [id, t0] of k.delivered) {
    const cause = causeOf.get(id) ?? NO_CAUSE;
    if (t0 - 1 + horizon > opts.lastYear) {
      left.push({ cause, year: t0, why: 'recent' });
      continue;
    }
    const e = episodes.get(t0 - 1)?.get(id);
    if (!e) {
      left.push({ cause, year: t0, why: 'baseline' });
      continue;
    }
    let s = strata.get(e.key);
    if (!s) {
      s = {
        cause: e.cause,
        baseline: t0 - 1,
        treatedCount: 0,
        controlCount: 0,
        controls: [],
        t: accs(),
        c: accs(),
      };
      strata.set(e.key, s);
    }
    s.treatedCount++;
    addTo(s.t as Record<OutcomeName, Acc>, e.out);
  }
  const baselines = new Set([...strata.values()].map((s) => s.baseline));
  for (const b of baselines) {
    for (const [id, e] of episodes.get(b) ?? []) {
      const first = k.any.get(id);
      if (first !== undefined && first <= b + horizon) continue;
      if (opts.planYears && !opts.planYears.get(id)?.has(b + 1)) continue;
      const s = strata.get(e.key);
      if (!s) continue;
      s.controlCount++;
      s.controls.push(e.index);
      addTo(s.c as Record<OutcomeName, Acc>, e.out);
    }
  }
  return { strata: [...strata.values()], left };
}

/** A treated household left out of the comparison: too recent to follow, or without a baseline row. */
interface Left {
  cause: string;
  year: number;
  why: 'recent' | 'baseline';
}

function cellOf(
  kind: string,
  cause: string,
  startYear: number | null,
  strata: readonly Stratum[],
  left: readonly Left[],
  minCell: number,
  households: number,
): Cell {
  const matched = strata.filter((s) => s.controlCount > 0);
  // distinct comparison households: a mark per household (cheaper than a Set over 10⁵ indices)
  const seen = new Uint8Array(households);
  let distinct = 0;
  for (const s of matched)
    for (const i of s.controls)
      if (!seen[i]) {
        seen[i] = 1;
        distinct++;
      }
  const matchedTreated = matched.reduce((a, s) => a + s.treatedCount, 0);
  const hidden = matchedTreated < minCell || distinct < minCell;
  const years = matched.map((s) => s.baseline);
  const outcomes = Object.fromEntries(
    OUTCOMES.map((o) => [o, estimate(matched, o, minCell, hidden)]),
  ) as Record<OutcomeName, Estimate>;
  return {
    kind,
    cause,
    startYear,
    treated: strata.reduce((a, s) => a + s.treatedCount, 0),
    matchedTreated,
    noBaseline: left.filter((x) => x.why === 'baseline').length,
    tooRecent: left.filter((x) => x.why === 'recent').length,
    comparisonHouseholds: distinct,
    comparisonEpisodes: matched.reduce((a, s) => a + s.controlCount, 0),
    baselineYears: years.length
      ? [years.reduce((a, y) => Math.min(a, y)), years.reduce((a, y) => Math.max(a, y))]
      : null,
    hidden,
    outcomes,
  };
}

/**
 * Every kind's cells: all causes together, each cause, and each start year (all causes). Kinds in
 * alphabetical order; causes by treated households, most first.
 */
export function compareOutcomes(
  households: readonly OutcomeHousehold[],
  measures: readonly MeasureStart[],
  opts: CompareOptions,
): Cell[] {
  const kinds = byKind(measures);
  const baselines = new Set<number>();
  for (const k of kinds.values())
    for (const y of k.delivered.values()) if (y - 1 + opts.horizon <= opts.lastYear) baselines.add(y - 1);
  const episodes = episodesIn(households, baselines, opts);
  const causeOf = new Map(households.map((h) => [h.id, h.cause ?? NO_CAUSE]));
  const cells: Cell[] = [];
  for (const kind of [...kinds.keys()].sort()) {
    const { strata, left } = strataOfKind(kinds.get(kind)!, episodes, opts, causeOf);
    const cell = (cause: string, year: number | null, pick: (s: Stratum) => boolean) =>
      cellOf(
        kind,
        cause,
        year,
        strata.filter(pick),
        left.filter((x) => (cause === ALL_CAUSES || x.cause === cause) && (year === null || x.year === year)),
        opts.minCell,
        households.length,
      );
    cells.push(cell(ALL_CAUSES, null, () => true));
    const causes = [...new Set([...strata.map((s) => s.cause), ...left.map((x) => x.cause)])];
    const perCause = causes.map((c) => cell(c, null, (s) => s.cause === c));
    perCause.sort((a, b) => b.treated - a.treated || a.cause.localeCompare(b.cause));
    cells.push(...perCause);
    const years = [...new Set([...strata.map((s) => s.baseline + 1), ...left.map((x) => x.year)])].sort();
    cells.push(...years.map((y) => cell(ALL_CAUSES, y, (s) => s.baseline + 1 === y)));
  }
  return cells;
}
