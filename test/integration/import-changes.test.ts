import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditService } from '../../src/modules/audit/service.js';
import { importFile, type ImportOptions } from '../../src/modules/import/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { seedRegions, T } from '../helpers/factory.js';
import { HEADERS, person, writeCsv } from '../helpers/import-files.js';

/** Issue 16 item 7: a re-import reports created, updated and unchanged households apart. */
let tdb: TestDatabase;

const opts = (o: Partial<ImportOptions> = {}): ImportOptions => ({
  actor: { id: null, name: 'test' },
  scope: '',
  acceptValid: false,
  dryRun: false,
  incomeCeiling: 200_000,
  today: '2026-12-07',
  ...o,
});

const col = (h: (typeof HEADERS)[number]) => HEADERS.indexOf(h);

/** Three households (one of two persons), one row per member. */
const rows = [
  person('CH-0001', T.villageA1, '龙一', 'head', '1', '1968-03-03', { 户类型: '一般贫困户' }),
  person('CH-0001', T.villageA1, '石一', 'spouse', '2', '1970-04-04', { 户类型: '一般贫困户' }),
  person('CH-0002', T.villageA1, '麻二', 'head', '2', '1955-05-05'),
  person('CH-0003', T.villageA2, '吴三', 'head', '1', '1960-06-06'),
];

/** What an import leaves behind: versions and update times of the households, change-capture rows. */
async function footprint() {
  const h = await tdb.db
    .selectFrom('household')
    .select(['household_no', 'version', 'updated_at'])
    .where('household_no', 'like', 'CH-%')
    .orderBy('household_no')
    .execute();
  const members = await sql<{ id: string }>`select m.id::text as id from member m
    join household h on h.id = m.household_id where h.household_no like 'CH-%' order by m.id`.execute(tdb.db);
  const changes = await sql<{ n: string }>`select count(*)::text as n from row_change`.execute(tdb.db);
  return { h, members: members.rows.map((r) => r.id), changes: changes.rows[0]!.n };
}

const lastAudit = async () =>
  (
    await tdb.db
      .selectFrom('audit_event')
      .select('after')
      .where('action', '=', 'household.import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
  ).after as Record<string, unknown>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
});
afterAll(async () => tdb?.drop());

describe('import: created, updated and unchanged households', () => {
  const file = () => writeCsv(rows);

  it('a first import creates every household', async () => {
    const r = await importFile(tdb.db, file(), opts());
    expect(r.households).toEqual({ imported: 3, rejected: 0, created: 3, updated: 0, unchanged: 0 });
    expect(await lastAudit()).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
  });

  it('re-importing the same file: all unchanged, nothing rewritten (no version bump, no change capture)', async () => {
    const before = await footprint();
    const dry = await importFile(tdb.db, file(), opts({ dryRun: true }));
    expect(dry.households).toEqual({ imported: 3, rejected: 0, created: 0, updated: 0, unchanged: 3 });
    const r = await importFile(tdb.db, file(), opts());
    expect(r.households).toEqual({ imported: 3, rejected: 0, created: 0, updated: 0, unchanged: 3 });
    expect(await footprint()).toEqual(before);
    expect(await lastAudit()).toMatchObject({ households: 3, created: 0, updated: 0, unchanged: 3 });
    // the import's job record carries the counts too
    const job = await tdb.db
      .selectFrom('import_job')
      .select('report')
      .where('committed', '=', true)
      .orderBy('finished_at', 'desc')
      .executeTakeFirstOrThrow();
    expect((job.report as { households: unknown }).households).toMatchObject({ created: 0, unchanged: 3 });
  });

  it('one changed value: that household updated (version bumped), the others unchanged', async () => {
    rows[2]![col('工资性收入')] = '12345';
    const before = await footprint();
    const r = await importFile(tdb.db, file(), opts());
    expect(r.households).toEqual({ imported: 3, rejected: 0, created: 0, updated: 1, unchanged: 2 });
    const after = await footprint();
    expect(after.h.map((h) => h.version)).toEqual([before.h[0]!.version, before.h[1]!.version + 1, 1]);
    expect(after.h[0]!.updated_at).toEqual(before.h[0]!.updated_at);
  });

  it('a member-level change (health) and a household field (type) each count as updated', async () => {
    rows[1]![col('健康状况')] = '长期慢性病';
    rows[3]![col('户类型')] = '低保户';
    const r = await importFile(tdb.db, file(), opts());
    expect(r.households).toEqual({ imported: 3, rejected: 0, created: 0, updated: 2, unchanged: 1 });
    const again = await importFile(tdb.db, file(), opts());
    expect(again.households).toMatchObject({ updated: 0, unchanged: 3 });
  });

  it('a member left out of the file updates the household (its members are replaced)', async () => {
    const withoutSpouse = rows.filter((_, i) => i !== 1);
    const r = await importFile(tdb.db, writeCsv(withoutSpouse), opts());
    expect(r.households).toEqual({ imported: 3, rejected: 0, created: 0, updated: 1, unchanged: 2 });
    const back = await importFile(tdb.db, file(), opts());
    expect(back.households).toMatchObject({ updated: 1, unchanged: 2 });
  });

  it('one added household: 1 created, the rest unchanged', async () => {
    rows.push(person('CH-0004', T.villageA2, '田四', 'head', '2', '1962-07-07'));
    const r = await importFile(tdb.db, file(), opts());
    expect(r.households).toEqual({ imported: 4, rejected: 0, created: 1, updated: 0, unchanged: 3 });
    expect(await lastAudit()).toMatchObject({ households: 4, created: 1, updated: 0, unchanged: 3 });
    // the chain still verifies after the imports (and the skipped rewrites)
    expect((await createAuditService(tdb.db).verify()).broken).toBeNull();
  });

  it('all-or-nothing with an error: nothing counted as imported, created, updated or unchanged', async () => {
    const bad = [...rows, person('CH-0005', '433124110999', '错', 'head', '1', '1970-01-01')];
    const r = await importFile(tdb.db, writeCsv(bad), opts());
    expect(r.households).toEqual({ imported: 0, rejected: 5, created: 0, updated: 0, unchanged: 0 });
  });
});
