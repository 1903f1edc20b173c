import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import {
  auditEventsOf,
  createHousehold,
  createManyHouseholds,
  createUser,
  membersOf,
  seedRegions,
  T,
} from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';
import { createAuditService } from '../../src/modules/audit/service.js';

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let inA1: { id: string; headIdNumber: string };
let monitored: { id: string; headIdNumber: string };
const MANY = 1203; // more than one keyset page (1000)

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  inA1 = await createHousehold(tdb.db, { village: T.villageA1, headName: '龙老大' });
  monitored = await createHousehold(tdb.db, {
    village: T.villageA1,
    status: 'monitored',
    members: [
      { name: '石户主', sex: '1', birth: '1965-02-03', relation: 'head', health: 'serious' },
      { name: '石妻', sex: '2', birth: '1967-08-09', relation: 'spouse' },
      { name: '石儿', sex: '1', birth: '1995-01-20', relation: 'son' },
    ],
  });
  // one member moved out: not on the roster
  const moved = (await membersOf(tdb.db, monitored.id))[2]!;
  await tdb.db.updateTable('member').set({ member_status: 'moved_out' }).where('id', '=', moved.id).execute();
  await createHousehold(tdb.db, { village: T.villageB1 });
  await createManyHouseholds(tdb.db, T.villageA2, MANY, 'BULK');
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'cty', 'county_officer', T.county);
  app = await testApp(tdb.db);
  for (const u of ['vil', 'cty']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const get = (user: string, url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });

/** A CSV export: the data rows (header first) and the provenance lines after the blank line. */
function readCsv(body: string) {
  expect(body.startsWith('\uFEFF')).toBe(true);
  const rows = parse(body.slice(1), { relax_column_count: true, skip_empty_lines: false }) as string[][];
  const blank = rows.findIndex((r) => r.length === 1 && r[0] === '');
  const data = rows.slice(0, blank);
  const info = Object.fromEntries(rows.slice(blank + 2).map((r) => [r[0], r[1]]));
  expect(rows[blank + 1]).toEqual(['# 报表信息']);
  return { header: data[0]!, rows: data.slice(1), info };
}

const col = (header: string[], name: string) => {
  const i = header.findIndex((h) => h.startsWith(name));
  expect(i, name).toBeGreaterThanOrEqual(0);
  return i;
};

/** The audit chain's head (digest of the segment heads) as it stands now. */
const chainHead = () => createAuditService(tdb.db).headHash();

describe('CSV export', () => {
  it('writes the filtered list with Chinese headers, masked IDs and the provenance with the head hash', async () => {
    const head = await chainHead(); // the export reads it before recording its own event
    const res = await get('vil', '/api/households/export?format=csv&layout=list');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".+\.csv"/);
    const { header, rows, info } = readCsv(res.body);
    expect(header.slice(0, 6)).toEqual(['户编号', '乡镇', '村', '村代码', '组', '户主姓名']);
    expect(rows).toHaveLength(2); // the village cadre's village only
    const id = rows.map((r) => r[col(header, '户主公民身份号码')]!);
    for (const v of id) expect(v).toMatch(/^\d{6}\*{12}$/);
    expect(res.body).not.toContain(inA1.headIdNumber);
    expect(rows.find((r) => r[col(header, '户主姓名')] === '龙老大')![col(header, '户状态')]).toBe('未脱贫');
    expect(info['区划']).toContain('十八洞村');
    expect(info['户数']).toBe('2');
    expect(info['生成人']).toContain('vil');
    expect(info['审计链头哈希']).toMatch(/^[0-9a-f]{64}$/);
    expect(info['审计链头哈希']).toBe(head);

    const [event] = (await auditEventsOf(tdb.db, 'household.export')).slice(-1);
    expect(event).toMatchObject({ actor_name: 'vil', region_code: T.villageA1 });
    expect(event!.after).toMatchObject({
      households: 2,
      rows: 2,
      format: 'csv',
      layout: 'list',
      masked: true,
      completed: true,
      reportHeadHash: info['审计链头哈希'],
      filter: { region: T.villageA1 },
    });
  });

  it('writes the roster: one row per present member, household fields repeated, health masked', async () => {
    const res = await get('vil', `/api/households/export?format=csv&layout=roster&status=monitored`);
    const { header, rows, info } = readCsv(res.body);
    expect(header).toEqual(
      expect.arrayContaining([
        '户编号',
        '乡镇',
        '村',
        '组',
        '户主姓名',
        '姓名',
        '性别',
        '与户主关系',
        '公民身份号码',
      ]),
    );
    expect(header).toEqual(
      expect.arrayContaining([
        '出生日期',
        '民族',
        '文化程度',
        '在校生状况',
        '健康状况',
        '劳动技能',
        '务工情况',
      ]),
    );
    expect(header).toEqual(expect.arrayContaining(['户类型', '户状态', '主要致贫原因']));
    expect(rows.map((r) => r[col(header, '姓名')])).toEqual(['石户主', '石妻']); // the son moved out
    for (const r of rows) {
      expect(r[col(header, '户主姓名')]).toBe('石户主');
      expect(r[col(header, '户状态')]).toBe('监测对象');
      expect(r[col(header, '健康状况')]).toBe('');
    }
    expect(rows[0]![col(header, '与户主关系')]).toBe('户主');
    expect(rows[1]![col(header, '性别')]).toBe('女');
    expect(info['筛选条件']).toBe('户状态=监测对象');
    expect(info['户数']).toBe('1');
    expect(info['行数']).toBe('2');
  });

  it('streams every household of a large region in order (several keyset pages)', async () => {
    const res = await get('cty', `/api/households/export?format=csv&layout=list&region=${T.villageA2}`);
    const { header, rows, info } = readCsv(res.body);
    expect(rows).toHaveLength(MANY);
    const nos = rows.map((r) => r[col(header, '户编号')]);
    expect(nos[0]).toBe('BULK00001');
    expect(nos.at(-1)).toBe(`BULK0${MANY}`);
    expect(new Set(nos).size).toBe(MANY);
    expect(info['户数']).toBe(String(MANY));
  });
});

describe('XLSX export', () => {
  it('writes the roster sheet and a provenance sheet; the printed footer carries the head hash', async () => {
    const res = await get('cty', `/api/households/export?format=xlsx&layout=roster&region=${T.villageA1}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('花名册')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(header[0]).toBe('户编号');
    expect(sheet.rowCount).toBe(1 + 2 + 2); // two households: 2 + 2 present members
    const idCol = header.indexOf('公民身份号码') + 1;
    for (let r = 2; r <= sheet.rowCount; r++)
      expect(String(sheet.getRow(r).getCell(idCol).value)).toMatch(/^\d{6}\*{12}$/);

    const info = wb.getWorksheet('报表信息')!;
    const lines = Object.fromEntries(
      info.getSheetValues().flatMap((row) => (Array.isArray(row) ? [[row[1], row[2]]] : [])),
    ) as Record<string, string>;
    expect(lines['报表']).toContain('花名册');
    expect(lines['行数']).toBe('4');
    expect(lines['审计链头哈希']).toMatch(/^[0-9a-f]{64}$/);
    expect(sheet.headerFooter.oddFooter).toContain(lines['审计链头哈希']);
    expect(sheet.headerFooter.oddHeader).toContain('十八洞村');
  });

  it('writes the list layout with the income of the latest year', async () => {
    const res = await get('cty', `/api/households/export?format=xlsx&layout=list&region=${T.villageA1}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('农户名单')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const income = header.findIndex((h) => h.startsWith('人均纯收入（2025年')) + 1;
    expect(income).toBeGreaterThan(0);
    expect(sheet.getRow(2).getCell(income).value).toBe(3000);
  });
});

describe('masking, unmasking and scope', () => {
  it('does not let a village cadre unmask', async () => {
    const res = await get('vil', '/api/households/export?format=csv&unmask=true');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('E_FORBIDDEN');
  });

  it('lets a county officer unmask, and logs the unmasked export with its filter', async () => {
    const res = await get(
      'cty',
      `/api/households/export?format=csv&layout=roster&region=${T.villageA1}&status=monitored&unmask=true`,
    );
    const { header, rows, info } = readCsv(res.body);
    expect(rows[0]![col(header, '公民身份号码')]).toBe(`\t${monitored.headIdNumber}`); // text for Excel
    expect(rows[0]![col(header, '健康状况')]).toBe('患有大病');
    expect(info['敏感信息']).toContain('未屏蔽');
    const [event] = (await auditEventsOf(tdb.db, 'household.export.unmask')).slice(-1);
    expect(event).toMatchObject({ actor_name: 'cty', region_code: T.villageA1 });
    expect(event!.after).toMatchObject({
      filter: { region: T.villageA1, status: 'monitored' },
      format: 'csv',
      layout: 'roster',
    });
    const [exp] = (await auditEventsOf(tdb.db, 'household.export')).slice(-1);
    expect(exp!.after).toMatchObject({ masked: false, rows: 2 });
    // the unmask event precedes the data read, so the report's head hash is at or after it
    expect(Number(exp!.id)).toBeGreaterThan(Number(event!.id));
  });

  it('refuses a region outside the scope with 403 before any data', async () => {
    const res = await get('vil', `/api/households/export?format=xlsx&region=${T.villageB1}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('E_OUT_OF_SCOPE');
  });

  it('answers a bad format or layout with 400 naming the field', async () => {
    expect((await get('cty', '/api/households/export?format=pdf')).json().message).toContain('format');
    expect((await get('cty', '/api/households/export?layout=wide')).json().message).toContain('layout');
  });
});
