/**
 * "What worked" (issue 21 item 4), part 1: the registry's yearly rows of one household turned into
 * comparable baseline episodes — a household at a baseline year, the stratum it is matched in, and
 * its outcomes over the following `horizon` years. Pure: no I/O. The comparison is in compare.ts.
 */

/** Statuses inside poverty or monitoring (an exit leaves them; a return enters them again). */
export const INSIDE_STATUSES = ['poor', 'returned', 'monitored'] as const;
/** Statuses outside: exited, risk removed, ordinary (never registered). */
export const OUTSIDE_STATUSES = ['exited', 'risk_removed', 'none'] as const;

const INSIDE: ReadonlySet<string> = new Set(INSIDE_STATUSES);
const OUTSIDE: ReadonlySet<string> = new Set(OUTSIDE_STATUSES);

/** One yearly row of the registry (household_year). */
export interface YearRow {
  status: string;
  /** Net income per person (yuan). */
  perCapita: number;
  size: number;
}

/** One household with what it is matched on and its yearly rows. */
export interface OutcomeHousehold {
  id: string;
  /** The region it is matched within (the service passes the township code). */
  area: string;
  /** Main poverty cause; null when none is recorded (matched as its own group). */
  cause: string | null;
  /** Someone present can work (ordinary or skilled labour); null when unknown. */
  labour: boolean | null;
  years: ReadonlyMap<number, YearRow>;
}

/**
 * Starting income bands, as multiples of the baseline year's poverty line: [0, 0.8), [0.8, 1),
 * [1, 1.5), [1.5, 2), [2, 3), [3, ∞). A band is the lower bound's index.
 */
export const INCOME_BANDS = [0, 0.8, 1, 1.5, 2, 3] as const;

export function incomeBand(perCapita: number, line: number): number {
  const multiple = line > 0 ? perCapita / line : Number.POSITIVE_INFINITY;
  let band = 0;
  for (let i = 0; i < INCOME_BANDS.length; i++) if (multiple >= INCOME_BANDS[i]!) band = i;
  return band;
}

/** Household size bands: 1, 2, 3–4, 5 and more persons. */
export function sizeBand(size: number): string {
  if (size <= 1) return '1';
  if (size === 2) return '2';
  return size <= 4 ? '3-4' : '5+';
}

/** The outcomes of one baseline episode; null where the outcome is not defined for it. */
export interface EpisodeOutcomes {
  /** Per-capita income at baseline + horizon minus at baseline (yuan); null without both rows. */
  incomeChange: number | null;
  /**
   * Inside at baseline: 1 when the household left poverty and monitoring within the horizon and did
   * not go back before its end (every year from the first year outside up to the horizon outside),
   * else 0. Null when outside at baseline or a year of the horizon has no row.
   */
  lastingExit: number | null;
  /**
   * Outside at baseline: 1 when it was inside poverty or monitoring in a year of the horizon (a
   * return, or a first entry for an ordinary household), else 0. Null when inside at baseline or a
   * year of the horizon has no row.
   */
  entered: number | null;
}

export function outcomesOf(
  rows: ReadonlyMap<number, YearRow>,
  baseline: number,
  horizon: number,
): EpisodeOutcomes {
  const base = rows.get(baseline);
  if (!base) return { incomeChange: null, lastingExit: null, entered: null };
  const end = rows.get(baseline + horizon);
  const incomeChange = end ? end.perCapita - base.perCapita : null;
  const path: string[] = [];
  for (let y = baseline + 1; y <= baseline + horizon; y++) {
    const r = rows.get(y);
    if (!r) return { incomeChange, lastingExit: null, entered: null };
    path.push(r.status);
  }
  if (INSIDE.has(base.status)) {
    const first = path.findIndex((s) => OUTSIDE.has(s));
    const lasted = first >= 0 && path.slice(first).every((s) => OUTSIDE.has(s));
    return { incomeChange, lastingExit: lasted ? 1 : 0, entered: null };
  }
  if (OUTSIDE.has(base.status)) {
    return { incomeChange, lastingExit: null, entered: path.some((s) => INSIDE.has(s)) ? 1 : 0 };
  }
  return { incomeChange, lastingExit: null, entered: null };
}

/**
 * The stratum of a household at a baseline year: exact match on the baseline year, area, main
 * cause, baseline status, starting income band, size band and whether someone can work.
 */
export function stratumOf(h: OutcomeHousehold, baseline: number, line: number): string | null {
  const row = h.years.get(baseline);
  if (!row) return null;
  const labour = h.labour === null ? '?' : h.labour ? 'L' : 'N';
  return [
    baseline,
    h.area,
    h.cause ?? '-',
    row.status,
    incomeBand(row.perCapita, line),
    sizeBand(row.size),
    labour,
  ].join('|');
}
