/**
 * Return-to-poverty warnings (防返贫动态监测): the channels a signal arrives through and the kinds of
 * risk a household or a cadre reports. Department and income kinds are derived, never typed in.
 */
export const CHANNELS = ['self_report', 'cadre_screening', 'department', 'income'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What a household reports or a cadre records on a screening visit (the phone form's choices). */
export const REPORT_KINDS = [
  'illness',
  'accident',
  'disaster',
  'job_loss',
  'dropout',
  'housing_damage',
  'income_drop',
  'other',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Derived from department lists matched to households, and from the monitoring-range income check. */
export const DERIVED_KINDS = [
  'medical_bill',
  'disaster_area',
  'school_dropout',
  'job_loss_list',
  'dangerous_house',
  'income_in_range',
] as const;
export type DerivedKind = (typeof DERIVED_KINDS)[number];

export type SignalKind = ReportKind | DerivedKind;

/** A signal kind in Chinese, for reasons written on the server (the web app has the same words). */
export const SIGNAL_KIND_ZH: Record<SignalKind, string> = {
  illness: '疾病',
  accident: '意外事故',
  disaster: '自然灾害',
  job_loss: '失业/务工中断',
  dropout: '辍学',
  housing_damage: '住房损坏',
  income_drop: '收入骤减',
  other: '其他',
  medical_bill: '大额医疗费用',
  disaster_area: '受灾村',
  school_dropout: '适龄儿童辍学（教育部门）',
  job_loss_list: '失业登记（人社部门）',
  dangerous_house: '危房（住建部门）',
  income_in_range: '收入在监测范围内',
};

export const SIGNAL_STATUSES = ['open', 'case_opened', 'dismissed'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

export const DISASTER_KINDS = [
  'flood',
  'drought',
  'landslide',
  'hail',
  'frost',
  'earthquake',
  'other',
] as const;
export type DisasterKind = (typeof DISASTER_KINDS)[number];

export const isReportKind = (k: string): k is ReportKind => (REPORT_KINDS as readonly string[]).includes(k);
