import { netIncome } from '../../domain/import/household.js';
import { copyFields } from './copy-text.js';
import type { PendingHousehold } from './types.js';

/** The yearly row (household_year) an imported household writes, as COPY text or column arrays. */

/** The status a new household starts with, from its household type. */
export const STATUS_OF_TYPE: Record<string, string> = {
  general_poor: 'poor',
  dibao_poor: 'poor',
  dibao: 'poor',
  tekun: 'poor',
  exited: 'exited',
  ordinary: 'none',
};

const INCOME_KEYS = [
  'wage_income',
  'business_income',
  'production_cost',
  'property_income',
  'transfer_income',
  'transfer_dibao',
  'transfer_pension',
  'transfer_eco',
  'medical_cost',
] as const;

export const YEAR_COPY_COLUMNS = `year, village_code, size, status, net_income, per_capita_income, ${INCOME_KEYS.join(', ')}, recorded_by, collected_on`;

/** A household's household_year values in the order of YEAR_COPY_COLUMNS. */
function yearValues(h: PendingHousehold): unknown[] {
  const first = h.rows[0]!;
  const net = netIncome(first.income);
  const out: unknown[] = [
    first.income.year,
    first.household.village_code,
    h.rows.length,
    STATUS_OF_TYPE[(first.household.household_type as string | undefined) ?? 'ordinary'] ?? 'none',
    Math.round(net * 100) / 100,
    Math.round((net / h.rows.length) * 100) / 100,
  ];
  for (const k of INCOME_KEYS) out.push(first.income[k] ?? 0);
  out.push(first.provenance.recorded_by ?? null, first.provenance.collected_on ?? null);
  return out;
}

export function yearColumns(good: PendingHousehold[], ids: Map<string, string>): Record<string, unknown[]> {
  const names = [
    'year',
    'village_code',
    'size',
    'status',
    'net_income',
    'per_capita_income',
    ...INCOME_KEYS,
    'recorded_by',
    'collected_on',
  ];
  const cols: Record<string, unknown[]> = { household_id: [] };
  for (const k of names) cols[k] = [];
  for (const h of good) {
    cols.household_id!.push(ids.get(h.no));
    yearValues(h).forEach((v, i) => cols[names[i]!]!.push(v));
  }
  return cols;
}

export function yearText(fresh: PendingHousehold[], ids: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < fresh.length; i++) {
    const y = yearValues(fresh[i]!);
    y.unshift(ids[i]);
    lines.push(copyFields(y));
  }
  lines.push('');
  return lines.join('\n');
}
