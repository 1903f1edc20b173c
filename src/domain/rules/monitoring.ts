import type { HouseholdFacts, Last12Months } from './facts.js';
import { monitoringPerCapitaOf } from './income.js';
import { missingOf, unknownReason } from './missing.js';
import type { PolicyParams } from './params.js';
import { percent, reason, round2, yuan, type Reason, type RuleResult } from './reason.js';

/**
 * Monitoring category (防返贫动态监测, DOMAIN.md §4). Income = last 12 months' net income minus
 * eligible out-of-pocket medical costs, per capita, against the monitoring line (strictly below = in
 * range). In range: 脱贫不稳定户 if ever registered poor, else 边缘易致贫户. Above the range:
 * 突发严重困难户 when a shock is shown — rigid spending ≥ share × 12-month net income, or net income
 * fell by ≥ dropShare against the 12 months before. Otherwise none.
 */
export type MonitoringCategory = 'unstable' | 'marginal' | 'sudden' | 'none' | 'verify';

function rangeReason(l: Last12Months, p: PolicyParams): Reason {
  const pc = monitoringPerCapitaOf(l);
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

function spendingReason(l: Last12Months, p: PolicyParams): Reason {
  const { rigidSpendingShare } = p.suddenShock;
  const rigid = l.rigidSpending;
  if (rigid === null)
    return unknownReason('rigid_spending_shock', ['rigid_spending'], {
      zh: '近 12 个月刚性支出',
      en: 'rigid spending of the last 12 months',
    });
  const spendingLimit = round2(rigidSpendingShare * Math.max(0, l.netIncome));
  const spendingShock = rigid > 0 && rigid >= spendingLimit;
  return reason('rigid_spending_shock', spendingShock, rigid, spendingLimit, {
    zh: `近 12 个月刚性支出 ${yuan(rigid)} 元，${spendingShock ? '达到' : '未达到'}家庭纯收入的 ${percent(rigidSpendingShare)}（${yuan(spendingLimit)} 元）`,
    en: `rigid spending ${yuan(rigid)} ${spendingShock ? 'reaches' : 'below'} ${percent(rigidSpendingShare)} of net income (${yuan(spendingLimit)})`,
  });
}

function shockReasons(f: HouseholdFacts, l: Last12Months, p: PolicyParams): Reason[] {
  const { incomeDropShare } = p.suddenShock;
  const drop = l.previousNetIncome && l.previousNetIncome > 0 ? 1 - l.netIncome / l.previousNetIncome : null;
  const collapse = drop !== null && drop >= incomeDropShare;
  return [
    spendingReason(l, p),
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

/**
 * Three-valued: without the last 12 months' income the category is `verify`; above the range, a
 * known shock decides `sudden`, and "no shock" needs the rigid spending checked (else `verify`).
 */
export function monitoringCategory(f: HouseholdFacts, p: PolicyParams): RuleResult<MonitoringCategory> {
  const l = f.last12Months;
  if (!l) {
    const r = unknownReason('income_in_monitoring_range', ['income_months'], {
      zh: '近 12 个月人均纯收入与监测线比较',
      en: '12-month per-capita income against the monitoring line',
    });
    return { rule: 'monitoring', decision: 'verify', reasons: [r], missing: missingOf([r]) };
  }
  const range = rangeReason(l, p);
  if (range.passed) {
    const registered = registeredReason(f);
    return {
      rule: 'monitoring',
      decision: registered.passed ? 'unstable' : 'marginal',
      reasons: [range, registered],
      missing: [],
    };
  }
  const shocks = shockReasons(f, l, p);
  const sudden = shocks.some((r) => r.binding && r.passed);
  const unknown = !sudden && shocks.some((r) => r.missing?.length);
  const reasons = [range, ...shocks];
  return {
    rule: 'monitoring',
    decision: sudden ? 'sudden' : unknown ? 'verify' : 'none',
    reasons,
    missing: unknown ? missingOf(shocks) : [],
  };
}
