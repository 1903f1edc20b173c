import type { TFunction } from 'i18next';

/**
 * The list and the estimates count the same way (they once disagreed: 1,277 visited vs 1,233 checked of
 * 1,504, with 44 unreachable): households checked — the ones the estimates count — over the sampled
 * ones, and beside them those found unreachable (visited, no answer).
 */
export function progressText(
  t: TFunction,
  fmt: { number: (n: number) => string },
  p: { checked: number; unreachable: number; total: number },
) {
  return t('evaluation.progressOf', {
    checked: fmt.number(p.checked),
    total: fmt.number(p.total),
    unreachable: fmt.number(p.unreachable),
  });
}
