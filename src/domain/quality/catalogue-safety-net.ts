/**
 * The safety net's check in the quality catalogue (issue 18 item 7; docs/safety-net.md "Payments"):
 * payment lists against the rolls. Typed where catalogue.ts spreads it; the query is
 * src/modules/quality/safety-net-checks.ts (through the safety-net module's `paymentMismatches`).
 */

const t = (zh: string, en: string) => ({ zh, en });

export const SAFETY_NET_CHECKS = [
  {
    id: 'payments_reconcile',
    kind: 'rule',
    severity: 'high',
    title: t('救助金发放清册与名册不符', 'Payment list does not reconcile with the rolls'),
    description: t(
      '近几个月的低保、特困、临时救助发放清册中，某一名册条目或临时救助的清册金额（发放行、银行退回行与更正行之和）不等于名册按该月应发的金额：清册生成后又有决定未更正、应发未列入或不应发却列入',
      'In a payment list of the recent months, the amount listed for a roll entry or a temporary aid (its lines, returned lines and corrections together) differs from what the rolls make due that month: a decision made after the list and not corrected, an entry due but not listed, or listed but not due',
    ),
    statistic: t(
      '|名册应发 − 清册合计| ≥ 0.01 元（近 3 个月的清册：清册月份 ≥ 运行月份 − 2）',
      '|due by the rolls − listed| ≥ 0.01 yuan (list month ≥ run month − (months − 1))',
    ),
    fix: t(
      '在发放页对该行做更正（补发或扣回），或核对名册的决定',
      'Record a correction of the line on the payments page (back payment or claw-back), or check the roll’s decision',
    ),
    implementation: 'sql',
    params: { months: 3 },
    rests: [],
  },
] as const;
