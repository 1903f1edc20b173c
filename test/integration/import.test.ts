import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { checkCharacter } from '../../src/domain/id-number.js';
import { importFile, type ImportOptions } from '../../src/modules/import/service.js';
import { createAuditService } from '../../src/modules/audit/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, seedRegions, T } from '../helpers/factory.js';
import { HEADERS, person, writeCsv, writeXlsx } from '../helpers/import-files.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let tdb: TestDatabase;
let existing: { id: string; headIdNumber: string };

const opts = (o: Partial<ImportOptions> = {}): ImportOptions => ({
  actor: { id: null, name: 'test' },
  scope: '',
  acceptValid: false,
  dryRun: false,
  incomeCeiling: 200_000,
  today: '2026-12-07',
  ...o,
});

const count = async (table: 'household' | 'member') =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(tdb.db)).rows[0]!.n,
  );

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  existing = await createHousehold(tdb.db, { village: T.villageA1 });
});
afterAll(async () => tdb?.drop());

/** Rows with one household per error class, plus two good households. */
function mixedRows() {
  const badId = person('H-BAD-ID', T.villageA1, '甲', 'head', '1', '1970-01-01');
  badId[3] = badId[3]!.slice(0, 17) + (badId[3]![17] === '0' ? '1' : '0'); // wrong check digit
  const sexMismatch = person('H-SEX', T.villageA1, '乙', 'head', '1', '1971-02-02', { 性别: '女' });
  const birthless = makeIdNumber('433124', '1899-01-01', '1', 3); // 126 years old in 2025
  const firstIdNoBirth = birthless.slice(0, 17);
  return {
    good: [
      person('H-GOOD-1', T.villageA1, '龙一', 'head', '1', '1968-03-03'),
      person('H-GOOD-1', T.villageA1, '石一', 'spouse', '2', '1970-04-04'),
      person('H-GOOD-2', T.villageA2, '麻二', 'head', '2', '1955-05-05', {
        户类型: '一般贫困户',
        主要致贫原因: '因病',
      }),
    ],
    bad: [
      badId,
      sexMismatch,
      person('H-REGION', '433124110999', '丙', 'head', '1', '1972-03-03'),
      person('H-NOT-VILLAGE', '433124110000', '丁', 'head', '1', '1973-03-03'),
      person('H-CODE', T.villageA1, '戊', '之侄', '1', '1974-03-03'),
      person('H-NEG', T.villageA1, '己', 'head', '1', '1975-03-03', { 工资性收入: '-5' }),
      person('H-AGE', T.villageA1, '庚', 'head', '1', '1899-01-01', {
        公民身份号码: firstIdNoBirth + checkCharacter(firstIdNoBirth),
      }),
      person('H-CEILING', T.villageA1, '辛', 'head', '1', '1976-03-03', { 工资性收入: '900000' }),
      person('H-NOHEAD', T.villageA1, '壬', 'spouse', '2', '1977-03-03'),
      person('H-2HEADS', T.villageA1, '癸', 'head', '1', '1978-03-03'),
      person('H-2HEADS', T.villageA1, '子', 'head', '2', '1979-03-03'),
      person('H-MISMATCH', T.villageA1, '丑', 'head', '1', '1980-03-03'),
      person('H-MISMATCH', T.villageA2, '寅', 'spouse', '2', '1981-03-03'),
      person('H-DUP', T.villageA1, '卯', 'head', '1', '1982-03-03', { 公民身份号码: '' }),
      person('H-OTHER', T.villageA1, '巳', 'head', '1', '1983-03-03', {
        公民身份号码: existing.headIdNumber,
      }),
    ],
  };
}

describe('import', () => {
  it('imports a clean UTF-8 file with BOM, audited', async () => {
    const { good } = mixedRows();
    const before = await count('household');
    const file = writeCsv(good, { bom: true });
    const r = await importFile(tdb.db, file, opts());
    expect(r).toMatchObject({
      households: { imported: 2, rejected: 0 },
      persons: { imported: 3, rejected: 0 },
      errors: [],
    });
    expect(await count('household')).toBe(before + 2);
    const h = await tdb.db
      .selectFrom('household')
      .selectAll()
      .where('household_no', '=', 'H-GOOD-2')
      .executeTakeFirstOrThrow();
    expect(h).toMatchObject({
      household_type: 'general_poor',
      status: 'poor',
      main_cause: 'illness',
      size: 1,
      head_name: '麻二',
    });
    const y = await tdb.db
      .selectFrom('household_year')
      .selectAll()
      .where('household_id', '=', h.id)
      .executeTakeFirstOrThrow();
    expect(Number(y.per_capita_income)).toBe(12000 + 3000 - 1000 + 1500);
    const ev = await tdb.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'household.import')
      .execute();
    // one event for the whole file: counts and the file's SHA-256
    expect(ev.at(-1)!.after).toEqual({
      fileSha256: createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
      households: 2,
      persons: 3,
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: { households: 0, persons: 0 },
      bulk: false,
      acceptValid: false,
    });
  });

  it('re-importing a household updates it (members replaced, income upserted)', async () => {
    const rows = [
      person('H-GOOD-2', T.villageA2, '麻二', 'head', '2', '1955-05-05', {
        工资性收入: '20000',
        户类型: '一般贫困户',
      }),
    ];
    rows[0]![3] = (
      await tdb.db
        .selectFrom('member')
        .select('id_number')
        .where('name', '=', '麻二')
        .executeTakeFirstOrThrow()
    ).id_number;
    const r = await importFile(tdb.db, writeCsv(rows), opts());
    expect(r.households).toMatchObject({ imported: 1, created: 0, updated: 1, unchanged: 0 });
    const h = await tdb.db
      .selectFrom('household')
      .selectAll()
      .where('household_no', '=', 'H-GOOD-2')
      .executeTakeFirstOrThrow();
    expect(h.version).toBe(2);
    expect(
      await tdb.db.selectFrom('member').select('id').where('household_id', '=', h.id).execute(),
    ).toHaveLength(1);
  });

  it('reports every error class with row and column, and writes nothing by default', async () => {
    const { good, bad } = mixedRows();
    const dupId = bad.find((r) => r[0] === 'H-DUP')!;
    dupId[3] = good[2]![3]!.replace('H', ''); // placeholder replaced below
    const fresh = [
      person('H-NEW-1', T.villageA1, '新一', 'head', '1', '1990-01-01'),
      person('H-NEW-2', T.villageA1, '新二', 'head', '1', '1991-01-01'),
    ];
    dupId[3] = fresh[0]![3]!; // same person as in H-NEW-1
    const rows = [...fresh, ...bad];
    const before = { h: await count('household'), m: await count('member') };
    const r = await importFile(tdb.db, writeCsv(rows), opts());
    const codes = new Set(r.errors.map((e) => e.code));
    for (const code of [
      'E_ID_CHECK_DIGIT',
      'E_ID_SEX_MISMATCH',
      'E_REGION',
      'E_CODE',
      'E_RANGE',
      'E_AGE_RANGE',
      'E_INCOME_CEILING',
      'E_HEAD_COUNT',
      'E_HOUSEHOLD_MISMATCH',
      'E_DUPLICATE_ID_IN_FILE',
      'E_PERSON_IN_OTHER_HOUSEHOLD',
    ])
      expect(codes, code).toContain(code);
    const rowOf = (no: string) => rows.findIndex((x) => x[0] === no) + 2; // header is row 1
    expect(r.errors).toContainEqual(
      expect.objectContaining({ row: rowOf('H-BAD-ID'), column: '公民身份号码', code: 'E_ID_CHECK_DIGIT' }),
    );
    expect(r.errors).toContainEqual(
      expect.objectContaining({ row: rowOf('H-SEX'), column: '性别', code: 'E_ID_SEX_MISMATCH' }),
    );
    expect(r.errors).toContainEqual(
      expect.objectContaining({ row: rowOf('H-NEG'), column: '工资性收入', code: 'E_RANGE' }),
    );
    expect(r.errors).toContainEqual(
      expect.objectContaining({ row: rowOf('H-CODE'), column: '与户主关系', code: 'E_CODE' }),
    );
    expect(r.errors).toContainEqual(
      expect.objectContaining({
        row: rowOf('H-MISMATCH') + 1,
        column: '村代码',
        code: 'E_HOUSEHOLD_MISMATCH',
      }),
    );
    expect(r.errors.filter((e) => e.row === rowOf('H-NOT-VILLAGE')).map((e) => e.code)).toEqual(['E_REGION']);
    expect(r.households).toEqual({ imported: 0, rejected: 2 + 13, created: 0, updated: 0, unchanged: 0 });
    expect(await count('household')).toBe(before.h);
    expect(await count('member')).toBe(before.m);
  });

  it('with acceptValid writes only the whole valid households', async () => {
    const { bad } = mixedRows();
    const fresh = [
      person('H-AV-1', T.villageB1, '好一', 'head', '1', '1990-02-02'),
      person('H-AV-1', T.villageB1, '好二', 'son', '1', '2015-02-02'),
    ];
    const before = await count('household');
    const r = await importFile(tdb.db, writeCsv([...fresh, ...bad]), opts({ acceptValid: true }));
    expect(r.households).toEqual({ imported: 1, rejected: 13, created: 1, updated: 0, unchanged: 0 });
    expect(r.persons).toEqual({ imported: 2, rejected: 15 });
    expect(await count('household')).toBe(before + 1);
  });

  it('dry run checks and writes nothing', async () => {
    const before = await count('household');
    const r = await importFile(
      tdb.db,
      writeCsv([person('H-DRY', T.villageA1, '干', 'head', '1', '1990-03-03')]),
      opts({ dryRun: true }),
    );
    expect(r.households.imported).toBe(1);
    expect(r.committed).toBe(false);
    expect(await count('household')).toBe(before);
  });

  it('reads GB18030 CSV and XLSX the same way', async () => {
    const rows = [person('H-GB', T.villageA1, '龍鳳', 'head', '2', '1985-06-06')];
    const r = await importFile(tdb.db, writeCsv(rows, { gb18030: true }), opts({ dryRun: true }));
    expect(r.errors).toEqual([]);
    const bad = mixedRows().bad;
    const csv = await importFile(tdb.db, writeCsv(bad), opts({ dryRun: true }));
    const xlsx = await importFile(tdb.db, await writeXlsx(bad), opts({ dryRun: true }));
    expect(xlsx.errors.map((e) => [e.row, e.column, e.code])).toEqual(
      csv.errors.map((e) => [e.row, e.column, e.code]),
    );
  });

  it('names a missing required column', async () => {
    const file = writeCsv([]);
    fs.writeFileSync(file, HEADERS.filter((h) => h !== '年度').join(',') + '\n');
    const r = await importFile(tdb.db, file, opts());
    expect(r.errors).toEqual([expect.objectContaining({ row: 1, column: '年度', code: 'E_MISSING_COLUMN' })]);
  });
});

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, [path.join(ROOT, 'bin/jingzhun.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: tdb.url, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = cli(args);
  let stdout = '';
  let stderr = '';
  p.stdout.on('data', (d) => (stdout += d));
  p.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((r) => p.on('exit', r));
  return { code, stdout, stderr };
}

describe('import CLI contract', () => {
  it('exits 0 when all rows are accepted, 1 when any is rejected, 2 for an unreadable file', async () => {
    const good = writeCsv([person('H-CLI-1', T.villageA2, '命令', 'head', '1', '1966-06-06')]);
    const ok = await run(['import', good, '--dry-run']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      households: { imported: 1, rejected: 0 },
      persons: { imported: 1, rejected: 0 },
      errors: [],
    });

    const reportFile = good.replace('.csv', '.json');
    const bad = await run(['import', writeCsv(mixedRows().bad), '--report', reportFile]);
    expect(bad.code).toBe(1);
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    expect(report.errors[0]).toEqual({
      row: expect.any(Number),
      column: expect.any(String),
      code: expect.stringMatching(/^E_/),
      message: expect.any(String),
      // the same in Chinese (a Chinese report names the problem in Chinese: src/domain/import/row.ts)
      messageZh: expect.stringMatching(/[\u4e00-\u9fff]/),
    });

    expect((await run(['import', '/nonexistent/file.csv'])).code).toBe(2);
    const junk = good.replace('.csv', '.xlsx');
    fs.writeFileSync(junk, 'PK\u0003\u0004 not really a zip');
    expect((await run(['import', junk])).code).toBe(2);
    expect((await run(['import', good, '--ceiling', 'abc'])).code).toBe(2);
  });

  it.each(['auto', 'on'])('a killed import leaves no partial household (bulk %s)', async (bulk) => {
    const indexesBefore = await registryIndexes();
    const rows: string[][] = [];
    for (let i = 0; i < 30000; i++) {
      const no = `H-KILL-${i}`;
      rows.push(
        person(no, T.villageB1, `杀${i}`, 'head', '1', '1970-07-07'),
        person(no, T.villageB1, `妻${i}`, 'spouse', '2', '1972-07-07'),
      );
    }
    const file = writeCsv(rows);
    const before = {
      h: await count('household'),
      m: await count('member'),
      y: Number(
        (await sql<{ n: string }>`select count(*) as n from household_year`.execute(tdb.db)).rows[0]!.n,
      ),
    };
    const p = cli(['import', file, '--accept-valid', '--bulk', bulk]);
    // wait until the import's transaction has written rows, then kill it
    for (let i = 0; i < 600; i++) {
      const r = await sql<{ n: string }>`select count(*) as n from pg_stat_activity
        where datname = current_database() and backend_xid is not null and pid <> pg_backend_pid()`.execute(
        tdb.db,
      );
      if (Number(r.rows[0]!.n) > 0) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    p.kill('SIGKILL');
    await new Promise((r) => p.on('exit', r));
    // the server notices the dead client and rolls its transaction back
    for (let i = 0; i < 100; i++) {
      const r = await sql<{ n: string }>`select count(*) as n from pg_stat_activity
        where datname = current_database() and backend_xid is not null and pid <> pg_backend_pid()`.execute(
        tdb.db,
      );
      if (Number(r.rows[0]!.n) === 0) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(await count('household')).toBe(before.h);
    expect(await count('member')).toBe(before.m);
    const partial = await sql<{
      n: string;
    }>`select count(*) as n from household h where h.household_no like 'H-KILL-%'
      and (select count(*) from member m where m.household_id = h.id) <> 2`.execute(tdb.db);
    expect(Number(partial.rows[0]!.n)).toBe(0);
    expect((await createAuditService(tdb.db).verify()).broken).toBeNull();
    expect(await registryIndexes()).toEqual(indexesBefore);
  });
});

/** The registry tables' indexes and constraints, as definitions. */
async function registryIndexes(): Promise<string[]> {
  const r = await sql<{ d: string }>`
    select indexdef as d from pg_indexes where tablename in ('household', 'member', 'household_year')
    union all
    select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
    where conrelid in ('household'::regclass, 'member'::regclass, 'household_year'::regclass)
    order by 1`.execute(tdb.db);
  return r.rows.map((x) => x.d);
}

describe('import in bulk mode (indexes built at the end)', () => {
  it('checks the same, writes the same, and leaves every index and foreign key as it was', async () => {
    const before = await registryIndexes();
    const otherHousehold = await createHousehold(tdb.db, { village: T.villageA2 });
    const rows = [
      person('H-BULK-1', T.villageA2, '批一', 'head', '1', '1960-06-06'),
      person('H-BULK-1', T.villageA2, '批二', 'spouse', '2', '1962-06-06'),
      person('H-BULK-2', T.villageA2, '批三', 'head', '1', '1963-06-06', {
        公民身份号码: otherHousehold.headIdNumber, // already in another household
      }),
      person('H-BULK-3', T.villageA2, '批四', 'head', '2', '1964-06-06'),
    ];
    rows.push(
      person('H-BULK-4', T.villageA2, '批五', 'head', '2', '1964-06-06', { 公民身份号码: rows[3]![3]! }),
    );
    const r = await importFile(tdb.db, writeCsv(rows), opts({ bulk: 'on', acceptValid: true }));
    expect(r.bulk).toBe(true);
    expect(r.households).toEqual({ imported: 2, rejected: 2, created: 2, updated: 0, unchanged: 0 });
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([
      [4, 'E_PERSON_IN_OTHER_HOUSEHOLD'],
      [6, 'E_DUPLICATE_ID_IN_FILE'],
    ]);
    const written = await tdb.db
      .selectFrom('household')
      .innerJoin('member', 'member.household_id', 'household.id')
      .select(['household_no', 'member.name'])
      .where('household_no', 'like', 'H-BULK-%')
      .orderBy('member.name')
      .execute();
    expect(written.map((w) => `${w.household_no} ${w.name}`)).toEqual([
      'H-BULK-1 批一',
      'H-BULK-1 批二',
      'H-BULK-3 批四',
    ]);
    expect(await registryIndexes()).toEqual(before);
    // a foreign key built again still holds: a member of no household is refused
    await expect(
      sql`insert into member (household_id, village_code, name, sex, id_number, birth_date, relation)
        values (-1, '110101001001', 'x', '1', 'x', '2000-01-01', 'head')`.execute(tdb.db),
    ).rejects.toThrow(/foreign key/);
  });

  it('a rejected all-or-nothing import rolls the dropped indexes back with the rows', async () => {
    const before = { idx: await registryIndexes(), h: await count('household') };
    const rows = [
      person('H-BULK-OK', T.villageA2, '批六', 'head', '1', '1966-06-06'),
      person('H-BULK-BAD', '433124110999', '批七', 'head', '1', '1967-06-06'),
    ];
    const r = await importFile(tdb.db, writeCsv(rows), opts({ bulk: 'on' }));
    expect(r.bulk).toBe(true);
    expect(r.households).toEqual({ imported: 0, rejected: 2, created: 0, updated: 0, unchanged: 0 });
    expect(await count('household')).toBe(before.h);
    expect(await registryIndexes()).toEqual(before.idx);
  });

  it('auto leaves small files to the row-by-row path', async () => {
    const r = await importFile(
      tdb.db,
      writeCsv([person('H-BULK-SMALL', T.villageA2, '批八', 'head', '1', '1968-06-06')]),
      opts(),
    );
    expect(r.bulk).toBe(false);
    expect(r.households.imported).toBe(1);
  });
});
