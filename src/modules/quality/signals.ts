import { burstTest, type BurstRule } from '../../domain/quality/statistics.js';
import type { FindingRow } from './repository.js';

/** Turn the raw rows of the statistical signals into findings with their statistic. */

export interface SignalOutcome {
  findings: FindingRow[];
  /** Groups (regions, collectors, accounts) with enough data for a verdict, and those flagged. */
  tested: number;
  flagged: { group: string; statistic: Record<string, unknown> }[];
}

const round = (x: number | null, d = 4) => (x === null || !Number.isFinite(x) ? x : Number(x.toFixed(d)));

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
