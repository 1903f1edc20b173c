import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/** The full 一户一策 list (issue 20 item 8): every household's plan, filters, export. */
let tdb: TestDatabase;
let app: FastifyInstance;
let cookie = '';
const H: Record<string, string> = {};
const YEAR = 2026;

async function plan(
  household: string,
  status: string,
  measures: [code: string, status: string, deadline: string][],
) {
  const p = await sql<{ id: string }>`insert into household_plan (household_id, year, status)
    values (${household}, ${YEAR}, ${status}) returning id::text`.execute(tdb.db);
  for (const [code, st, deadline] of measures)
    await sql`insert into plan_measure (plan_id, household_id, catalogue_code, measure_type, batch, status, deadline)
      select ${p.rows[0]!.id}, ${household}, code, measure_type, batch, ${st}, ${deadline}::date
      from measure_catalogue where code = ${code}`.execute(tdb.db);
}

const list = async (query: string) => {
  const res = await app.inject({
    method: 'GET',
    url: `/api/plans?year=${YEAR}&${query}`,
    headers: { cookie },
  });
  return { status: res.statusCode, body: res.json() };
};
const ids = (body: { items: { householdId: string }[] }) => body.items.map((i) => i.householdId).sort();

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  H.ill = (await createHousehold(db, { village: T.villageA1, status: 'poor', cause: 'illness' })).id;
  H.school = (await createHousehold(db, { village: T.villageA2, status: 'poor', cause: 'schooling' })).id;
  H.noPlan = (await createHousehold(db, { village: T.villageA2, status: 'monitored', cause: 'illness' })).id;
  H.ordinary = (
    await createHousehold(db, { village: T.villageA1, status: 'none', type: 'ordinary', cause: null })
  ).id;
  H.other = (await createHousehold(db, { village: T.villageB1, status: 'poor', cause: 'illness' })).id;
  await plan(H.ill!, 'agreed', [
    ['medical_assistance', 'in_progress', '2020-06-30'],
    ['industry_subsidy', 'completed', '2020-03-31'],
  ]);
  await plan(H.school!, 'draft', [['industry_subsidy', 'planned', '2099-12-31']]);
  await plan(H.other!, 'agreed', [['medical_assistance', 'planned', '2099-12-31']]);
  await createUser(db, 'twnA', 'township_officer', T.townshipA);
  app = await testApp(db);
  cookie = await login(app, 'twnA', 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('the 一户一策 list', () => {
  it("lists every household of the scope that needs a plan, with its plan's measures, status and gaps", async () => {
    const r = await list('');
    expect(r.status).toBe(200);
    // the ordinary household needs no plan; township B's is outside the scope
    expect(ids(r.body)).toEqual([H.ill, H.school, H.noPlan].sort());
    const by = Object.fromEntries(r.body.items.map((i: { householdId: string }) => [i.householdId, i]));
    expect(by[H.ill!]).toMatchObject({ planStatus: 'agreed', overdue: 1, causes: ['illness'] });
    expect(by[H.ill!].measures).toEqual([
      expect.objectContaining({ code: 'medical_assistance', nameZh: '大病保险与医疗救助', overdue: true }),
      expect.objectContaining({ code: 'industry_subsidy', status: 'completed', overdue: false }),
    ]);
    expect(by[H.school!].gaps).toContainEqual(
      expect.objectContaining({ kind: 'cause_unanswered', cause: 'schooling' }),
    );
    expect(by[H.noPlan!]).toMatchObject({ planStatus: 'none', planId: null, measures: [] });
    expect(by[H.noPlan!].gaps[0].kind).toBe('no_plan');
  });

  it('filters by plan status, cause, measure type, overdue measures and village', async () => {
    expect(ids((await list('status=none')).body)).toEqual([H.noPlan]);
    expect(ids((await list('status=draft')).body)).toEqual([H.school]);
    expect(ids((await list('cause=schooling')).body)).toEqual([H.school]);
    expect(ids((await list('measureType=health')).body)).toEqual([H.ill]);
    expect(ids((await list('overdue=true')).body)).toEqual([H.ill]);
    expect(ids((await list(`region=${T.villageA2}`)).body)).toEqual([H.school, H.noPlan].sort());
    const out = await list(`region=${T.townshipB}`);
    expect(out.status).toBe(403);
    expect((await list('status=bogus')).status).toBe(400);
  });

  it('exports the filtered list as a workbook with Chinese headers and labels', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/plans/export?year=${YEAR}&cause=illness`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('一户一策'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('户编号');
    expect(ws.rowCount).toBe(3); // the header, the household with a plan and the one without
    const cells = [2, 3].map((r) => ws.getRow(r).values as unknown[]);
    expect(cells.flat()).toContain('未制定');
    expect(String(cells.flat().join(' '))).toContain('大病保险与医疗救助（实施中，期限 2020-06-30）');
  });
});
