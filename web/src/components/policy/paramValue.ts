import { useTranslation } from 'react-i18next';
import type { Formatters } from '../../i18n/format';

/** A parameter value in one line: numbers grouped, shares as percentages, objects as key value pairs. */
export function formatValue(v: unknown, unit: string, fmt: Formatters, term: (s: string) => string): string {
  const one = (x: unknown): string =>
    typeof x === 'number' ? (unit === 'share' ? fmt.percent(x, 1) : fmt.number(x)) : term(String(x));
  if (Array.isArray(v))
    return v
      .map((x) =>
        x && typeof x === 'object'
          ? Object.values(x)
              .map((y) => term(String(y)))
              .join('：')
          : one(x),
      )
      .join('，');
  if (v && typeof v === 'object')
    return Object.entries(v)
      .map(([k, x]) => `${term(k)} ${one(x)}`)
      .join(' · ');
  return one(v);
}

/** Localised sub-keys, codes and units of parameter values (shown as they are when unknown). */
export function usePolicyTerms() {
  const { t, i18n } = useTranslation();
  return {
    term: (s: string) => (i18n.exists(`policy.term.${s}`) ? t(`policy.term.${s}` as never) : s),
    unit: (u: string) => (i18n.exists(`policy.unit.${u}`) ? t(`policy.unit.${u}` as never) : ''),
  };
}
