import { POOR_STATUSES } from '../code-lists.js';
import type { HouseholdFacts } from './facts.js';
import { basicMedical, compulsoryEducation, foodAndClothing, safeHousing, safeWater } from './guarantees.js';
import { perCapitaNetIncome, previousYearPerCapita } from './income.js';
import type { PolicyParams } from './params.js';
import { missingOf, outcome } from './missing.js';
import { reason, round2, yuan, type Reason, type RuleResult } from './reason.js';

/**
 * Household exit (退出, DOMAIN.md §4): income stably above the line AND 两不愁三保障 with safe water.
 * "Stably above" = all three: (1) this year's per-capita income ≥ this year's line; (2) last year's
 * ≥ last year's line; (3) the trend does not fall below: this year + (this year − last year) ≥ this
 * year's line. At the line counts as above (poor = strictly below).
 */
export type HouseholdExitDecision = 'may_exit' | 'not_yet' | 'verify';

function statusReason(f: HouseholdFacts): Reason {
  const ok = POOR_STATUSES.includes(f.status);
  return reason(
    'status_poor',
    ok,
    f.status,
    POOR_STATUSES,
    ok
      ? { zh: '目前是未脱贫户', en: 'currently registered poor' }
      : { zh: '目前不是未脱贫户，不需要退出', en: 'not currently registered poor' },
  );
}

function stableIncomeReasons(f: HouseholdFacts, p: PolicyParams): Reason[] {
  const pc = perCapitaNetIncome(f.income);
  const last = previousYearPerCapita(f);
  const thisOk = pc >= p.povertyLine;
  const lastOk = last !== null && last >= p.previousPovertyLine;
  const projected = last === null ? null : round2(pc + (pc - last));
  const trendOk = projected !== null && projected >= p.povertyLine;
  return [
    reason('income_this_year', thisOk, pc, p.povertyLine, {
      zh: `今年人均纯收入 ${yuan(pc)} 元，${thisOk ? '达到' : '低于'}贫困线 ${yuan(p.povertyLine)} 元`,
      en: `this year's per-capita income ${yuan(pc)} ${thisOk ? 'at or above' : 'below'} ${yuan(p.povertyLine)}`,
    }),
    reason(
      'income_last_year',
      lastOk,
      last,
      p.previousPovertyLine,
      last === null
        ? { zh: '没有上一年的收入记录', en: "no record of last year's income" }
        : {
            zh: `上一年人均纯收入 ${yuan(last)} 元，${lastOk ? '达到' : '低于'}当年贫困线 ${yuan(p.previousPovertyLine)} 元`,
            en: `last year's ${yuan(last)} ${lastOk ? 'at or above' : 'below'} that year's line ${yuan(p.previousPovertyLine)}`,
          },
    ),
    reason(
      'income_trend',
      trendOk,
      projected,
      p.povertyLine,
      projected === null
        ? { zh: '没有上一年的收入记录，看不出收入走势', en: 'no trend without last year' }
        : {
            zh: trendOk ? '收入走势稳定，不会跌到贫困线以下' : `收入下降较快，按此走势明年会低于贫困线`,
            en: `income trend projects ${yuan(projected)} next year (${trendOk ? 'not below' : 'below'} the line)`,
          },
    ),
  ];
}

export function householdExit(f: HouseholdFacts, p: PolicyParams): RuleResult<HouseholdExitDecision> {
  const reasons = [
    statusReason(f),
    ...stableIncomeReasons(f, p),
    foodAndClothing(f),
    compulsoryEducation(f, p),
    basicMedical(f),
    safeHousing(f, p),
    safeWater(f),
  ];
  const o = outcome(reasons);
  const decision = o === 'met' ? 'may_exit' : o === 'failed' ? 'not_yet' : 'verify';
  return { rule: 'household_exit', decision, reasons, missing: o === 'unknown' ? missingOf(reasons) : [] };
}
