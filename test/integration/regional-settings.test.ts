import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/kernel/clock.js';
import { login, testApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';

/**
 * Regional settings (issue 21 item 2): inspection limits, grievance deadlines and warning weights set
 * nationally by an administrator and overridden by a province or county for its own region only; the
 * services read the value effective in the household's or the region's county.
 */
const OTHER = { county: '433125', township: '433125100', village: '433125100201' };

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const clock = fixedClock('2026-03-02T02:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await tdb.db
    .insertInto('region')
    .values([
      { code: OTHER.county, level: 3, parent_code: T.prefecture, name: '保靖县' },
      { code: OTHER.township, level: 4, parent_code: OTHER.county, name: '迁陵镇' },
      { code: OTHER.village, level: 5, parent_code: OTHER.township, name: '测试丙村' },
    ])
    .execute();
  await createUser(tdb.db, 'admin', 'admin', '');
  await createUser(tdb.db, 'province', 'county_officer', T.province);
  await createUser(tdb.db, 'county', 'county_officer', T.county);
  await createUser(tdb.db, 'other', 'county_officer', OTHER.county);
  await createUser(tdb.db, 'township', 'township_officer', T.townshipA);
  // a county officer with a whole-country scope: still not an administrator
  await createUser(tdb.db, 'natcounty', 'county_officer', '');
  app = await testApp(tdb.db, clock);
  for (const u of ['admin', 'province', 'county', 'other', 'township', 'natcounty'])
    cookies[u] = await login(app, u, 'test-password-1');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const call = (user: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: user ? { cookie: cookies[user]! } : {} });

const setting = async (user: string, key: string, region: string, values: Record<string, number | null>) =>
  call(user, 'PUT', `/api/settings/${key}`, { region, values, reason: '测试：本地规定' });

const stored = async () =>
  (
    await tdb.db
      .selectFrom('regional_setting' as never)
      .select(['setting', 'region_code', 'path', 'value'] as never[])
      .orderBy('setting' as never)
      .execute()
  ).map((r) => JSON.stringify(r));

describe('regional settings', () => {
  it('keeps national values for administrators: a county officer changes neither them nor another county’s', async () => {
    const before = await stored();
    // the migration carried the national grievance deadlines over
    expect(before.some((r) => r.includes('"grievance_deadlines"') && r.includes('"region_code":""'))).toBe(
      true,
    );
    const national = await setting('county', 'inspection_limits', '', { perYear: 9 });
    expect(national.statusCode).toBe(403);
    expect(national.json().details.messageZh).toBe('全国数值仅由全国管理员设置');
    expect((await setting('county', 'inspection_limits', OTHER.county, { perYear: 9 })).statusCode).toBe(403);
    expect((await setting('natcounty', 'inspection_limits', '', { perYear: 9 })).statusCode).toBe(403);
    // nor the national measure catalogue
    const entry = await call('natcounty', 'POST', '/api/plans/catalogue', {
      code: 'national_tea',
      nameZh: '茶园入股',
      nameEn: 'tea garden shares',
      batch: 'production',
      measureType: 'industry',
      causes: ['land'],
      labour: 'able',
      defaultAmount: 2000,
    });
    expect(entry.statusCode, entry.body).toBe(403);
    expect((await setting('county', 'warning_weights', T.province, { 'kinds.illness': 90 })).statusCode).toBe(
      403,
    );
    expect(
      (await setting('township', 'grievance_deadlines', T.county, { 'other.ackDays': 2 })).statusCode,
    ).toBe(403);
    // the old endpoint sets the officer's own county now, never the national value
    const old = await call('county', 'PUT', '/api/burden/limits', {
      perYear: 2,
      daysPerYear: 5,
      reason: '县规定',
    });
    expect(old.statusCode, old.body).toBe(200);
    const bad = await setting('county', 'inspection_limits', T.county, { perYear: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.errors[0].field).toBe('body.values.perYear');
    expect((await setting('county', 'inspection_limits', T.county, { nope: 1 })).statusCode).toBe(400);
    const after = await stored();
    expect(after.filter((r) => !before.includes(r)).sort()).toEqual([
      JSON.stringify({
        setting: 'inspection_limits',
        region_code: T.county,
        path: 'daysPerYear',
        value: '5.0000',
      }),
      JSON.stringify({
        setting: 'inspection_limits',
        region_code: T.county,
        path: 'perYear',
        value: '2.0000',
      }),
    ]);
  });

  it('inherits national, provincial and county values and shows each with who set it, audited', async () => {
    expect((await setting('admin', 'inspection_limits', '', { perYear: 6 })).statusCode).toBe(200);
    expect((await setting('province', 'inspection_limits', T.province, { daysPerYear: 7 })).statusCode).toBe(
      200,
    );
    // a provincial officer may set a county of the province too
    expect((await setting('province', 'warning_weights', OTHER.county, { elderlyAge: 65 })).statusCode).toBe(
      200,
    );
    const view = (await call('county', 'GET', '/api/settings')).json();
    expect(view.region.code).toBe(T.county);
    expect(view.editable).toBe(true);
    const lim = view.settings.find((s: { key: string }) => s.key === 'inspection_limits').values;
    expect(lim.find((v: { path: string }) => v.path === 'perYear')).toMatchObject({
      value: 2,
      national: 6,
      inherited: 6,
      local: 2,
      source: { region: T.county, setBy: 'county', reason: '县规定' },
    });
    const other = (await call('other', 'GET', '/api/settings')).json();
    const otherLim = other.settings.find((s: { key: string }) => s.key === 'inspection_limits').values;
    expect(otherLim.find((v: { path: string }) => v.path === 'perYear')).toMatchObject({
      value: 6,
      local: null,
    });
    expect(otherLim.find((v: { path: string }) => v.path === 'daysPerYear')).toMatchObject({
      value: 7,
      inherited: 7,
      source: { region: T.province, regionName: '湖南省', setBy: 'province' },
    });
    const w = other.settings.find((s: { key: string }) => s.key === 'warning_weights').values;
    expect(w.find((v: { path: string }) => v.path === 'elderlyAge')).toMatchObject({ value: 65, local: 65 });
    // the county sees its own values and cannot read another county's
    expect((await call('county', 'GET', `/api/settings?region=${OTHER.county}`)).statusCode).toBe(403);
    // removing a local value inherits again
    expect((await setting('county', 'inspection_limits', T.county, { perYear: null })).statusCode).toBe(200);
    const again = (await call('county', 'GET', '/api/settings')).json();
    const p = again.settings[0].values.find((v: { path: string }) => v.path === 'perYear');
    expect(p).toMatchObject({ value: 6, local: null, source: { region: '', setBy: 'admin' } });
    const audit = await tdb.db
      .selectFrom('audit_event')
      .select(['entity_id', 'region_code'])
      .where('action', '=', 'settings.set')
      .execute();
    // each change one event (the audit chain is segmented by region: compared as a set)
    expect(audit.map((a) => a.entity_id).sort()).toEqual([
      `inspection_limits@${T.province}`,
      `inspection_limits@${T.county}`,
      `inspection_limits@${T.county}`,
      'inspection_limits@national',
      `warning_weights@${OTHER.county}`,
    ]);
  });

  it('files grievances with the deadlines of their county', async () => {
    expect(
      (
        await setting('county', 'grievance_deadlines', T.county, {
          'funds_misuse.ackDays': 1,
          'funds_misuse.resolveDays': 5,
        })
      ).statusCode,
    ).toBe(200);
    const file = async (regionCode: string) =>
      (
        await call(null, 'POST', '/api/public/grievances', {
          kind: 'funds_misuse',
          regionCode,
          description: '村里的补助资金去向不明',
        })
      ).json();
    const here = await file(T.villageA1);
    const there = await file(OTHER.village);
    expect(here.ackDueAt).toBe('2026-03-03T02:00:00.000Z'); // one day
    expect(there.ackDueAt).toBe('2026-03-05T02:00:00.000Z'); // the national three days
    const deadlines = (await call('county', 'GET', '/api/grievances/deadlines')).json();
    expect(deadlines.find((d: { kind: string }) => d.kind === 'funds_misuse')).toEqual({
      kind: 'funds_misuse',
      ack_days: 1,
      resolve_days: 5,
    });
  });

  it('flags inspections against the limits of the inspected county', async () => {
    for (const region of [T.townshipA, T.townshipA, OTHER.township, OTHER.township])
      expect(
        (
          await call('admin', 'POST', '/api/burden/inspections', {
            region,
            inspector: '州督查组',
            inspectorLevel: 'prefecture',
            purpose: '脱贫成效检查',
            startOn: '2026-02-10',
            days: 1,
          })
        ).statusCode,
      ).toBe(200);
    expect((await setting('county', 'inspection_limits', T.county, { perYear: 1 })).statusCode).toBe(200);
    const r = (await call('admin', 'GET', `/api/burden/inspections?year=2026&region=${T.prefecture}`)).json();
    const second = (region: string) =>
      r.items.find((i: { region: string; nth: number }) => i.region === region && i.nth === 2);
    expect(second(T.townshipA).overCount).toBe(true); // the county allows one
    expect(second(OTHER.township).overCount).toBe(false); // the national six
  });

  it('scores warnings with the weights of the household’s county', async () => {
    expect((await setting('county', 'warning_weights', T.county, { 'kinds.illness': 50 })).statusCode).toBe(
      200,
    );
    const score = async (village: string) => {
      const h = await createHousehold(tdb.db, { village, income: [] });
      await tdb.db
        .insertInto('warning_signal')
        .values({
          household_id: h.id,
          village_code: village,
          channel: 'self_report',
          kind: 'illness',
          observed_on: '2026-03-02',
        })
        .execute();
      const res = await call('admin', 'GET', `/api/warnings/households/${h.id}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().score as number;
    };
    const here = await score(T.villageA1);
    const there = await score(OTHER.village);
    expect(here - there).toBe(20); // 50 against the default 30, the rest alike
    const weights = (await call('county', 'GET', '/api/warnings/weights')).json();
    expect(weights.kinds.illness).toBe(50);
  });
});
