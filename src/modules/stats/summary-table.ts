import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { POOR_STATUSES } from '../../domain/code-lists.js';
import { inRegion } from '../../kernel/scope.js';

const poorList = () => sql.join(POOR_STATUSES.map((s) => sql.lit(s)));

/**
 * Bring the dashboard summaries up to date for the villages whose rows changed since the last refresh
 * (marked by triggers in `stats_dirty`, migrations 005, 006): per village `stats_village_year`,
 * `stats_village_cause` and the year's movements `stats_village_movement`, then their county
 * roll-ups `stats_county_*` (migration 056), which every region at or above county level reads.
 * Cheap when little changed; readers call it before every statistics query so figures are never stale.
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
    const moved = await refreshMovements(trx, dirty);
    await refreshCounties(trx, [...new Set([...dirty, ...moved].map((v) => v.slice(0, 6)))]);
    return dirty.length;
  });
}

/**
 * The movements of the changed villages and of the current village of their households (a household
 * that moved: its exit is counted where its row of that year lies, against its row of the year
 * before). Per province, reading that province's partitions only: the year before is looked up in
 * the same province, so a household that moved across provinces has no year before there (its
 * movement in the year of the move is counted as a first row). Returns the villages recomputed.
 */
async function refreshMovements(trx: Kysely<DB>, dirty: string[]): Promise<string[]> {
  const current = (
    await sql<{ village_code: string }>`
      select /* stats refresh */ distinct k.village_code from household_year d
      join household_key k on k.id = d.household_id
      where d.village_code = any(${dirty}::text[])`.execute(trx)
  ).rows.map((r) => r.village_code);
  const all = [...new Set([...dirty, ...current])];
  await sql`delete from stats_village_movement where village_code = any(${all}::text[])`.execute(trx);
  const byProvince = new Map<string, string[]>();
  for (const v of all) byProvince.set(v.slice(0, 2), [...(byProvince.get(v.slice(0, 2)) ?? []), v]);
  for (const [province, villages] of byProvince)
    await sql`
      insert into stats_village_movement (village_code, year, exits, new_risks, risks_removed,
        exited_income, exited_persons, monitored_dibao)
      select y.village_code, y.year,
        count(*) filter (where y.status = 'exited' and p.status in (${poorList()})),
        count(*) filter (where y.status = 'monitored' and p.status is distinct from 'monitored'),
        count(*) filter (where y.status = 'risk_removed' and p.status = 'monitored'),
        coalesce(sum(y.net_income) filter (where y.status = 'exited'), 0),
        coalesce(sum(y.size) filter (where y.status = 'exited'), 0),
        count(*) filter (where y.status = 'monitored' and y.transfer_dibao > 0)
      from household_year y
      left join household_year p on p.household_id = y.household_id and p.year = y.year - 1
        and ${inRegion('p.village_code', province)}
      where y.village_code = any(${villages}::text[])
      group by y.village_code, y.year`.execute(trx);
  return current;
}

/**
 * The summary to read for a region: the county roll-up when the region is a county or above (its
 * prefix is whole counties), else the village summary. `column` is its region code column.
 */
export function summaryOf(scope: string, kind: 'year' | 'cause' | 'movement', prefixLength = scope.length) {
  const county = prefixLength <= 6;
  return {
    table: sql.table(`stats_${county ? 'county' : 'village'}_${kind}`),
    column: county ? 'county_code' : 'village_code',
  };
}

/** The county roll-ups of `counties`, summed again from their villages' summaries (an index range each). */
async function refreshCounties(trx: Kysely<DB>, counties: string[]): Promise<void> {
  if (counties.length === 0) return;
  const c = sql`unnest(${counties}::text[]) c(code)`;
  const within = (column: string) =>
    sql`${sql.ref(column)} >= c.code and ${sql.ref(column)} < (c.code || '~')`;
  await sql`delete from stats_county_year where county_code = any(${counties}::text[])`.execute(trx);
  await sql`
    insert into stats_county_year (county_code, year, status, households, persons)
    select c.code, s.year, s.status, sum(s.households), sum(s.persons)
    from ${c} join stats_village_year s on ${within('s.village_code')}
    group by 1, 2, 3`.execute(trx);
  await sql`delete from stats_county_cause where county_code = any(${counties}::text[])`.execute(trx);
  await sql`
    insert into stats_county_cause (county_code, cause, households)
    select c.code, s.cause, sum(s.households)
    from ${c} join stats_village_cause s on ${within('s.village_code')}
    group by 1, 2`.execute(trx);
  await sql`delete from stats_county_movement where county_code = any(${counties}::text[])`.execute(trx);
  await sql`
    insert into stats_county_movement (county_code, year, exits, new_risks, risks_removed,
      exited_income, exited_persons, monitored_dibao)
    select c.code, s.year, sum(s.exits), sum(s.new_risks), sum(s.risks_removed),
      sum(s.exited_income), sum(s.exited_persons), sum(s.monitored_dibao)
    from ${c} join stats_village_movement s on ${within('s.village_code')}
    group by 1, 2`.execute(trx);
}
