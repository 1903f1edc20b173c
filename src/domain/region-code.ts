/**
 * Statistical division codes (统计用区划代码). Published codes have 2 (province), 4 (prefecture),
 * 6 (county), 9 (township) or 12 (village) digits; each is the prefix of the codes below it, which is
 * what access scoping relies on. A few prefectures without counties (e.g. 东莞市 4419) carry a
 * synthetic county row (441900) whose digits repeat the prefecture's.
 */
export type RegionLevel = 1 | 2 | 3 | 4 | 5;

const LENGTH_TO_LEVEL: Record<number, RegionLevel> = { 2: 1, 4: 2, 6: 3, 9: 4, 12: 5 };
export const LEVEL_LENGTH: Record<RegionLevel, number> = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12 };
export const COUNTRY = '';

export function levelOf(code: string): RegionLevel | null {
  return /^\d+$/.test(code) ? (LENGTH_TO_LEVEL[code.length] ?? null) : null;
}

/** Ancestors from the province down, excluding the code itself. */
export function ancestorCodes(code: string): string[] {
  const level = levelOf(code);
  if (!level) return [];
  const out: string[] = [];
  for (let l = 1 as RegionLevel; l < level; l = (l + 1) as RegionLevel)
    out.push(code.slice(0, LEVEL_LENGTH[l]));
  return out;
}

/** Whether `code` lies within the subtree rooted at `scope` ('' is the whole country). */
export function inScope(scope: string, code: string): boolean {
  return code.startsWith(scope);
}

/** Pad to the 12-digit form used in printed tables. */
export function padTo12(code: string): string {
  return code.padEnd(12, '0');
}

export const LEVEL_NAMES: Record<RegionLevel, { zh: string; en: string }> = {
  1: { zh: '省', en: 'province' },
  2: { zh: '市', en: 'prefecture' },
  3: { zh: '县', en: 'county' },
  4: { zh: '乡镇', en: 'township' },
  5: { zh: '村', en: 'village' },
};
