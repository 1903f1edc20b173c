import type { CaseKind } from '../cases/types.js';
import { g, type Guidance } from './types.js';

/**
 * Guidance for each step of the case procedures (src/domain/cases/*-case.ts), keyed by the case kind
 * and the step's action; `withdraw` is the same in every procedure. Written for the cadre who fires
 * the step; the procedure's requirements (votes, notice days, signatures) are shown beside it.
 */
export const WITHDRAW_GUIDANCE: Guidance = g(
  '确认是农户本人自愿撤回（有签字的，核对签字），记录撤回原因。',
  'Make sure the household withdraws of its own will (check its signature where one is needed) and record why.',
  '告诉农户撤回后可以在情况变化时重新申请，撤回不影响其他帮扶政策。',
  'Tell the household it may apply again when its situation changes, and that withdrawing does not affect other support.',
);

export const CASE_STEP_GUIDANCE: Record<CaseKind, Record<string, Guidance>> = {
  identification: {
    review_vote: g(
      '核对参会人数达到法定比例，申请户的收入、“两不愁三保障”情况已在会上逐项说明，表决结果如实记录。',
      'Check that enough members attend, that the household’s income and basic needs were set out item by item, and that the vote is recorded as cast.',
      '告诉农户评议结果和接下来的公示时间，公示期间可以查看公示内容。',
      'Tell the household the result of the review and when the notice will be posted; it may read the notice while it is up.',
    ),
    close_first_notice: g(
      '公示期满才能结束；逐条记录收到的异议，有未解决的异议要先核实。',
      'Close only after the full notice period; record every objection, and verify any that is unresolved first.',
      '告诉农户公示结果；如有异议，说明将入户核实，农户可以补充说明情况。',
      'Tell the household the outcome of the notice; if there were objections, explain that they will be verified at home and that it may add its own account.',
    ),
    verify: g(
      '入户核实异议涉及的事实（收入、住房、车辆、财政供养人员等），对照部门比对数据，写明核实结论。',
      'Verify at home the facts an objection names (income, housing, vehicles, public employees), compare with department data and write down the finding.',
      '告诉农户核实的内容和结论，核实后将重新评议。',
      'Tell the household what was checked and what was found; the village reviews the application again afterwards.',
    ),
    township_approve: g(
      '审核村级评议和公示材料是否齐全、程序是否合规，抽查入户核实情况，写明审核意见。',
      'Review whether the village’s vote and notice records are complete and regular, spot-check the home verification, write the township’s opinion.',
      '由村干部告诉农户已通过乡镇审核，下一步在村内第二次公示。',
      'Through the village cadre, tell the household the township has approved and a second notice follows in the village.',
    ),
    close_second_notice: g(
      '公示期满才能结束；核对公示内容与审核结果一致，记录异议及处理情况。',
      'Close only after the full period; check that the notice matches the review, record objections and how they were handled.',
      '告诉农户公示已结束，材料将报县级审批。',
      'Tell the household the notice is over and the file goes to the county for approval.',
    ),
    county_approve: g(
      '审核全部程序材料，对照部门比对结果排除不符合条件的情形，写明审批意见。',
      'Check the whole file and the department matching results to exclude ineligible cases, and write the approval.',
      '审批后由乡村两级告诉农户结果，并说明将公告和建档立卡。',
      'After approval, the township and village tell the household the result and that it will be announced and registered.',
    ),
    register: g(
      '核对农户信息采集表与系统记录一致，农户、采集人、审核人三方签字齐全。',
      'Check that the information form matches the record and that the household, the collector and the reviewer have all signed.',
      '告诉农户已建档立卡，说明将制定帮扶计划、明确帮扶责任人，以及如何联系帮扶干部。',
      'Tell the household it is registered, that a plan and a responsible cadre will follow, and how to reach its cadre.',
    ),
    reject: g(
      '写明不符合条件的具体原因（哪一条标准、哪项事实），依据已核实的记录。',
      'Write the specific reason (which criterion, which fact), based on verified records.',
      '当面告诉农户不予纳入的原因和依据，说明可以申诉的渠道和期限。',
      'Tell the household in person why it is not included and on what basis, and how and by when it may complain.',
    ),
  },
  exit: {
    verify: g(
      '入户核实收入稳定超过标准，吃穿不愁，义务教育、基本医疗、住房安全和饮水安全有保障，收入主要不靠政策性转移。',
      'Verify at home that income is steadily above the line, food and clothing are secure, schooling, basic medical care, safe housing and water are assured, and income does not rest mainly on transfers.',
      '告诉农户核实的结果，说明脱贫后过渡期内帮扶政策保持稳定。',
      'Tell the household what the check found, and that support policies stay stable during the transition period after exit.',
    ),
    household_agree: g(
      '确认农户本人理解并认可退出，签字或按手印，不得代签。',
      'Make sure the household understands and agrees to exit and signs or thumbprints itself, never signed for it.',
      '告诉农户退出后仍会被监测，遇到困难可以随时申报。',
      'Tell the household it will still be monitored after exit and may report a difficulty at any time.',
    ),
    close_notice: g(
      '公示期满才能结束；记录异议，未解决的异议退回重新核实。',
      'Close only after the full period; record objections; an unresolved one sends the case back for verification.',
      '告诉农户公示结果，以及接下来将公告退出。',
      'Tell the household the outcome of the notice and that its exit will be announced.',
    ),
    announce: g(
      '核对公告张贴的地点和日期，公告内容与公示一致。',
      'Check where and when the announcement was posted and that it matches the notice.',
      '告诉农户已公告退出，帮扶责任人不变，继续开展走访。',
      'Tell the household its exit is announced; its responsible cadre stays and visits continue.',
    ),
    close_record: g(
      '核对前序程序材料齐全后在系统中标注退出（销号）。',
      'Check that every earlier step is on file, then mark the exit in the registry.',
      '由村干部告诉农户已完成退出登记。',
      'Through the village cadre, tell the household the exit is recorded.',
    ),
    reject: g(
      '写明不退出的具体原因：哪项标准未达到，或农户不认可。',
      'Write why the household does not exit: which standard is not met, or that the household does not agree.',
      '告诉农户继续帮扶的安排和下一次评估的时间。',
      'Tell the household how support continues and when it will be assessed again.',
    ),
  },
  monitoring: {
    home_visit: g(
      '入户了解收入支出变化、“两不愁三保障”和饮水安全，记录风险情况；农户签字并授权核查家庭经济状况。',
      'Visit the home: changes in income and spending, basic needs and water; record the risks; the household signs and consents to the means check.',
      '告诉农户将按程序识别是否纳入监测，以及纳入后可以得到的帮扶。',
      'Tell the household that the procedure decides whether it is monitored, and what support monitoring brings.',
    ),
    review_vote: g(
      '核对参会人数和表决结果，风险情况已在会上说明。',
      'Check attendance and the vote, and that the risks were set out at the meeting.',
      '告诉农户评议结果和公示安排。',
      'Tell the household the result and when the notice is posted.',
    ),
    close_notice: g(
      '公示期满才能结束；记录异议，未解决的退回重新走访。',
      'Close only after the full period; record objections; an unresolved one sends the case back to a visit.',
      '告诉农户公示结果，材料报乡镇审核。',
      'Tell the household the outcome; the file goes to the township.',
    ),
    township_check: g(
      '审核走访记录、评议和公示材料，必要时入户抽查，写明审核意见。',
      'Review the visit, vote and notice records, spot-check at home where needed, write the township’s opinion.',
      '由村干部告诉农户已报县级确定。',
      'Through the village cadre, tell the household the county decides next.',
    ),
    include: g(
      '确定监测对象类别（脱贫不稳定户、边缘易致贫户、突发严重困难户）和风险类型，在期限内作出决定。',
      'Set the category (unstable exited, marginal, sudden hardship) and the risks, and decide within the deadline.',
      '告诉农户已纳入监测，说明将落实的帮扶措施和帮扶责任人。',
      'Tell the household it is monitored, which measures follow and who its responsible cadre is.',
    ),
    decline: g(
      '写明不纳入的具体原因，依据已核实的事实。',
      'Write the specific reason for not including, based on verified facts.',
      '告诉农户不纳入的原因，情况变化可以再次申报。',
      'Tell the household why it is not included; it may report again if its situation changes.',
    ),
    dismiss: g(
      '核实线索确无返贫致贫风险后再关闭，写明依据。',
      'Close a lead only after verifying there is no risk, and write down the basis.',
      '如线索来自农户申报，告诉农户核实结果。',
      'If the household reported the lead, tell it what the check found.',
    ),
    propose_removal: g(
      '回访核实风险已稳定消除：收入持续稳定、“三保障”和饮水安全无问题，监测时间达到规定月数。',
      'Visit again: the risk is steadily removed (stable income, basic needs and water secure) and the minimum months of monitoring have passed.',
      '告诉农户拟标注风险消除，以及消除后仍可申报新困难。',
      'Tell the household that removal of the risk is proposed, and that it may still report new difficulties afterwards.',
    ),
    removal_vote: g(
      '核对参会人数和表决结果，回访情况已在会上说明。',
      'Check attendance and the vote, and that the follow-up visit was set out.',
      '告诉农户评议结果和公示安排。',
      'Tell the household the result and when the notice is posted.',
    ),
    close_removal_notice: g(
      '公示期满才能结束；有未解决的异议则继续监测。',
      'Close only after the full period; with an unresolved objection monitoring continues.',
      '告诉农户公示结果。',
      'Tell the household the outcome of the notice.',
    ),
    township_confirm: g(
      '审核回访、评议和公示材料，写明审核意见。',
      'Review the follow-up visit, vote and notice records; write the township’s opinion.',
      '由村干部告诉农户已报县级决定。',
      'Through the village cadre, tell the household the county decides next.',
    ),
    remove_risk: g(
      '审核全部材料后决定标注风险消除，写明决定。',
      'Check the whole file, then decide the removal and write it down.',
      '告诉农户风险已消除，不再作为监测对象，遇到新困难可以随时申报。',
      'Tell the household the risk is removed and it is no longer monitored; it may report a new difficulty at any time.',
    ),
    keep_monitoring: g(
      '写明继续监测的原因和仍需落实的帮扶。',
      'Write why monitoring continues and what support is still needed.',
      '告诉农户继续监测的原因和下一步帮扶安排。',
      'Tell the household why monitoring continues and what support comes next.',
    ),
  },
  dibao: {
    investigate: g(
      '两名以上工作人员入户调查家庭收入、财产和支出，核对共同生活成员，取得农户签字和核查授权。',
      'Two or more staff investigate income, assets and spending at home, check who lives together, and get the household’s signature and consent to the means check.',
      '告诉农户低保的标准、调查内容和如实申报的义务，以及审核的大致时间。',
      'Tell the household the dibao standard, what is checked, its duty to declare truthfully, and roughly how long the review takes.',
    ),
    review_vote: g(
      '核对评议人数和表决结果，调查结果已在会上说明。',
      'Check attendance and the vote, and that the investigation’s findings were set out.',
      '告诉农户评议结果和公示安排。',
      'Tell the household the result and when the notice is posted.',
    ),
    close_notice: g(
      '公示期满才能结束；有未解决的异议退回重新调查。',
      'Close only after the full period; an unresolved objection sends the case back to the investigation.',
      '告诉农户公示结果，材料报县民政部门。',
      'Tell the household the outcome; the file goes to the county civil affairs bureau.',
    ),
    county_check: g(
      '审核调查、评议和公示材料；申请人是工作人员或村干部近亲属的，必须入户核查。',
      'Review the investigation, vote and notice; if the applicant is a relative of staff or cadres, visit the home.',
      '由乡镇告诉农户已进入县级审核。',
      'Through the township, tell the household the county is reviewing.',
    ),
    approve: g(
      '确定保障金额（标准减家庭人均收入的差额）和起始月份。',
      'Set the benefit (the standard less the household’s income per person) and the first month.',
      '告诉农户保障金额、发放方式和定期复核的要求，家庭情况变化要及时报告。',
      'Tell the household the amount, how it is paid and that it is reviewed regularly; changes must be reported.',
    ),
    deny: g(
      '写明不予批准的具体原因（收入、财产或其他条件）。',
      'Write the specific reason (income, assets or another condition).',
      '书面告诉农户不予批准的理由和申诉途径。',
      'Tell the household in writing why it is refused and how to appeal.',
    ),
  },
  tekun: {
    investigate: g(
      '两名以上工作人员入户核实无劳动能力、无生活来源、无法定义务人或义务人无履行能力，评估生活自理能力。',
      'Two or more staff verify at home: no capacity to work, no income, no one obliged and able to support; assess self-care.',
      '告诉农户特困供养的内容，集中供养和分散供养可以选择。',
      'Tell the household what special hardship support provides and that care may be in an institution or at home.',
    ),
    close_notice: g(
      '公示期满才能结束；有未解决的异议退回重新调查。',
      'Close only after the full period; an unresolved objection sends the case back.',
      '告诉农户公示结果，材料报县民政部门。',
      'Tell the household the outcome; the file goes to the county civil affairs bureau.',
    ),
    county_check: g(
      '审核调查和公示材料；申请人是工作人员或村干部近亲属的，必须入户核查。',
      'Review the investigation and notice; visit the home if the applicant is a relative of staff or cadres.',
      '由乡镇告诉农户已进入县级审核。',
      'Through the township, tell the household the county is reviewing.',
    ),
    approve: g(
      '确定供养方式、照料护理等级和起始月份。',
      'Set the mode of care, the care level and the first month.',
      '告诉农户供养标准、照料安排和联系人。',
      'Tell the household the support standard, the care arrangements and whom to contact.',
    ),
    deny: g(
      '写明不予认定的具体原因。',
      'Write the specific reason for refusal.',
      '书面告诉申请人理由和申诉途径，符合低保条件的引导申请低保。',
      'Tell the applicant in writing why and how to appeal; point to dibao where it may qualify.',
    ),
  },
};

/** The guidance of a step (kind-specific, or the common withdrawal), or null when none is written. */
export function caseStepGuidance(kind: CaseKind, action: string): Guidance | null {
  return CASE_STEP_GUIDANCE[kind][action] ?? (action === 'withdraw' ? WITHDRAW_GUIDANCE : null);
}
