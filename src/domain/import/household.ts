import { labelOf } from '../code-lists.js';
import { COLUMNS } from './columns.js';
import type { ImportError, ImportRow } from './row.js';

const zhOf = new Map(COLUMNS.map((c) => [c.key, c.zh]));
const col = (key: string) => zhOf.get(key) ?? key;

const same = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) ? a.join('|') === b.join('|') : (a ?? null) === (b ?? null);

export interface HouseholdCheckOptions {
  /** Per-capita net income above this (yuan/year) is refused as implausible. */
  incomeCeiling: number;
}

/** Net income as defined in DOMAIN.md §3: wages + business − production costs + property + transfers. */
export function netIncome(i: ImportRow['income']): number {
  return (
    (i.wage_income ?? 0) +
    (i.business_income ?? 0) -
    (i.production_cost ?? 0) +
    (i.property_income ?? 0) +
    (i.transfer_income ?? 0)
  );
}

/**
 * Checks over the rows of one household: exactly one head, household and income fields identical on
 * every row, duplicate ID numbers inside the household, per-capita income below the ceiling.
 */
export function checkHousehold(rows: ImportRow[], o: HouseholdCheckOptions): ImportError[] {
  const errors: ImportError[] = [];
  const first = rows[0];
  if (!first) return errors;
  const heads = rows.filter((r) => r.member.relation === 'head');
  if (heads.length === 0) {
    errors.push({
      row: first.row,
      column: col('relation'),
      code: 'E_HEAD_COUNT',
      message: `household ${first.household.household_no} has no ${labelOf('relation', 'head')}`,
      messageZh: `户 ${first.household.household_no} 没有户主`,
    });
  }
  for (const extra of heads.slice(1)) {
    errors.push({
      row: extra.row,
      column: col('relation'),
      code: 'E_HEAD_COUNT',
      message: `household ${first.household.household_no} has more than one ${labelOf('relation', 'head')} (first on row ${heads[0]!.row})`,
      messageZh: `户 ${first.household.household_no} 有不止一名户主（第一名在第 ${heads[0]!.row} 行）`,
    });
  }
  for (const r of rows.slice(1)) {
    for (const level of ['household', 'income', 'provenance'] as const) {
      const keys = new Set([...Object.keys(first[level]), ...Object.keys(r[level])]);
      for (const k of keys) {
        const a = (first[level] as Record<string, unknown>)[k];
        const b = (r[level] as Record<string, unknown>)[k];
        if (!same(a, b)) {
          errors.push({
            row: r.row,
            column: col(k),
            code: 'E_HOUSEHOLD_MISMATCH',
            message: `"${String(b ?? '')}" differs from "${String(a ?? '')}" on row ${first.row} of the same household`,
            messageZh: `“${String(b ?? '')}”与同一户第 ${first.row} 行的“${String(a ?? '')}”不同`,
          });
        }
      }
    }
  }
  const seen = new Map<string, number>();
  for (const r of rows) {
    const prev = seen.get(r.member.id_number);
    if (prev !== undefined) {
      errors.push({
        row: r.row,
        column: col('id_number'),
        code: 'E_DUPLICATE_ID_IN_FILE',
        message: `ID number also on row ${prev}`,
        messageZh: `身份证号码与第 ${prev} 行重复`,
      });
    } else seen.set(r.member.id_number, r.row);
  }
  const perCapita = netIncome(first.income) / rows.length;
  if (perCapita > o.incomeCeiling) {
    errors.push({
      row: first.row,
      column: col('wage_income'),
      code: 'E_INCOME_CEILING',
      message: `per-capita net income ${perCapita.toFixed(0)} exceeds the ceiling ${o.incomeCeiling}`,
      messageZh: `人均纯收入 ${perCapita.toFixed(0)} 元超过上限 ${o.incomeCeiling} 元`,
    });
  }
  return errors;
}
