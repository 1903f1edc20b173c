import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentMismatches } from '../../src/modules/safety-net/index.js';
import { generateDemo } from '../../src/demo/service.js';
import { safetyNetDemo } from '../../src/demo/seeders/safety-net.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * The demo's civil-affairs picture (docs/demo-data.md "Safety net"), on a small county: dibao and
 * 特困 exclude each other (no person flagged for both, no household on both rolls — the linkage
 * board's overlap is 0), every open roll entry matches the members' flags, amounts follow the
 * formulas, and the seeded payment list reconciles with the rolls.
 */
const COUNTY = '433124';
const TOWNSHIPS = ['433124109', '433124110'];
const VILLAGES = TOWNSHIPS.flatMap((t) => [201, 202, 203].map((n) => `${t}${n}`));
const today = new Date('2026-11-28T08:00:00Z');
let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await db
    .insertInto('region')
    .values([
      { code: '43', level: 1, parent_code: null, name: '湖南省' },
      { code: '4331', level: 2, parent_code: '43', name: '湘西土家族苗族自治州' },
      { code: COUNTY, level: 3, parent_code: '4331', name: '花垣县' },
      ...TOWNSHIPS.map((code, i) => ({ code, level: 4, parent_code: COUNTY, name: `乡镇${i + 1}` })),
      ...VILLAGES.map((code) => ({
        code,
        level: 5,
        parent_code: code.slice(0, 9),
        name: `村${code.slice(6)}`,
      })),
    ])
    .execute();
  await generateDemo(db, { countyCode: COUNTY, seed: 2014, scale: 0.03 });
  await safetyNetDemo.seed({ db, countyCode: COUNTY, seed: 2014, scale: 0.03, today, log: () => undefined });
}, 120_000);

afterAll(async () => {
  await tdb?.drop();
});

const count = async (q: ReturnType<typeof sql<{ n: string }>>) =>
  Number((await q.execute(tdb.db)).rows[0]!.n);

describe('the demo safety net', () => {
  it('has both rolls, and no person or household on both (overlap 0)', async () => {
    const { db } = tdb;
    const open = await sql<{ programme: string; n: string }>`select programme, count(*)::text as n
      from assistance_roll where state <> 'ceased' group by programme`.execute(db);
    const n = Object.fromEntries(open.rows.map((r) => [r.programme, Number(r.n)]));
    expect(n.dibao).toBeGreaterThan(5);
    expect(n.tekun).toBeGreaterThan(2);
    expect(await count(sql`select count(*)::text as n from member where is_dibao and is_tekun`)).toBe(0);
    // a dibao entry over a household with a 特困 member, or the reverse
    expect(
      await count(sql`select count(*)::text as n from assistance_roll r join member m on m.household_id = r.household_id
        where r.state <> 'ceased' and m.member_status = 'present'
          and ((r.programme = 'dibao' and m.is_tekun) or (r.programme = 'tekun' and m.is_dibao))`),
    ).toBe(0);
    expect(
      await count(sql`select count(*)::text as n from (select household_id from assistance_roll
        where state <> 'ceased' group by household_id having count(*) > 1) x`),
    ).toBe(0);
  });

  it('puts every flagged household on its roll, at the formula amounts', async () => {
    const { db } = tdb;
    // every household with a present flagged member has an entry of its programme
    expect(
      await count(sql`select count(*)::text as n from household h
        where exists (select 1 from member m where m.household_id = h.id and m.member_status = 'present' and (m.is_dibao or m.is_tekun))
          and not exists (select 1 from assistance_roll r where r.household_id = h.id)`),
    ).toBe(0);
    // dibao: at least 30 a person (the floor), at most the standard a person
    const dibao = await sql<{ pp: string; s: string }>`select (monthly_amount / persons)::text as pp,
        (computation->>'standardMonthly') as s from assistance_roll where programme = 'dibao'`.execute(db);
    for (const r of dibao.rows) {
      expect(Number(r.pp)).toBeGreaterThanOrEqual(30);
      expect(Number(r.pp)).toBeLessThanOrEqual(Number(r.s));
    }
    // the assessed income leaves the dibao payments out: not every household at the floor
    expect(dibao.rows.some((r) => Number(r.pp) > 30)).toBe(true);
  });

  it("last month's payment list reconciles with the rolls", async () => {
    const lists = await tdb.db.selectFrom('payment_list').select(['month']).execute();
    expect(lists.map((l) => l.month)).toEqual(['2026-10-01']);
    expect(await paymentMismatches(tdb.db, COUNTY, '2026-10-01')).toEqual([]);
  });
});
