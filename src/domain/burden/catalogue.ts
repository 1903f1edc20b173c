/**
 * The burden meter's catalogues (issue 7, DOMAIN.md §4 "Burden"): the forms the system asks
 * grassroots cadres to fill, the data items higher levels ask for and whether the registry already
 * holds them, and the standard reports that answer such requests without asking villages again.
 */

export type Level = 'village' | 'township' | 'county' | 'national' | 'household' | 'system';

/** Level of an actor from its role (audit events carry the actor; the system and households too). */
export function levelOfRole(role: string | null): Level {
  switch (role) {
    case 'village_cadre':
      return 'village';
    case 'township_officer':
      return 'township';
    case 'county_officer':
      return 'county';
    case 'admin':
      return 'national';
    case 'household':
      return 'household';
    default:
      return 'system';
  }
}

/** A form the system asks people to fill: the audit actions that record one filling, its fields. */
export interface Form {
  id: string;
  zh: string;
  en: string;
  /** Audit actions (exact, or a prefix ending in '.') that record one filling of the form. */
  actions: readonly string[];
  /** Fields a cadre enters per filling (what the form asks, not what the system derives). */
  fields: number;
  /**
   * Forms whose records are kept in their own table (yearly incomes, visits, screenings, plan
   * measures) are counted from that table — demo data and imports included — and attributed to
   * the village level, where they are collected; their audit events are then not counted again.
   */
  table?: 'income' | 'visit' | 'screening' | 'plan';
}

export const FORMS: readonly Form[] = [
  { id: 'household', zh: '农户基本信息', en: 'household record', actions: ['household.update'], fields: 12 },
  { id: 'member', zh: '家庭成员信息', en: 'member record', actions: ['household.member.'], fields: 14 },
  {
    id: 'income',
    zh: '年度收入信息',
    en: 'yearly income',
    actions: ['household.income'],
    fields: 9,
    table: 'income',
  },
  { id: 'status', zh: '户状态变更', en: 'status change', actions: ['household.status'], fields: 3 },
  {
    id: 'import',
    zh: '批量导入（每户）',
    en: 'bulk import (per household)',
    actions: ['household.import'],
    fields: 12,
  },
  { id: 'visit', zh: '走访记录', en: 'visit record', actions: ['visit.'], fields: 5, table: 'visit' },
  {
    id: 'screening',
    zh: '风险排查',
    en: 'risk screening',
    actions: ['warning.screening'],
    fields: 5,
    table: 'screening',
  },
  { id: 'plan', zh: '帮扶计划与措施', en: 'plan and measures', actions: ['plan.'], fields: 8, table: 'plan' },
  {
    id: 'case',
    zh: '程序办理（评议、公示、签字）',
    en: 'case steps (votes, notices, signatures)',
    actions: ['case.'],
    fields: 4,
  },
  { id: 'need', zh: '需求发布与确认', en: 'needs and confirmations', actions: ['need.'], fields: 5 },
];

export function formOf(action: string): Form | undefined {
  return FORMS.find((f) => f.actions.some((a) => (a.endsWith('.') ? action.startsWith(a) : action === a)));
}

/** Standard reports generated from the registry on demand (src/modules/burden/reports.ts). */
export const REPORT_KINDS = [
  'roster',
  'statistics',
  'targets',
  'funds',
  // after 2020 (issue 21 item 7; src/modules/burden/derived-reports.ts)
  'monitoring',
  'safety_net',
  'plans',
  'visits',
  'pairs',
  'consumption',
  'employment',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_NAMES: Record<ReportKind, { zh: string; en: string }> = {
  roster: { zh: '建档立卡户花名册', en: 'registry roster (花名册)' },
  statistics: { zh: '分区域统计表', en: 'statistics by region' },
  targets: { zh: '脱贫任务进度表', en: 'target progress' },
  funds: { zh: '项目资金使用表', en: 'project fund use' },
  monitoring: { zh: '防返贫监测对象名册', en: 'monitored households (监测对象)' },
  safety_net: { zh: '低保特困供养名册', en: 'dibao and 特困 rolls' },
  plans: { zh: '帮扶计划与措施统计表', en: 'plans and measures' },
  visits: { zh: '走访帮扶统计表', en: 'visits' },
  pairs: { zh: '结对帮扶情况表', en: 'paired assistance (结对帮扶)' },
  consumption: { zh: '消费帮扶情况表', en: 'consumption assistance (消费帮扶)' },
  employment: { zh: '务工就业统计表', en: 'employment' },
};

/** A data item a higher level may ask for; `report` names the standard report that holds it. */
export interface DataItem {
  id: string;
  zh: string;
  en: string;
  report: ReportKind | null;
}

export const DATA_ITEMS: readonly DataItem[] = [
  { id: 'household_roster', zh: '贫困户名单及家庭成员', en: 'poor households and members', report: 'roster' },
  { id: 'household_income', zh: '贫困户收入情况', en: 'household incomes', report: 'roster' },
  {
    id: 'poverty_counts',
    zh: '贫困人口数与贫困发生率',
    en: 'poor population and incidence',
    report: 'statistics',
  },
  { id: 'exit_counts', zh: '脱贫户数与人数', en: 'exited households and persons', report: 'statistics' },
  { id: 'monitoring_counts', zh: '监测对象数', en: 'monitored households', report: 'statistics' },
  { id: 'monitoring_list', zh: '监测对象名单', en: 'list of monitored households', report: 'monitoring' },
  { id: 'safety_net_rolls', zh: '低保、特困人员名册', en: 'dibao and 特困 rolls', report: 'safety_net' },
  { id: 'plan_measures', zh: '帮扶计划与措施落实情况', en: 'plans and measures', report: 'plans' },
  { id: 'visit_counts', zh: '走访帮扶情况', en: 'visits to households', report: 'visits' },
  {
    id: 'pair_assistance',
    zh: '结对帮扶资金项目到位情况',
    en: 'paired assistance delivered',
    report: 'pairs',
  },
  {
    id: 'consumption_sales',
    zh: '消费帮扶销售情况',
    en: 'consumption assistance sales',
    report: 'consumption',
  },
  {
    id: 'employment_counts',
    zh: '脱贫劳动力务工就业情况',
    en: 'employment of exited labour',
    report: 'employment',
  },
  { id: 'target_progress', zh: '年度脱贫任务完成情况', en: 'annual target progress', report: 'targets' },
  { id: 'fund_use', zh: '扶贫资金分配与拨付', en: 'fund allocation and disbursement', report: 'funds' },
  { id: 'project_list', zh: '扶贫项目清单', en: 'project list', report: 'funds' },
  { id: 'village_conditions', zh: '村基础设施情况', en: 'village infrastructure', report: null },
  {
    id: 'work_photos',
    zh: '工作照片、截图留痕',
    en: 'photos and screenshots as proof of work',
    report: null,
  },
  { id: 'meeting_minutes', zh: '会议记录', en: 'meeting minutes', report: null },
];

export interface RequestAssessment {
  /** Items the registry already holds, with the report that answers them. */
  held: { item: string; report: ReportKind }[];
  /** Items the system does not hold: only these may legitimately be asked of villages. */
  notHeld: string[];
  /** Items asked that are discouraged outright (proof-of-work photos and screenshots). */
  discouraged: string[];
  /** Items not in the catalogue (free text the county should review). */
  unknown: string[];
  /** The reports that answer the held items. */
  reports: ReportKind[];
  /** True when every catalogued item is held: the request is answerable without asking villages. */
  answerableFromSystem: boolean;
}

const DISCOURAGED = new Set(['work_photos']);

/** Which requested items the system already holds — a request for those is a burden to refuse. */
export function assessRequest(items: readonly string[]): RequestAssessment {
  const byId = new Map(DATA_ITEMS.map((d) => [d.id, d]));
  const held: RequestAssessment['held'] = [];
  const notHeld: string[] = [];
  const discouraged: string[] = [];
  const unknown: string[] = [];
  for (const id of new Set(items)) {
    const item = byId.get(id);
    if (!item) unknown.push(id);
    else if (DISCOURAGED.has(id)) discouraged.push(id);
    else if (item.report) held.push({ item: id, report: item.report });
    else notHeld.push(id);
  }
  const reports = [...new Set(held.map((h) => h.report))];
  return {
    held,
    notHeld,
    discouraged,
    unknown,
    reports,
    answerableFromSystem: held.length > 0 && notHeld.length === 0 && unknown.length === 0,
  };
}

export interface InspectionLimits {
  /** Inspections of one region in a calendar year above which each further one is flagged. */
  perYear: number;
  /** Days of inspection of one region in a year above which further ones are flagged. */
  daysPerYear: number;
}

export const DEFAULT_INSPECTION_LIMITS: InspectionLimits = { perYear: 4, daysPerYear: 10 };

export interface InspectionInput {
  id: string;
  regionCode: string;
  startOn: string;
  days: number;
}

/**
 * Flags inspections beyond the configured frequency: per region and calendar year, in date order,
 * the (perYear+1)-th inspection and any that takes the year's days past daysPerYear is flagged.
 * An inspection of a township also counts against each village under it would need the region
 * tree; here a region is counted only against itself.
 */
export function flagInspections(
  list: readonly InspectionInput[],
  limits: InspectionLimits,
): Map<string, { nth: number; daysSoFar: number; overCount: boolean; overDays: boolean }> {
  const out = new Map<string, { nth: number; daysSoFar: number; overCount: boolean; overDays: boolean }>();
  const sorted = [...list].sort((a, b) =>
    a.startOn === b.startOn ? Number(BigInt(a.id) - BigInt(b.id)) : a.startOn < b.startOn ? -1 : 1,
  );
  const seen = new Map<string, { n: number; days: number }>();
  for (const i of sorted) {
    const key = `${i.regionCode}|${i.startOn.slice(0, 4)}`;
    const s = seen.get(key) ?? { n: 0, days: 0 };
    s.n += 1;
    s.days += i.days;
    seen.set(key, s);
    out.set(i.id, {
      nth: s.n,
      daysSoFar: s.days,
      overCount: s.n > limits.perYear,
      overDays: s.days > limits.daysPerYear,
    });
  }
  return out;
}
