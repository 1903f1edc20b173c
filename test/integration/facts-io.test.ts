import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices } from '../../src/composition/services.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { readFactsFile, writeFactsFile } from '../../src/cli/facts-io.js';
import { createFactsIo, userByName, type FactsIo } from '../../src/modules/household-facts/io.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, membersOf, seedRegions, T } from '../helpers/factory.js';
import { recordFact } from './fact-fixtures.js';

/**
 * `jingzhun facts export` / `facts import` (docs/facts.md "Import and export"): the export writes the
 * current confirmed facts as the role sees them; the import records through the API's checks and
 * recording path — a correction with history, a village cadre's rows as proposals, a file with one
 * bad row writes nothing and names the row and column; export then import changes nothing.
 */

let tdb: TestDatabase;
let io: FactsIo;
let hh: { id: string; headIdNumber: string };
let hhNo: string;
const clock = fixedClock('2026-11-30T04:00:00Z');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facts-io-'));

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  hh = await createHousehold(tdb.db, { village: T.villageA1 });
  await createHousehold(tdb.db, { village: T.villageB1 });
  hhNo = (
    await tdb.db
      .selectFrom('household')
      .select('household_no')
      .where('id', '=', hh.id)
      .executeTakeFirstOrThrow()
  ).household_no;
  await createUser(tdb.db, 'iovil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'iotwn', 'township_officer', T.townshipA);
  const services = buildServices(tdb.db, { clock, sessionHours: 1, log: { error: () => undefined } });
  io = createFactsIo(tdb.db, { clock, paramsFor: (r, d) => services.policy.paramsFor(r, d) });
  const [head] = await membersOf(tdb.db, hh.id);
  await recordFact(
    tdb.db,
    hh.id,
    'housing_safety',
    { grade: 'C', rebuilt: false, relocated: false },
    '2026-10-12',
  );
  await recordFact(tdb.db, hh.id, 'income_month', { month: '2026-09', items: { wage: 1200 } }, '2026-09-01');
  await tdb.db
    .insertInto('household_fact')
    .values({
      village_code: T.villageA1,
      household_id: hh.id,
      member_id: head!.id,
      kind: 'insurance',
      subject: '',
      value: JSON.stringify({ basicMedical: true, criticalIllness: false }),
      observed_on: '2026-03-01',
      source: 'department_list',
      state: 'confirmed',
      recorded_at: new Date('2026-03-02T00:00:00Z'),
    })
    .execute();
}, 120_000);

afterAll(async () => {
  await tdb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const factsOf = () =>
  tdb.db.selectFrom('household_fact').selectAll().where('household_id', '=', hh.id).orderBy('id').execute();

const exportAs = async (username: string, file: string) => {
  const res = await io.exportFacts(await userByName(tdb.db, username), {
    region: T.townshipA,
    kind: null,
    asOf: '2026-11-30',
    unmask: false,
  });
  await writeFactsFile(file, res.header, res.rows);
  return res;
};

const importAs = async (username: string, file: string) => {
  const { header, rows } = await readFactsFile(file);
  return io.importFacts(await userByName(tdb.db, username), header, rows, { sourceRef: path.basename(file) });
};

describe('facts export and import', () => {
  it("exports a household's current facts, the ID number masked for a township officer", async () => {
    const file = path.join(dir, 'export.csv');
    const res = await exportAs('iotwn', file);
    expect(res.rows).toHaveLength(3);
    const ins = res.rows.find((r) => r[3] === 'insurance')!;
    expect(ins[0]).toBe(hhNo);
    expect(ins[2]).not.toBe(hh.headIdNumber);
    expect(ins[2]).toMatch(/^\d{6}\*+$/);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('户编号,成员编号,成员身份证号,事实类型,日期,值,来源,来源文号');
    expect(text).toContain('"{""grade"":""C""');
  });

  it('a CSV written by the export reads back cell for cell (Excel guards taken off)', async () => {
    const file = path.join(dir, 'cells.csv');
    const row = [
      '433124110226000123456',
      null,
      '=SUM(A1)',
      'land',
      '2026-01-01',
      '{"a":"b, c"}',
      'import',
      '-3号',
    ];
    await writeFactsFile(file, ['户编号', '值'], [row]);
    expect(fs.readFileSync(file, 'utf8')).toContain("'=SUM(A1)");
    const back = await readFactsFile(file);
    expect(back.rows[0]!.cells).toEqual(row.map((c) => c ?? ''));
  });

  it('export then import of the same file changes nothing', async () => {
    const file = path.join(dir, 'round.xlsx');
    await exportAs('iotwn', file);
    const before = await factsOf();
    const audits = (await auditEventsOf(tdb.db, 'household.fact.record')).length;
    const report = await importAs('iotwn', file);
    expect(report).toMatchObject({ rows: 3, recorded: 0, proposed: 0, unchanged: 3, errors: [] });
    expect(await factsOf()).toEqual(before);
    expect(await auditEventsOf(tdb.db, 'household.fact.record')).toHaveLength(audits);
  });

  it('an officer imports a corrected value: recorded at once, the old row kept as superseded', async () => {
    const file = path.join(dir, 'fix.csv');
    const value = JSON.stringify({ grade: 'D', rebuilt: false, relocated: false, areaPerPerson: 12 });
    fs.writeFileSync(
      file,
      `户编号,事实类型,日期,值\n${hhNo},housing_safety,2026-10-12,"${value.replace(/"/g, '""')}"\n`,
    );
    const report = await importAs('iotwn', file);
    expect(report).toMatchObject({ recorded: 1, proposed: 0, unchanged: 0, errors: [] });
    const rows = (await factsOf()).filter((f) => f.kind === 'housing_safety');
    expect(rows.map((r) => r.state)).toEqual(['superseded', 'confirmed']);
    expect(rows[1]).toMatchObject({ source: 'import', source_ref: 'fix.csv', supersedes: rows[0]!.id });
    expect(rows[1]!.value).toMatchObject({ grade: 'D' });
    const audit = (await auditEventsOf(tdb.db, 'household.fact.record')).at(-1)!;
    expect(audit.entity_id).toBe(hh.id);
  });

  it("a village cadre's import is a proposal, found by the member's full ID number", async () => {
    const file = path.join(dir, 'cadre.csv');
    const ins = JSON.stringify({ basicMedical: true, criticalIllness: true }).replace(/"/g, '""');
    fs.writeFileSync(
      file,
      `户编号,成员身份证号,事实类型,日期,值\n${hhNo},${hh.headIdNumber},insurance,2026-11-02,"${ins}"\n`,
    );
    const report = await importAs('iovil', file);
    expect(report).toMatchObject({ recorded: 0, proposed: 1, errors: [] });
    const p = (await factsOf()).at(-1)!;
    expect(p).toMatchObject({ kind: 'insurance', state: 'proposed', confirmed_by: null });
    expect(await auditEventsOf(tdb.db, 'household.fact.propose')).toHaveLength(1);
    // the same file again: the pending proposal is not proposed twice
    expect(await importAs('iovil', file)).toMatchObject({ proposed: 0, unchanged: 1 });
  });

  it('a file with one bad row writes nothing and names the row and the column', async () => {
    const file = path.join(dir, 'bad.csv');
    const good = JSON.stringify({ secure: true }).replace(/"/g, '""');
    const bad = JSON.stringify({ month: '2026-10', items: { wage: -5 } }).replace(/"/g, '""');
    fs.writeFileSync(
      file,
      `户编号,事实类型,日期,值\n${hhNo},food_clothing,2026-11-01,"${good}"\n${hhNo},income_month,,"${bad}"\n`,
    );
    const before = await factsOf();
    const report = await importAs('iotwn', file);
    expect(report.recorded + report.proposed).toBe(0);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ row: 3, column: '值 (value) items.wage' });
    expect(report.errors[0]!.messageZh).toContain('items.wage');
    expect(await factsOf()).toEqual(before);
  });

  it('a household outside the user’s scope, an unknown kind and a masked ID number alone are bad rows', async () => {
    const other = await tdb.db
      .selectFrom('household')
      .select('household_no')
      .where('village_code', '=', T.villageB1)
      .executeTakeFirstOrThrow();
    const file = path.join(dir, 'scope.csv');
    const masked = `${hh.headIdNumber.slice(0, 6)}************`;
    const ins = JSON.stringify({ basicMedical: true, criticalIllness: true }).replace(/"/g, '""');
    fs.writeFileSync(
      file,
      `户编号,成员身份证号,事实类型,值\n${other.household_no},,food_clothing,"{}"\n${hhNo},,weather,"{}"\n` +
        `${hhNo},${masked},insurance,"${ins}"\n`,
    );
    const report = await importAs('iovil', file);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '户编号 (household_no)'],
      [3, '事实类型 (kind)'],
      [4, '成员身份证号 (member_id_number)'],
      [4, '成员身份证号 (member_id_number) / 成员编号 (member_id)'],
      [4, '日期 (observed_on)'],
    ]);
    expect(report.errors[2]!.messageZh).toContain('脱敏');
  });
});
