import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/**
 * Bring `stats_village_year` up to date for the villages whose yearly rows changed since the last
 * refresh (marked by triggers in `stats_dirty`, migration 005). Cheap when little changed; readers call
 * it before every statistics query so figures are never stale.
 */
export async function refreshStats(db: Kysely<DB>): Promise<number> {
  const pending = await sql<{
    n: string;
  }>`select count(*) as n from (select 1 from stats_dirty limit 1) d`.execute(db);
  if (Number(pending.rows[0]?.n ?? 0) === 0) return 0;
  // inside a caller's transaction (e.g. an export), refresh within it; else in a transaction of our own
  const run = <T>(fn: (trx: Kysely<DB>) => Promise<T>) =>
    db.isTransaction ? fn(db) : db.transaction().execute(fn);
  return run(async (trx) => {
    await sql`select pg_advisory_xact_lock(7340003)`.execute(trx);
    const dirty = (
      await sql<{ village_code: string }>`delete from stats_dirty returning village_code`.execute(trx)
    ).rows.map((r) => r.village_code);
    if (dirty.length === 0) return 0;
    await sql`delete from stats_village_year where village_code = any(${dirty}::text[])`.execute(trx);
    await sql`
      insert into stats_village_year (village_code, year, status, households, persons)
      select village_code, year, status, count(*), coalesce(sum(size), 0)
      from household_year where village_code = any(${dirty}::text[])
      group by village_code, year, status`.execute(trx);
    await sql`delete from stats_village_cause where village_code = any(${dirty}::text[])`.execute(trx);
    await sql`
      insert into stats_village_cause (village_code, cause, households)
      select village_code, main_cause, count(*) from household
      where village_code = any(${dirty}::text[]) and main_cause is not null
      group by village_code, main_cause`.execute(trx);
    return dirty.length;
  });
}
