import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile, type ImportOptions } from '../../src/modules/import/service.js';
import { buildTemplate } from '../../src/modules/import/template.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { seedRegions, T } from '../helpers/factory.js';
import { HEADERS, person, tmpFile } from '../helpers/import-files.js';

/** Provenance columns of the import (issue 17): 采集人 → household_year.recorded_by, 采集日期 → collected_on. */
let tdb: TestDatabase;
const TODAY = '2026-12-07';

const opts = (o: Partial<ImportOptions> = {}): ImportOptions => ({
  actor: { id: null, name: 'test' },
  scope: '',
  acceptValid: false,
  dryRun: false,
  incomeCeiling: 200_000,
  today: TODAY,
  ...o,
});

/** A CSV of HEADERS plus the extra columns, each row given its extra cells. */
function csv(rows: { cells: string[]; extra: string[] }[], extraHeaders: string[]): string {
  const file = tmpFile('provenance.csv');
  const lines = [[...HEADERS, ...extraHeaders], ...rows.map((r) => [...r.cells, ...r.extra])];
  fs.writeFileSync(file, lines.map((l) => l.join(',')).join('\n') + '\n');
  return file;
}

const yearOf = async (no: string) =>
  tdb.db
    .selectFrom('household_year as y')
    .innerJoin('household as h', 'h.id', 'y.household_id')
    .select(['y.recorded_by', 'y.collected_on'])
    .where('h.household_no', '=', no)
    .executeTakeFirst();

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
});
afterAll(async () => tdb?.drop());

describe('import provenance (采集人, 采集日期)', () => {
  it('stores the collector and the collection date on the year row', async () => {
    const head = person('PV-1', T.villageA1, '龙一', 'head', '1', '1968-03-03');
    const spouse = person('PV-1', T.villageA1, '石一', 'spouse', '2', '1970-04-04');
    const r = await importFile(
      tdb.db,
      csv(
        [
          { cells: head, extra: ['张采集', '2026-03-15'] },
          { cells: spouse, extra: ['张采集', '2026/3/15'] },
        ],
        ['采集人', '采集日期'],
      ),
      opts(),
    );
    expect(r.errors).toEqual([]);
    expect(await yearOf('PV-1')).toEqual({ recorded_by: '张采集', collected_on: '2026-03-15' });
  });

  it('refuses a collection date in the future (by the clock) or not a date, naming row and column', async () => {
    const a = person('PV-2', T.villageA1, '麻二', 'head', '2', '1955-05-05');
    const b = person('PV-3', T.villageA1, '吴三', 'head', '1', '1960-01-01');
    const c = person('PV-4', T.villageA1, '田四', 'head', '1', '1961-01-01');
    const r = await importFile(
      tdb.db,
      csv(
        [
          { cells: a, extra: ['李', '2026-12-08'] }, // tomorrow
          { cells: b, extra: ['李', '2026-02-30'] },
          { cells: c, extra: ['李', TODAY] }, // today is fine
        ],
        ['collector', 'collection_date'],
      ),
      opts(),
    );
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'collection_date', 'E_DATE_FUTURE'],
      [3, 'collection_date', 'E_DATE'],
    ]);
    expect(r.errors[0]!.message).toContain('2026-12-08');
    expect(await yearOf('PV-4')).toBeUndefined(); // all-or-nothing
  });

  it('the collector must agree between the rows of a household', async () => {
    const head = person('PV-5', T.villageA1, '龙五', 'head', '1', '1968-03-03');
    const spouse = person('PV-5', T.villageA1, '石五', 'spouse', '2', '1970-04-04');
    const r = await importFile(
      tdb.db,
      csv(
        [
          { cells: head, extra: ['张'] },
          { cells: spouse, extra: ['王'] },
        ],
        ['采集人'],
      ),
      opts(),
    );
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([[3, '采集人', 'E_HOUSEHOLD_MISMATCH']]);
  });

  it('a re-import without the columns keeps the recorded provenance; with them, replaces it', async () => {
    const head = person('PV-1', T.villageA1, '龙一', 'head', '1', '1968-03-03');
    const before = await yearOf('PV-1');
    // the same person (same ID number) as in the first test: read it back
    const id = await tdb.db
      .selectFrom('member')
      .select('id_number')
      .where('name', '=', '龙一')
      .executeTakeFirstOrThrow();
    head[3] = id.id_number;
    head[7] = '13000'; // a changed wage: the household is rewritten
    const r1 = await importFile(tdb.db, csv([{ cells: head, extra: [] }], []), opts());
    expect(r1.errors).toEqual([]);
    expect(await yearOf('PV-1')).toEqual(before);
    const r2 = await importFile(
      tdb.db,
      csv([{ cells: head, extra: ['赵', '2026-11-30'] }], ['采集人', '采集日期']),
      opts(),
    );
    expect(r2.errors).toEqual([]);
    expect(await yearOf('PV-1')).toEqual({ recorded_by: '赵', collected_on: '2026-11-30' });
  });

  it('the template lists both columns', async () => {
    const wb = await buildTemplate();
    const headers = (wb.getWorksheet('农户成员')!.getRow(1).values as unknown[]).filter(Boolean);
    expect(headers).toEqual(expect.arrayContaining(['采集人', '采集日期']));
  });
});
