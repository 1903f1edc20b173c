import { z } from 'zod';
import type { ParamKey, PolicyParams } from '../../domain/rules/params.js';

/**
 * The parameters kept in the `policy_param` table: every `PolicyParams` value a rule reads, except
 * `previousPovertyLine` (always the poverty line effective on 31 December of the year before), plus
 * the urban dibao standard, which no household rule reads yet but counties publish with the rural one.
 * `monitoringLine` is optional: when no level set it, it is `monitoringLineFactor × povertyLine`.
 */
export type StoredKey =
  Exclude<ParamKey, 'previousPovertyLine'> | 'urbanDibaoStandardMonthly' | 'supervisionHotline';

/** Stored values that no rule reads (published with the rules' values, printed on notices). */
export const EXTRA_KEYS = ['urbanDibaoStandardMonthly', 'supervisionHotline'] as const;

/** `yearly`: seeded for every year (1 January); `once`: seeded once; `optional`: not seeded. */
type Seeding = 'yearly' | 'once' | 'optional';

interface Entry {
  zh: string;
  en: string;
  unit: string;
  seeding: Seeding;
  schema: z.ZodType;
}

const money = z.number().positive().max(1_000_000);
const share = z.number().min(0).max(1);
const factor = z.number().min(1).max(5);
const days = z.number().int().min(1).max(365);
const months = z.number().int().min(0).max(120);
const vote = z.object({
  quorum: share,
  approval: share,
  approvalRule: z.enum(['at_least', 'more_than']),
});

const RED_LINE_KEYS = [
  'car',
  'commercial_housing',
  'company',
  'public_employee',
  'village_cadre',
  'split_household',
  'absent_over_year',
] as const;

/** Labels, units and value schemas; the order is the order of the policy page. */
export const PARAM_CATALOG: Record<StoredKey, Entry> = {
  povertyLine: {
    zh: '扶贫标准（贫困线）',
    en: 'Poverty line',
    unit: 'yuan/person/year',
    seeding: 'yearly',
    schema: money,
  },
  monitoringLineFactor: {
    zh: '监测范围系数（× 贫困线）',
    en: 'Monitoring range factor (× poverty line)',
    unit: '×',
    seeding: 'once',
    schema: factor,
  },
  monitoringLine: {
    zh: '防返贫监测线',
    en: 'Monitoring line',
    unit: 'yuan/person/year',
    seeding: 'optional',
    schema: money,
  },
  ruralDibaoStandardMonthly: {
    zh: '农村低保标准',
    en: 'Rural dibao standard',
    unit: 'yuan/person/month',
    seeding: 'yearly',
    schema: money,
  },
  urbanDibaoStandardMonthly: {
    zh: '城市低保标准',
    en: 'Urban dibao standard',
    unit: 'yuan/person/month',
    seeding: 'yearly',
    schema: money,
  },
  specialHardshipStandardMonthly: {
    zh: '特困人员基本生活标准',
    en: 'Special-hardship standard',
    unit: 'yuan/person/month',
    seeding: 'yearly',
    schema: money,
  },
  nearDibaoFactor: {
    zh: '低保边缘系数（× 低保标准）',
    en: 'Near-dibao factor (× standard)',
    unit: '×',
    seeding: 'once',
    schema: factor,
  },
  redLines: {
    zh: '识别“红线”（一票否决 / 需书面说明）',
    en: 'Exclusion red lines (block / written exception)',
    unit: '',
    seeding: 'once',
    schema: z
      .array(z.object({ key: z.enum(RED_LINE_KEYS), effect: z.enum(['block', 'exception']) }))
      .max(RED_LINE_KEYS.length),
  },
  noticeDays: {
    zh: '公示天数',
    en: 'Notice periods',
    unit: 'days',
    seeding: 'once',
    schema: z.object({ identification: days, exit: days, monitoring: days, dibao: days }),
  },
  monitoringDecisionDays: {
    zh: '监测识别时限（线索到县级认定）',
    en: 'Monitoring: days from lead to decision',
    unit: 'days',
    seeding: 'once',
    schema: days,
  },
  riskRemovalMinMonths: {
    zh: '风险消除：最少监测月数和收入稳定月数',
    en: 'Risk removal: minimum months',
    unit: 'months',
    seeding: 'once',
    schema: months,
  },
  riskRemovalMinMeasures: {
    zh: '风险消除：最少帮扶措施数',
    en: 'Risk removal: minimum measures',
    unit: '',
    seeding: 'once',
    schema: z.number().int().min(0).max(20),
  },
  dibaoReviewMonths: {
    zh: '低保复核周期',
    en: 'Dibao review intervals',
    unit: 'months',
    seeding: 'once',
    schema: z.object({ noLabour: months, illOrDisabled: months, withLabour: months }),
  },
  dibaoGradualExitMonths: {
    zh: '低保渐退期',
    en: 'Dibao gradual exit',
    unit: 'months',
    seeding: 'once',
    schema: months,
  },
  employmentCostDeductionCap: {
    zh: '就业成本扣减上限（× 低保标准）',
    en: 'Employment cost deduction cap (× standard)',
    unit: '×',
    seeding: 'once',
    schema: z.number().min(0).max(5),
  },
  disregards: {
    zh: '收入豁免（老年人、残疾人劳动收入）',
    en: 'Earnings disregards (elderly, disabled)',
    unit: '',
    seeding: 'once',
    schema: z.object({
      elderlyAge: z.number().int().min(40).max(100),
      elderlyEarningsCap: z.number().min(0).max(5),
      disabledEarningsCap: z.number().min(0).max(5),
    }),
  },
  dibaoDeductibleSpending: {
    zh: '低保核算可扣减的刚性支出',
    en: 'Dibao: deductible rigid spending',
    unit: '',
    seeding: 'once',
    schema: z.array(z.enum(['medical', 'disability', 'schooling'])).max(3),
  },
  dibaoInvestigationStaff: {
    zh: '低保入户调查最少人数',
    en: 'Dibao investigation: minimum staff',
    unit: 'persons',
    seeding: 'once',
    schema: z.number().int().min(1).max(10),
  },
  exitIncidenceThreshold: {
    zh: '贫困村、贫困县退出的贫困发生率',
    en: 'Village and county exit: incidence threshold',
    unit: 'share',
    seeding: 'once',
    schema: z.object({ default: share, western: share }),
  },
  evaluationVeto: {
    zh: '第三方评估否决线（错退率、漏评率、群众认可度）',
    en: 'Evaluation veto (wrong exit, omission, approval)',
    unit: 'share',
    seeding: 'once',
    schema: z.object({ wrongExitRate: share, omissionRate: share, minApproval: share }),
  },
  dibaoVote: {
    zh: '低保民主评议表决',
    en: 'Dibao democratic review vote',
    unit: 'share',
    seeding: 'once',
    schema: vote,
  },
  villageReviewVote: {
    zh: '村民代表会议表决',
    en: 'Village review vote',
    unit: 'share',
    seeding: 'once',
    schema: vote,
  },
  dibaoCountyVisitShare: {
    zh: '县级抽查入户比例',
    en: 'County check: share visited',
    unit: 'share',
    seeding: 'once',
    schema: share,
  },
  compulsoryEducationAges: {
    zh: '义务教育年龄',
    en: 'Compulsory-education ages',
    unit: 'years',
    seeding: 'once',
    schema: z.object({ from: z.number().int().min(3).max(20), to: z.number().int().min(3).max(20) }),
  },
  safeHousingGrades: {
    zh: '安全住房等级',
    en: 'Safe housing grades',
    unit: '',
    seeding: 'once',
    schema: z.array(z.enum(['A', 'B', 'C', 'D'])).min(1),
  },
  noLabourAges: {
    zh: '无劳动能力年龄（特困）',
    en: 'No-labour ages (special hardship)',
    unit: 'years',
    seeding: 'once',
    schema: z.object({
      elderly: z.number().int().min(40).max(100),
      minorBelow: z.number().int().min(0).max(25),
    }),
  },
  severeDisabilityMaxGrade: {
    zh: '重度残疾等级（一级至此级）',
    en: 'Severe disability: grades 1 to',
    unit: '',
    seeding: 'once',
    schema: z.number().int().min(1).max(4),
  },
  suddenShock: {
    zh: '突发严重困难的认定（刚性支出占比、收入降幅）',
    en: 'Sudden hardship (spending share, income fall)',
    unit: 'share',
    seeding: 'once',
    schema: z.object({ rigidSpendingShare: share, incomeDropShare: share }),
  },
  factConfirmation: {
    zh: '关键事实变更的确认层级（无需确认、乡镇确认或县级确认）',
    en: 'Confirmation of decision-critical fact changes (none, township, county)',
    unit: '',
    seeding: 'optional',
    schema: z.enum(['none', 'township', 'county']),
  },
  supervisionHotline: {
    zh: '监督举报电话（印在公示公告上）',
    en: 'Supervision hotline (printed on public notices)',
    unit: '',
    seeding: 'optional',
    schema: z
      .string()
      .trim()
      .regex(
        /^\d[\d-]{3,19}$/,
        '电话号码：数字和连字符，如 0743-7222222 (a telephone number: digits and hyphens)',
      ),
  },
  factMaxAgeMonths: {
    zh: '关键事实复核周期（超过即列入数据质量检查）',
    en: 'Review interval of decision-critical facts',
    unit: 'months',
    seeding: 'optional',
    schema: z.number().int().min(1).max(120),
  },
};

export const STORED_KEYS = Object.keys(PARAM_CATALOG) as StoredKey[];

export const isStoredKey = (k: string): k is StoredKey => Object.hasOwn(PARAM_CATALOG, k);

/** Keys the rules read, in `PolicyParams` form (all stored keys but the urban standard). */
export type RuleKey = Exclude<StoredKey, (typeof EXTRA_KEYS)[number]>;
export type RuleValue<K extends RuleKey> = PolicyParams[K];
