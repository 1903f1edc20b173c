import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { exampleHousehold } from '../../src/domain/rules/example-household.js';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createUser, seedRegions, T } from '../helpers/factory.js';
import { login } from '../helpers/app.js';
import { clockOf } from '../../src/kernel/clock.js';

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await createUser(tdb.db, 'adm', 'admin', '');
  await createUser(tdb.db, 'cty', 'county_officer', T.county);
  await createUser(tdb.db, 'twn', 'township_officer', T.townshipA);
  app = await buildApp({
    db: tdb.db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => new Date('2026-03-02T02:00:00Z')),
  });
  await app.ready();
  for (const u of ['adm', 'cty', 'twn']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const req = (user: string, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookies[user]! }, payload });

interface Effective {
  key: string;
  value: unknown;
  source: {
    level: string;
    regionCode: string;
    effectiveFrom: string;
    setBy: string;
    reason: string;
    derived: string | null;
  };
}
const effective = async (user: string, region: string, date: string) => {
  const res = await req(user, 'GET', `/api/policy?region=${region}&date=${date}`);
  expect(res.statusCode, res.body).toBe(200);
  const params = res.json().params as Effective[];
  return (key: string) => params.find((p) => p.key === key)!;
};

describe('policy parameters', () => {
  it('serves the seeded national defaults with their provenance', async () => {
    const p = await effective('cty', T.villageA1, '2020-06-30');
    expect(p('povertyLine')).toMatchObject({
      value: 4000,
      source: {
        level: 'national',
        regionCode: '',
        effectiveFrom: '2020-01-01',
        setBy: 'system (migration 004)',
      },
    });
    expect(p('previousPovertyLine').value).toBe(3218);
    expect(p('monitoringLine')).toMatchObject({
      value: 6000,
      source: { derived: 'monitoringLineFactor × povertyLine' },
    });
    expect(p('noticeDays').value).toEqual({ identification: 7, exit: 7, monitoring: 5, dibao: 7 });
    expect(p('ruralDibaoStandardMonthly').source.reason).toMatch(/synthetic/);
  });

  it('defaults the region to the user scope and the date to today', async () => {
    const res = await req('cty', 'GET', '/api/policy');
    expect(res.json()).toMatchObject({
      region: { code: T.county, name: '花垣县' },
      date: '2026-03-02',
      year: 2026,
    });
  });

  it('reads parameters only within the user scope; an empty region is the own scope', async () => {
    const own = await req('twn', 'GET', '/api/policy?region=');
    expect(own.json()).toMatchObject({ region: { code: T.townshipA } });
    expect((await req('twn', 'GET', `/api/policy?region=${T.townshipB}`)).statusCode).toBe(403);
    expect((await req('twn', 'GET', `/api/policy?region=${T.county}`)).statusCode).toBe(403);
    expect(
      (await req('twn', 'GET', `/api/policy/povertyLine/history?region=${T.villageB1}`)).statusCode,
    ).toBe(403);
    expect(
      (await req('twn', 'GET', `/api/policy/povertyLine/history?region=${T.villageA1}`)).statusCode,
    ).toBe(200);
  });
  it('a county officer overrides the dibao standard of the county; the most specific level wins', async () => {
    const set = await req('cty', 'PUT', '/api/policy/ruralDibaoStandardMonthly', {
      regionPrefix: T.county,
      effectiveFrom: '2020-07-01',
      value: 560,
      reason: '县民政局 2020 年第 3 号文',
    });
    expect(set.statusCode, set.body).toBe(200);
    const after = await effective('cty', T.villageA1, '2020-08-01');
    expect(after('ruralDibaoStandardMonthly')).toMatchObject({
      value: 560,
      source: {
        level: 'county',
        regionCode: T.county,
        effectiveFrom: '2020-07-01',
        setBy: 'cty',
        reason: '县民政局 2020 年第 3 号文',
      },
    });
    // before the effective date, and outside the county, the national value applies
    expect((await effective('cty', T.villageA1, '2020-06-30'))('ruralDibaoStandardMonthly').value).toBe(497);
    expect((await effective('adm', '4301', '2020-08-01'))('ruralDibaoStandardMonthly').value).toBe(497);
    const audit = await tdb.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'policy.set')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_name: 'cty',
      entity_type: 'policy_param',
      entity_id: `ruralDibaoStandardMonthly@${T.county}@2020-07-01`,
      region_code: T.county,
      reason: '县民政局 2020 年第 3 号文',
    });
    expect(audit.after).toMatchObject({ value: 560 });
  });

  it('a provincial poverty line overrides the national one and moves the derived monitoring line', async () => {
    const set = await req('adm', 'PUT', '/api/policy/povertyLine', {
      regionPrefix: T.province,
      effectiveFrom: '2019-01-01',
      value: 3400,
      reason: '省定扶贫标准',
    });
    expect(set.statusCode, set.body).toBe(200);
    const p = await effective('cty', T.villageA1, '2020-06-30');
    // the province's 2019 value beats the national 2020 value: most specific prefix first
    expect(p('povertyLine')).toMatchObject({ value: 3400, source: { level: 'province', regionCode: '43' } });
    expect(p('previousPovertyLine')).toMatchObject({ value: 3400, source: { level: 'province' } });
    expect(p('monitoringLine')).toMatchObject({ value: 5100, source: { level: 'province' } });

    const history = await req('cty', 'GET', `/api/policy/povertyLine/history?region=${T.villageA1}`);
    const items = history.json().items as { regionPrefix: string; effectiveFrom: string }[];
    expect(items.filter((i) => i.regionPrefix === '43')).toHaveLength(1);
    expect(items.filter((i) => i.regionPrefix === '').length).toBeGreaterThanOrEqual(16);

    // the rules read the effective line: 3,300 per person is poor under the provincial line
    const facts = exampleHousehold({
      status: 'none',
      income: { ...exampleHousehold().income, wages: 13_200, business: 0, productionCost: 0, transfers: 0 },
    });
    const national = await req('cty', 'POST', '/api/rules/identification/evaluate?date=2020-06-30', facts);
    expect(national.json().decision).toBe('eligible');
    const provincial = await req('cty', 'POST', `/api/rules/income_exit/evaluate`, facts);
    expect(provincial.statusCode).toBe(400);
    const inProvince = await req(
      'cty',
      'POST',
      `/api/rules/identification/evaluate?region=${T.county}`,
      facts,
    );
    expect(inProvince.json().reasons[0]).toMatchObject({ criterion: 'income_below_line', threshold: 3400 });

    const del = await req('adm', 'DELETE', '/api/policy/povertyLine', {
      regionPrefix: T.province,
      effectiveFrom: '2019-01-01',
      reason: '恢复国家标准',
    });
    expect(del.statusCode, del.body).toBe(200);
    expect((await effective('cty', T.villageA1, '2020-06-30'))('povertyLine').value).toBe(4000);
  });

  it('limits who may set what, and validates values', async () => {
    const body = { regionPrefix: T.county, effectiveFrom: '2021-01-01', value: 600, reason: '测试' };
    expect((await req('twn', 'PUT', '/api/policy/ruralDibaoStandardMonthly', body)).statusCode).toBe(403);
    const other = await req('cty', 'PUT', '/api/policy/ruralDibaoStandardMonthly', {
      ...body,
      regionPrefix: '433125',
    });
    expect(other.json().code).toBe('E_FORBIDDEN');
    const national = await req('cty', 'PUT', '/api/policy/ruralDibaoStandardMonthly', {
      ...body,
      regionPrefix: '',
    });
    expect(national.statusCode).toBe(403);
    const bad = await req('cty', 'PUT', '/api/policy/noticeDays', { ...body, value: { identification: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('E_VALIDATION');
    expect((await req('adm', 'PUT', '/api/policy/nosuchKey', body)).statusCode).toBe(404);
    expect(
      (await req('adm', 'PUT', '/api/policy/povertyLine', { ...body, regionPrefix: T.townshipA })).statusCode,
    ).toBe(400);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: object };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/policy',
        '/api/policy/{key}',
        '/api/policy/{key}/history',
        '/api/rules/{rule}/evaluate',
        '/api/households/{id}/evaluation',
        '/api/cases',
        '/api/cases/{id}',
        '/api/cases/{id}/actions/{action}',
        '/api/cases/{id}/notice',
        '/api/worklists',
      ]),
    );
  });
});
