import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { poolOf } from '../../db/database.js';
import type { DB } from '../../db/types.js';

/**
 * Everything the measures need of a set of households, every year at once, as columns: the yearly
 * rows (household_year), the household facts (household) and the member facts (member). Read with
 * `COPY … TO STDOUT (FORMAT binary)`, numbers cast to float8, and decoded straight into typed
 * arrays: 660,000 row objects (node-pg's ordinary result) were what made the old read slow.
 */
export interface RegistryData {
  /** Yearly rows (any order; grouped per household by the store). */
  rows: {
    household: Float64Array;
    year: Float64Array;
    village: string[];
    status: string[];
    size: Float64Array;
    net: Float64Array;
    wage: Float64Array;
    business: Float64Array;
    property: Float64Array;
    transfer: Float64Array;
  };
  households: {
    id: Float64Array;
    type: string[];
    cause: (string | null)[];
    houseGrade: (string | null)[];
    /** Bits: 1 safe water, 2 electricity, 4 sanitary toilet. */
    amenities: Float64Array;
    /** The village the household lives in now (where a change of its facts or members is marked). */
    village: string[];
  };
  members: {
    household: Float64Array;
    /** Year of birth (ages are counted at 31 December, so the year decides them). */
    birthYear: Float64Array;
    /** Bits: MEMBER_PRESENT, MEMBER_SCHOOLED, MEMBER_OUT_OF_SCHOOL, MEMBER_UNINSURED. */
    flags: Float64Array;
  };
}

export const MEMBER_PRESENT = 1;
/** At least primary schooling recorded. */
export const MEMBER_SCHOOLED = 2;
/** student_status = 'out_of_school'. */
export const MEMBER_OUT_OF_SCHOOL = 4;
/** Present and without basic medical insurance. */
export const MEMBER_UNINSURED = 8;

/**
 * Which households to read: those with a yearly row in `region` (with `years`: a row in the region
 * in one of those years, and only their rows of those years and the years before), or (refresh)
 * those touching `villages` or in `ids`.
 */
export type DataFilter =
  { region: string; years?: readonly number[] } | { villages: readonly string[]; ids: readonly number[] };

/** A SQL literal of a year list (whole numbers only). */
function yearList(years: readonly number[]): string {
  for (const y of years) if (!Number.isInteger(y)) throw new Error(`not a year: ${y}`);
  return years.join(', ');
}

const SCHOOLED = ['primary', 'junior', 'senior', 'vocational', 'college'].map((e) => `'${e}'`).join(', ');

/** A SQL literal of a code or id list (COPY takes no parameters: only digits are let through). */
function digits(values: readonly (string | number)[]): string {
  for (const v of values) if (!/^\d*$/.test(String(v))) throw new Error(`not a code: ${String(v)}`);
  return values.map((v) => `'${String(v)}'`).join(', ');
}

type Kind = 'f' | 't';

/**
 * Run `COPY (query) TO STDOUT (FORMAT binary)` and decode the columns: 'f' = float8 (nulls as NaN),
 * 't' = text (nulls as null; equal strings shared).
 */
async function copyColumns(
  pool: pg.Pool,
  query: string,
  kinds: Kind[],
): Promise<(Float64Array | (string | null)[])[]> {
  const client = await pool.connect();
  const chunks: Buffer[] = [];
  try {
    // a store is shared by every later request: no request's statement timeout (one that the pooled
    // connection may still carry from its last request) bounds it; SET LOCAL ends with the transaction
    await client.query('begin; set local statement_timeout = 0');
    for await (const c of client.query(
      copyTo(`copy (${query}) to stdout (format binary)`),
    ) as AsyncIterable<Buffer>)
      chunks.push(c);
    await client.query('commit');
  } catch (err) {
    client.release(err instanceof Error ? err : new Error(String(err))); // dropped, not reused
    throw err;
  }
  client.release();
  const buf = Buffer.concat(chunks);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let p = 11 + 4; // signature, flags
  p += 4 + view.getInt32(p); // header extension
  // count the tuples first, to size the typed arrays
  let n = 0;
  for (let q = p; ; n++) {
    const fields = view.getInt16(q);
    q += 2;
    if (fields === -1) break;
    for (let k = 0; k < fields; k++) {
      const len = view.getInt32(q);
      q += 4 + Math.max(0, len);
    }
  }
  const cols = kinds.map((k) => (k === 'f' ? new Float64Array(n) : new Array<string | null>(n)));
  const strings = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    p += 2;
    for (let k = 0; k < kinds.length; k++) {
      const len = view.getInt32(p);
      p += 4;
      if (kinds[k] === 'f') (cols[k] as Float64Array)[i] = len < 0 ? NaN : view.getFloat64(p);
      else if (len < 0) (cols[k] as (string | null)[])[i] = null;
      else {
        const s = buf.toString('utf8', p, p + len);
        let shared = strings.get(s);
        if (shared === undefined) strings.set(s, (shared = s));
        (cols[k] as (string | null)[])[i] = shared;
      }
      p += Math.max(0, len);
    }
  }
  return cols;
}

export const measuresRepository = {
  /**
   * The registry data of the households with a yearly row in the region — all their yearly rows,
   * also those of other regions and years (the previous year's status needs them) — or, to refresh
   * a cached store, of the households with a row in `villages`, living in them, or in `ids`
   * (index lookups, then primary-key reads).
   */
  async data(db: Kysely<DB>, filter: DataFilter): Promise<RegistryData> {
    const pool = poolOf(db);
    if (!pool) throw new Error('measures: the database has no pg pool');
    let ids: string;
    let rowYears = '';
    if ('region' in filter) {
      const r = filter.region;
      const ys = filter.years;
      const inYears = ys ? `year in (${ys.length ? yearList(ys) : 'null'})` : '';
      ids =
        r === ''
          ? `select household_id from household_year${ys ? ` where ${inYears}` : ''}`
          : `select household_id from household_year where village_code >= ${digits([r])} and village_code < '${r}~'${ys ? ` and ${inYears}` : ''}`;
      if (ys) rowYears = ` and year in (${[...new Set(ys.flatMap((y) => [y - 1, y]))].join(', ') || 'null'})`;
    } else {
      const villages = [...filter.villages];
      const found = await sql<{ id: string }>`
        select household_id as id from household_year where village_code = any(${villages}::text[])
        union select id from household where village_code = any(${villages}::text[])`.execute(db);
      const all = [...new Set([...found.rows.map((r) => r.id), ...filter.ids.map(String)])];
      ids = all.length ? `select unnest(array[${digits(all)}]::bigint[])` : 'select null::bigint where false';
    }
    const [rows, households, members] = await Promise.all([
      copyColumns(
        pool,
        `select household_id::float8, year::float8, village_code, status, size::float8, net_income::float8,
          wage_income::float8, (business_income - production_cost)::float8, property_income::float8,
          transfer_income::float8
        from household_year where household_id in (${ids})${rowYears}`,
        ['f', 'f', 't', 't', 'f', 'f', 'f', 'f', 'f', 'f'],
      ),
      copyColumns(
        pool,
        `select id::float8, household_type, main_cause, house_grade::text,
          (safe_water::int + 2 * electricity::int + 4 * sanitary_toilet::int)::float8, village_code
        from household where id in (${ids})`,
        ['f', 't', 't', 't', 'f', 't'],
      ),
      copyColumns(
        pool,
        `select household_id::float8, extract(year from birth_date)::float8,
          ((member_status = 'present')::int * ${MEMBER_PRESENT}
            + coalesce(education in (${SCHOOLED}), false)::int * ${MEMBER_SCHOOLED}
            + coalesce(student_status = 'out_of_school', false)::int * ${MEMBER_OUT_OF_SCHOOL}
            + (member_status = 'present' and not ins_basic_medical)::int * ${MEMBER_UNINSURED})::float8
        from member where household_id in (${ids})`,
        ['f', 'f', 'f'],
      ),
    ]);
    const f = (c: Float64Array | (string | null)[]) => c as Float64Array;
    const t = (c: Float64Array | (string | null)[]) => c as string[];
    return {
      rows: {
        household: f(rows[0]!),
        year: f(rows[1]!),
        village: t(rows[2]!),
        status: t(rows[3]!),
        size: f(rows[4]!),
        net: f(rows[5]!),
        wage: f(rows[6]!),
        business: f(rows[7]!),
        property: f(rows[8]!),
        transfer: f(rows[9]!),
      },
      households: {
        id: f(households[0]!),
        type: t(households[1]!),
        cause: households[2] as (string | null)[],
        houseGrade: households[3] as (string | null)[],
        amenities: f(households[4]!),
        village: t(households[5]!),
      },
      members: { household: f(members[0]!), birthYear: f(members[1]!), flags: f(members[2]!) },
    };
  },

  /**
   * The position of what this server shows now: the xmin of a fresh snapshot (every transaction
   * below it has ended and is visible). Data read after it, on the same server, is at least as new.
   */
  position: async (db: Kysely<DB>): Promise<bigint> =>
    BigInt(
      (await sql<{ xmin: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(db))
        .rows[0]!.xmin,
    ),

  /**
   * The change marks at or above `from` (migration 033), the position they were read at, and the
   * highest pruned mark (a holder below it has missed marks).
   */
  changesSince: async (db: Kysely<DB>, from: bigint) => {
    const r = await sql<{ xmin: string; floor: string; xid: string | null; village_code: string | null }>`
      select s.xmin, s.floor, c.xid::text as xid, c.village_code
      from (select pg_snapshot_xmin(pg_current_snapshot())::text as xmin,
                   (select upto::text from measures_change_floor) as floor) s
      left join (select distinct xid, village_code from measures_change where xid >= ${String(from)}::xid8) c
        on true`.execute(db);
    const first = r.rows[0]!;
    return {
      xmin: BigInt(first.xmin),
      floor: BigInt(first.floor ?? '0'),
      marks: r.rows.flatMap((m) =>
        m.xid === null ? [] : [{ xid: BigInt(m.xid), village: m.village_code! }],
      ),
    };
  },

  /** Delete the marks older than `minutes` and raise the floor to the highest deleted. */
  pruneChanges: (db: Kysely<DB>, minutes: number) =>
    sql`with d as (delete from measures_change where changed_at < now() - make_interval(mins => ${minutes})
                   returning xid)
        update measures_change_floor set upto = greatest(upto, (select xid from d order by xid desc limit 1))
        where exists (select from d)`.execute(db),

  /**
   * Counties (6-digit prefixes) with a yearly row in `region`, by a skip scan of the village index
   * (one index probe a county, not a scan of the region's rows).
   */
  countiesIn: async (db: Kysely<DB>, region: string): Promise<string[]> =>
    (
      await sql<{ county: string }>`
        with recursive c(v) as (
          select min(village_code) from household_year
            where village_code >= ${region} and village_code < ${`${region}~`}
          union all
          select (select min(village_code) from household_year
                    where village_code >= left(c.v, 6) || '~' and village_code < ${`${region}~`})
          from c where c.v is not null)
        select left(v, 6) as county from c where v is not null`.execute(db)
    ).rows.map((r) => r.county),

  /**
   * Years with a yearly row in `region`: the years of the whole table by a skip scan of the
   * (year, village) index, each kept when one probe finds a row of the region (a lateral probe with
   * LIMIT 1: as an EXISTS the planner made it a semi-join over every row of the region).
   */
  yearsIn: async (db: Kysely<DB>, region: string): Promise<number[]> =>
    (
      await sql<{ year: number }>`
        with recursive y(y) as (
          select min(year) from household_year
          union all
          select (select min(year) from household_year where year > y.y) from y where y.y is not null)
        select y.y::int as year
        from y, lateral (select 1 from household_year h
          where h.year = y.y and h.village_code >= ${region} and h.village_code < ${`${region}~`} limit 1) hit
        where y.y is not null
        order by 1`.execute(db)
    ).rows.map((r) => Number(r.year)),

  children: (db: Kysely<DB>, parent: string) =>
    db
      .selectFrom('region')
      .select(['code', 'name', 'level'])
      .where('parent_code', '=', parent)
      .orderBy('code')
      .execute(),

  names: async (db: Kysely<DB>, codes: string[]) =>
    codes.length === 0
      ? new Map<string, string>()
      : new Map(
          (await db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute()).map(
            (r) => [r.code, r.name],
          ),
        ),

  households: (db: Kysely<DB>, ids: number[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('household')
          .select(['id', 'household_no', 'head_name', 'village_code', 'household_type'])
          .where('id', 'in', ids.map(String))
          .orderBy('id')
          .execute(),
};
