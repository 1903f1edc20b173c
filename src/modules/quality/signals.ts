import {
  benfordFromCounts,
  burstTest,
  heapingTest,
  type BenfordRule,
  type BurstRule,
  type HeapingRule,
} from '../../domain/quality/statistics.js';
import type { FindingRow } from './repository.js';

/** Turn the raw rows of the statistical signals into findings with their statistic. */

export interface SignalOutcome {
  findings: FindingRow[];
  /** Groups (regions, collectors, accounts) with enough data for a verdict, and those flagged. */
  tested: number;
  flagged: { group: string; statistic: Record<string, unknown> }[];
}

const round = (x: number | null, d = 4) => (x === null || !Number.isFinite(x) ? x : Number(x.toFixed(d)));

interface ExitRow {
  household_id: string;
  village_code: string;
  year: number;
  pc: number;
  line: number;
}

/** Heaping at the line by village, then by township (townships catch spreads over small villages). */
export function heapingSignal(rows: readonly ExitRow[], band: number, rule: HeapingRule): SignalOutcome {
  const groups = new Map<string, ExitRow[]>();
  for (const r of rows) {
    for (const key of [r.village_code, r.village_code.slice(0, 9)]) {
      const g = groups.get(key);
      if (g) g.push(r);
      else groups.set(key, [r]);
    }
  }
  const findings: FindingRow[] = [];
  const flagged: SignalOutcome['flagged'] = [];
  const reported = new Set<string>();
  let tested = 0;
  // villages (12 digits) first, so a household is reported with its village's statistic
  const keys = [...groups.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  for (const key of keys) {
    const g = groups.get(key)!;
    const lowRows = g.filter((r) => r.pc < r.line * (1 + band));
    const res = heapingTest({ low: lowRows.length, high: g.length - lowRows.length }, rule);
    if (res.n >= rule.minN) tested++;
    if (!res.flagged) continue;
    const statistic = {
      level: key.length === 12 ? 'village' : 'township',
      region: key,
      n: res.n,
      low: res.low,
      high: res.high,
      share: round(res.share),
      z: round(res.z, 2),
      p: res.p,
      ratio: round(res.ratio, 2),
    };
    flagged.push({ group: key, statistic });
    for (const r of lowRows) {
      if (reported.has(r.household_id)) continue;
      reported.add(r.household_id);
      findings.push({
        household_id: r.household_id,
        region_code: r.village_code,
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
  }
  return { findings, tested, flagged };
}

interface DigitRow {
  grp: string;
  digit: number;
  n: number;
  village_code: string;
}

/** Benford first-digit test per group (village or collector). */
export function benfordSignal(
  rows: readonly DigitRow[],
  by: 'village' | 'collector',
  rule: BenfordRule,
): SignalOutcome {
  const groups = new Map<string, { counts: number[]; village: string; best: number }>();
  for (const r of rows) {
    let g = groups.get(r.grp);
    if (!g) {
      g = { counts: new Array<number>(9).fill(0), village: r.village_code, best: 0 };
      groups.set(r.grp, g);
    }
    if (r.digit >= 1 && r.digit <= 9) g.counts[r.digit - 1]! += r.n;
    if (r.n > g.best) {
      g.best = r.n;
      g.village = r.village_code;
    }
  }
  const findings: FindingRow[] = [];
  const flagged: SignalOutcome['flagged'] = [];
  let tested = 0;
  for (const [grp, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const res = benfordFromCounts(g.counts, rule);
    if (res.n >= rule.minN) tested++;
    if (!res.flagged) continue;
    const statistic = {
      n: res.n,
      mad: round(res.mad, 5),
      conformity: res.conformity,
      chi2: round(res.chi2, 1),
      p: res.p,
      bound: 0.015,
    };
    flagged.push({ group: grp, statistic });
    const total = res.n;
    findings.push({
      household_id: null,
      region_code: by === 'village' ? grp : g.village,
      subject: by === 'collector' ? grp : null,
      detail: { first_digit_shares: g.counts.map((c) => round(c / total, 4)) },
      statistic,
    });
  }
  return { findings, tested, flagged };
}

interface WindowRow {
  eval_id: string;
  eval_date: string;
  eval_name: string;
  actor_name: string;
  region_code: string;
  k: number;
  baseline: number;
}

/** Edit bursts per account and region before each evaluation date. */
export function burstSignal(
  rows: readonly WindowRow[],
  windowDays: number,
  baselineDays: number,
  rule: BurstRule,
): SignalOutcome {
  const findings: FindingRow[] = [];
  const flagged: SignalOutcome['flagged'] = [];
  for (const r of rows) {
    const res = burstTest({ inWindow: r.k, baseline: r.baseline, windowDays, baselineDays }, rule);
    if (!res.flagged) continue;
    const statistic = {
      k: res.k,
      baseline: r.baseline,
      lambda: round(res.lambda, 3),
      ratio: round(res.ratio, 1),
      p: res.p,
    };
    flagged.push({ group: `${r.actor_name}@${r.region_code}`, statistic });
    findings.push({
      household_id: null,
      region_code: r.region_code,
      subject: r.actor_name,
      detail: {
        evaluation: r.eval_name,
        eval_date: r.eval_date,
        window_days: windowDays,
        baseline_days: baselineDays,
      },
      statistic,
    });
  }
  return { findings, tested: rows.length, flagged };
}

/** Per village: how many identical-vector clusters and households. */
export function vectorClusterStatistic(findings: FindingRow[]): FindingRow[] {
  const byVillage = new Map<string, { clusters: Set<string>; households: Set<string> }>();
  for (const f of findings) {
    const key = `${String(f.detail.year)}:${JSON.stringify(f.detail.cluster)}`;
    let v = byVillage.get(f.region_code);
    if (!v) {
      v = { clusters: new Set(), households: new Set() };
      byVillage.set(f.region_code, v);
    }
    v.clusters.add(key);
    if (f.household_id) v.households.add(f.household_id);
  }
  return findings.map((f) => {
    const v = byVillage.get(f.region_code)!;
    return {
      ...f,
      statistic: { clusters_in_village: v.clusters.size, households_in_village: v.households.size },
    };
  });
}
