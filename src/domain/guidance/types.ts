/** Short guidance for a cadre (issue 21 item 8): what to check, and what to tell the household. */
export interface Guidance {
  check: { zh: string; en: string };
  tell: { zh: string; en: string };
}

export const g = (checkZh: string, checkEn: string, tellZh: string, tellEn: string): Guidance => ({
  check: { zh: checkZh, en: checkEn },
  tell: { zh: tellZh, en: tellEn },
});
