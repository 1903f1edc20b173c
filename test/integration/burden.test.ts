import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/modules/audit/service.js';
import { login, testApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';

/** The burden meter: asked versus derived, standard reports, the request and inspection registers. */

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const year = new Date().getFullYear();

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  for (const village of [T.villageA1, T.villageA2, T.villageB1]) {
    await createHousehold(tdb.db, { village, status: 'poor', income: [{ year: 2025, perCapita: 3000 }] });
    await createHousehold(tdb.db, {
      village,
      status: 'exited',
      income: [{ year: 2025, perCapita: 9000, status: 'exited' }],
    });
  }
  await createUser(tdb.db, 'county', 'county_officer', T.county);
  await createUser(tdb.db, 'township', 'township_officer', T.townshipA);
  await createUser(tdb.db, 'village', 'village_cadre', T.villageA1);
  app = await testApp(tdb.db);
  for (const u of ['county', 'township', 'village']) cookies[u] = await login(app, u, 'test-password-1');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const call = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: { cookie: cookies[user]! } });

describe('burden meter', () => {
  it('counts the forms grassroots cadres filled, by level: from the audit log and from the record tables', async () => {
    const village = await tdb.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'village')
      .executeTakeFirstOrThrow();
    await tdb.db.transaction().execute(async (trx) => {
      const actor = { id: village.id, name: 'village' };
      await recordAudit(trx, actor, {
        action: 'household.update',
        entityType: 'household',
        regionCode: T.villageA1,
      });
      // table-counted forms: the audit event is not counted again, the visit rows are
      await recordAudit(trx, actor, { action: 'visit.create', entityType: 'visit', regionCode: T.villageA1 });
      await recordAudit(trx, actor, { action: 'login', entityType: 'user', regionCode: T.villageA1 });
    });
    const h = await createHousehold(tdb.db, { village: T.villageA1, income: [] });
    for (const day of ['02-01', '05-01'])
      await tdb.db
        .insertInto('visit')
        .values({
          household_id: h.id,
          village_code: T.villageA1,
          visit_date: `${year}-${day}`,
          purpose: 'routine',
          findings: '正常',
        })
        .execute();
    const res = await call('county', 'GET', `/api/burden?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.asked.village).toEqual({ fillings: 3, fields: 12 + 2 * 5 });
    expect(m.forms.find((f: { id: string }) => f.id === 'visit').byLevel.village).toBe(2);
    expect(m.grassrootsFields).toBe(22);
    const y2025 = (await call('county', 'GET', '/api/burden?year=2025')).json();
    expect(y2025.forms.find((f: { id: string }) => f.id === 'income').fillings).toBe(6); // six yearly income rows
    expect((await call('township', 'GET', `/api/burden?year=${year}&region=${T.townshipB}`)).statusCode).toBe(
      403,
    );
  });

  it('generates the statistics report from the registry, as print data and XLSX with the head hash, and counts it', async () => {
    const res = await call('county', 'GET', `/api/reports/statistics?year=2025&region=${T.county}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.rows.map((x: { code: string }) => x.code).sort()).toEqual([T.townshipB, T.townshipA].sort());
    const a = r.rows.find((x: { code: string }) => x.code === T.townshipA);
    expect(a).toMatchObject({
      households: 4,
      poorHouseholds: 2,
      exited: 2,
      persons: 8,
      poorPersons: 4,
      incidence: 50,
    });
    expect(r.totals).toMatchObject({ households: 6, poorPersons: 6 });
    expect(r.headHash).toMatch(/^[0-9a-f]{64}$/);
    const x = await call('county', 'GET', `/api/reports/statistics/xlsx?year=2025&region=${T.county}`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const values = wb.worksheets[0]!.getSheetValues().flat().map(String);
    expect(values).toContain(r.headHash);
    expect(values).toContain('双龙镇');
    const m = (await call('county', 'GET', `/api/burden?year=${year}`)).json();
    const stats = m.derived.reports.find((d: { kind: string }) => d.kind === 'statistics');
    expect(stats.generated).toBe(2);
    expect(stats.cells).toBe(2 * 3 * 10); // two reports × (2 rows + totals) × 10 columns
    const funds = await call('county', 'GET', `/api/reports/funds?year=2025`);
    expect(funds.statusCode, funds.body).toBe(200);
    expect(funds.json().rows).toEqual([]);
    expect(
      (await call('township', 'GET', `/api/reports/statistics?year=2025&region=${T.county}`)).statusCode,
    ).toBe(403);
  });

  it('flags data requests for data the system already holds', async () => {
    const body = {
      region: T.townshipA,
      requester: '州乡村振兴局',
      requesterLevel: 'prefecture',
      title: '报送脱贫人口统计',
      items: ['poverty_counts', 'exit_counts'],
      receivedOn: `${year}-03-02`,
    };
    const res = await call('township', 'POST', '/api/burden/requests', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assessment).toMatchObject({ answerableFromSystem: true, reports: ['statistics'] });
    const mixed = await call('township', 'POST', '/api/burden/requests', {
      ...body,
      items: ['poverty_counts', 'work_photos'],
    });
    expect(mixed.json().assessment).toMatchObject({
      answerableFromSystem: true,
      discouraged: ['work_photos'],
    });
    const unknown = await call('township', 'POST', '/api/burden/requests', { ...body, items: ['selfies'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/selfies/);
    expect((await call('village', 'POST', '/api/burden/requests', body)).statusCode).toBe(403);
    expect(
      (await call('township', 'POST', '/api/burden/requests', { ...body, region: T.townshipB })).statusCode,
    ).toBe(403);
    const id = res.json().id;
    const answer = { version: 1, status: 'answered_by_report', note: '系统生成分区域统计表报送' };
    expect((await call('township', 'POST', `/api/burden/requests/${id}/answer`, answer)).statusCode).toBe(
      200,
    );
    expect((await call('township', 'POST', `/api/burden/requests/${id}/answer`, answer)).statusCode).toBe(
      409,
    );
    const list = (await call('county', 'GET', `/api/burden/requests?year=${year}`)).json();
    expect(list).toHaveLength(2);
    expect(list.find((x: { id: string }) => x.id === id).status).toBe('answered_by_report');
  });

  it('flags inspections beyond the configured frequency', async () => {
    for (let i = 1; i <= 3; i++) {
      const res = await call('township', 'POST', '/api/burden/inspections', {
        region: T.villageA1,
        inspector: `检查组${i}`,
        inspectorLevel: 'county',
        purpose: '脱贫成效检查',
        startOn: `${year}-0${i + 2}-10`,
        days: 2,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    let r = (await call('county', 'GET', `/api/burden/inspections?year=${year}`)).json();
    expect(r.limits).toEqual({ perYear: 4, daysPerYear: 10 });
    expect(r.items.every((i: { overCount: boolean }) => !i.overCount)).toBe(true);
    expect(
      (await call('township', 'PUT', '/api/burden/limits', { perYear: 2, daysPerYear: 10, reason: '州规定' }))
        .statusCode,
    ).toBe(403);
    const set = await call('county', 'PUT', '/api/burden/limits', {
      perYear: 2,
      daysPerYear: 5,
      reason: '州减负规定',
    });
    expect(set.statusCode, set.body).toBe(200);
    r = (await call('county', 'GET', `/api/burden/inspections?year=${year}`)).json();
    const third = r.items.find((i: { nth: number }) => i.nth === 3);
    expect(third).toMatchObject({ overCount: true, overDays: true, daysSoFar: 6 });
    expect(r.items.find((i: { nth: number }) => i.nth === 1)).toMatchObject({
      overCount: false,
      overDays: false,
    });
    const bad = await call('township', 'POST', '/api/burden/inspections', {
      region: T.villageA1,
      inspector: 'x',
      inspectorLevel: 'county',
      purpose: 'y',
      startOn: '2025-13-01',
      days: 0,
    });
    expect(bad.statusCode).toBe(400);
  });
});
