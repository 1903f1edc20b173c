/**
 * The measure catalogue as a regional setting (issue 21): national entries, and provincial,
 * prefectural and county entries that add a measure or override one above (the same code). For a
 * region the nearest entry of each code wins, as policy parameters do (src/modules/policy/resolve.ts).
 */

/** The region levels that keep catalogue entries: '' national, 2 province, 4 prefecture, 6 county. */
export const SETTING_LEVELS = [0, 2, 4, 6] as const;

/** The setting regions above and at `region` (its 2-, 4- and 6-digit prefixes), nearest last. */
export function settingRegionsOf(region: string): string[] {
  return SETTING_LEVELS.filter((n) => n <= region.length).map((n) => region.slice(0, n));
}

/**
 * The region a user keeps settings for: the national catalogue ('') for a whole-country scope, else
 * the county (or prefecture, province) of the scope; null below a county (townships, villages).
 */
export function settingRegionOf(scopeCode: string): string | null {
  return ([0, 2, 4, 6] as const).includes(scopeCode.length as 0 | 2 | 4 | 6) ? scopeCode : null;
}

/** The effective entries for `region`: per code the row of the longest region that is a prefix of it. */
export function resolveRegional<T extends { code: string; region: string }>(
  rows: readonly T[],
  region: string,
): T[] {
  const best = new Map<string, T>();
  for (const r of rows) {
    if (!region.startsWith(r.region) || !SETTING_LEVELS.includes(r.region.length as 0 | 2 | 4 | 6)) continue;
    const cur = best.get(r.code);
    if (!cur || r.region.length > cur.region.length) best.set(r.code, r);
  }
  return [...best.values()];
}
