import type { MeasureType } from '../rules/facts.js';
import { g, type Guidance } from './types.js';

/**
 * Guidance for each kind of measure (MEASURE_TYPES, the `measure_type` of every catalogue entry): what
 * a cadre checks before and while the measure runs, and what to tell the household. A catalogue entry's
 * own texts (how to apply, documents, contact) are shown beside it.
 */
export const MEASURE_GUIDANCE: Record<MeasureType, Guidance> = {
  industry: g(
    '核实家庭有劳动力和发展意愿，产业与当地条件、市场相符；奖补按核验的实际规模计算，资金打卡到户。',
    'Check that the household can work and wants to, and that the activity suits local conditions and markets; grants follow the verified scale and are paid to its account.',
    '告诉农户申请条件、核验方式和补助标准，提醒保留购苗、购畜、销售等凭证。',
    'Tell the household the conditions, how the scale is verified and the grant rate; ask it to keep receipts for seedlings, livestock and sales.',
  ),
  employment: g(
    '核实务工或培训意愿、技能和家庭照料负担；务工的要有务工证明，培训的要有合格证书。',
    'Check the wish to work or train, the skills and the care load at home; jobs need proof of employment, training a certificate.',
    '告诉农户可以享受的就业服务和补贴，务工满规定时间后凭证明申领。',
    'Tell the household which job services and subsidies it may have; subsidies are claimed with proof after the qualifying period.',
  ),
  welfare_job: g(
    '核实人员年龄和身体状况能胜任岗位（不安排未成年人和70岁以上人员），按月考核出勤后发放补贴。',
    'Check that age and health fit the job (no minors, no one over 70); pay monthly after checking attendance.',
    '告诉农户岗位职责、补贴标准和考核方式，补贴按月打卡发放。',
    'Tell the household the duties, the pay and how work is checked; pay goes monthly to its account.',
  ),
  health: g(
    '核实患病或残疾成员、参保缴费和家庭医生签约情况，住院费用是否已“一站式”结算。',
    'Check ill or disabled members, insurance premiums paid, a family doctor signed, and whether hospital bills were settled in one stop.',
    '告诉农户医保报销、大病保险和医疗救助的办理方式，看病时带好医保卡和身份证。',
    'Tell the household how insurance, critical illness cover and medical assistance are claimed; bring the insurance card and ID to the doctor.',
  ),
  education: g(
    '核实在校学生的学段和学籍，资助是否按学期到位，有无辍学风险。',
    'Check each pupil’s level and enrolment, that aid arrives each term, and any risk of dropping out.',
    '告诉农户各学段的资助政策和申请时间，孩子休学、转学要及时告知。',
    'Tell the household the aid for each school level and when to apply; report a break or change of school at once.',
  ),
  housing: g(
    '核实住房安全等级鉴定（C级、D级），改造方案与家庭人口相符，竣工后组织验收。',
    'Check the house’s safety grade (C or D) and that the plan fits the household’s size; inspect on completion.',
    '告诉农户改造补助标准、面积控制和验收后拨付补助的要求，不要举债建大房。',
    'Tell the household the grant, the size limit and that the grant is paid after inspection; do not borrow to build big.',
  ),
  water: g(
    '核实饮水水量、水质、取水便利和供水保证率是否达标。',
    'Check the quantity, quality, convenience and reliability of the drinking water.',
    '告诉农户工程安排和管护责任，停水或水质问题向村里报告。',
    'Tell the household when the works come and who maintains them; report an outage or bad water to the village.',
  ),
  relocation: g(
    '核实搬迁意愿自愿、安置住房面积不超标，旧房按协议拆除，搬迁后有就业或产业安排。',
    'Check that the move is voluntary, the new home within the size limit, the old house demolished as agreed, and work or production arranged after the move.',
    '告诉农户安置方式、自筹标准、旧房拆除协议和后续扶持政策。',
    'Tell the household the settlement options, its own share, the demolition agreement and the follow-up support.',
  ),
  eco_compensation: g(
    '核实林地面积和公益林区划，补偿资金按年足额到户。',
    'Check the forest area and its public-benefit status; compensation reaches the household in full each year.',
    '告诉农户补偿标准、发放时间和管护义务。',
    'Tell the household the rate, when it is paid and its duties to look after the forest.',
  ),
  finance: g(
    '核实贷款用于生产、还款能力和贴息到位，临近到期的提前了解还款安排。',
    'Check that the loan funds production, that the household can repay and the interest subsidy is paid; ask about repayment before it falls due.',
    '告诉农户贷款额度、期限、贴息政策和按时还款的重要性，不得转借他人。',
    'Tell the household the amount, term, interest subsidy and why repaying on time matters; the loan may not be passed on.',
  ),
  social_security: g(
    '核实家庭收入、财产和共同生活成员符合低保或特困条件，保障金按月发放到位，按期复核。',
    'Check that income, assets and household members meet the dibao or special hardship conditions, that payments arrive monthly and reviews are on time.',
    '告诉农户保障标准、发放方式和家庭情况变化时要主动报告。',
    'Tell the household the standard, how it is paid, and that it must report changes in its situation.',
  ),
  social_help: g(
    '核实救助对象条件（残疾等级、受灾情况等）和补贴发放记录。',
    'Check the conditions (disability grade, disaster damage) and the payment records.',
    '告诉农户补贴标准、申领材料和发放时间。',
    'Tell the household the rate, the documents to bring and when it is paid.',
  ),
};

/** The guidance of a measure kind, or null for a kind with none written (a county’s new type). */
export const measureGuidance = (measureType: string): Guidance | null =>
  (MEASURE_GUIDANCE as Record<string, Guidance>)[measureType] ?? null;
