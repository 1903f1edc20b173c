import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import type {
  DemoHouseholdRow,
  DemoMemberRow,
  DemoStatusChange,
  DemoVillage,
  DemoYearRow,
} from './generator/types.js';

/**
 * SQL of the demo writer. Bulk inserts send one array per column and expand them with unnest(),
 * so a batch of hundreds of households is one statement per table.
 */

type Db = Kysely<DB>;

export async function findCounty(db: Db, countyCode: string) {
  return db
    .selectFrom('region')
    .select(['code', 'name'])
    .where('code', '=', countyCode)
    .where('level', '=', 3)
    .executeTakeFirst();
}

export async function countyVillages(db: Db, countyCode: string): Promise<DemoVillage[]> {
  const r = await sql<DemoVillage>`
    select v.code, v.name, t.code as "townshipCode", t.name as "townshipName"
    from region v join region t on t.code = v.parent_code and t.level = 4
    where v.level = 5 and v.code like ${countyCode + '%'}
    order by v.code`.execute(db);
  return r.rows;
}

export async function countyHasHouseholds(db: Db, countyCode: string): Promise<boolean> {
  const r = await sql`select 1 from household where village_code like ${countyCode + '%'} limit 1`.execute(
    db,
  );
  return r.rows.length > 0;
}

/**
 * Synthetic bulk data need not wait for each commit to reach the disk (a crash loses at most the
 * last batches, never consistency). Applies to the current transaction only.
 */
export async function relaxCommitDurability(db: Db): Promise<void> {
  await sql`set local synchronous_commit = off`.execute(db);
}

/** Take `n` ids from the household sequence (members, years and history link to them). */
export async function nextHouseholdIds(db: Db, n: number): Promise<string[]> {
  const r = await sql<{ id: string }>`
    select nextval(pg_get_serial_sequence('household', 'id'))::text as id from generate_series(1, ${n}::int)`.execute(
    db,
  );
  return r.rows.map((row) => row.id);
}

export interface ColumnArray {
  name: string;
  /** Element type of the array parameter. */
  type: string;
  /** Cast applied to each element on insert (e.g. an array literal sent as text, cast to text[]). */
  cast?: string;
  values: readonly unknown[];
}

/**
 * A PostgreSQL array literal ('{1,2,NULL}', '{"a","b\\"c"}'), built here because the driver's
 * element-by-element conversion costs more than the insert itself for hundreds of thousands of rows.
 */
export function arrayLiteral(values: readonly unknown[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v === 'number') parts[i] = Number.isFinite(v) ? String(v) : 'NULL';
    else if (typeof v === 'boolean') parts[i] = v ? 't' : 'f';
    else parts[i] = `"${String(v).replace(/["\\]/g, '\\$&')}"`;
  }
  return `{${parts.join(',')}}`;
}

/** `insert into <table> (<cols>) select … from unnest($1::t1[], $2::t2[], …)` for column arrays. */
export async function insertColumns(
  db: Db,
  table: 'household' | 'member' | 'household_year' | 'status_history',
  columns: readonly ColumnArray[],
): Promise<void> {
  if (columns.length === 0 || columns[0]!.values.length === 0) return;
  const names = sql.join(columns.map((c) => sql.ref(c.name)));
  const aliases = columns.map((_, i) => `c${i}`);
  const select = sql.join(columns.map((c, i) => sql.raw(c.cast ? `${aliases[i]}::${c.cast}` : aliases[i]!)));
  const arrays = sql.join(columns.map((c) => sql`${arrayLiteral(c.values)}::${sql.raw(c.type)}[]`));
  const hid = columns.findIndex((c) => c.name === 'household_id');
  if (table === 'status_history' && !columns.some((c) => c.name === 'village_code') && hid >= 0) {
    // a status change's village (the partition key, migration 058) is its household's; read per row, so
    // that the rows keep their order (and their ids the order of the changes)
    await sql`insert into status_history (${names}, village_code)
      select ${select}, (select k.village_code from household_key k where k.id = ${sql.raw(aliases[hid]!)})
      from unnest(${arrays}) as u(${sql.raw(aliases.join(', '))})`.execute(db);
    return;
  }
  if (table === 'member' && !columns.some((c) => c.name === 'village_code') && hid >= 0) {
    // a member's village (the partition key, migration 044) is its household's
    await sql`insert into member (${names}, village_code)
      select ${select}, k.village_code from unnest(${arrays}) as u(${sql.raw(aliases.join(', '))})
      join household_key k on k.id = ${sql.raw(aliases[hid]!)}`.execute(db);
    return;
  }
  await sql`insert into ${sql.table(table)} (${names})
    select ${select} from unnest(${arrays}) as u(${sql.raw(aliases.join(', '))})`.execute(db);
}

/** Column arrays for rows of one shape: `[name, element type, cast?]` per key of the row. */
function columnsOf<R extends object>(
  rows: readonly R[],
  spec: readonly (readonly [keyof R & string, string, string?])[],
) {
  return spec.map(([name, type, cast]) => ({ name, type, cast, values: rows.map((r) => r[name]) }));
}

type WithId<R, K extends string> = R & { [key in K]: string };

export const householdColumns = (rows: readonly WithId<DemoHouseholdRow, 'id'>[]) =>
  columnsOf(
    rows.map((r) => ({ ...r, other_causes: `{${r.other_causes.join(',')}}` })),
    [
      ['id', 'bigint'],
      ['household_no', 'text'],
      ['village_code', 'text'],
      ['group_no', 'smallint'],
      ['address', 'text'],
      ['phone', 'text'],
      ['bank_name', 'text'],
      ['bank_account', 'text'],
      ['id_standard', 'text'],
      ['household_type', 'text'],
      ['status', 'text'],
      ['status_date', 'date'],
      ['registered_year', 'smallint'],
      ['exit_year', 'smallint'],
      ['monitoring_category', 'text'],
      ['main_cause', 'text'],
      ['other_causes', 'text', 'text[]'],
      ['size', 'smallint'],
      ['head_name', 'text'],
      ['land_cultivated_mu', 'numeric'],
      ['land_forest_mu', 'numeric'],
      ['house_area_m2', 'numeric'],
      ['house_structure', 'text'],
      ['house_year', 'smallint'],
      ['house_grade', 'text'],
      ['relocated', 'boolean'],
      ['electricity', 'boolean'],
      ['fuel', 'text'],
      ['safe_water', 'boolean'],
      ['sanitary_toilet', 'boolean'],
      ['paved_access', 'boolean'],
      ['road_distance_km', 'numeric'],
      ['market_distance_km', 'numeric'],
      ['coop_member', 'boolean'],
      ['enterprise_tie', 'boolean'],
      ['industry_type', 'text'],
    ],
  );

export const memberColumns = (rows: readonly WithId<DemoMemberRow, 'household_id'>[]) =>
  columnsOf(rows, [
    ['household_id', 'bigint'],
    ['name', 'text'],
    ['sex', 'text'],
    ['id_type', 'text'],
    ['id_number', 'text'],
    ['birth_date', 'date'],
    ['relation', 'text'],
    ['ethnicity', 'text'],
    ['education', 'text'],
    ['student_status', 'text'],
    ['out_of_school_reason', 'text'],
    ['health', 'text'],
    ['disability_grade', 'smallint'],
    ['labour_capacity', 'text'],
    ['migrant_place', 'text'],
    ['migrant_months', 'smallint'],
    ['migrant_monthly_wage', 'integer'],
    ['welfare_job_months', 'smallint'],
    ['ins_basic_medical', 'boolean'],
    ['ins_critical_illness', 'boolean'],
    ['ins_medical_assistance', 'boolean'],
    ['ins_pension', 'boolean'],
    ['is_dibao', 'boolean'],
    ['is_tekun', 'boolean'],
    ['member_status', 'text'],
  ]);

export const yearColumns = (
  rows: readonly (WithId<DemoYearRow, 'household_id'> & { recorded_by: string })[],
) =>
  columnsOf(rows, [
    ['household_id', 'bigint'],
    ['year', 'smallint'],
    ['village_code', 'text'],
    ['size', 'smallint'],
    ['status', 'text'],
    ['wage_income', 'numeric'],
    ['business_income', 'numeric'],
    ['production_cost', 'numeric'],
    ['property_income', 'numeric'],
    ['transfer_income', 'numeric'],
    ['transfer_dibao', 'numeric'],
    ['transfer_pension', 'numeric'],
    ['transfer_eco', 'numeric'],
    ['medical_cost', 'numeric'],
    ['net_income', 'numeric'],
    ['per_capita_income', 'numeric'],
    ['recorded_by', 'text'],
  ]);

export const historyColumns = (rows: readonly WithId<DemoStatusChange, 'household_id'>[]) =>
  columnsOf(rows, [
    ['household_id', 'bigint'],
    ['from_status', 'text'],
    ['to_status', 'text'],
    ['changed_on', 'date'],
    ['reason', 'text'],
  ]);

export async function markPovertyCounty(db: Db, countyCode: string): Promise<void> {
  await db.updateTable('region').set({ is_poverty_county: true }).where('code', '=', countyCode).execute();
}

export async function markPoorVillages(db: Db, villageCodes: readonly string[]): Promise<void> {
  if (villageCodes.length === 0) return;
  await db
    .updateTable('region')
    .set({ is_poor_village: true })
    .where('code', 'in', [...villageCodes])
    .execute();
}

export async function deleteHouseholds(db: Db, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 10_000) {
    await sql`delete from household where id = any(${ids.slice(i, i + 10_000)}::bigint[])`.execute(db);
  }
}
