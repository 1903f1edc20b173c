import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { RED_LINE_KINDS, RED_LINE_OF, isRedLine } from '../../domain/matching/kinds.js';
import type { RedLineHit } from '../../domain/rules/facts.js';

/**
 * Confirmed red-line flags as the identification rule's red-line hits, by household (the facts
 * loader's `RedLineSource`). `null` while no red-line list was ever imported: "not yet matched" is
 * a data gap, not "no hit".
 */
export async function confirmedRedLineHits(
  db: Kysely<DB>,
  householdIds: readonly string[],
): Promise<Map<string, RedLineHit[]> | null> {
  const someRedLineList = await db
    .selectFrom('department_list')
    .select('id')
    .where('kind', 'in', [...RED_LINE_KINDS])
    .limit(1)
    .executeTakeFirst();
  if (!someRedLineList) return null;
  const out = new Map<string, RedLineHit[]>();
  if (householdIds.length === 0) return out;
  const rows = await db
    .selectFrom('match_flag as f')
    .innerJoin('department_list as l', 'l.id', 'f.list_id')
    .select(['f.household_id', 'f.member_id', 'f.list_kind', 'l.department'])
    .where('f.household_id', 'in', [...householdIds])
    .where('f.flag_kind', '=', 'red_line')
    .where('f.status', '=', 'confirmed')
    .orderBy('f.id')
    .execute();
  for (const r of rows) {
    if (!isRedLine(r.list_kind)) continue;
    const hit: RedLineHit = {
      key: RED_LINE_OF[r.list_kind],
      source: r.department ?? r.list_kind,
      memberId: r.member_id,
      writtenException: null,
    };
    out.set(r.household_id, [...(out.get(r.household_id) ?? []), hit]);
  }
  return out;
}
