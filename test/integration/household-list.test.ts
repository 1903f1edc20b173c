import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { generateDemo } from '../../src/demo/service.js';
import { COUNT_CAP } from '../../src/modules/households/repository.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createUser } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/**
 * The household list and search (one statement for the page and its count, a known-small match set
 * read by key) against a plain reference query written here: same households, same order, same
 * count and cap, on a small generated county — few matches, broad matches, pages past the end.
 */

let tdb: TestDatabase;
let db: Database;
let app: FastifyInstance;
let cookie = '';

const COUNTY = '433124';
const TOWNSHIP = '433124110';
const REGIONS = [
  { code: '43', level: 1, parent_code: null, name: '湖南省' },
  { code: '4331', level: 2, parent_code: '43', name: '湘西土家族苗族自治州' },
  { code: COUNTY, level: 3, parent_code: '4331', name: '花垣县' },
  { code: '433124109', level: 4, parent_code: COUNTY, name: '花垣镇' },
  { code: TOWNSHIP, level: 4, parent_code: COUNTY, name: '双龙镇' },
  { code: '433124109201', level: 5, parent_code: '433124109', name: '大龙村' },
  { code: '433124109202', level: 5, parent_code: '433124109', name: '小龙村' },
  { code: '433124110226', level: 5, parent_code: TOWNSHIP, name: '十八洞村' },
  { code: '433124110201', level: 5, parent_code: TOWNSHIP, name: '丙池村' },
];

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  await db.insertInto('region').values(REGIONS).execute();
  await generateDemo(db, { countyCode: COUNTY, seed: 11, scale: 0.05 });
  await createUser(db, 'cty', 'county_officer', COUNTY);
  app = await testApp(db);
  cookie = await login(app, 'cty', 'test-password-1');
}, 300_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

interface Listed {
  total: number;
  totalCapped: boolean;
  items: { id: string; perCapitaIncome: number | null; headIdNumber: string }[];
}

async function listed(params: Record<string, string>): Promise<Listed> {
  const res = await app.inject({
    method: 'GET',
    url: `/api/households?${new URLSearchParams(params).toString()}`,
    headers: { cookie },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Listed>();
}

/** The reference: every matching household in the list's order, and the raw matches of the prefix. */
async function reference(p: { region: string; q?: string; status?: string; sort?: string; order?: string }) {
  const within = (col: string) => sql`${sql.ref(col)} >= ${p.region} and ${sql.ref(col)} < ${p.region + '~'}`;
  const like = p.q === undefined ? null : `${p.q}%`;
  const year = (await sql<{ y: number }>`select max(year) as y from stats_county_year`.execute(db)).rows[0]!
    .y;
  const key =
    p.sort === 'per_capita_income' ? sql`y.per_capita_income` : sql.ref(`h.${p.sort ?? 'household_no'}`);
  const dir = p.order === 'desc' ? sql`desc nulls last` : sql`asc nulls last`;
  const rows = await sql<{ id: string }>`
    select h.id::text as id from household h
    left join household_year y on y.household_id = h.id and y.year = ${year}
    where ${within('h.village_code')}
      and (${p.status ?? null}::text is null or h.status = ${p.status ?? null})
      and (${like}::text is null or h.household_no like ${like} or exists (
        select 1 from member m where m.household_id = h.id and (m.name like ${like} or m.id_number like ${like})))
    order by ${key} ${dir}, h.id`.execute(db);
  const raw =
    like === null
      ? 0
      : (
          await sql<{ n: number }>`select
              (select count(*) from member m where ${within('m.village_code')} and m.name like ${like})
            + (select count(*) from member m where ${within('m.village_code')} and m.id_number like ${like})
            + (select count(*) from household h where ${within('h.village_code')} and h.household_no like ${like})
            as n`.execute(db)
        ).rows[0]!.n;
  return { ids: rows.rows.map((r) => r.id), broad: Number(raw) >= COUNT_CAP };
}

async function compare(p: { region: string; q?: string; status?: string; sort?: string; order?: string }) {
  const pageSize = 20;
  const first = await listed({ ...p, pageSize: String(pageSize) });
  const ref = await reference(p);
  const n = ref.ids.length;
  expect(first.total).toBe(ref.broad ? Math.min(n, COUNT_CAP) : n);
  expect(first.totalCapped).toBe(ref.broad && n > COUNT_CAP);
  const last = Math.max(1, Math.ceil(n / pageSize));
  for (const page of [...new Set([1, 2, last, last + 1])]) {
    const got = page === 1 ? first : await listed({ ...p, pageSize: String(pageSize), page: String(page) });
    expect(
      got.items.map((i) => i.id),
      `page ${page}`,
    ).toEqual(ref.ids.slice((page - 1) * pageSize, page * pageSize));
    expect(got.total, `page ${page}`).toBe(first.total);
    expect(got.totalCapped, `page ${page}`).toBe(first.totalCapped);
  }
  return { first, ref };
}

describe('the household list and search against a reference query', () => {
  it('lists a township and a county, counted, in each sort order, to past the last page', async () => {
    const { ref } = await compare({ region: TOWNSHIP });
    expect(ref.ids.length).toBeGreaterThan(40);
    await compare({ region: COUNTY, sort: 'per_capita_income', order: 'desc' });
    await compare({ region: COUNTY, sort: 'head_name' });
    await compare({ region: TOWNSHIP, status: 'monitored' });
  });

  it('finds few matches by a full name, a household number and an ID number', async () => {
    const head = (
      await sql<{ name: string; id_number: string; household_no: string }>`
        select m.name, m.id_number, h.household_no from member m join household h on h.id = m.household_id
        where m.relation = 'head' order by m.id desc limit 1`.execute(db)
    ).rows[0]!;
    for (const q of [head.name, head.household_no.slice(0, 14), head.id_number.slice(0, 16)]) {
      const { first, ref } = await compare({ region: COUNTY, q });
      expect(ref.broad, q).toBe(false);
      expect(first.items.length, q).toBeGreaterThan(0);
    }
  });

  it('caps the count of a broad prefix (a common surname, the county’s ID prefix) and pages on', async () => {
    const surname = (
      await sql<{ s: string }>`select left(name, 1) as s from member where village_code like ${COUNTY + '%'}
        group by 1 order by count(*) desc limit 1`.execute(db)
    ).rows[0]!.s;
    for (const q of [surname, COUNTY]) {
      const { first, ref } = await compare({ region: COUNTY, q });
      expect(ref.broad, q).toBe(true);
      expect(first.items).toHaveLength(20);
    }
    // a broad prefix under a filter that leaves few: counted exactly
    await compare({ region: TOWNSHIP, q: COUNTY, status: 'monitored' });
  });

  it('masks the head’s ID number in the list', async () => {
    const got = await listed({ region: TOWNSHIP });
    const raw = await sql<{ id: string; id_number: string }>`
      select household_id::text as id, id_number from member where relation = 'head'
      and household_id = any(${got.items.map((i) => i.id)}::bigint[])`.execute(db);
    expect(raw.rows.length).toBeGreaterThan(0);
    for (const r of raw.rows) {
      const shown = got.items.find((i) => i.id === r.id)!.headIdNumber;
      expect(shown).not.toBe(r.id_number);
      expect(shown.slice(0, 6)).toBe(r.id_number.slice(0, 6));
    }
  });
});
