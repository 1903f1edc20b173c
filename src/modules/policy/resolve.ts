import { urbanDibaoStandardMonthly as urbanDefault } from '../../domain/policy/urban-dibao-defaults.js';
import { addDays } from '../../domain/calendar.js';
import {
  defaultParams,
  type ParamKey,
  type PolicyParams,
  type Provenance,
} from '../../domain/rules/params.js';
import { EXTRA_KEYS, STORED_KEYS, type StoredKey } from './catalog.js';

/**
 * The supervision hotline printed on notices when no level set one (`supervisionHotline`): 12345, the
 * national government-service hotline every county answers; notices say the county has not set its own.
 */
export const SUPERVISION_HOTLINE_DEFAULT = '12345';

/**
 * Which stored version of each parameter applies to a region on a date (pure). The rule: among the
 * versions whose region prefix contains the region and whose effective date is on or before the date,
 * the most specific prefix wins, then the latest effective date. A parameter without any version
 * falls back to the built-in national default of `defaultParams`.
 */

export interface ParamVersion {
  key: string;
  regionPrefix: string;
  effectiveFrom: string;
  value: unknown;
  setBy: string;
  setAt: string | null;
  reason: string;
  synthetic: boolean;
}

export type Level = Provenance['level'];

/** Where an effective value came from: the version's level and who set it, or how it was derived. */
export interface Source {
  level: Level;
  regionCode: string;
  effectiveFrom: string;
  reason: string;
  setBy: string;
  setAt: string | null;
  synthetic: boolean;
  /** Set for values computed from others (monitoring line, last year's poverty line, fallbacks). */
  derived: string | null;
}

export type EffectiveKey = StoredKey | 'previousPovertyLine';

export interface Resolved {
  params: PolicyParams;
  /** Stored values no rule reads (the urban dibao standard). */
  extras: { urbanDibaoStandardMonthly: number; supervisionHotline: string };
  sources: Record<EffectiveKey, Source>;
  values: Record<EffectiveKey, unknown>;
}

const LEVELS: Record<number, Level> = { 0: 'national', 2: 'province', 4: 'prefecture', 6: 'county' };
export const levelOfPrefix = (prefix: string): Level => LEVELS[prefix.length] ?? 'county';

/** The region prefixes that can hold a parameter for `regionCode`: '', province, prefecture, county. */
export const prefixesOf = (regionCode: string): string[] =>
  [0, 2, 4, 6].filter((n) => n <= regionCode.length).map((n) => regionCode.slice(0, n));

export function effectiveVersion(
  versions: readonly ParamVersion[],
  regionCode: string,
  date: string,
): ParamVersion | null {
  let best: ParamVersion | null = null;
  for (const v of versions) {
    if (!regionCode.startsWith(v.regionPrefix) || v.effectiveFrom > date) continue;
    if (
      !best ||
      v.regionPrefix.length > best.regionPrefix.length ||
      (v.regionPrefix.length === best.regionPrefix.length && v.effectiveFrom > best.effectiveFrom)
    )
      best = v;
  }
  return best;
}

const sourceOf = (v: ParamVersion): Source => ({
  level: levelOfPrefix(v.regionPrefix),
  regionCode: v.regionPrefix,
  effectiveFrom: v.effectiveFrom,
  reason: v.reason,
  setBy: v.setBy,
  setAt: v.setAt,
  synthetic: v.synthetic,
  derived: null,
});

const fallback = (year: number): Source => ({
  level: 'national',
  regionCode: '',
  effectiveFrom: `${year}-01-01`,
  reason: 'built-in national default (no stored version applies)',
  setBy: 'system',
  setAt: null,
  synthetic: false,
  derived: 'defaultParams',
});

/** The more specific of two sources (for a value derived from both). */
const narrower = (a: Source, b: Source): Source => (b.regionCode.length > a.regionCode.length ? b : a);

export function resolveParams(
  versions: readonly ParamVersion[],
  regionCode: string,
  date: string,
  western: boolean,
): Resolved {
  const year = Number(date.slice(0, 4));
  const defaults: Record<string, unknown> = {
    ...defaultParams(year, { western }),
    urbanDibaoStandardMonthly: urbanDefault(year),
    supervisionHotline: SUPERVISION_HOTLINE_DEFAULT,
  };
  const byKey = new Map<string, ParamVersion[]>();
  for (const v of versions) byKey.set(v.key, [...(byKey.get(v.key) ?? []), v]);

  const values = {} as Record<EffectiveKey, unknown>;
  const sources = {} as Record<EffectiveKey, Source>;
  for (const key of STORED_KEYS) {
    const v = effectiveVersion(byKey.get(key) ?? [], regionCode, date);
    values[key] = v ? v.value : defaults[key];
    sources[key] = v ? sourceOf(v) : fallback(year);
  }
  const lineVersions = byKey.get('povertyLine') ?? [];
  if (!effectiveVersion(byKey.get('monitoringLine') ?? [], regionCode, date)) {
    values.monitoringLine = Math.round(Number(values.monitoringLineFactor) * Number(values.povertyLine));
    sources.monitoringLine = {
      ...narrower(sources.povertyLine, sources.monitoringLineFactor),
      derived: 'monitoringLineFactor × povertyLine',
    };
  }
  const previous = effectiveVersion(lineVersions, regionCode, addDays(`${year}-01-01`, -1));
  values.previousPovertyLine = previous ? previous.value : defaults.previousPovertyLine;
  sources.previousPovertyLine = previous
    ? { ...sourceOf(previous), derived: `povertyLine on ${year - 1}-12-31` }
    : fallback(year - 1);

  const { urbanDibaoStandardMonthly, supervisionHotline, ...ruleValues } = values;
  const provenance = Object.fromEntries(
    Object.entries(sources)
      .filter(([k]) => !(EXTRA_KEYS as readonly string[]).includes(k))
      .map(([k, s]) => [
        k,
        {
          level: s.level,
          regionCode: s.regionCode,
          effectiveFrom: s.effectiveFrom,
          source: s.derived ? `${s.reason} (${s.derived})` : s.reason,
        },
      ]),
  ) as Partial<Record<ParamKey, Provenance>>;
  const params = { year, western, ...ruleValues, provenance } as unknown as PolicyParams;
  return {
    params,
    extras: {
      urbanDibaoStandardMonthly: Number(urbanDibaoStandardMonthly),
      supervisionHotline: String(supervisionHotline),
    },
    sources,
    values,
  };
}
