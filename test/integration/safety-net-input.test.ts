import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { clockOf } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';
import { changedTables, tableDigest } from '../helpers/table-digest.js';

/**
 * Input the safety net refuses with a 400 naming the field, in Chinese too, and without a change
 * (found probing its routes beyond the bad-input matrix's variants): a month outside the registry's
 * years (year 0000 reached the database), a day after today (an application dated into next year
 * would escape this year's ceiling; an appeal; a sectoral record), an amount that rounds to 0 fen
 * (0.004 yuan of temporary assistance was a 500 on the table's check).
 */

const TODAY = new Date('2026-11-28T08:00:00Z');
let tdb: TestDatabase;
let db: Database;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let householdId = '';
let rollId = '';
let listId = '';
let lineId = '';
let temporaryId = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  await seedRegions(db);
  householdId = (await createHousehold(db, { village: T.villageA1, status: 'poor' })).id;
  const row = await sql<{ roll: string; list: string; line: string; temp: string }>`
    with r as (
      insert into assistance_roll (programme, household_id, village_code, category, persons, monthly_amount,
        state, start_month, created_at, updated_at)
      values ('dibao', ${householdId}, ${T.villageA1}, 'B', 2, 300, 'active', '2026-01-01', now(), now())
      returning id),
    l as (
      insert into payment_list (county_code, month, state, created_at)
      values (${T.county}, '2026-10-01', 'exported', now()) returning id),
    n as (
      insert into payment_line (list_id, village_code, household_id, programme, roll_id, amount, state, updated_at)
      select l.id, ${T.villageA1}, ${householdId}, 'dibao', r.id, 300, 'due', now() from l, r returning id),
    t as (
      insert into temporary_assistance (household_id, village_code, type, cause, state, requested_amount,
        applied_on, created_at, updated_at)
      values (${householdId}, ${T.villageA1}, 'expenditure', 'medical', 'applied', 200, '2026-11-20', now(), now())
      returning id)
    select r.id::text as roll, l.id::text as list, n.id::text as line, t.id::text as temp from r, l, n, t`.execute(
    db,
  );
  ({ roll: rollId, list: listId, line: lineId, temp: temporaryId } = row.rows[0]!);
  medical.householdId = householdId;
  await createUser(db, 'si_town', 'civil_affairs_township', T.townshipA);
  await createUser(db, 'si_bureau', 'civil_affairs_county', T.county);
  app = await testApp(
    db,
    clockOf(() => TODAY),
  );
  cookies.town = await login(app, 'si_town', 'test-password-1');
  cookies.bureau = await login(app, 'si_bureau', 'test-password-1');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const refused = async (who: string, url: string, payload: object, field: string, zh: RegExp) => {
  const before = await tableDigest(db);
  const res = await app.inject({ method: 'POST', url, payload, headers: { cookie: cookies[who]! } });
  expect(res.statusCode, res.body).toBe(400);
  const body = res.json<{ code: string; details: unknown }>();
  expect(body.code).toBe('E_VALIDATION');
  const details = (Array.isArray(body.details) ? body.details : [body.details]) as {
    field?: string;
    messageZh?: string;
  }[];
  const own =
    details.find((d) => d.field === field) ?? (details[0] as { field?: string; messageZh?: string });
  expect(own.field ?? body).toBe(field);
  expect(own.messageZh ?? (body.details as { messageZh?: string }).messageZh).toMatch(zh);
  expect(changedTables(before, await tableDigest(db))).toEqual([]);
};

const medical = {
  sector: 'medical',
  householdId: '',
  occurredOn: '2026-11-20',
  totalCost: 1000,
  basicPaid: 500,
  criticalPaid: 100,
  amount: 100,
};

describe('safety-net input', () => {
  it('a month outside 2000–2100 is refused before the database', async () => {
    for (const month of ['0000-01-01', '9999-12-01'])
      await refused(
        'bureau',
        '/api/safety-net/payments',
        { county: T.county, month },
        'body.month',
        /2000–2100/,
      );
  });

  it('an application or an appeal dated after today is refused', async () => {
    const temporary = { householdId, type: 'expenditure', cause: 'medical', amount: 100 };
    await refused(
      'town',
      '/api/safety-net/temporary',
      { ...temporary, appliedOn: '2027-01-02' },
      'body.appliedOn',
      /晚于今天/,
    );
    await refused(
      'town',
      `/api/safety-net/rolls/${rollId}/appeal`,
      { filedOn: '2026-11-29', grounds: '不服停发决定' },
      'body.filedOn',
      /晚于今天/,
    );
    await refused(
      'town',
      '/api/safety-net/sectoral',
      { ...medical, occurredOn: '2026-12-01' },
      'body.occurredOn',
      /晚于今天/,
    );
  });

  it('an amount that rounds to 0 fen is refused', async () => {
    const temporary = { householdId, type: 'expenditure', cause: 'medical', amount: 0.004 };
    await refused('town', '/api/safety-net/temporary', temporary, 'body.amount', /须大于 0/);
    await refused(
      'town',
      `/api/safety-net/temporary/${temporaryId}/decide`,
      { action: 'approve', amount: 0, note: '审批' },
      'body.amount',
      /须大于 0/,
    );
    await refused(
      'bureau',
      `/api/safety-net/payments/${listId}/lines/${lineId}/correct`,
      { amount: 0.001, note: '补发' },
      'body.amount',
      /不能为 0/,
    );
  });

  it('the same requests with proper values succeed (the refusals are of the values)', async () => {
    const ok = async (who: string, url: string, payload: object) => {
      const res = await app.inject({ method: 'POST', url, payload, headers: { cookie: cookies[who]! } });
      expect(res.statusCode, res.body).toBe(200);
    };
    await ok('town', `/api/safety-net/rolls/${rollId}/appeal`, { filedOn: '2026-11-28', grounds: '不服' });
    await ok('town', `/api/safety-net/temporary/${temporaryId}/decide`, {
      action: 'approve',
      amount: 150,
      note: '审批',
    });
    await ok('bureau', `/api/safety-net/payments/${listId}/lines/${lineId}/correct`, {
      amount: 0.01,
      note: '补发',
    });
    await ok('town', '/api/safety-net/sectoral', medical);
    await ok('town', '/api/safety-net/temporary', {
      householdId,
      type: 'expenditure',
      cause: 'medical',
      amount: 100,
      appliedOn: '2026-11-28',
    });
  });
});
