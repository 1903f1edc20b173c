import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import fs from 'node:fs';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { importUser, readSectoralList } from '../../src/modules/safety-net/sectoral-import.js';
import { buildSectoralTemplate } from '../../src/modules/safety-net/sectoral-template.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { typo, writeListCsv, writeListXlsx } from '../helpers/list-files.js';

/**
 * `jingzhun sectoral import`: a department's list of medical, education and housing assistance, all
 * rows or none, each row resolved to its member by ID number (docs/safety-net.md).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const HEAD = [
  '身份证号',
  '姓名',
  '类别',
  '日期',
  '金额',
  '医疗总费用',
  '基本医保报销',
  '大病保险报销',
  '学段',
  '危房等级',
  '是否竣工',
];
let tdb: TestDatabase;
let hA = '';
let hB = '';
const ID = { headA: '', childA: '', headB: '' };

const run = (args: string[]) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'bin/jingzhun.js'), 'sectoral', 'import', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: tdb.url, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.on('exit', (code) => resolve({ code, stderr }));
  });

const idOf = async (householdId: string, name: string) =>
  (
    await tdb.db
      .selectFrom('member')
      .select('id_number')
      .where('household_id', '=', householdId)
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
  ).id_number;

const count = async (table: 'sectoral_assistance' | 'household_fact') =>
  Number(
    (
      await tdb.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  hA = (
    await createHousehold(tdb.db, {
      village: T.villageA1,
      members: [
        { name: '龙大', sex: '1', birth: '1970-03-01', relation: 'head' },
        { name: '龙小', sex: '1', birth: '2012-02-02', relation: 'son' },
      ],
    })
  ).id;
  hB = (await createHousehold(tdb.db, { village: T.villageB1, headName: '吴乙' })).id;
  ID.headA = await idOf(hA, '龙大');
  ID.childA = await idOf(hA, '龙小');
  ID.headB = await idOf(hB, '吴乙');
  await createUser(tdb.db, 'ca_bureau', 'civil_affairs_county', T.county);
  await createUser(tdb.db, 'ca_townA', 'civil_affairs_township', T.townshipA);
  await createUser(tdb.db, 'cadre', 'village_cadre', T.villageA1);
}, 120_000);

afterAll(async () => {
  await tdb?.drop();
});

describe('jingzhun sectoral import', () => {
  it('refuses a file with a bad ID number, a day after today and an unknown person: nothing written', async () => {
    const nobody = makeIdNumber('433124', '1980-01-01', '1', 7);
    const file = writeListCsv(HEAD, [
      [ID.headA, '龙大', '医疗救助', '2026-03-01', '500', '3000', '1500', '600', '', '', ''],
      [typo(ID.headB), '吴乙', '住房救助', '2026-04-01', '20000', '', '', '', '', 'D级', '是'],
      [ID.childA, '龙小', '教育救助', '2099-09-01', '1000', '', '', '', '初中', '', ''],
      [nobody, '无名', '教育救助', '2026-09-01', '1000', '', '', '', '小学', '', ''],
    ]);
    const r = await run([file, '--list', '县医保局2026年3月', '--user', 'ca_bureau']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /row 3: 身份证号 \(ID number\): check character .*第3行 身份证号 \(ID number\)：身份证号无效/,
    );
    expect(r.stderr).toMatch(/row 4: 日期 \(date\): 2099-09-01 is after today .*晚于今天/);
    expect(r.stderr).toMatch(
      /row 5: 身份证号 \(ID number\): \d{17}[\dX] is nobody in the registry .*查无此人/,
    );
    expect(r.stderr).not.toMatch(/row 2:/);
    expect(r.stderr).toMatch(/nothing imported: 3 problems in 4 rows/);
    expect(await count('sectoral_assistance')).toBe(0);
    expect(await count('household_fact')).toBe(0);
  });

  it('refuses medical assistance beyond what the insurances left to pay, and a row out of the user’s region', async () => {
    const file = writeListCsv(HEAD, [
      [ID.headA, '龙大', '医疗救助', '2026-03-01', '1000', '3000', '1500', '600', '', '', ''],
      [ID.headB, '吴乙', '住房救助', '2026-04-01', '20000', '', '', '', '', 'D', '是'],
    ]);
    const r = await run([file, '--list', 'x', '--user', 'ca_townA']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/row 2: 金额 \(amount\): amount exceeds what the insurances left to pay/);
    expect(r.stderr).toMatch(/row 3: 身份证号 \(ID number\): not in the region of user ca_townA/);
    expect(await count('sectoral_assistance')).toBe(0);
  });

  it('reads its own template: every column found, a filled row resolved', async () => {
    const wb = buildSectoralTemplate();
    const sheet = wb.worksheets[0]!;
    const heads = (sheet.getRow(1).values as unknown[]).slice(1);
    const row: Record<string, string> = {
      身份证号: ID.childA,
      姓名: '龙小',
      类别: '教育救助',
      日期: '2026-09-01',
      金额: '800',
      学段: '高中',
    };
    sheet.addRow(heads.map((h) => row[String(h)] ?? ''));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jz-sectoral-')), 'template.xlsx');
    await wb.xlsx.writeFile(file);
    const user = (await importUser(tdb.db, 'ca_bureau'))!;
    const r = await readSectoralList(tdb.db, file, user, '2026-12-01');
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      expect.objectContaining({
        sector: 'education',
        stage: 'senior',
        amount: 800,
        householdId: hA,
        line: 2,
      }),
    ]);
    expect(heads).toHaveLength(12);
  });

  it('exits 2 for bad arguments: no file, no list, not a civil-affairs account', async () => {
    const file = writeListCsv(HEAD, [
      [ID.headA, '龙大', '教育救助', '2026-03-01', '500', '', '', '', '初中', '', ''],
    ]);
    expect((await run(['/nonexistent.csv', '--list', 'x', '--user', 'ca_bureau'])).code).toBe(2);
    expect((await run([file, '--user', 'ca_bureau'])).code).toBe(2);
    const cadre = await run([file, '--list', 'x', '--user', 'cadre']);
    expect(cadre.code).toBe(2);
    expect(cadre.stderr).toMatch(/not a civil-affairs account/);
    expect(await count('sectoral_assistance')).toBe(0);
  });

  it('imports a good XLSX list: counts per sector and county, audit, and the medical rigid spending', async () => {
    const file = await writeListXlsx(HEAD, [
      [ID.headA, '龙大', '医疗救助', '2026-03-01', '500', '3000', '1500', '600', '', '', ''],
      [ID.childA, '龙小', '教育', '2026-09-01', '1000', '', '', '', '初中', '', ''],
      [ID.headB, '吴乙', '危房改造', '2026-04-01', '20000', '', '', '', '', 'C级', '否'],
      [ID.headB, '', '住房救助', '2026-05-01', '5000', '', '', '', '', 'D', '是'],
    ]);
    const r = await run([file, '--list', '县医保局2026年', '--user', 'ca_bureau']);
    expect(r.stderr).toMatch(/county 433124: medical \(医疗\) 1, education \(教育\) 1, housing \(住房\) 2/);
    expect(r.stderr).toMatch(/imported 4 rows of list "县医保局2026年"/);
    expect(r.code).toBe(0);
    const rows = await tdb.db.selectFrom('sectoral_assistance').selectAll().orderBy('id').execute();
    expect(rows.map((x) => [x.household_id, x.sector, Number(x.amount), x.source, x.source_ref])).toEqual([
      [hA, 'medical', 500, 'department_list', '县医保局2026年'],
      [hA, 'education', 1000, 'department_list', '县医保局2026年'],
      [hB, 'housing', 20000, 'department_list', '县医保局2026年'],
      [hB, 'housing', 5000, 'department_list', '县医保局2026年'],
    ]);
    expect(rows[0]!.details).toMatchObject({
      totalCost: 3000,
      basicPaid: 1500,
      criticalPaid: 600,
      selfPaid: 400,
    });
    expect(rows[1]!.details).toEqual({ stage: 'junior' });
    expect(rows[1]!.member_id).not.toBeNull();
    expect(rows[2]!.details).toEqual({ grade: 'C', done: false });
    // the same path as an entry: 3000 − 1500 − 600 − 500 = 400 left to pay becomes the medical spending
    const facts = await tdb.db
      .selectFrom('household_fact')
      .selectAll()
      .where('kind', '=', 'rigid_spending')
      .execute();
    expect(facts.map((f) => [f.household_id, f.source, f.source_ref, f.value])).toEqual([
      [
        hA,
        'department_list',
        `sectoral_assistance:${rows[0]!.id}`,
        expect.objectContaining({ category: 'medical', amount: 400 }),
      ],
    ]);
    const events = (await auditEventsOf(tdb.db, 'safety_net.sectoral')).filter(
      (e) => e.entity_type === 'sectoral_import',
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ region_code: T.county, actor_name: 'ca_bureau' });
    expect(events[0]!.after).toMatchObject({ rows: 4, bySector: { medical: 1, education: 1, housing: 2 } });
  });
  it('refuses rows already on file or twice in the list: the same list imported again writes nothing', async () => {
    const file = writeListCsv(HEAD, [
      [ID.headA, '龙大', '医疗救助', '2026-03-01', '500', '3000', '1500', '600', '', '', ''],
      [ID.childA, '龙小', '教育救助', '2026-10-01', '800', '', '', '', '初中', '', ''],
      [ID.childA, '龙小', '教育救助', '2026-10-01', '800', '', '', '', '初中', '', ''],
    ]);
    const r = await run([file, '--list', '县医保局2026年', '--user', 'ca_bureau']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/row 2: 金额 \(amount\): already recorded \(record #\d+, 县医保局2026年\)/);
    expect(r.stderr).toMatch(/row 4: 金额 \(amount\): already recorded \(row 3 of this list\)/);
    expect(r.stderr).not.toMatch(/row 3:/);
    expect(await count('sectoral_assistance')).toBe(4);
  });
});
