/**
 * The incentive ledger's arithmetic (奖补 / 积分, docs/effort.md): a household's balance is the sum
 * of its entries; an earning adds the rule's points, a redemption takes the item's price times the
 * quantity and is refused when the balance would fall below zero.
 */
export type LedgerStep =
  { ok: true; points: number; balanceAfter: number } | { ok: false; balance: number; needed: number };

export function earn(balance: number, rulePoints: number): LedgerStep {
  return { ok: true, points: rulePoints, balanceAfter: balance + rulePoints };
}

export function redeem(balance: number, price: number, quantity: number): LedgerStep {
  const needed = price * quantity;
  if (needed > balance) return { ok: false, balance, needed };
  return { ok: true, points: -needed, balanceAfter: balance - needed };
}

/** The default rules a county starts from (its own rows in incentive_rule replace them). */
export const DEFAULT_INCENTIVE_RULES = [
  { code: 'training_attended', labelZh: '参加技能培训', labelEn: 'skills training attended', points: 20 },
  { code: 'hygiene_met', labelZh: '庭院卫生达标', labelEn: 'hygiene standard met', points: 10 },
  { code: 'commitment_kept', labelZh: '履行帮扶承诺', labelEn: 'commitment kept', points: 15 },
  { code: 'work_relief_joined', labelZh: '参加以工代赈务工', labelEn: 'work relief joined', points: 10 },
] as const;

export const EMPLOYMENT_REACH = ['local', 'county', 'province', 'out_of_province'] as const;
export type EmploymentReach = (typeof EMPLOYMENT_REACH)[number];
export const REACH_LABEL: Record<EmploymentReach, { zh: string; en: string }> = {
  local: { zh: '乡内', en: 'within the township' },
  county: { zh: '县内乡外', en: 'in the county' },
  province: { zh: '省内县外', en: 'in the province' },
  out_of_province: { zh: '省外', en: 'out of province' },
};
