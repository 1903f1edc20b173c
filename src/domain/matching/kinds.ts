/**
 * Cross-department matching: the kinds of lists other departments send, the kinds of flags a hit
 * turns into, and their effects (DOMAIN.md §4: a red-line hit blocks, or needs a written exception).
 */
import { codeEntry as e, type CodeEntry } from '../code-entry.js';
import type { RedLine, RedLineKey } from '../rules/red-lines.js';

export const LIST_KINDS = [
  'vehicle',
  'real_estate',
  'business',
  'public_payroll',
  'village_cadre',
  'death',
  'dibao_roll',
  'tekun_roll',
  'medical_bill',
  'school_dropout',
  'dangerous_house',
  'job_loss',
] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** Exclusion red lines: list kinds whose hit blocks registration or needs a written exception. */
export const RED_LINE_KINDS = [
  'vehicle',
  'real_estate',
  'business',
  'public_payroll',
  'village_cadre',
] as const;
export type RedLineKind = (typeof RED_LINE_KINDS)[number];

export const FLAG_KINDS = [
  'red_line',
  'deceased_counted',
  'uncovered_dibao',
  'uncovered_tekun',
  'large_medical_bill',
  'school_dropout',
  'dangerous_house',
  'job_loss',
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export const EFFECTS = ['block', 'exception', 'warning', 'help'] as const;
export type Effect = (typeof EFFECTS)[number];

export const MATCH_TYPES = ['exact_id', 'fuzzy_name_birth'] as const;
export type MatchType = (typeof MATCH_TYPES)[number];

export const FLAG_STATUSES = ['pending', 'confirmed', 'dismissed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/**
 * The red line of the policy parameters (`PolicyParams.redLines`, versioned by region and year)
 * that each red-line list proves. The effect of a hit — `block` or `exception` — is read from
 * there, so the review queue and the identification rule never disagree.
 */
export const RED_LINE_OF: Readonly<Record<RedLineKind, RedLineKey>> = {
  vehicle: 'car',
  real_estate: 'commercial_housing',
  business: 'company',
  public_payroll: 'public_employee',
  village_cadre: 'village_cadre',
};

export type RedLineEffects = Readonly<Record<RedLineKind, RedLine['effect']>>;

/** Effects of the red-line lists under a set of policy red lines (missing line: `exception`). */
export function redLineEffects(lines: readonly RedLine[]): RedLineEffects {
  const of = (k: RedLineKind) => lines.find((l) => l.key === RED_LINE_OF[k])?.effect ?? 'exception';
  return {
    vehicle: of('vehicle'),
    real_estate: of('real_estate'),
    business: of('business'),
    public_payroll: of('public_payroll'),
    village_cadre: of('village_cadre'),
  };
}

export const isRedLine = (k: string): k is RedLineKind => (RED_LINE_KINDS as readonly string[]).includes(k);
export const isListKind = (k: string): k is ListKind => (LIST_KINDS as readonly string[]).includes(k);

/** Code lists served with the others (`/api/code-lists`, table `code_list`). */
export const MATCHING_CODE_LISTS = {
  match_list_kind: [
    e('vehicle', '车辆', 'vehicles'),
    e('real_estate', '商品房', 'commercial housing'),
    e('business', '工商注册', 'business registration'),
    e('public_payroll', '财政供养', 'public payroll'),
    e('village_cadre', '村干部', 'village cadres'),
    e('death', '死亡', 'deaths'),
    e('dibao_roll', '低保名册', 'dibao roll'),
    e('tekun_roll', '特困名册', 'special hardship roll'),
    e('medical_bill', '医疗费用', 'medical bills'),
    e('school_dropout', '辍学', 'school dropouts'),
    e('dangerous_house', '危房', 'dangerous houses'),
    e('job_loss', '失业登记', 'job losses'),
  ],
  match_flag_kind: [
    e('red_line', '触碰识别红线', 'exclusion red line'),
    e('deceased_counted', '已死亡仍在户', 'deceased member still counted'),
    e('uncovered_dibao', '低保未纳入', 'dibao case not recorded'),
    e('uncovered_tekun', '特困未纳入', 'special hardship case not recorded'),
    e('large_medical_bill', '大额医疗费用', 'large medical bill'),
    e('school_dropout', '适龄儿童辍学', 'school-age child out of school'),
    e('dangerous_house', '住房不安全', 'dangerous house'),
    e('job_loss', '失业', 'lost job'),
  ],
  match_effect: [
    e('block', '不得纳入', 'blocks'),
    e('exception', '需书面说明', 'needs a written exception'),
    e('warning', '核实提示', 'warning'),
    e('help', '需要帮扶', 'needs help'),
  ],
  match_type: [
    e('exact_id', '身份证号一致', 'same ID number'),
    e('fuzzy_name_birth', '姓名和出生日期一致', 'same name and birth date'),
  ],
  match_status: [
    e('pending', '待核查', 'pending'),
    e('confirmed', '已确认', 'confirmed'),
    e('dismissed', '已排除', 'dismissed'),
  ],
} as const satisfies Record<string, readonly CodeEntry[]>;
