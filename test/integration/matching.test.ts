import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { importList, type ListImportOptions } from '../../src/modules/matching/list-import.js';
import { confirmedRedLineHits } from '../../src/modules/matching/red-line-source.js';
import { nationalDefaults } from '../../src/modules/matching/run.js';
import type { ListKind } from '../../src/domain/matching/kinds.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';
import { typo, writeListCsv, writeListXlsx } from '../helpers/list-files.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const ID = { headA: '', spouseA: '', childA: '', adultA: '', headB: '' };
let hA: string;
let hB: string;

const opts = (kind: ListKind, o: Partial<ListImportOptions> = {}): ListImportOptions => ({
  actor: { id: null, name: 'test' },
  scope: '',
  kind,
  department: '公安局',
  fileName: 'list.csv',
  paramsFor: nationalDefaults,
  today: new Date('2025-06-30T00:00:00Z'),
  ...o,
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

const flagsOf = (householdId: string) =>
  tdb.db.selectFrom('match_flag').selectAll().where('household_id', '=', householdId).orderBy('id').execute();

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  hA = (
    await createHousehold(db, {
      village: T.villageA1,
      members: [
        { name: '龙大', sex: '1', birth: '1970-03-01', relation: 'head' },
        { name: '石二妹', sex: '2', birth: '1972-05-11', relation: 'spouse' },
        { name: '龙小', sex: '1', birth: '2015-02-02', relation: 'son' },
        { name: '龙成', sex: '1', birth: '2000-01-01', relation: 'son' },
      ],
    })
  ).id;
  hB = (await createHousehold(db, { village: T.villageB1, headName: '吴乙' })).id;
  ID.headA = await idOf(hA, '龙大');
  ID.spouseA = await idOf(hA, '石二妹');
  ID.childA = await idOf(hA, '龙小');
  ID.adultA = await idOf(hA, '龙成');
  ID.headB = await idOf(hB, '吴乙');
  await createUser(db, 'adm', 'admin', '');
  await createUser(db, 'twnA', 'township_officer', T.townshipA);
  await createUser(db, 'twnB', 'township_officer', T.townshipB);
  await createUser(db, 'vil', 'village_cadre', T.villageA1);
  app = await testApp(db);
  for (const u of ['adm', 'twnA', 'twnB', 'vil']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('importing a department list', () => {
  it('flags an exact ID hit and, separately, a name + birth-date hit with a mistyped ID', async () => {
    const file = writeListCsv(
      ['公民身份号码', '姓名', '车牌号'],
      [
        [ID.headA, '龙大', '湘U12345'],
        [typo(ID.spouseA), '石二妹', '湘U54321'],
        [makeIdNumber('433124', '1980-01-01', '1', 7), '无关人', '湘U00000'],
      ],
    );
    const r = await importList(tdb.db, file, opts('vehicle'));
    expect(r.committed).toBe(true);
    expect(r.rows).toEqual({ read: 3, stored: 3, invalidIds: 1, dropped: 0 });
    expect(r.errors).toEqual([
      expect.objectContaining({ row: 3, column: '公民身份号码', code: 'E_ID_CHECK_DIGIT' }),
    ]);
    expect(r.flags).toMatchObject({ exact: 1, fuzzy: 1, flagged: 2, created: 2, existing: 0 });
    const flags = await flagsOf(hA);
    expect(flags.map((f) => [f.match_type, f.flag_kind, f.effect, f.status])).toEqual([
      ['exact_id', 'red_line', 'block', 'pending'],
      ['fuzzy_name_birth', 'red_line', 'block', 'pending'],
    ]);
    const record = await tdb.db
      .selectFrom('department_record')
      .selectAll()
      .where('id', '=', flags[0]!.record_id)
      .executeTakeFirstOrThrow();
    expect(record.attributes).toEqual({ plate_number: '湘U12345' });
  });

  it('is idempotent: the same file again, or the same rows in another file, raise no new flag', async () => {
    const rows = [[ID.headB, '吴乙', '湘U77777']];
    const file = writeListCsv(['身份证号', '姓名', '车牌号'], rows);
    const first = await importList(tdb.db, file, opts('vehicle'));
    expect(first.flags.created).toBe(1);
    const again = await importList(tdb.db, file, opts('vehicle'));
    expect(again.list).toMatchObject({ id: first.list!.id, reused: true });
    expect(again.flags).toMatchObject({ exact: 1, created: 0, existing: 1 });
    const xlsx = await writeListXlsx(['id_number', 'name', 'plate_number', '备注'], [[...rows[0]!, '年检']]);
    const other = await importList(tdb.db, xlsx, opts('vehicle', { fileName: 'list.xlsx' }));
    expect(other.list!.id).not.toBe(first.list!.id);
    expect(other.flags).toMatchObject({ created: 0, existing: 1 });
    expect(await flagsOf(hB)).toHaveLength(1);
  });

  it('derives the flag from the kind of list and the registry', async () => {
    const die = await importList(
      tdb.db,
      writeListCsv(['公民身份号码', '姓名', '死亡日期'], [[ID.adultA, '龙成', '2025-01-05']]),
      opts('death'),
    );
    expect(die.flags.created).toBe(1);
    const dibao = await importList(
      tdb.db,
      writeListCsv(['公民身份号码', '姓名'], [[ID.headA, '龙大']]),
      opts('dibao_roll'),
    );
    expect(dibao.flags.created).toBe(1);
    const school = await importList(
      tdb.db,
      writeListCsv(
        ['公民身份号码', '姓名', '学校'],
        [
          [ID.childA, '龙小', '双龙镇中心小学'],
          [ID.adultA, '龙成', '县一中'],
        ],
      ),
      opts('school_dropout'),
    );
    expect(school.flags).toMatchObject({ exact: 2, flagged: 1, created: 1 });
    const med = await importList(
      tdb.db,
      writeListCsv(
        ['公民身份号码', '姓名', '个人自付金额'],
        [
          [ID.headA, '龙大', '35,000'],
          [ID.spouseA, '石二妹', '800'],
        ],
      ),
      opts('medical_bill'),
    );
    expect(med.flags).toMatchObject({ exact: 2, flagged: 1 });
    const kinds = (await flagsOf(hA)).map((f) => `${f.list_kind}:${f.flag_kind}:${f.effect}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'death:deceased_counted:warning',
        'dibao_roll:uncovered_dibao:warning',
        'school_dropout:school_dropout:help',
        'medical_bill:large_medical_bill:help',
      ]),
    );
  });

  it('matches only within the scope of the import', async () => {
    const file = writeListCsv(
      ['公民身份号码', '姓名'],
      [
        [ID.headA, '龙大'],
        [ID.headB, '吴乙'],
      ],
    );
    const r = await importList(tdb.db, file, opts('business', { scope: T.townshipB }));
    expect(r.flags).toMatchObject({ exact: 1, created: 1 });
    const flags = await tdb.db
      .selectFrom('match_flag')
      .selectAll()
      .where('list_id', '=', r.list!.id)
      .execute();
    expect(flags.map((f) => f.household_id)).toEqual([hB]);
  });

  it('rejects a file without the required columns, writing nothing', async () => {
    const before = await tdb.db
      .selectFrom('department_list')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const r = await importList(tdb.db, writeListCsv(['姓名', '车牌号'], [['龙大', 'x']]), opts('vehicle'));
    expect(r.committed).toBe(false);
    expect(r.errors).toEqual([
      expect.objectContaining({ row: 1, column: '公民身份号码', code: 'E_MISSING_COLUMN' }),
    ]);
    const after = await tdb.db
      .selectFrom('department_list')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('matching API', () => {
  const get = (user: string, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });
  const post = (user: string, url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: { cookie: cookies[user]! }, payload });
  const upload = (user: string, query: string, body: Buffer) =>
    app.inject({
      method: 'POST',
      url: `/api/matching/lists?${query}`,
      headers: { cookie: cookies[user]!, 'content-type': 'application/octet-stream' },
      payload: body,
    });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/matching/lists',
        '/api/matching/flags',
        '/api/matching/summary',
        '/api/matching/flags/{id}/review',
        '/api/households/{id}/flags',
        '/api/duplicates',
        '/api/duplicates/dismiss',
        '/api/duplicates/merge',
        '/api/duplicates/move-out',
      ]),
    );
  });

  it('uploads a list as the request body and matches it in the uploader’s scope', async () => {
    const file = writeListCsv(
      ['公民身份号码', '姓名', '工作单位'],
      [
        [ID.spouseA, '石二妹', '县教育局'],
        [ID.headB, '吴乙', '县财政局'],
      ],
    );
    const res = await upload(
      'twnA',
      'kind=public_payroll&department=县人社局&filename=payroll.csv',
      fs.readFileSync(file),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      committed: true,
      list: { kind: 'public_payroll', department: '县人社局', fileName: 'payroll.csv', reused: false },
      flags: { exact: 1, created: 1 },
    });
    const lists = await get('twnA', '/api/matching/lists');
    expect(lists.json().items[0]).toMatchObject({
      kind: 'public_payroll',
      scopeCode: T.townshipA,
      rows: 2,
      flags: 1,
    });
  });

  it('takes the red-line effect from the policy parameters of the region (county override)', async () => {
    const { defaultParams } = await import('../../src/domain/rules/params.js');
    const redLines = defaultParams(2025).redLines.map((l) =>
      l.key === 'car' ? { ...l, effect: 'exception' } : l,
    );
    const set = await app.inject({
      method: 'PUT',
      url: '/api/policy/redLines',
      headers: { cookie: cookies.adm! },
      payload: {
        regionPrefix: T.county,
        effectiveFrom: '2020-01-01',
        value: redLines,
        reason: '农用车辆较多，改为书面说明',
      },
    });
    expect(set.statusCode).toBe(200);
    const h = await createHousehold(tdb.db, { village: T.villageA2, headName: '麻三' });
    const file = writeListCsv(['公民身份号码', '姓名'], [[h.headIdNumber, '麻三']]);
    const res = await upload('twnA', 'kind=vehicle&filename=cars.csv', fs.readFileSync(file));
    expect(res.json().flags.created).toBe(1);
    const [flag] = await flagsOf(h.id);
    expect(flag).toMatchObject({ list_kind: 'vehicle', flag_kind: 'red_line', effect: 'exception' });
  });

  it('refuses bad uploads with 400 and nothing written', async () => {
    const csv = fs.readFileSync(writeListCsv(['姓名'], [['龙大']]));
    const missing = await upload('twnA', 'kind=vehicle&filename=a.csv', csv);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      code: 'E_VALIDATION',
      details: { errors: [{ code: 'E_MISSING_COLUMN' }] },
    });
    expect((await upload('twnA', 'kind=boats&filename=a.csv', csv)).statusCode).toBe(400);
    expect((await upload('twnA', 'kind=vehicle&filename=a.pdf', csv)).statusCode).toBe(400);
    const junk = await upload(
      'twnA',
      'kind=vehicle&filename=a.xlsx',
      Buffer.from('PK\u0003\u0004 not a zip'),
    );
    expect(junk.statusCode).toBe(400);
    expect((await upload('vil', 'kind=vehicle&filename=a.csv', csv)).json().code).toBe('E_FORBIDDEN');
    expect((await upload('twnA', `kind=vehicle&filename=a.csv&region=${T.townshipB}`, csv)).statusCode).toBe(
      403,
    );
    const n = await tdb.db
      .selectFrom('department_list')
      .select('id')
      .where('file_name', '=', 'a.csv')
      .execute();
    expect(n).toHaveLength(0);
  });

  it('lists the review queue within scope, masked, with filters and counts', async () => {
    const res = await get('twnA', `/api/matching/flags?status=pending&kind=vehicle&region=${T.villageA1}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((f: { matchType: string }) => f.matchType).sort()).toEqual([
      'exact_id',
      'fuzzy_name_birth',
    ]);
    for (const f of body.items) {
      expect(f.memberIdNumber).toMatch(/^\d{6}\*{12}$/);
      expect(f.householdId).toBe(hA);
    }
    const fuzzy = body.items.find((f: { matchType: string }) => f.matchType === 'fuzzy_name_birth');
    expect(fuzzy.idDiffPositions).toEqual([16]);
    const fuzzyOnly = await get('twnA', '/api/matching/flags?matchType=fuzzy_name_birth');
    expect(
      fuzzyOnly.json().items.every((f: { matchType: string }) => f.matchType === 'fuzzy_name_birth'),
    ).toBe(true);
    expect((await get('twnA', `/api/matching/flags?region=${T.townshipB}`)).statusCode).toBe(403);
    expect((await get('vil', '/api/matching/flags?unmask=true')).statusCode).toBe(403);
    const summary = (await get('adm', '/api/matching/summary')).json();
    expect(summary.items).toEqual(
      expect.arrayContaining([
        { listKind: 'vehicle', matchType: 'fuzzy_name_birth', status: 'pending', count: 1 },
      ]),
    );
  });

  it('a township officer confirms a flag with a reason; audited; final afterwards', async () => {
    const [flag] = await tdb.db
      .selectFrom('match_flag')
      .select('id')
      .where('household_id', '=', hA)
      .where('list_kind', '=', 'vehicle')
      .where('match_type', '=', 'exact_id')
      .execute();
    const url = `/api/matching/flags/${flag!.id}/review`;
    expect((await post('vil', url, { decision: 'confirm', reason: '核实属实' })).json().code).toBe(
      'E_FORBIDDEN',
    );
    expect((await post('twnB', url, { decision: 'confirm', reason: '核实属实' })).json().code).toBe(
      'E_NOT_FOUND',
    );
    const noReason = await post('twnA', url, { decision: 'confirm', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const ok = await post('twnA', url, { decision: 'confirm', reason: '入户核实，确有小汽车' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      id: flag!.id,
      status: 'confirmed',
      reviewerName: 'twnA',
      reason: '入户核实，确有小汽车',
    });
    const again = await post('twnA', url, { decision: 'dismiss', reason: '改变主意' });
    expect(again.statusCode).toBe(409);
    const audit = await tdb.db
      .selectFrom('audit_event')
      .selectAll()
      .where('entity_type', '=', 'match_flag')
      .where('entity_id', '=', flag!.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'match_flag.confirm',
      actor_name: 'twnA',
      region_code: T.villageA1,
      before: { status: 'pending' },
      after: { status: 'confirmed', reason: '入户核实，确有小汽车' },
    });
    const hf = await get('vil', `/api/households/${hA}/flags`);
    expect(hf.json().items.find((f: { id: string }) => f.id === flag!.id)).toMatchObject({
      status: 'confirmed',
      effect: 'block',
    });
    expect((await get('vil', `/api/households/${hB}/flags`)).statusCode).toBe(404);
    const hits = await confirmedRedLineHits(tdb.db, [hA, hB]);
    expect(hits?.get(hA)).toEqual([
      expect.objectContaining({ key: 'car', source: '公安局', writtenException: null }),
    ]);
  });

  it('a dismissal also needs a reason and is recorded', async () => {
    const flag = await tdb.db
      .selectFrom('match_flag')
      .select('id')
      .where('household_id', '=', hA)
      .where('match_type', '=', 'fuzzy_name_birth')
      .executeTakeFirstOrThrow();
    const url = `/api/matching/flags/${flag.id}/review`;
    expect((await post('twnA', url, { decision: 'dismiss' })).statusCode).toBe(400);
    const res = await post('twnA', url, { decision: 'dismiss', reason: '同名同生日，非同一人' });
    expect(res.json()).toMatchObject({ status: 'dismissed' });
  });
});

describe('match CLI', () => {
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const p = spawn(process.execPath, [path.join(ROOT, 'bin/jingzhun.js'), ...args], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: tdb.url, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      p.stdout.on('data', (d) => (stdout += d));
      p.on('exit', (code) => resolve({ code, stdout }));
    });

  it('exits 0 for a clean list, 1 with row problems, 2 for bad arguments', async () => {
    const clean = writeListCsv(['公民身份号码', '姓名', '房产地址'], [[ID.headB, '吴乙', '县城某小区']]);
    const ok = await run([
      'match',
      'import',
      clean,
      '--kind',
      'real_estate',
      '--department',
      '县不动产登记中心',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ committed: true, flags: { exact: 1, created: 1 } });
    const bad = writeListCsv(['公民身份号码', '姓名'], [['12345', '某某']]);
    expect((await run(['match', 'import', bad, '--kind', 'real_estate'])).code).toBe(1);
    expect((await run(['match', 'import', clean, '--kind', 'boats'])).code).toBe(2);
    expect((await run(['match', 'import', '/nonexistent.csv', '--kind', 'vehicle'])).code).toBe(2);
  });
});
