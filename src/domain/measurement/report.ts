import type { MpiResult } from './alkire-foster.js';
import type { BenfordResult } from './benford.js';
import type { MeasureSummary } from './summary.js';

/**
 * The output contract of `jingzhun measure | mpi | benford` (snake_case keys, issue 6), as plain
 * objects, and their two renderings: one JSON line, or aligned text tables. Pure: returns strings.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Report = Record<string, Json>;

export function measureReport(r: MeasureSummary): Report {
  const out: Report = {
    n: r.n,
    population: r.population,
    headcount: r.headcount,
    poverty_gap: r.povertyGap,
    squared_gap: r.squaredGap,
    watts: r.watts,
    sen: r.sen,
    poor_if: r.poorIf,
    median_eq: r.relative.median,
    lines: { ...r.relative.lines },
    arpr: { ...r.relative.arpr },
    rmpg: r.relative.rmpg,
    gini: r.gini,
    s80_s20: r.s80s20,
    s80_s20_convention: r.s80s20Convention,
    theil: r.theil,
    mld: r.mld,
  };
  if (r.byGroup)
    out.by = Object.fromEntries(
      r.byGroup.map((g) => [
        g.label,
        {
          population_share: g.populationShare,
          headcount: g.headcount,
          poverty_gap: g.povertyGap,
          squared_gap: g.squaredGap,
          contribution_headcount: g.contribution.headcount,
        },
      ]),
    );
  return out;
}

export function mpiReport(r: MpiResult): Report {
  const per = (k: 'censored' | 'uncensored' | 'contribution') =>
    Object.fromEntries(r.indicators.map((i) => [i.name, i[k]]));
  const out: Report = {
    H: r.H,
    A: r.A,
    M0: r.M0,
    censored: per('censored'),
    uncensored: per('uncensored'),
    contribution: per('contribution'),
  };
  if (r.byGroup)
    out.by = Object.fromEntries(
      r.byGroup.map((g) => [
        g.label,
        { population_share: g.populationShare, H: g.H, A: g.A, M0: g.M0, contribution: g.contribution },
      ]),
    );
  return out;
}

/** The contract keys, plus `excluded`: how many values were left out (≤ 0, or < 10 for two digits). */
export function benfordReport(r: BenfordResult): Report {
  return {
    n: r.n,
    chi2: r.chi2,
    df: r.df,
    p_value: r.pValue,
    mad: r.mad,
    conformity: r.conformity,
    excluded: r.excluded,
  };
}

/** One line of JSON: infinite values as the strings "Infinity" / "-Infinity", NaN and undefined as null. */
export function toJsonLine(value: unknown): string {
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v === undefined) return null;
    if (typeof v !== 'number' || Number.isFinite(v)) return v;
    return Number.isNaN(v) ? null : v > 0 ? 'Infinity' : '-Infinity';
  });
  return `${json}\n`;
}

function formatValue(v: Json): string {
  if (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v))
    return String(Number(v.toPrecision(6)));
  return String(v);
}

/** Aligned columns: the first left-aligned, the others right-aligned. */
function table(rows: Json[][]): string {
  const cells = rows.map((r) => r.map(formatValue));
  const widths = cells[0]!.map((_, j) => cells.reduce((w, r) => Math.max(w, r[j]?.length ?? 0), 0));
  return cells
    .map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  '))
    .join('\n');
}

const isObject = (v: Json): v is { [key: string]: Json } =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Text rendering: the scalars as a key/value table, then each keyed object as a table — a one-row
 * table for flat objects (lines, arpr), one row per key for objects of objects (by group).
 * Numbers to 6 significant digits.
 */
export function toTextTables(report: Report): string {
  const blocks = [table(Object.entries(report).filter(([, v]) => !isObject(v)))];
  for (const [key, v] of Object.entries(report)) {
    if (!isObject(v)) continue;
    const rows = Object.entries(v);
    const nested = rows.filter((e): e is [string, { [key: string]: Json }] => isObject(e[1]));
    if (nested.length === 0)
      blocks.push(
        table([
          [key, ...rows.map(([k]) => k)],
          ['', ...rows.map(([, x]) => x)],
        ]),
      );
    else
      blocks.push(
        table([[key, ...Object.keys(nested[0]![1])], ...nested.map(([k, x]) => [k, ...Object.values(x)])]),
      );
  }
  return `${blocks.join('\n\n')}\n`;
}
