import { g, type Guidance } from './types.js';

/**
 * Guidance for each data-quality check and fabrication signal (QUALITY_CHECKS, src/domain/quality):
 * what to check when a finding is raised, and what (if anything) to say to the household. The check's
 * own `fix` says what to do in the system; this says how to verify in the field.
 */
const SIGNAL_TELL = g(
  '',
  '',
  '这是统计疑点，不代表造假；入户核实时不要向农户透露疑点，请农户如实说明收入来源并出示凭证。',
  'This is a statistical flag, not proof; do not disclose it to the household on a visit, ask it to explain its income sources with receipts.',
).tell;

const s = (checkZh: string, checkEn: string): Guidance => ({
  check: { zh: checkZh, en: checkEn },
  tell: SIGNAL_TELL,
});

export const FINDING_GUIDANCE: Record<string, Guidance> = {
  duplicate_id_number: g(
    '查看户口簿和身份证原件，确认此人实际在哪一户生活。',
    'Look at the household register and the ID card to find which household the person really lives in.',
    '告诉农户将更正重复登记，不影响其应享的政策。',
    'Tell the household the double registration will be corrected without affecting its entitlements.',
  ),
  head_spouse_same_sex: g(
    '核对户口簿上户主和配偶的性别、关系，可能是录入错误。',
    'Check the head’s and spouse’s sex and relation in the household register; often a typing error.',
    '请农户出示户口簿以便更正。',
    'Ask the household for its register so the record can be corrected.',
  ),
  welfare_job_age: g(
    '核实上岗人员的年龄和实际履职情况，是否由他人代岗。',
    'Check the worker’s age and whether they really do the job, or someone else does it for them.',
    '告诉农户公益岗位的年龄要求，不符合的将调整岗位或换人。',
    'Tell the household the age rules of the job; the post will be adjusted if they are not met.',
  ),
  healthy_weak_labour: g(
    '入户核实该成员的健康和实际劳动情况，需要时查看病历或残疾证。',
    'Check the member’s health and actual work at home; look at medical or disability papers where needed.',
    '告诉农户劳动能力登记会影响帮扶措施的安排，请如实说明。',
    'Tell the household the recorded capacity to work shapes its measures; ask it to answer truthfully.',
  ),
  labour_cause_can_work: g(
    '核实家庭主要致贫原因，劳动力是否外出、患病或需照料家人。',
    'Check the household’s main cause: are its workers away, ill or caring for relatives?',
    '与农户确认致贫原因，说明更正后的帮扶安排。',
    'Confirm the cause with the household and explain the support that follows from it.',
  ),
  illness_no_medical: g(
    '核实患病成员的就医和费用情况，查看医疗费用票据或医保结算单。',
    'Check the ill member’s treatment and costs; look at bills or insurance statements.',
    '请农户提供医疗票据，说明医保和医疗救助的报销渠道。',
    'Ask the household for its medical bills and explain how insurance and medical assistance reimburse them.',
  ),
  risk_removed_early: g(
    '核实风险消除时的回访记录和收入情况，监测时间是否满足要求。',
    'Check the follow-up visit and income at removal, and whether monitoring lasted long enough.',
    '如需恢复监测，告诉农户原因和继续帮扶的安排。',
    'If monitoring resumes, tell the household why and how support continues.',
  ),
  removed_below_range: g(
    '核实风险消除时家庭收入和收入构成，是否存在漏记收入或应继续监测。',
    'Check income and its sources at removal: is income missing from the record, or should monitoring go on?',
    '如需恢复监测，告诉农户原因和帮扶安排。',
    'If monitoring resumes, tell the household why and what support follows.',
  ),
  dibao_no_transfer: g(
    '核实低保金或特困供养金是否实际发放，收入记录是否漏记转移性收入。',
    'Check that the dibao or special hardship payments were really paid and recorded as transfer income.',
    '请农户出示存折或银行流水，确认到账情况。',
    'Ask the household for its bank book or statement to confirm the payments arrived.',
  ),
  implausible_land_distance: g(
    '核对承包地、林地面积和到学校、卫生室的距离，可能是单位（亩、公里）录入错误。',
    'Check the land areas and distances to school and clinic; often a unit error (mu, km).',
    '请农户出示土地承包证或林权证以便更正。',
    'Ask the household for its land or forest certificate so the record can be corrected.',
  ),
  income_heaping: s(
    '抽取脱贫年度收入刚过标准线的农户，逐户核实收入明细和凭证。',
    'Sample households whose exit-year income is just above the line and verify each income item with receipts.',
  ),
  identical_income_vectors: s(
    '对收入近似相同的农户逐户核实，查看是否复制录入。',
    'Verify each near-identical household and whether its record was copied.',
  ),
  income_jump_no_measure: g(
    '核实收入大幅增长的来源（务工、产业、转移），是否有未登记的帮扶措施。',
    'Check where the jump comes from (work, production, transfers) and whether a measure went unrecorded.',
    '请农户说明收入增加的来源并提供凭证。',
    'Ask the household to explain the new income and show receipts.',
  ),
  benford_village: s(
    '抽查该村收入记录的原始采集表，核对与系统录入是否一致。',
    'Spot-check the village’s original collection forms against the records.',
  ),
  benford_collector: s(
    '抽查该采集员录入的农户，核对原始采集表并入户复核。',
    'Spot-check the collector’s households against the original forms and revisit some.',
  ),
  edit_burst: s(
    '查看评估前集中修改的内容和修改人，核对修改依据。',
    'Look at what was changed before the evaluation, by whom, and on what basis.',
  ),
  round_numbers_village: s(
    '抽查该村收入为整数的农户，核对收入明细是否估算填报。',
    'Spot-check the village’s round-number incomes: were the items estimated?',
  ),
  round_numbers_collector: s(
    '抽查该采集员录入的整数收入，核对收入明细。',
    'Spot-check the collector’s round-number incomes against their items.',
  ),
  shared_factor: s(
    '核实同村多户收入按同一比例变化的原因，是否批量修改。',
    'Find why many households changed by one factor: a bulk edit?',
  ),
  village_jump_rate: s(
    '核实该村收入跳升农户的收入来源，对照帮扶措施和项目记录。',
    'Check the income sources of the village’s jumping households against measures and projects.',
  ),
  plan_roll_conflict: g(
    '核对帮扶计划中的兜底措施与低保、特困名册是否一致。',
    'Compare the plan’s safety-net measures with the dibao and special hardship rolls.',
    '告诉农户将调整帮扶计划，与实际享受的政策保持一致。',
    'Tell the household its plan will be brought in line with the support it actually receives.',
  ),
  plan_dibao_no_roll: g(
    '核实农户是否已申请或纳入低保，未纳入的应按程序申请或调整措施。',
    'Check whether the household applied for or receives dibao; if not, apply through the procedure or change the measure.',
    '告诉农户低保需要按程序申请审核，说明办理渠道。',
    'Tell the household that dibao needs an application and review, and where to apply.',
  ),
  dibao_tekun_same_person: g(
    '核实此人应享受低保还是特困供养，两项不能同时享受。',
    'Decide whether the person should have dibao or special hardship support; not both.',
    '告诉农户政策不能重复享受，将按更有利的一项保障。',
    'Tell the household the two cannot be combined and the more favourable one will apply.',
  ),
  stale_facts: g(
    '入户复核过期的关键事实（住房、饮水、上学、参保、收入等）。',
    'Revisit and re-check the outdated facts (housing, water, schooling, insurance, income).',
    '告诉农户这是定期复核，请如实说明近期变化。',
    'Tell the household this is a routine re-check and ask about recent changes.',
  ),
  risk_no_evidence: g(
    '为监测风险补充佐证：走访记录、票据、部门数据或照片。',
    'Add evidence for the monitoring risk: a visit record, bills, department data or photos.',
    '请农户提供能证明困难的材料，如医疗票据或受灾证明。',
    'Ask the household for papers that show the difficulty, such as medical bills or a disaster certificate.',
  ),
  payments_reconcile: g(
    '核对发放清册与低保、特困名册的人员和金额，查明多发、漏发原因。',
    'Compare the payment list with the rolls, person by person and amount by amount; find why payments were missed or extra.',
    '漏发的告诉农户补发时间，多发的说明退回要求。',
    'If a payment was missed, tell the household when it will be made up; if overpaid, explain the refund.',
  ),
};

/** The guidance of a quality check’s findings, or null. */
export const findingGuidance = (checkId: string): Guidance | null => FINDING_GUIDANCE[checkId] ?? null;
