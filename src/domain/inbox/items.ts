import type { Role } from '../roles.js';
import { workingDaysBetween, type HolidayCalendar } from '../working-days.js';
import { factKindZh } from './labels.js';

/**
 * The inbox (待办): what waits for a user, computed from the registry each time it is asked for (no
 * copy that can drift). Each source (visits due, notice periods, monitoring deadlines, self-reports,
 * grievances, dibao reviews, proposed facts, case steps, pledges) yields rows with a due date; this
 * file decides which kinds a role sees, when a reminder appears (its horizon in working days), how
 * urgent it is, its words in Chinese and English and the screen where it is done.
 */
export const INBOX_KINDS = [
  'case_step',
  'notice_ending',
  'monitoring_deadline',
  'self_report',
  'grievance',
  'visit_due',
  'dibao_review',
  'fact_proposal',
  'pledge',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** The kinds each role is reminded of (the inbox of an organisation: its own pledges). */
export const KINDS_BY_ROLE: Record<Role, readonly InboxKind[]> = {
  village_cadre: ['case_step', 'notice_ending', 'monitoring_deadline', 'self_report', 'visit_due'],
  township_officer: [
    'case_step',
    'monitoring_deadline',
    'self_report',
    'grievance',
    'visit_due',
    'fact_proposal',
  ],
  county_officer: ['case_step', 'monitoring_deadline', 'grievance', 'fact_proposal'],
  admin: ['case_step', 'monitoring_deadline', 'grievance', 'fact_proposal', 'dibao_review'],
  civil_affairs_county: ['case_step', 'dibao_review'],
  civil_affairs_township: ['case_step', 'dibao_review'],
  organisation: ['pledge'],
};

/**
 * How many working days before its due date a reminder appears (null: as soon as the work exists —
 * a report to check, a step awaiting the user, a proposal to confirm are work from the start).
 */
export const HORIZON_WD: Record<InboxKind, number | null> = {
  case_step: null,
  notice_ending: null,
  monitoring_deadline: 5,
  self_report: null,
  grievance: 3,
  visit_due: 5,
  dibao_review: 10,
  fact_proposal: null,
  pledge: null,
};

/** Working days (or fewer) left at which an item counts as urgent. */
export const URGENT_WD = 1;

/** Working days a village cadre has to check a household's self-report (issue 19). */
export const SELF_REPORT_CHECK_WD = 2;
/** Working days a township has to confirm or reject a proposed fact (docs/facts.md). */
export const FACT_CONFIRM_WD = 5;

/** One row of a source, before the working-day arithmetic. */
export interface InboxSourceRow {
  kind: InboxKind;
  /** The object's id (case, grievance, roll entry, fact, signal, household, pledge). */
  id: string;
  householdId: string | null;
  householdNo: string | null;
  headName: string | null;
  regionCode: string;
  regionName: string | null;
  due: string | null;
  /** Kind-specific words: the case kind and state, the report kind, the fact kind, … */
  detail: Record<string, string>;
}

export interface InboxItem extends InboxSourceRow {
  title_zh: string;
  title_en: string;
  workingDaysLeft: number | null;
  overdue: boolean;
  urgent: boolean;
  /** The web screen where the work is done. */
  link: string;
}

const CASE_KIND_ZH: Record<string, string> = {
  identification: '贫困户识别',
  exit: '贫困户退出',
  monitoring: '防返贫监测',
  dibao: '低保',
  tekun: '特困供养',
};

function titles(r: InboxSourceRow): [string, string] {
  const who = r.headName ? `${r.headName}户` : (r.householdNo ?? '');
  const whoEn = r.householdNo ? `household ${r.householdNo}` : '';
  const ck = r.detail.caseKind ?? '';
  switch (r.kind) {
    case 'case_step':
      return [
        `${who}：${CASE_KIND_ZH[ck] ?? '办理'}程序待您办理`,
        `${whoEn}: a ${ck} case step awaits you (${r.detail.state ?? ''})`,
      ];
    case 'notice_ending':
      return [
        `${who}：${CASE_KIND_ZH[ck] ?? ''}公示期届满，待结束公示`,
        `${whoEn}: ${ck} notice period ends`,
      ];
    case 'monitoring_deadline':
      return [`${who}：防返贫监测 15 日内须作出认定`, `${whoEn}: monitoring decision due`];
    case 'self_report':
      return [`${who}：农户自主申报，须 2 个工作日内核实`, `${whoEn}: self-report to check`];
    case 'grievance':
      return [
        `投诉 ${r.detail.trackingCode ?? r.id}：${r.detail.step === 'ack' ? '待受理' : '待办结'}`,
        `grievance ${r.detail.trackingCode ?? r.id}: ${r.detail.step === 'ack' ? 'acknowledge' : 'resolve'}`,
      ];
    case 'visit_due':
      return [`${who}：应入户走访`, `${whoEn}: home visit due`];
    case 'dibao_review':
      return [`${who}：低保/特困待复核`, `${whoEn}: assistance review due`];
    case 'fact_proposal':
      return [
        `${who}：村级上报的${factKindZh(r.detail.factKind ?? '')}待确认`,
        `${whoEn}: proposed fact (${r.detail.factKind ?? ''}) to confirm`,
      ];
    case 'pledge':
      return [`认领需求“${r.detail.title ?? ''}”：待交付`, `pledge on "${r.detail.title ?? ''}": to deliver`];
  }
}

/** The screen where an item is done (web routes of web/src/App.tsx). */
export function linkOf(r: InboxSourceRow): string {
  switch (r.kind) {
    case 'case_step':
    case 'notice_ending':
    case 'monitoring_deadline':
      return `/cases/${r.id}`;
    case 'self_report':
      return '/warnings';
    case 'grievance':
      return '/grievances';
    case 'visit_due':
      return `/households/${r.householdId ?? r.id}`;
    case 'dibao_review':
      return `/safety-net/rolls/${r.id}`;
    case 'fact_proposal':
      return '/facts';
    case 'pledge':
      return '/org';
  }
}

/**
 * The item of a row as of `today`, or null when its reminder has not appeared yet (further than its
 * horizon from the due date).
 */
export function toItem(r: InboxSourceRow, cal: HolidayCalendar, today: string): InboxItem | null {
  const left = r.due === null ? null : workingDaysBetween(cal, today, r.due);
  const horizon = HORIZON_WD[r.kind];
  if (horizon !== null && left !== null && left > horizon) return null;
  const [title_zh, title_en] = titles(r);
  return {
    ...r,
    title_zh,
    title_en,
    workingDaysLeft: left,
    overdue: left !== null && left < 0,
    urgent: left !== null && left <= URGENT_WD,
    link: linkOf(r),
  };
}

/** Overdue and nearest first; items without a due date last; then by kind and id, stably. */
export function compareItems(a: InboxItem, b: InboxItem): number {
  const da = a.due ?? '9999-12-31';
  const dbb = b.due ?? '9999-12-31';
  if (da !== dbb) return da < dbb ? -1 : 1;
  const ka = INBOX_KINDS.indexOf(a.kind);
  const kb = INBOX_KINDS.indexOf(b.kind);
  if (ka !== kb) return ka - kb;
  return Number(a.id) - Number(b.id);
}
