import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_FILL, ERRORS_COLUMN } from '../../src/modules/import/report-xlsx.js';
import { testApp, login } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { HEADERS, person, withBadCheckDigit, writeCsv, writeXlsx } from '../helpers/import-files.js';

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};

interface ImportErrorBody {
  row: number;
  column: string;
  code: string;
  message: string;
}
interface JobBody {
  id: string;
  status: 'running' | 'done' | 'failed';
  filename: string;
  rows: number;
  message?: string;
  report?: {
    households: { imported: number; rejected: number };
    persons: { imported: number; rejected: number };
    errors: ImportErrorBody[];
    errorsTotal: number;
    errorsMatching: number;
    codes: { value: string; count: number }[];
    columns: { value: string; count: number }[];
    committed: boolean;
    dryRun: boolean;
  };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await createHousehold(tdb.db, { village: T.villageA1 });
  await createUser(tdb.db, 'county', 'county_officer', T.county);
  await createUser(tdb.db, 'townA', 'township_officer', T.townshipA);
  await createUser(tdb.db, 'townB', 'township_officer', T.townshipB);
  await createUser(tdb.db, 'cadre', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'root', 'admin', '');
  app = await testApp(tdb.db);
  for (const u of ['county', 'townA', 'townB', 'cadre', 'root'])
    cookies[u] = await login(app, u, 'test-password-1');
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

function upload(user: string | null, file: string, query: Record<string, string> = {}) {
  const qs = new URLSearchParams({ filename: file.split('/').pop()!, ...query });
  return app.inject({
    method: 'POST',
    url: `/api/imports?${qs}`,
    headers: {
      'content-type': 'application/octet-stream',
      ...(user ? { cookie: cookies[user]! } : {}),
    },
    payload: fs.readFileSync(file),
  });
}

const getJob = (user: string, id: string, query = '') =>
  app.inject({ method: 'GET', url: `/api/imports/${id}${query}`, headers: { cookie: cookies[user]! } });

/** Upload, expect 202, poll until the job has finished. */
async function importAs(user: string, file: string, query: Record<string, string> = {}): Promise<JobBody> {
  const res = await upload(user, file, query);
  expect(res.statusCode, res.body).toBe(202);
  const { id } = res.json<{ id: string }>();
  for (let i = 0; i < 400; i++) {
    const job = (await getJob(user, id, '?errorsPageSize=1000')).json<JobBody>();
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

const householdNos = async (prefix: string) =>
  (
    await tdb.db
      .selectFrom('household')
      .select('household_no')
      .where('household_no', 'like', `${prefix}%`)
      .orderBy('household_no')
      .execute()
  ).map((h) => h.household_no);

/** Two good households and five bad ones, one error class each. */
function mixedRows(prefix: string) {
  return [
    person(`${prefix}-OK1`, T.villageA1, '龙一', 'head', '1', '1968-03-03'),
    person(`${prefix}-OK1`, T.villageA1, '石一', 'spouse', '2', '1970-04-04'),
    withBadCheckDigit(person(`${prefix}-ID`, T.villageA1, '甲', 'head', '1', '1970-01-01')),
    person(`${prefix}-SEX`, T.villageA1, '乙', 'head', '1', '1971-02-02', { 性别: '女' }),
    person(`${prefix}-NEG`, T.villageA1, '己', 'head', '1', '1975-03-03', { 工资性收入: '-5' }),
    person(`${prefix}-CODE`, T.villageA2, '戊', '之侄', '1', '1974-03-03'),
    person(`${prefix}-2H`, T.villageA1, '癸', 'head', '1', '1978-03-03'),
    person(`${prefix}-2H`, T.villageA1, '子', 'head', '2', '1979-03-03'),
    person(`${prefix}-OK2`, T.villageA2, '麻二', 'head', '2', '1955-05-05'),
  ];
}

describe('web import API', () => {
  it('needs a session: 401 without one, before the file is read', async () => {
    const file = writeCsv([person('W-ANON', T.villageA1, '无名', 'head', '1', '1980-01-01')]);
    const res = await upload(null, file);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'E_UNAUTHENTICATED' });
    expect((await app.inject({ method: 'GET', url: '/api/imports/template.xlsx' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/imports/x' })).statusCode).toBe(401);
  });

  it('serves the template', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/imports/template.xlsx',
      headers: { cookie: cookies.cadre! },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['农户成员', '填写说明']);
    expect(wb.worksheets[0]!.getRow(1).values).toContain('公民身份号码');
  });

  it('imports a mixed CSV with acceptValid: valid households written, the others reported', async () => {
    const rows = mixedRows('W-MIX');
    const job = await importAs('county', writeCsv(rows, { name: '混合.csv' }), { acceptValid: 'true' });
    expect(job).toMatchObject({ status: 'done', filename: '混合.csv', rows: rows.length });
    const r = job.report!;
    expect(r).toMatchObject({
      households: { imported: 2, rejected: 5 },
      persons: { imported: 3, rejected: 6 },
      committed: true,
      dryRun: false,
    });
    const rowOf = (no: string) => rows.findIndex((x) => x[0] === no) + 2;
    expect(r.errors).toContainEqual(
      expect.objectContaining({ row: rowOf('W-MIX-ID'), column: '公民身份号码', code: 'E_ID_CHECK_DIGIT' }),
    );
    expect(r.errors).toContainEqual(
      expect.objectContaining({ row: rowOf('W-MIX-NEG'), column: '工资性收入', code: 'E_RANGE' }),
    );
    expect(r.codes.map((c) => c.value).sort()).toEqual(
      ['E_CODE', 'E_HEAD_COUNT', 'E_ID_CHECK_DIGIT', 'E_ID_SEX_MISMATCH', 'E_RANGE'].sort(),
    );
    expect(await householdNos('W-MIX')).toEqual(['W-MIX-OK1', 'W-MIX-OK2']);
    const audit = (await auditEventsOf(tdb.db, 'household.import')).at(-1)!;
    expect(audit).toMatchObject({ actor_name: 'county', reason: 'import of 混合.csv' });

    const filtered = (await getJob('county', job.id, '?code=E_RANGE')).json<JobBody>().report!;
    expect(filtered.errors.map((e) => e.code)).toEqual(['E_RANGE']);
    expect(filtered.errorsMatching).toBe(1);
    const byColumn = (
      await getJob('county', job.id, `?column=${encodeURIComponent('性别')}`)
    ).json<JobBody>();
    expect(byColumn.report!.errors.map((e) => e.code)).toEqual(['E_ID_SEX_MISMATCH']);
    const page2 = (await getJob('county', job.id, '?errorsPage=2&errorsPageSize=2')).json<JobBody>();
    expect(page2.report!.errors).toEqual(r.errors.slice(2, 4));

    const json = await app.inject({
      method: 'GET',
      url: `/api/imports/${job.id}/report.json`,
      headers: { cookie: cookies.county! },
    });
    expect(Object.keys(json.json())).toEqual(['households', 'persons', 'errors', 'errorsTotal', 'warnings']);
    expect(json.json()).toMatchObject({ households: r.households, errors: r.errors });
  });

  it('the XLSX report fills exactly the bad cells red, with a note, a 错误 column and the error list', async () => {
    const rows = mixedRows('W-XL');
    const job = await importAs('county', writeCsv(rows), { dryRun: 'true' });
    const errors = job.report!.errors;
    const res = await app.inject({
      method: 'GET',
      url: `/api/imports/${job.id}/report.xlsx`,
      headers: { cookie: cookies.county! },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const expected = new Set(errors.map((e) => `${e.row}:${HEADERS.indexOf(e.column) + 1}`));
    expect([...expected].every((k) => !k.endsWith(':0'))).toBe(true);
    const red = new Set<string>();
    sheet.eachRow((row, r) =>
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const fill = cell.fill as ExcelJS.FillPattern | undefined;
        if (fill?.pattern === 'solid' && fill.fgColor?.argb === ERROR_FILL.fgColor!.argb) {
          red.add(`${r}:${c}`);
          const note = typeof cell.note === 'string' ? cell.note : JSON.stringify(cell.note);
          const mine = errors.filter((e) => e.row === r && HEADERS.indexOf(e.column) + 1 === c);
          for (const e of mine) expect(note).toContain(e.code);
        }
      }),
    );
    expect(red).toEqual(expected);

    expect(sheet.getRow(1).getCell(HEADERS.length + 1).value).toBe(ERRORS_COLUMN);
    for (let r = 2; r <= rows.length + 1; r++) {
      const text = sheet.getRow(r).getCell(HEADERS.length + 1).text;
      const mine = errors.filter((e) => e.row === r);
      if (mine.length === 0) expect(text).toBe('');
      for (const e of mine) expect(text).toContain(e.code);
    }
    // values survive: the ID number stays text
    expect(sheet.getRow(2).getCell(4).value).toBe(rows[0]![3]);
    const list = wb.worksheets[1]!;
    expect(list.rowCount).toBe(errors.length + 1);
    expect(list.getRow(2).values).toEqual([
      undefined,
      errors[0]!.row,
      errors[0]!.column,
      errors[0]!.code,
      errors[0]!.message,
    ]);
  });

  it('all-or-nothing by default (XLSX): one bad household, nothing written', async () => {
    const file = await writeXlsx(mixedRows('W-AON'));
    const job = await importAs('county', file);
    expect(job.report).toMatchObject({ committed: false, households: { imported: 0, rejected: 7 } });
    expect(await householdNos('W-AON')).toEqual([]);
  });

  it('runs in the user’s scope: a household of another township is E_OUT_OF_SCOPE', async () => {
    const rows = [
      person('W-SC-A', T.villageA1, '甲镇', 'head', '1', '1980-01-01'),
      person('W-SC-B', T.villageB1, '乙镇', 'head', '1', '1981-01-01'),
    ];
    const job = await importAs('townA', writeCsv(rows), { acceptValid: 'true' });
    expect(job.report!.errors).toEqual([
      expect.objectContaining({ row: 3, column: '村代码', code: 'E_OUT_OF_SCOPE' }),
    ]);
    expect(job.report!.households).toEqual({
      imported: 1,
      rejected: 1,
      created: 1,
      updated: 0,
      unchanged: 0,
    });
    expect(await householdNos('W-SC')).toEqual(['W-SC-A']);
  });

  it('a village cadre imports into their village, audited under their name', async () => {
    const job = await importAs(
      'cadre',
      writeCsv([
        person('W-VC-1', T.villageA1, '村一', 'head', '1', '1960-01-01'),
        person('W-VC-1', T.villageA1, '村二', 'daughter', '2', '1990-01-01'),
      ]),
    );
    expect(job.report).toMatchObject({
      committed: true,
      errorsTotal: 0,
      persons: { imported: 2, rejected: 0 },
    });
    expect(await householdNos('W-VC')).toEqual(['W-VC-1']);
    expect((await auditEventsOf(tdb.db, 'household.import')).at(-1)).toMatchObject({ actor_name: 'cadre' });
  });

  it('a job is only visible to the user who started it (and admins)', async () => {
    const job = await importAs(
      'townA',
      writeCsv([person('W-OWN', T.villageA1, '己', 'head', '1', '1982-01-01')]),
      {
        dryRun: 'true',
      },
    );
    for (const url of [
      `/api/imports/${job.id}`,
      `/api/imports/${job.id}/report.xlsx`,
      `/api/imports/${job.id}/report.json`,
    ]) {
      const other = await app.inject({ method: 'GET', url, headers: { cookie: cookies.townB! } });
      expect(other.statusCode, url).toBe(404);
      expect(other.json()).toMatchObject({ code: 'E_NOT_FOUND' });
    }
    expect((await getJob('root', job.id)).statusCode).toBe(200);
    expect((await getJob('townA', 'no-such-job')).statusCode).toBe(404);
  });

  it('an unreadable file fails the job with a message; a request without a file is refused', async () => {
    const junk = writeCsv([], { name: 'junk.xlsx' });
    fs.writeFileSync(junk, 'PK\u0003\u0004 not really a zip');
    const job = await importAs('county', junk);
    expect(job.status).toBe('failed');
    expect(job.message).toMatch(/not a readable XLSX file/);
    const report = await app.inject({
      method: 'GET',
      url: `/api/imports/${job.id}/report.xlsx`,
      headers: { cookie: cookies.county! },
    });
    expect(report.statusCode).toBe(404);

    const empty = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { cookie: cookies.county! },
    });
    expect(empty.statusCode).toBe(400);
    const wrongType = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { cookie: cookies.county!, 'content-type': 'text/csv' },
      payload: 'a,b\n',
    });
    expect(wrongType.statusCode).toBe(415);
  });
});
