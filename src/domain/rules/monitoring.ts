import type { HouseholdFacts } from './facts.js';
import { monitoringPerCapita } from './income.js';
import type { PolicyParams } from './params.js';
import { percent, reason, round2, yuan, type Reason, type RuleResult } from './reason.js';

/**
 * Monitoring category (防返贫动态监测, DOMAIN.md §4). Income = last 12 months' net income minus
 * eligible out-of-pocket medical costs, per capita, against the monitoring line (strictly below = in
 * range). In range: 脱贫不稳定户 if ever registered poor, else 边缘易致贫户. Above the range:
 * 突发严重困难户 when a shock is shown — rigid spending ≥ share × 12-month net income, or net income
 * fell by ≥ dropShare against the 12 months before. Otherwise none.
 */
export type MonitoringCategory = 'unstable' | 'marginal' | 'sudden' | 'none';

function rangeReason(f: HouseholdFacts, p: PolicyParams): Reason {
  const pc = monitoringPerCapita(f);
  const inRange = pc < p.monitoringLine;
  return reason('income_in_monitoring_range', inRange, pc, p.monitoringLine, {
    zh: `近 12 个月人均纯收入（扣除合规自付医疗费用后）${yuan(pc)} 元，${inRange ? '低于' : '不低于'}监测线 ${yuan(p.monitoringLine)} 元`,
    en: `12-month per-capita income net of medical costs ${yuan(pc)} ${inRange ? 'below' : 'not below'} the monitoring line ${yuan(p.monitoringLine)}`,
  });
}

function registeredReason(f: HouseholdFacts): Reason {
  const was = f.registeredPoorYear !== null;
  return reason(
    'ever_registered_poor',
    was,
    f.registeredPoorYear,
    null,
    was
      ? {
          zh: `${f.registeredPoorYear} 年建档立卡，是脱贫户`,
          en: `registered poor in ${f.registeredPoorYear}`,
        }
      : { zh: '从未建档立卡，是一般农户', en: 'never registered poor' },
  );
}

function shockReasons(f: HouseholdFacts, p: PolicyParams): Reason[] {
  const l = f.last12Months;
  const { rigidSpendingShare, incomeDropShare } = p.suddenShock;
  const spendingLimit = round2(rigidSpendingShare * Math.max(0, l.netIncome));
  const spendingShock = l.rigidSpending > 0 && l.rigidSpending >= spendingLimit;
  const drop = l.previousNetIncome && l.previousNetIncome > 0 ? 1 - l.netIncome / l.previousNetIncome : null;
  const collapse = drop !== null && drop >= incomeDropShare;
  return [
    reason('rigid_spending_shock', spendingShock, l.rigidSpending, spendingLimit, {
      zh: `近 12 个月刚性支出 ${yuan(l.rigidSpending)} 元，${spendingShock ? '达到' : '未达到'}家庭纯收入的 ${percent(rigidSpendingShare)}（${yuan(spendingLimit)} 元）`,
      en: `rigid spending ${yuan(l.rigidSpending)} ${spendingShock ? 'reaches' : 'below'} ${percent(rigidSpendingShare)} of net income (${yuan(spendingLimit)})`,
    }),
    reason(
      'income_collapse',
      collapse,
      drop === null ? null : round2(drop),
      incomeDropShare,
      drop === null
        ? { zh: '没有前 12 个月的收入可比', en: 'no earlier 12 months to compare' }
        : {
            zh: `家庭纯收入比前 12 个月${drop >= 0 ? `下降 ${percent(drop)}` : '有所增加'}，${collapse ? '属于' : '不属于'}大幅缩减（${percent(incomeDropShare)} 及以上）`,
            en: `net income changed by ${percent(-drop)} (collapse = fall of ${percent(incomeDropShare)} or more)`,
          },
    ),
    reason(
      'shock_evidence',
      f.shockEvidence.length > 0,
      f.shockEvidence,
      null,
      {
        zh: `有 ${f.shockEvidence.length} 份困难情况证明材料`,
        en: `${f.shockEvidence.length} evidence note(s)`,
      },
      false,
    ),
  ];
}

export function monitoringCategory(f: HouseholdFacts, p: PolicyParams): RuleResult<MonitoringCategory> {
  const range = rangeReason(f, p);
  if (range.passed) {
    const registered = registeredReason(f);
    return {
      rule: 'monitoring',
      decision: registered.passed ? 'unstable' : 'marginal',
      reasons: [range, registered],
    };
  }
  const shocks = shockReasons(f, p);
  const sudden = shocks.some((r) => r.binding && r.passed);
  return { rule: 'monitoring', decision: sudden ? 'sudden' : 'none', reasons: [range, ...shocks] };
}
