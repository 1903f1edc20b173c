/**
 * What every official printout carries, in both languages (pure): the sign-off lines of the official
 * form layout (填报单位（盖章）, 负责人, 填表人, 填报日期), years written "2025年", dates in China time,
 * and the supervision lines of every public notice (the county's 监督举报电话 and the national 12317).
 * The web print views keep the same words in their i18n catalogues; this module serves the PDFs.
 */
export type PaperLang = 'zh' | 'en';
export type Bilingual = { zh: string; en: string };

export const SIGN_OFF = {
  unit: { zh: '填报单位（盖章）', en: 'Reporting unit (seal)' },
  head: { zh: '负责人', en: 'Person in charge' },
  preparer: { zh: '填表人', en: 'Prepared by' },
  date: { zh: '填报日期', en: 'Date' },
} as const satisfies Record<string, Bilingual>;

/** The national poverty-alleviation supervision line (国务院扶贫办 / 国家乡村振兴局 12317). */
export const NATIONAL_SUPERVISION_LINE = '12317';

const CHINA = 'Asia/Shanghai';

/** The China calendar date of an instant or a 'YYYY-MM-DD' date, as 'YYYY-MM-DD'. */
export function chinaDay(at: string | Date): string {
  if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at)) return at;
  return new Intl.DateTimeFormat('en-CA', { timeZone: CHINA }).format(new Date(at));
}

/** "2025年12月7日" on Chinese paper, "7 Dec 2025" on English paper (China date). */
export function paperDate(at: string | Date, lang: PaperLang): string {
  const [y, m, d] = chinaDay(at).split('-').map(Number) as [number, number, number];
  if (lang === 'zh') return `${y}年${m}月${d}日`;
  const month = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
  return `${d} ${month} ${y}`;
}

/** "2025年" on Chinese paper, "2025" on English paper. */
export const paperYear = (year: number, lang: PaperLang): string =>
  lang === 'zh' ? `${year}年` : String(year);

/** A cell or label that may be bilingual, in the paper's language. */
export const inLang = (v: string | number | null | Bilingual, lang: PaperLang): string | number | null =>
  v !== null && typeof v === 'object' ? v[lang] : v;
