import { benjaminiHochberg, pooledHeaping } from '../../domain/quality/integrity.js';
import { binomialUpperTail } from '../../domain/quality/statistics.js';
import type { JumpRow, YearRow } from './repository-integrity.js';
import type { FindingRow } from './repository.js';
import type { SignalOutcome } from './signals.js';

/** Village jump rates, pooled heaping and the jumps left unexplained (docs/quality.md). */

const round = (x: number, d = 4) => (Number.isFinite(x) ? Number(x.toFixed(d)) : x);

/**
 * Village-level jump rate: the share of a village-year's households whose net income rose by more
 * than `rise` (relocated households left out: relocation explains it) against the rest of its
 * township that year; one-sided exact binomial, BH across village-years.
 */
export function villageJumpSignal(
  rows: readonly YearRow[],
  p: Readonly<Record<string, number>>,
): SignalOutcome {
  const rise = p.rise ?? 0.3;
  const prev = new Map(rows.map((r) => [`${r.household_id}:${r.year}`, r]));
  const cells = new Map<string, { n: number; k: number; ids: string[] }>();
  const add = (key: string, jump: boolean, id: string) => {
    const c = cells.get(key) ?? cells.set(key, { n: 0, k: 0, ids: [] }).get(key)!;
    c.n++;
    if (jump) {
      c.k++;
      c.ids.push(id);
    }
  };
  for (const r of rows) {
    const q = prev.get(`${r.household_id}:${r.year - 1}`);
    if (!q || q.net <= 0 || r.relocated) continue;
    const jump = r.net > q.net * (1 + rise);
    add(`${r.village_code}:${r.year}`, jump, r.household_id);
    add(`${r.village_code.slice(0, 9)}:${r.year}`, jump, r.household_id);
  }
  const tests: {
    village: string;
    year: number;
    k: number;
    n: number;
    p0: number;
    p: number;
    ids: string[];
  }[] = [];
  for (const [key, c] of cells) {
    if (key.length !== 17 || c.n < (p.minN ?? 20)) continue;
    const t = cells.get(`${key.slice(0, 9)}:${key.slice(13)}`)!;
    const p0 = Math.max((t.k - c.k + 0.5) / (t.n - c.n + 1), 0.01);
    tests.push({
      village: key.slice(0, 12),
      year: Number(key.slice(13)),
      k: c.k,
      n: c.n,
      p0,
      p: binomialUpperTail(c.k, c.n, p0),
      ids: c.ids,
    });
  }
  tests.sort((a, b) => a.village.localeCompare(b.village) || a.year - b.year);
  const found = benjaminiHochberg(
    tests.map((t) => t.p),
    p.fdr ?? 0.01,
  );
  const findings: FindingRow[] = [];
  const flagged: SignalOutcome['flagged'] = [];
  tests.forEach((t, i) => {
    const share = t.k / t.n;
    if (!found[i] || share < (p.minShare ?? 0.25) || share < (p.minRatio ?? 2) * t.p0) return;
    const statistic = {
      level: 'village',
      region: t.village,
      year: t.year,
      jumps: t.k,
      of: t.n,
      share: round(share),
      township_share: round(t.p0),
      p: t.p,
    };
    flagged.push({ group: `${t.village}@${t.year}`, statistic });
    findings.push({
      household_id: null,
      region_code: t.village,
      subject: null,
      detail: { year: t.year },
      statistic,
    });
  });
  return { findings, tested: tests.length, flagged };
}

interface ExitRow {
  household_id: string;
  village_code: string;
  year: number;
  pc: number;
  line: number;
}

/**
 * Heaping with power: a village's exits pooled over the years, in bands [line, line × (1 + b)) for
 * b = 5 % and 10 % of a wide band of 30 %, against the rest of the region's share (floored at a flat
 * density's); p = 2 × the smaller band's p (Bonferroni over the two bands); BH across villages. A
 * township verdict (same test) is attributed to its villages with p < 0.05 that carry it. The
 * households named are a named village's exits in [line, line × 1.1).
 */
export function pooledHeapingSignal(
  rows: readonly ExitRow[],
  p: Readonly<Record<string, number>>,
): SignalOutcome {
  const wide = p.wide ?? 0.3;
  const bands = [0.05, 0.1];
  const inWide = rows.filter((r) => r.pc >= r.line && r.pc < r.line * (1 + wide));
  const lowIn = (g: readonly ExitRow[], b: number) => g.filter((r) => r.pc < r.line * (1 + b));
  const testOf = (g: readonly ExitRow[]) => {
    const per = bands.map((b) =>
      pooledHeaping(lowIn(g, b).length, g.length, lowIn(inWide, b).length, inWide.length, b, wide),
    );
    const best = per[0]!.p <= per[1]!.p ? 0 : 1;
    return { ...per[best]!, band: bands[best]!, p: Math.min(1, 2 * per[best]!.p) };
  };
  const byVillage = new Map<string, ExitRow[]>();
  const byTownship = new Map<string, ExitRow[]>();
  for (const r of inWide) {
    (byVillage.get(r.village_code) ?? byVillage.set(r.village_code, []).get(r.village_code)!).push(r);
    const t = r.village_code.slice(0, 9);
    (byTownship.get(t) ?? byTownship.set(t, []).get(t)!).push(r);
  }
  const minN = p.minN ?? 5;
  const villages = [...byVillage].filter(([, g]) => g.length >= minN).sort(([a], [b]) => a.localeCompare(b));
  const vt = villages.map(([v, g]) => ({ v, g, t: testOf(g) }));
  const found = benjaminiHochberg(
    vt.map((x) => x.t.p),
    p.fdr ?? 0.05,
  );
  const named = new Map<string, { t: ReturnType<typeof testOf>; g: ExitRow[]; via: string | null }>();
  vt.forEach((x, i) => {
    if (found[i] && x.t.low >= (p.minLow ?? 5) && x.t.ratio >= (p.minRatio ?? 1.5))
      named.set(x.v, { t: x.t, g: x.g, via: null });
  });
  const towns = [...byTownship].filter(([, g]) => g.length >= minN);
  const tf = benjaminiHochberg(
    towns.map(([, g]) => testOf(g).p),
    p.fdr ?? 0.05,
  );
  towns.forEach(([town], i) => {
    if (!tf[i]) return;
    for (const x of vt)
      if (x.v.startsWith(town) && !named.has(x.v) && x.t.p < 0.05 && x.t.low >= 3)
        named.set(x.v, { t: x.t, g: x.g, via: town });
  });
  const findings: FindingRow[] = [];
  const flagged: SignalOutcome['flagged'] = [];
  for (const [v, { t, g, via }] of [...named].sort(([a], [b]) => a.localeCompare(b))) {
    const statistic = {
      level: 'village',
      region: v,
      township_verdict: via,
      n: t.n,
      low: t.low,
      band: t.band,
      expected_share: round(t.p0),
      ratio: round(t.ratio, 2),
      p: t.p,
    };
    flagged.push({ group: v, statistic });
    for (const r of lowIn(g, 0.1))
      findings.push({
        household_id: r.household_id,
        region_code: v,
        subject: null,
        detail: {
          year: r.year,
          per_capita_income: r.pc,
          line: r.line,
          ratio_to_line: round(r.pc / r.line, 3),
        },
        statistic,
      });
  }
  return { findings, tested: vt.length, flagged };
}

/** Jumps with no recorded fact to explain them; the explained ones are counted by what explained them. */
export function unexplainedJumpSignal(rows: readonly JumpRow[]): SignalOutcome {
  const explained: Record<string, number> = {};
  const findings: FindingRow[] = [];
  for (const r of rows) {
    if (r.explained_by) {
      explained[r.explained_by] = (explained[r.explained_by] ?? 0) + 1;
      continue;
    }
    findings.push({
      household_id: r.household_id,
      region_code: r.village_code,
      subject: null,
      detail: {
        year: r.year,
        previous: r.previous,
        current: r.current,
        explained_by: null,
        looked_for: EXPLANATIONS,
      },
    });
  }
  return {
    findings,
    tested: rows.length,
    flagged: [
      { group: 'explained', statistic: { jumps: rows.length, unexplained: findings.length, ...explained } },
    ],
  };
}

export const EXPLANATIONS = [
  'plan_measure',
  'project_benefit',
  'relocation',
  'member_joined',
  'employment',
  'recovery',
];
