import { benfordFromCounts } from '../../domain/quality/statistics.js';
import {
  benjaminiHochberg,
  chanceMad,
  familyP,
  fixedAmounts,
  movedTogether,
  nearCopies,
  roundNumberTest,
  sharedFactorScan,
  ROUND_LEVELS,
  type RoundRule,
} from '../../domain/quality/integrity.js';
import type { YearRow } from './repository-integrity.js';
import type { FindingRow } from './repository.js';
import type { SignalOutcome } from './signals.js';

/** The integrity signals computed from the region's household-years (docs/quality.md). */

const round = (x: number, d = 4) => (Number.isFinite(x) ? Number(x.toFixed(d)) : x);
const REPORTED = ['wage', 'business', 'cost', 'property'] as const;

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const g = m.get(k);
    if (g) g.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/**
 * Near-copy families per village-year, each against the pairs chance gives in that village-year
 * (BH across village-years); a family of near copies needs `minFamily` members, exact copies two.
 */
export function nearCopySignal(rows: readonly YearRow[], p: Readonly<Record<string, number>>): SignalOutcome {
  const tol = p.tolerance ?? 0.02;
  const tested: {
    village: string;
    year: number;
    fam: { ids: string[]; pairs: number };
    expected: number;
    p: number;
    exact: boolean;
    items: Map<string, number[]>;
  }[] = [];
  let groups = 0;
  for (const [, g] of groupBy(rows, (r) => `${r.village_code}:${r.year}`)) {
    const vectors = g.map((r) => ({ id: r.household_id, items: REPORTED.map((k) => r[k]), size: r.size }));
    const res = nearCopies(vectors, tol, p.minNonZero ?? 2);
    const items = new Map(vectors.map((v) => [v.id, v.items]));
    groups++;
    for (const fam of res.families) {
      const first = items.get(fam.ids[0]!)!;
      tested.push({
        village: g[0]!.village_code,
        year: g[0]!.year,
        fam,
        expected: res.expectedPairs,
        p: familyP(fam.pairs, res.expectedPairs),
        exact: fam.ids.every((id) => items.get(id)!.every((v, k) => v === first[k])),
        items,
      });
    }
  }
  const ps = [...tested.map((t) => t.p), ...new Array<number>(Math.max(0, groups - tested.length)).fill(1)];
  const found = benjaminiHochberg(ps, p.fdr ?? 0.01);
  const findings: FindingRow[] = [];
  const flagged: SignalOutcome['flagged'] = [];
  tested.forEach((t, i) => {
    // a family of near copies needs minFamily members; exact copies count from two
    if (!found[i] || (t.fam.ids.length < (p.minFamily ?? 3) && !t.exact)) return;
    const statistic = {
      level: 'village',
      region: t.village,
      year: t.year,
      family_size: t.fam.ids.length,
      pairs: t.fam.pairs,
      expected_pairs: round(t.expected, 6),
      p: t.p,
      tolerance: tol,
      exact: t.exact,
    };
    flagged.push({ group: t.village, statistic });
    for (const id of t.fam.ids)
      findings.push({
        household_id: id,
        region_code: t.village,
        subject: null,
        detail: {
          year: t.year,
          family: t.fam.ids,
          wage: t.items.get(id)![0],
          business: t.items.get(id)![1],
          production_cost: t.items.get(id)![2],
          property: t.items.get(id)![3],
        },
        statistic,
      });
  });
  return { findings, tested: groups, flagged };
}

interface DigitTally {
  n: number;
  round: Record<number, number>;
  first: number[];
  villages: Map<string, number>;
  households: Map<string, { n: number; r500: number; village: string }>;
}
const tally = (): DigitTally => ({
  n: 0,
  round: {},
  first: new Array<number>(9).fill(0),
  villages: new Map(),
  households: new Map(),
});

/** Reported values (> 0) with the fixed programme amounts of their village-year and item left out. */
export function reportedValues(rows: readonly YearRow[]): { row: YearRow; v: number }[] {
  const out: { row: YearRow; v: number }[] = [];
  for (const [, g] of groupBy(rows, (r) => `${r.village_code}:${r.year}`))
    for (const k of REPORTED) {
      const fixed = fixedAmounts(g.map((r) => r[k]));
      for (const r of g) if (r[k] >= 1 && !fixed.has(r[k])) out.push({ row: r, v: Math.round(r[k]) });
    }
  return out;
}

function tallies(values: readonly { row: YearRow; v: number }[], by: 'village' | 'collector') {
  const all = tally();
  const groups = new Map<string, DigitTally>();
  for (const { row, v } of values) {
    const key = by === 'village' ? row.village_code : row.collector;
    for (const t of key === null ? [all] : [all, groups.get(key) ?? groups.set(key, tally()).get(key)!]) {
      t.n++;
      for (const l of ROUND_LEVELS) if (v % l === 0) t.round[l] = (t.round[l] ?? 0) + 1;
      t.first[Number(String(v)[0]) - 1]!++;
      t.villages.set(row.village_code, (t.villages.get(row.village_code) ?? 0) + 1);
      const h = t.households.get(row.household_id) ?? { n: 0, r500: 0, village: row.village_code };
      h.n++;
      if (v % 500 === 0) h.r500++;
      t.households.set(row.household_id, h);
    }
  }
  return { all, groups };
}

const mainVillage = (t: DigitTally) => [...t.villages].sort((a, b) => b[1] - a[1])[0]![0];

/** Round numbers (multiples of 100 / 500 / 1000) by village or collector against the rest of the region. */
export function roundNumberSignal(
  rows: readonly YearRow[],
  by: 'village' | 'collector',
  p: Readonly<Record<string, number>>,
): SignalOutcome {
  const { all, groups } = tallies(reportedValues(rows), by);
  const rule: RoundRule = {
    minShare500: p.minShare500 ?? 0.5,
    minRatio: p.minRatio ?? 2,
    minN: p.minN ?? 40,
  };
  const entries = [...groups].filter(([, t]) => t.n >= rule.minN).sort(([a], [b]) => a.localeCompare(b));
  const results = entries.map(([k, t]) => ({ k, t, res: roundNumberTest(t, all, rule) }));
  const found = benjaminiHochberg(
    results.map((r) => r.res.p),
    p.fdr ?? 0.01,
  );
  const findings: FindingRow[] = [];
  const flagged: SignalOutcome['flagged'] = [];
  results.forEach(({ k, t, res }, i) => {
    if (!found[i] || !res.effect) return;
    const statistic = {
      level: by,
      group: k,
      n: res.n,
      share_100: round(res.share[100]!),
      share_500: round(res.share[500]!),
      share_1000: round(res.share[1000]!),
      region_share_500: round(res.regionShare[500]!),
      p: res.p,
      villages: [...t.villages.keys()].sort(),
    };
    flagged.push({ group: k, statistic });
    for (const [id, h] of t.households)
      if (h.n >= 3 && h.r500 / h.n >= 0.6)
        findings.push({
          household_id: id,
          region_code: h.village,
          subject: by === 'collector' ? k : null,
          detail: { values: h.n, multiples_of_500: h.r500 },
          statistic,
        });
    if (by === 'village' || t.households.size === 0)
      findings.push({
        household_id: null,
        region_code: by === 'village' ? k : mainVillage(t),
        subject: by === 'collector' ? k : null,
        detail: {},
        statistic,
      });
  });
  return { findings, tested: entries.length, flagged };
}

const BENFORD = Array.from({ length: 9 }, (_, j) => Math.log10(1 + 1 / (j + 1)));

/**
 * Benford's first digits of the reported values (fixed programme amounts left out) by village or
 * collector: flagged when n ≥ minN, MAD against Benford > Nigrini's 0.015, and the group's MAD
 * against the rest of the region's own first digits > 0.015 + 2 × the MAD chance gives at n (honest
 * figures of a region need not follow Benford; a group that departs from its neighbours does).
 */
export function reportedBenfordSignal(
  rows: readonly YearRow[],
  by: 'village' | 'collector',
  p: Readonly<Record<string, number>>,
): SignalOutcome {
  const { all, groups } = tallies(reportedValues(rows), by);
  const minN = p.minN ?? 300;
  const limit = p.madLimit ?? 0.015;
  const findings: FindingRow[] = [];
  const flagged: SignalOutcome['flagged'] = [];
  let tested = 0;
  for (const [k, t] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    if (t.n < minN) continue;
    tested++;
    const res = benfordFromCounts(t.first, { digits: 1, minN });
    const rest = all.first.map((c, j) => c - t.first[j]!);
    const restN = rest.reduce((s, c) => s + c, 0);
    const madRegion = restN
      ? t.first.reduce((s, c, j) => s + Math.abs(c / t.n - rest[j]! / restN), 0) / 9
      : 0;
    const chance = chanceMad(BENFORD, t.n);
    const chanceRegion = restN
      ? chanceMad(
          rest.map((c) => c / restN),
          t.n,
        )
      : 0;
    const mad = res.mad ?? 0;
    if (!(mad > limit && madRegion > limit + 2 * chanceRegion)) continue;
    const statistic = {
      level: by,
      group: k,
      n: t.n,
      mad: round(mad, 5),
      mad_region: round(madRegion, 5),
      chance_mad: round(chance, 5),
      chance_mad_region: round(chanceRegion, 5),
      bound: limit,
      conformity: res.conformity,
    };
    flagged.push({ group: k, statistic });
    if (by === 'collector')
      for (const [id, h] of t.households)
        findings.push({
          household_id: id,
          region_code: h.village,
          subject: k,
          detail: { values: h.n },
          statistic,
        });
    else
      findings.push({
        household_id: null,
        region_code: k,
        subject: null,
        detail: { first_digit_shares: t.first.map((c) => round(c / t.n)) },
        statistic,
      });
  }
  return { findings, tested, flagged };
}

/**
 * Year-on-year ratios of the reported gross (wage + business + property; transfers are set by the
 * departments and production cost is a cost) of the households of each village-year.
 */
function ratios(rows: readonly YearRow[], tol: number, yuan: number) {
  const prev = new Map(rows.map((r) => [`${r.household_id}:${r.year}`, r]));
  const out: { row: YearRow; ratio: number; together: boolean }[] = [];
  const items = (x: YearRow) => REPORTED.map((k) => x[k]);
  for (const r of rows) {
    const q = prev.get(`${r.household_id}:${r.year - 1}`);
    const gross = (x: YearRow) => x.wage + x.business + x.property;
    if (!q || gross(q) <= 0 || gross(r) <= 0 || r.relocated) continue;
    const ratio = gross(r) / gross(q);
    out.push({ row: r, ratio, together: movedTogether(items(q), items(r), ratio, tol, yuan) });
  }
  return out;
}

/**
 * A shared factor: many households of a village-year whose every item changed by the same ratio
 * (scan, BH across village-years).
 */
export function sharedFactorSignal(
  rows: readonly YearRow[],
  p: Readonly<Record<string, number>>,
): SignalOutcome {
  // the scan counts only households whose every item moved by its ratio (p.itemTolerance,
  // p.itemYuan); the null is the share of all the region's ratios in the window (an upper bound of
  // "together and in it", so another fabricated village cannot mask this one), n all the village's
  const rs = ratios(rows, p.itemTolerance ?? 0.05, p.itemYuan ?? 100);
  const byYear = groupBy(rs, (r) => String(r.row.year));
  const results: { village: string; year: number; res: NonNullable<ReturnType<typeof sharedFactorScan>> }[] =
    [];
  for (const [key, g] of groupBy(rs, (r) => `${r.row.village_code}:${r.row.year}`)) {
    const region = byYear.get(key.slice(13))!.map((r) => r.ratio);
    const res = sharedFactorScan(
      g.filter((r) => r.together).map((r) => ({ id: r.row.household_id, ratio: r.ratio })),
      region,
      p.width ?? 0.01,
      g.filter((r) => Math.abs(r.ratio - 1) > 0.005).length,
    );
    if (res) results.push({ village: g[0]!.row.village_code, year: g[0]!.row.year, res });
  }
  const found = benjaminiHochberg(
    results.map((r) => r.res.p),
    p.fdr ?? 0.01,
  );
  const findings: FindingRow[] = [];
  const flagged: SignalOutcome['flagged'] = [];
  results.forEach(({ village, year, res }, i) => {
    if (!found[i] || res.k < (p.minK ?? 5) || res.k < (p.minExcess ?? 4) * res.n * res.p0) return;
    const statistic = {
      level: 'village',
      region: village,
      year,
      households: res.k,
      of: res.n,
      ratio_from: round(res.low, 4),
      ratio_to: round(res.high, 4),
      expected: round(res.n * res.p0, 2),
      p: res.p,
    };
    flagged.push({ group: `${village}@${year}`, statistic });
    for (const id of res.ids)
      findings.push({ household_id: id, region_code: village, subject: null, detail: { year }, statistic });
  });
  return { findings, tested: results.length, flagged };
}
