import type { DataClass } from '../visibility.js';
import { CONSISTENCY_CHECKS } from './catalogue-consistency.js';
import { INTEGRITY_CHECKS } from './catalogue-integrity.js';
import { SAFETY_NET_CHECKS } from './catalogue-safety-net.js';
import { BURST_RULE, JUMP_RULE } from './statistics.js';

/**
 * The catalogue of data-quality checks and fabrication signals, kept as data (docs/quality.md).
 * Each entry names its implementation: a set-based query in src/modules/quality/repository.ts
 * (`sql`) or a query followed by a test statistic from ./statistics.ts (`statistic`).
 */

export type Severity = 'high' | 'medium' | 'low';
export type CheckKind = 'rule' | 'signal';
export interface Text {
  zh: string;
  en: string;
}

export interface QualityCheck {
  id: string;
  kind: CheckKind;
  severity: Severity;
  title: Text;
  description: Text;
  /** The statistic computed and the threshold that raises a finding. */
  statistic: Text;
  /** What a cadre or officer is expected to do about a finding. */
  fix: Text;
  implementation: 'sql' | 'statistic';
  params: Readonly<Record<string, number>>;
  /**
   * The personal data classes a finding of this check rests on (visibility.ts): a finding tells
   * something of them (e.g. that a member is recorded healthy). Its findings are withheld from a
   * role that may not see one of them (explanations.ts).
   */
  rests: readonly DataClass[];
}

const t = (zh: string, en: string): Text => ({ zh, en });

/** Evaluation-burst window and baseline (days). */
export const BURST_WINDOW_DAYS = 14;
export const BURST_BASELINE_DAYS = 180;

export const QUALITY_CHECKS: readonly QualityCheck[] = [
  {
    id: 'duplicate_id_number',
    kind: 'rule',
    severity: 'high',
    title: t('身份证号跨户重复', 'ID number in more than one household'),
    description: t(
      '同一身份证号出现在两个以上户的在户成员中',
      'The same ID number belongs to present members of two or more households',
    ),
    statistic: t('重复的户数 ≥ 2', 'households sharing the number ≥ 2'),
    fix: t(
      '核实身份，合并或删除重复成员（重复检测页）',
      'Verify the person; merge or remove the duplicate (duplicates page)',
    ),
    implementation: 'sql',
    params: {},
    rests: [],
  },
  {
    id: 'head_spouse_same_sex',
    kind: 'rule',
    severity: 'medium',
    title: t('户主与配偶性别相同', 'Head and spouse of the same sex'),
    description: t(
      '户主与登记为配偶的成员性别相同，多为关系或性别录错',
      'The head and the member recorded as spouse have the same sex — usually a wrong relation or sex',
    ),
    statistic: t('同户户主、配偶性别相同', 'head.sex = spouse.sex'),
    fix: t('核对户口簿，更正关系或性别', 'Check the household register; correct relation or sex'),
    implementation: 'sql',
    params: {},
    rests: [],
  },
  {
    id: 'welfare_job_age',
    kind: 'rule',
    severity: 'medium',
    title: t('未成年人或70岁以上人员从事公益岗位', 'Minor or person 70+ in a public-welfare job'),
    description: t(
      '公益岗位月数 > 0 的成员年龄 < 16 岁或 ≥ 70 岁',
      'A member with public-welfare job months > 0 is under 16 or 70 or older',
    ),
    statistic: t('年龄 < 16 或 ≥ 70（按运行日期）', 'age < 16 or ≥ 70 (on the run date)'),
    fix: t(
      '核实岗位聘用，调整到符合条件的家庭成员或取消',
      'Verify the job; move it to an eligible member or end it',
    ),
    implementation: 'sql',
    params: { minAge: 16, maxAge: 70 },
    rests: [],
  },
  {
    id: 'healthy_weak_labour',
    kind: 'rule',
    severity: 'low',
    title: t(
      '健康劳动年龄人员登记为弱/无劳动力',
      'Healthy person of working age recorded as weak or no labour',
    ),
    description: t(
      '健康且 16–60 岁的成员劳动能力登记为弱劳动力、丧失劳动力或无劳动力',
      'A healthy member aged 16–60 is recorded as weak, lost or no labour capacity',
    ),
    statistic: t(
      '健康 且 16 ≤ 年龄 ≤ 60 且 劳动能力 ∈ {弱, 丧失, 无}',
      'healthy and 16 ≤ age ≤ 60 and labour ∈ {weak, lost, none}',
    ),
    fix: t('入户核实劳动能力或健康状况并更正', 'Visit and correct labour capacity or health'),
    implementation: 'sql',
    params: { minAge: 16, maxAge: 60 },
    rests: ['health'],
  },
  {
    id: 'labour_cause_can_work',
    kind: 'rule',
    severity: 'medium',
    title: t('“缺劳力”但多数成员有劳动能力', '"Lack of labour" while most members can work'),
    description: t(
      '致贫原因含缺劳力，而在户成员中有普通或技能劳动力的超过一半',
      'A cause is lack of labour while more than half of the present members have ordinary or skilled labour',
    ),
    statistic: t('有劳动能力成员数 / 在户人数 > 0.5', 'members able to work / present members > 0.5'),
    fix: t('重新分析致贫原因，调整帮扶措施', 'Re-assess the causes and the measures'),
    implementation: 'sql',
    params: { maxShare: 0.5 },
    rests: [],
  },
  {
    id: 'illness_no_medical',
    kind: 'rule',
    severity: 'low',
    title: t('“因病”但医疗支出为零', '"Illness" cause with zero medical spending'),
    description: t(
      '致贫原因含因病，而最近一年的医疗自付支出为 0',
      'A cause is illness while the latest year records no out-of-pocket medical cost',
    ),
    statistic: t('最近年度医疗支出 = 0', 'latest year medical_cost = 0'),
    fix: t('补录医疗支出或更正致贫原因', 'Record the medical costs or correct the cause'),
    implementation: 'sql',
    params: {},
    rests: [],
  },
  {
    id: 'risk_removed_early',
    kind: 'rule',
    severity: 'high',
    title: t('识别后不足6个月即消除风险', 'Risk removed within 6 months of identification'),
    description: t(
      '监测对象从识别到风险消除不足规定月数（政策参数“风险消除最短监测月数”）',
      'A monitored household was removed sooner than the policy minimum (riskRemovalMinMonths) after identification',
    ),
    statistic: t('消除日期 − 识别日期 < 6 个月', 'removal date − identification date < 6 months'),
    fix: t('撤销风险消除，继续监测帮扶', 'Undo the removal and continue monitoring'),
    implementation: 'sql',
    params: { months: 6 },
    rests: [],
  },
  {
    id: 'removed_below_range',
    kind: 'rule',
    severity: 'high',
    title: t('风险消除时收入仍低于监测范围', 'Risk removed while income is below the range'),
    description: t(
      '风险消除当年人均纯收入低于监测范围（监测线）',
      'In the year of risk removal the per-capita income is below the monitoring line',
    ),
    statistic: t('人均纯收入 < 当年监测线', "per-capita income < the year's monitoring line"),
    fix: t('核实收入，恢复监测', 'Verify the income; resume monitoring'),
    implementation: 'sql',
    params: {},
    rests: [],
  },
  {
    id: 'dibao_no_transfer',
    kind: 'rule',
    severity: 'medium',
    title: t('低保或特困户无转移性收入', 'Dibao or 特困 household with no transfer income'),
    description: t(
      '低保/特困户（户类型或在户成员）最近一年转移性收入为 0',
      'A dibao or special-hardship household (type or a present member) has zero transfer income in the latest year',
    ),
    statistic: t('最近年度转移性收入 = 0', 'latest year transfer_income = 0'),
    fix: t('补录低保金等转移性收入，或核实低保身份', 'Record the dibao payments, or verify the dibao status'),
    implementation: 'sql',
    params: {},
    rests: [],
  },
  {
    id: 'implausible_land_distance',
    kind: 'rule',
    severity: 'low',
    title: t('耕地、林地或距离不合理', 'Implausible land or distances'),
    description: t(
      '耕地 > 60 亩、林地 > 1000 亩、距主干道 > 60 公里或距集市 > 100 公里',
      'Cultivated land > 60 mu, forest > 1,000 mu, road > 60 km or market > 100 km',
    ),
    statistic: t('超出上限', 'above the bound'),
    fix: t('核对单位（亩/公顷、米/公里）并更正', 'Check the unit (mu/hectare, metre/km) and correct'),
    implementation: 'sql',
    params: { cultivated: 60, forest: 1000, road: 60, market: 100 },
    rests: [],
  },
  {
    id: 'income_heaping',
    kind: 'signal',
    severity: 'high',
    title: t('脱贫年度收入扎堆在贫困线上方', 'Exit-year incomes heaped just above the line'),
    description: t(
      '每村历年脱贫当年人均纯收入合并：落在 [线, 线×1.05) 或 [线, 线×1.1) 的户数占 [线, 线×1.3) 的比例，与本地区其余各村比较；乡镇的结论归到承载它的村',
      'By village, exits of all years pooled: the share of exit-year per-capita incomes in [line, line×1.05) or [line, line×1.1) among those in [line, line×1.3), against the rest of the region; a township verdict goes to the villages that carry it',
    ),
    statistic: t(
      '单侧精确二项检验（原假设：本地区比例，不低于均匀密度），两档取较小的显著性概率 × 2；各村经多重检验校正（错误发现率 5%）；且低档户数 ≥ 5、超额比 ≥ 1.5',
      'one-sided exact binomial test (H0: the region’s share, at least a flat density’s), the smaller p of the two bands × 2; Benjamini–Hochberg across villages at FDR 5 %; and ≥ 5 in the band, excess ratio ≥ 1.5',
    ),
    fix: t(
      '抽查脱贫户收入台账，入户核实收入来源',
      "Audit the exit households' income records; verify sources at home",
    ),
    implementation: 'statistic',
    params: { band: 0.15, wide: 0.3, fdr: 0.05, minN: 5, minLow: 5, minRatio: 1.5 },
    rests: [],
  },
  {
    id: 'identical_income_vectors',
    kind: 'signal',
    severity: 'high',
    title: t('同村多户收入近似复制', 'Near-copy income families in a village'),
    description: t(
      '同一村同一年，工资、经营、生产费用、财产四项均在 ±2% 以内一致的户（至少两项非零）组成的家族：近似复制 ≥ 3 户，或完全相同 ≥ 2 户',
      'In one village and year, families of households whose wage, business, production cost and property all agree within ±2 % (at least two non-zero): three or more near copies, or two exact ones',
    ),
    statistic: t(
      '家族内一致的户对数与偶然期望（各项一致比例之积 × 户对数）比较：泊松分布上尾概率，各村各年经多重检验校正（错误发现率 1%）',
      'agreeing pairs of the family against chance (product of each item’s agreeing share × pairs): Poisson upper tail p, BH across village-years (FDR 1 %)',
    ),
    fix: t(
      '逐户重新采集收入，查明是否复制粘贴',
      "Re-collect each household's income; find out whether records were copied",
    ),
    implementation: 'statistic',
    params: { tolerance: 0.02, minNonZero: 2, fdr: 0.01, minFamily: 3 },
    rests: [],
  },
  {
    id: 'income_jump_no_measure',
    kind: 'signal',
    severity: 'medium',
    title: t('收入大幅跳升且无记录可解释', 'Year-on-year income jump nothing recorded explains'),
    description: t(
      '人均纯收入较上年增长 > 100% 且 > 3000 元，且无记录可解释：帮扶措施、项目收益、易地搬迁、新增成员、务工（增幅主要来自工资且有务工记录）、恢复到两三年前水平',
      'Per-capita income up > 100 % and > 3,000 yuan on the year before, and nothing recorded explains it: a plan measure, a project benefit, relocation, a member joining, employment (the rise carried by wages with migrant work recorded), a return to the level of two or three years before',
    ),
    statistic: t(
      '收入(y) > 2×收入(y−1) 且 差额 > 3000',
      'income(y) > 2 × income(y−1) and difference > 3,000',
    ),
    fix: t(
      '核实增收来源并补录措施，或更正收入',
      'Verify where the income came from and record the measure, or correct the income',
    ),
    implementation: 'sql',
    params: { ...JUMP_RULE },
    rests: [],
  },
  {
    id: 'benford_village',
    kind: 'signal',
    severity: 'medium',
    title: t('村级收入数据偏离本福特定律', 'Benford deviation by village'),
    description: t(
      '每村所有年度的自报收入项（工资、经营、生产费用、财产收入，> 0）的首位数字分布；固定标准金额（如每户固定分红）除外',
      'First digits of the self-reported income items (wage, business, production cost, property; > 0) of all years, by village; fixed programme amounts (e.g. a dividend per household) left out',
    ),
    statistic: t(
      '首位数字平均绝对偏差 > 0.015（按尼格里尼标准为不符合）且 > 偶然偏差的 2 倍，且与本地区其余数据的首位分布偏差 > 0.015；样本数 ≥ 300 才判定',
      'MAD > 0.015 (Nigrini nonconformity) and > 2 × the MAD chance gives at n, and MAD against the rest of the region’s first digits > 0.015; verdict only when n ≥ 300',
    ),
    fix: t('抽样回访核对收入台账', 'Re-interview a sample and check the income records'),
    implementation: 'statistic',
    params: { digits: 1, minN: 300, madLimit: 0.015 },
    rests: [],
  },
  {
    id: 'benford_collector',
    kind: 'signal',
    severity: 'high',
    title: t('信息采集员数据偏离本福特定律', 'Benford deviation by data collector'),
    description: t(
      '按录入收入的采集员（年度收入记录的录入人）汇总自报收入项的首位数字；固定标准金额除外',
      'First digits of the self-reported income items by the collector who entered them (household_year.recorded_by); fixed programme amounts left out',
    ),
    statistic: t(
      '同村级：平均绝对偏差 > 0.015 且 > 偶然偏差的 2 倍，且偏离本地区分布 > 0.015；样本数 ≥ 300',
      'as by village: MAD > 0.015 and > 2 × chance, and > 0.015 from the region’s own digits; n ≥ 300',
    ),
    fix: t(
      '复核该采集员录入的户，必要时重新采集',
      'Re-check the households the collector entered; re-collect where needed',
    ),
    implementation: 'statistic',
    params: { digits: 1, minN: 300, madLimit: 0.015 },
    rests: [],
  },
  {
    id: 'edit_burst',
    kind: 'signal',
    severity: 'medium',
    title: t('评估前集中修改数据', 'Burst of edits before an evaluation'),
    description: t(
      '按账号和地区：评估日期前 14 天内的修改次数与此前 180 天的基线比较',
      "By account and region: edits in the 14 days before an evaluation date against the account's rate in the 180 days before",
    ),
    statistic: t(
      '泊松分布上尾概率，期望次数 = (基线+1)×14/180；概率 < 0.001 且 修改次数/期望次数 > 3 且 修改次数 ≥ 10',
      'Poisson upper tail p, λ = (baseline+1)×14/180; p < 0.001 and k/λ > 3 and k ≥ 10',
    ),
    fix: t(
      '审阅该账号在窗口内的修改（审计日志），核实修改依据',
      "Review the account's edits in the window (audit log); verify their grounds",
    ),
    implementation: 'statistic',
    params: { ...BURST_RULE, windowDays: BURST_WINDOW_DAYS, baselineDays: BURST_BASELINE_DAYS },
    rests: [],
  },
  ...INTEGRITY_CHECKS,
  ...SAFETY_NET_CHECKS,
  ...CONSISTENCY_CHECKS,
];

export const checkById = (id: string): QualityCheck | undefined => QUALITY_CHECKS.find((c) => c.id === id);
