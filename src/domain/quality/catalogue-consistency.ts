/**
 * The consistency checks of the recorded facts and plans (docs/facts.md "Consistency checks", issue 16
 * item 5): plan measures against the dibao and 特困 rolls, decision-critical facts older than the
 * review interval (policy parameter `factMaxAgeMonths`), open risks without evidence. Typed where
 * catalogue.ts spreads them; the queries are in src/modules/quality/repository-consistency.ts.
 */

const t = (zh: string, en: string) => ({ zh, en });

export const CONSISTENCY_CHECKS = [
  {
    id: 'plan_roll_conflict',
    kind: 'rule',
    severity: 'high',
    title: t('帮扶措施与低保、特困身份矛盾', 'Plan measure contradicts the dibao or 特困 roll'),
    description: t(
      '特困供养户（特困名册在册、户类型或在户成员为特困）有实施中的“最低生活保障兜底”措施，或低保在册户有实施中的“特困人员供养”措施（低保与特困不得兼得）；已拒绝的帮扶计划不计',
      'A 特困 household (open 特困 roll entry, household type or a present member) has a "minimum living guarantee (dibao)" measure in progress, or a household on the dibao roll a "special hardship support" measure in progress (dibao and 特困 exclude each other); declined plans are left out',
    ),
    statistic: t('措施实施中 且 名册为另一项目', 'measure in progress and the roll says the other programme'),
    fix: t(
      '取消或更正该措施，使一户一策与民政名册一致',
      'Cancel or correct the measure so that the plan matches the civil-affairs roll',
    ),
    implementation: 'sql',
    params: {},
    rests: [],
  },
  {
    id: 'plan_dibao_no_roll',
    kind: 'rule',
    severity: 'medium',
    title: t(
      '低保兜底措施实施中但不在低保名册',
      'Dibao measure in progress, household not on the dibao roll',
    ),
    description: t(
      '“最低生活保障兜底”措施为实施中，而该户没有在保（在保或渐退）的低保名册记录；计划中的措施不算（申请可能尚在审批），特困户见“帮扶措施与低保、特困身份矛盾”',
      'A "minimum living guarantee (dibao)" measure is in progress while the household has no open (active or gradual-exit) dibao roll entry; a planned measure is not counted (the application may be pending), 特困 households are named by "plan measure contradicts the roll"',
    ),
    statistic: t('措施实施中 且 无在保低保名册记录', 'measure in progress and no open dibao roll entry'),
    fix: t(
      '核实低保审批；未获批或已停保的，结束该措施',
      'Verify the dibao decision; end the measure where it was refused or ceased',
    ),
    implementation: 'sql',
    params: {},
    rests: [],
  },
  {
    id: 'dibao_tekun_same_person',
    kind: 'rule',
    severity: 'high',
    title: t('同一人同时享受低保和特困供养', 'One person on both dibao and 特困'),
    description: t(
      '同一身份证号的在户成员既在低保（成员标记或户的在保名册记录）又在特困（成员标记或户的在保名册记录），可跨户',
      'The same ID number, as a present member, is on dibao (member flag or the household’s open roll entry) and on 特困 (member flag or open roll entry), in one household or across households',
    ),
    statistic: t('同一身份证号 低保 且 特困', 'one ID number: dibao and 特困'),
    fix: t(
      '按特困优先的原则停发其中一项，更正名册和成员标记',
      'Stop one of the two (特困 takes precedence); correct the roll and the member flags',
    ),
    implementation: 'sql',
    params: {},
    rests: [],
  },
  {
    id: 'stale_facts',
    kind: 'rule',
    severity: 'medium',
    title: t('关键事实超过复核周期', 'Decision-critical facts older than the review interval'),
    description: t(
      '户的关键事实（最近月度收入、两不愁三保障、未消除的监测风险、法定赡养人、低保家庭经济状况核对）最新已确认记录的日期早于复核周期（政策参数“事实复核周期（月）”，默认 12 个月）；突发事件和刚性支出为一次性记录，不计',
      'The latest confirmed record of a decision-critical fact of the household (latest month of income, the guarantees, an open monitoring risk, a legal supporter, the dibao means test) is older than the review interval (policy parameter factMaxAgeMonths, 12 months by default); shocks and rigid spending are one-off records and are not counted',
    ),
    statistic: t(
      '运行日期 − 记录日期 > 复核周期（月）',
      'run date − observed date > factMaxAgeMonths months',
    ),
    fix: t(
      '入户或向部门核实并重新录入（乡镇确认）',
      'Re-check at home or with the department and record it again (township confirms)',
    ),
    implementation: 'sql',
    params: {},
    rests: [],
  },
  {
    id: 'risk_no_evidence',
    kind: 'rule',
    severity: 'medium',
    title: t('监测风险无佐证', 'Monitoring risk without evidence'),
    description: t(
      '已确认、未消除的监测风险记录的佐证为空',
      'A confirmed monitoring risk that is not removed has empty evidence',
    ),
    statistic: t('风险未消除 且 佐证为空', 'risk open and evidence empty'),
    fix: t(
      '补录佐证（诊断证明、受灾证明、入户记录等）',
      'Record the evidence (diagnosis, disaster certificate, visit record…)',
    ),
    implementation: 'sql',
    params: {},
    rests: [],
  },
] as const;
