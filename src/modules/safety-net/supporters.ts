import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { round2 } from '../../domain/rules/reason.js';

/**
 * Obliged relatives outside the household (家庭保障): the confirmed `legal_supporter` facts
 * (src/domain/facts/kinds.ts), the latest per supporter (relation and name) observed on or before the
 * day. Counted support a year: what the supporter paid in the last 12 months or, when more, what the
 * agreement (赡养协议) sets (12 × agreedMonthly) — an agreed support counts even when unpaid.
 */
export interface Supporter {
  relation: string;
  name: string | null;
  capacity: 'able' | 'limited' | 'none';
  agreedMonthly: number;
  paid12m: number;
  agreementRef: string | null;
  counted12m: number;
}

interface Row {
  household_id: string;
  value: {
    relation: string;
    supporterName?: string | null;
    capacity: Supporter['capacity'];
    agreedMonthly: number;
    paid12m: number;
    agreementRef?: string | null;
  };
}

export async function supportersOf(
  db: Kysely<DB>,
  householdIds: readonly string[],
  asOf: string,
): Promise<Map<string, Supporter[]>> {
  const out = new Map<string, Supporter[]>();
  if (householdIds.length === 0) return out;
  const rows = await sql<Row>`
    select distinct on (household_id, value->>'relation', coalesce(value->>'supporterName', ''))
      household_id::text as household_id, value
    from household_fact
    where household_id = any(${sql.val(householdIds.map(Number))}::bigint[])
      and kind = 'legal_supporter' and state = 'confirmed' and observed_on <= ${asOf}::date
    order by household_id, value->>'relation', coalesce(value->>'supporterName', ''), observed_on desc, id desc`.execute(
    db,
  );
  for (const r of rows.rows) {
    const v = r.value;
    const s: Supporter = {
      relation: v.relation,
      name: v.supporterName ?? null,
      capacity: v.capacity,
      agreedMonthly: Number(v.agreedMonthly),
      paid12m: Number(v.paid12m),
      agreementRef: v.agreementRef ?? null,
      counted12m: round2(Math.max(Number(v.paid12m), 12 * Number(v.agreedMonthly))),
    };
    out.set(r.household_id, [...(out.get(r.household_id) ?? []), s]);
  }
  return out;
}
