import { DEFAULT_INSPECTION_LIMITS, type InspectionLimits } from '../burden/catalogue.js';
import { SETTING_LEVELS, settingRegionsOf } from '../catalogue/regional.js';
import { GRIEVANCE_KINDS, type Deadlines, type GrievanceKind } from '../grievances/lifecycle.js';
import { DEFAULT_WEIGHTS, type WarningWeights } from '../warnings/weights.js';
import { SIGNAL_KIND_ZH, type SignalKind } from '../warnings/kinds.js';

/**
 * Regional settings (issue 21): the inspection limits, the grievance deadlines and the warning
 * weights, each a set of numbers ("leaves", named by a dotted path) that the country sets and a
 * province, prefecture or county overrides for its own region, one number at a time. For a region
 * each leaf takes the value of the nearest region that sets it (county, prefecture, province,
 * country), else the built-in default — the inheritance of policy parameters and of the measure
 * catalogue (src/domain/catalogue/regional.ts).
 */
export const SETTING_KEYS = ['inspection_limits', 'grievance_deadlines', 'warning_weights'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
export const isSettingKey = (s: string): s is SettingKey => (SETTING_KEYS as readonly string[]).includes(s);

/** One number of a setting: its bounds and its label in both languages. */
export interface LeafDef {
  path: string;
  zh: string;
  en: string;
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
  defaultValue: number;
}

const GRIEVANCE_KIND_LABEL: Record<GrievanceKind, [string, string]> = {
  identification_unfair: ['识别不公', 'identification unfair'],
  exit_unfair: ['退出不公', 'exit unfair'],
  help_not_delivered: ['帮扶未落实', 'help not delivered'],
  cadre_conduct: ['干部作风', 'cadre conduct'],
  funds_misuse: ['资金使用问题', 'misuse of funds'],
  other: ['其他', 'other'],
};

const SIGNAL_KIND_EN: Record<SignalKind, string> = {
  illness: 'illness',
  accident: 'accident',
  disaster: 'natural disaster',
  job_loss: 'job loss',
  dropout: 'school dropout (reported)',
  housing_damage: 'housing damage',
  income_drop: 'income drop',
  other: 'other',
  medical_bill: 'medical bill (list)',
  disaster_area: 'disaster area',
  school_dropout: 'school dropout (list)',
  job_loss_list: 'job loss (list)',
  dangerous_house: 'dangerous house (list)',
  income_in_range: 'income in the monitoring range',
};

/** The default grievance deadlines (migration 016's table grievance_deadline). */
export const DEFAULT_GRIEVANCE_DEADLINES: Record<GrievanceKind, Deadlines> = Object.fromEntries(
  GRIEVANCE_KINDS.map((k) => [k, { ackDays: 3, resolveDays: 15 }]),
) as Record<GrievanceKind, Deadlines>;

const leaf = (
  path: string,
  zh: string,
  en: string,
  defaultValue: number,
  min: number,
  max: number,
  integer = true,
): LeafDef => ({ path, zh, en, defaultValue, min, max, integer });

const WEIGHT_LEAVES: LeafDef[] = [
  ...(Object.keys(DEFAULT_WEIGHTS.kinds) as SignalKind[]).map((k) =>
    leaf(
      `kinds.${k}`,
      `信号分值：${SIGNAL_KIND_ZH[k]}`,
      `Signal points: ${SIGNAL_KIND_EN[k]}`,
      DEFAULT_WEIGHTS.kinds[k],
      0,
      100,
    ),
  ),
  leaf('halfLifeDays', '信号半衰期（天）', 'Signal half-life (days)', DEFAULT_WEIGHTS.halfLifeDays, 1, 3650),
  leaf(
    'lossPointsPer1000',
    '每千元损失加分',
    'Points per 1,000 yuan of loss',
    DEFAULT_WEIGHTS.lossPointsPer1000,
    0,
    100,
    false,
  ),
  leaf('lossPointsMax', '损失加分上限', 'Loss points at most', DEFAULT_WEIGHTS.lossPointsMax, 0, 100),
  leaf(
    'medicalRatioPointsPer10pct',
    '医疗费用每占收入10%加分',
    'Points per 10 % of income a medical bill takes',
    DEFAULT_WEIGHTS.medicalRatioPointsPer10pct,
    0,
    100,
    false,
  ),
  leaf(
    'medicalRatioMax',
    '医疗费用加分上限',
    'Medical bill points at most',
    DEFAULT_WEIGHTS.medicalRatioMax,
    0,
    100,
  ),
  leaf('signalsCap', '信号合计上限', 'All signals at most', DEFAULT_WEIGHTS.signalsCap, 0, 100),
  leaf(
    'incomeMax',
    '收入接近标准线最高分',
    'Income near the line at most',
    DEFAULT_WEIGHTS.incomeMax,
    0,
    100,
  ),
  leaf(
    'vulnerability.noLabour',
    '脆弱性：无劳动力',
    'Vulnerability: no labour',
    DEFAULT_WEIGHTS.vulnerability.noLabour,
    0,
    100,
  ),
  leaf(
    'vulnerability.seriousIllness',
    '脆弱性：大病',
    'Vulnerability: serious illness',
    DEFAULT_WEIGHTS.vulnerability.seriousIllness,
    0,
    100,
  ),
  leaf(
    'vulnerability.disability',
    '脆弱性：残疾',
    'Vulnerability: disability',
    DEFAULT_WEIGHTS.vulnerability.disability,
    0,
    100,
  ),
  leaf(
    'vulnerability.elderlyAlone',
    '脆弱性：独居老人',
    'Vulnerability: elderly living alone',
    DEFAULT_WEIGHTS.vulnerability.elderlyAlone,
    0,
    100,
  ),
  leaf(
    'vulnerabilityCap',
    '脆弱性合计上限',
    'Vulnerability at most',
    DEFAULT_WEIGHTS.vulnerabilityCap,
    0,
    100,
  ),
  leaf('elderlyAge', '老年人年龄起点', 'Elderly from age', DEFAULT_WEIGHTS.elderlyAge, 50, 80),
];

export const SETTING_DEFS: Record<SettingKey, { zh: string; en: string; leaves: LeafDef[] }> = {
  inspection_limits: {
    zh: '督查检查限额',
    en: 'Inspection limits',
    leaves: [
      leaf(
        'perYear',
        '每年检查次数上限',
        'Inspections per year at most',
        DEFAULT_INSPECTION_LIMITS.perYear,
        1,
        100,
      ),
      leaf(
        'daysPerYear',
        '每年检查天数上限',
        'Inspection days per year at most',
        DEFAULT_INSPECTION_LIMITS.daysPerYear,
        1,
        365,
      ),
    ],
  },
  grievance_deadlines: {
    zh: '投诉办理时限',
    en: 'Grievance deadlines',
    leaves: GRIEVANCE_KINDS.flatMap((k) => [
      leaf(
        `${k}.ackDays`,
        `${GRIEVANCE_KIND_LABEL[k][0]}：受理时限（天）`,
        `${GRIEVANCE_KIND_LABEL[k][1]}: days to acknowledge`,
        DEFAULT_GRIEVANCE_DEADLINES[k].ackDays,
        1,
        60,
      ),
      leaf(
        `${k}.resolveDays`,
        `${GRIEVANCE_KIND_LABEL[k][0]}：办结时限（天）`,
        `${GRIEVANCE_KIND_LABEL[k][1]}: days to resolve`,
        DEFAULT_GRIEVANCE_DEADLINES[k].resolveDays,
        1,
        180,
      ),
    ]),
  },
  warning_weights: { zh: '预警评分权重', en: 'Warning weights', leaves: WEIGHT_LEAVES },
};

export const leafOf = (key: SettingKey, path: string): LeafDef | undefined =>
  SETTING_DEFS[key].leaves.find((l) => l.path === path);

/** Why a value is out of its bounds (English), or null when it fits. */
export function leafProblem(def: LeafDef, value: number): string | null {
  if (!Number.isFinite(value)) return 'not a number';
  if (def.integer && !Number.isInteger(value)) return 'must be a whole number';
  if (value < def.min || value > def.max) return `must be between ${def.min} and ${def.max}`;
  return null;
}

/** A stored value of one leaf at one region ('' the country). */
export interface StoredLeaf<P = unknown> {
  path: string;
  region: string;
  value: number;
  provenance?: P;
}

export interface ResolvedLeaf<P = unknown> {
  def: LeafDef;
  value: number;
  /** Where the value comes from: null the built-in default, else the region ('' the country). */
  from: string | null;
  provenance: P | null;
  /** The value the region would have without its own row (the nearest region above, or the default). */
  inherited: number;
  /** The region's own value, when it sets one. */
  local: number | null;
  /** The country's value, when it sets one. */
  national: number | null;
}

/** Each leaf of `key` as effective in `region`, with where its value comes from. */
export function resolveLeaves<P>(
  key: SettingKey,
  rows: readonly StoredLeaf<P>[],
  region: string,
): ResolvedLeaf<P>[] {
  const chain = settingRegionsOf(region); // '' first, nearest last
  const own = SETTING_LEVELS.includes(region.length as 0 | 2 | 4 | 6) ? region : null;
  return SETTING_DEFS[key].leaves.map((def) => {
    const mine = rows.filter((r) => r.path === def.path && chain.includes(r.region));
    mine.sort((a, b) => a.region.length - b.region.length);
    const nearest = mine.at(-1);
    const above = mine.filter((r) => r.region !== own).at(-1);
    const local = own === null ? undefined : mine.find((r) => r.region === own);
    return {
      def,
      value: nearest?.value ?? def.defaultValue,
      from: nearest ? nearest.region : null,
      provenance: nearest?.provenance ?? null,
      inherited: above?.value ?? def.defaultValue,
      local: local?.value ?? null,
      national: mine.find((r) => r.region === '')?.value ?? null,
    };
  });
}

/** The effective numbers of `key` in `region` by path. */
export function effectiveNumbers(
  key: SettingKey,
  rows: readonly StoredLeaf[],
  region: string,
): Record<string, number> {
  return Object.fromEntries(resolveLeaves(key, rows, region).map((l) => [l.def.path, l.value]));
}

function nest(flat: Record<string, number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, v] of Object.entries(flat)) {
    const parts = path.split('.');
    let o = out;
    for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
    o[parts.at(-1)!] = v;
  }
  return out;
}

export const inspectionLimitsOf = (rows: readonly StoredLeaf[], region: string): InspectionLimits =>
  nest(effectiveNumbers('inspection_limits', rows, region)) as unknown as InspectionLimits;

export const grievanceDeadlinesOf = (
  rows: readonly StoredLeaf[],
  region: string,
): Record<GrievanceKind, Deadlines> =>
  nest(effectiveNumbers('grievance_deadlines', rows, region)) as unknown as Record<GrievanceKind, Deadlines>;

export const warningWeightsOf = (rows: readonly StoredLeaf[], region: string): WarningWeights =>
  nest(effectiveNumbers('warning_weights', rows, region)) as unknown as WarningWeights;

/** The setting regions whose rows concern `region` ('' and its 2-, 4-, 6-digit prefixes). */
export { settingRegionsOf };

/**
 * Who may set a setting's values at `target` ('' the country): the country's values an administrator
 * of the whole country only; a region's values a county officer or administrator whose scope holds
 * it (a county officer: its own county; a provincial officer: its province and the regions under it).
 * Returns the reason of a refusal (English), or null.
 */
export function setRefusal(
  user: { role: string; scopeCode: string; maySet: boolean },
  target: string,
): string | null {
  if (!SETTING_LEVELS.includes(target.length as 0 | 2 | 4 | 6) || !/^\d*$/.test(target))
    return 'settings are kept for the country, a province, a prefecture or a county';
  if (!user.maySet) return 'only county officers and above set regional settings';
  if (target === '')
    return user.role === 'admin' && user.scopeCode === ''
      ? null
      : 'national values are kept by administrators only';
  if (!target.startsWith(user.scopeCode)) return `region ${target} is outside your scope ${user.scopeCode}`;
  return null;
}
