import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/**
 * The practice library (案例库, issue 21 item 3): an entry from submission through the county's
 * review to its appearance among the practices relevant to a household's plan; an entry of another
 * county is invisible; unreviewed entries stay within the author's unit; bad input is refused (4xx)
 * and changes nothing. Training records of a cadre (item 8), counted per township.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const OTHER_COUNTY = '433122';
const OTHER_VILLAGE = '433122100201';
let household = '';
let project = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await tdb.db
    .insertInto('region')
    .values([
      { code: OTHER_COUNTY, level: 3, parent_code: T.prefecture, name: '泸溪县' },
      { code: '433122100', level: 4, parent_code: OTHER_COUNTY, name: '白沙镇' },
      { code: OTHER_VILLAGE, level: 5, parent_code: '433122100', name: '测试丙村' },
    ])
    .execute();
  household = (await createHousehold(tdb.db, { village: T.villageA1, status: 'poor', cause: 'skills' })).id;
  project = (
    await tdb.db
      .insertInto('project')
      .values({
        name: '茶叶基地',
        project_type: 'planting',
        village_code: T.villageA2,
        start_year: 2024,
        linkage_note: '入股分红',
        created_by: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'twnA', 'township_officer', T.townshipA);
  await createUser(tdb.db, 'twnB', 'township_officer', T.townshipB);
  await createUser(tdb.db, 'cty', 'county_officer', T.county);
  await createUser(tdb.db, 'cty2', 'county_officer', OTHER_COUNTY);
  app = await testApp(tdb.db);
  for (const u of ['vil', 'twnA', 'twnB', 'cty', 'cty2']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const send = (user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: { cookie: cookies[user]! } });

interface Practice {
  id: string;
  state: string;
  version: number;
  title: string;
  reviewNote: string | null;
}
interface Relevant {
  practice: Practice;
  place: number;
  reasons: { criterion: string; label_zh: string; value: string[] }[];
}
const list = async (user: string, query = '') => {
  const res = await send(user, 'GET', `/api/practices${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Practice[];
};
const relevantTo = async (user: string, query: string) => {
  const res = await send(user, 'GET', `/api/practices/relevant?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Relevant[];
};
const countRows = async () =>
  Number(
    (
      await tdb.db
        .selectFrom('practice')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const SKILLS_ENTRY = {
  kind: 'experience',
  regionCode: T.townshipA,
  title: '订单式技能培训带动务工',
  summary: '乡镇与县职校合作开设订单班，结业即推荐到县内工厂。',
  actions: '摸清缺技术劳动力名单；按企业用工需求开班。',
  results: '两期结业六十人，五十二人稳定务工。',
  lessons: '先找岗位再开班，培训才不落空。',
  causes: ['skills'],
  tags: ['技能培训', '就业'],
};

describe('from submission to review to relevant practices', () => {
  let id = '';

  it('a township officer submits an entry; it stays within the unit until approved', async () => {
    const res = await send('twnA', 'POST', '/api/practices', SKILLS_ENTRY);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as Practice;
    id = p.id;
    expect(p.state).toBe('submitted');
    expect((await auditEventsOf(tdb.db, 'practice.create')).map((e) => e.entity_id)).toEqual([id]);
    // the author's unit and the county see it; another township and the village below see it only approved
    expect((await list('twnA')).map((x) => x.id)).toContain(id);
    expect((await list('cty', '?state=submitted')).map((x) => x.id)).toContain(id);
    expect((await list('twnB')).map((x) => x.id)).not.toContain(id);
    expect((await send('twnB', 'GET', `/api/practices/${id}`)).statusCode).toBe(404);
    expect(await relevantTo('vil', `householdId=${household}`)).toEqual([]);
  });

  it('only the county reviews; a return needs a note; a stale version is refused', async () => {
    expect(
      (await send('twnA', 'POST', `/api/practices/${id}/review`, { decision: 'approve', version: 1 }))
        .statusCode,
    ).toBe(403);
    expect(
      (await send('cty2', 'POST', `/api/practices/${id}/review`, { decision: 'approve', version: 1 }))
        .statusCode,
    ).toBe(404);
    const noNote = await send('cty', 'POST', `/api/practices/${id}/review`, {
      decision: 'return',
      version: 1,
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain('body.note');
    expect(
      (await send('cty', 'POST', `/api/practices/${id}/review`, { decision: 'approve', version: 7 }))
        .statusCode,
    ).toBe(409);
    const ok = await send('cty', 'POST', `/api/practices/${id}/review`, { decision: 'approve', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('approved');
    expect((await auditEventsOf(tdb.db, 'practice.review')).length).toBe(1);
    expect(
      (await send('cty', 'POST', `/api/practices/${id}/review`, { decision: 'approve', version: 2 }))
        .statusCode,
    ).toBe(409);
  });

  it('approved, it is read county-wide and shown for the household with why', async () => {
    expect((await list('twnB')).map((x) => x.id)).toContain(id);
    const rel = await relevantTo('vil', `householdId=${household}`);
    expect(rel.map((r) => r.practice.id)).toEqual([id]);
    expect(rel[0]!.reasons.map((r) => r.criterion)).toEqual(['same_township', 'cause']);
    expect(rel[0]!.reasons[1]!.value).toEqual(['skills']);
    // searched in Chinese: every term must occur
    expect((await list('vil', `?q=${encodeURIComponent('订单 务工')}`)).map((x) => x.id)).toEqual([id]);
    expect(await list('vil', `?q=${encodeURIComponent('光伏')}`)).toEqual([]);
    expect((await list('vil', '?cause=skills&kind=experience')).map((x) => x.id)).toEqual([id]);
    expect(await list('vil', '?cause=illness')).toEqual([]);
  });

  it('a returned entry carries its note; an entry about a project comes first for that project', async () => {
    const failure = await send('cty', 'POST', '/api/practices', {
      kind: 'failure',
      regionCode: T.villageA2,
      title: '茶叶基地建成后闲置',
      summary: '基地建成后无人管护，两年未产生收益。',
      lessons: '建设前须落实经营主体。',
      projectIds: [project],
    });
    expect(failure.statusCode, failure.body).toBe(200);
    const fid = (failure.json() as Practice).id;
    const ret = await send('cty', 'POST', `/api/practices/${fid}/review`, {
      decision: 'return',
      note: '请补充整改结果',
      version: 1,
    });
    expect(ret.json().reviewNote).toBe('请补充整改结果');
    expect((await relevantTo('twnA', `projectId=${project}`)).map((r) => r.practice.id)).toEqual([id]);
    const again = await send('cty', 'POST', '/api/practices', {
      kind: 'failure',
      regionCode: T.villageA2,
      title: '茶叶基地闲置（补充整改）',
      summary: '基地建成后无人管护；已引入合作社托管。',
      projectIds: [project],
    });
    const aid = (again.json() as Practice).id;
    await send('cty', 'POST', `/api/practices/${aid}/review`, { decision: 'approve', version: 1 });
    const rel = await relevantTo('twnA', `projectId=${project}`);
    expect(rel.map((r) => r.practice.id)).toEqual([aid, id]);
    expect(rel[0]!.reasons[0]!.criterion).toBe('same_project');
  });
});

describe('scope and bad input', () => {
  it("another county's entry is invisible", async () => {
    const res = await send('cty2', 'POST', '/api/practices', { ...SKILLS_ENTRY, regionCode: OTHER_VILLAGE });
    expect(res.statusCode, res.body).toBe(200);
    const other = res.json() as Practice;
    await send('cty2', 'POST', `/api/practices/${other.id}/review`, { decision: 'approve', version: 1 });
    expect((await send('cty', 'GET', `/api/practices/${other.id}`)).statusCode).toBe(404);
    expect((await list('vil')).map((x) => x.id)).not.toContain(other.id);
    expect((await relevantTo('vil', `householdId=${household}`)).map((r) => r.practice.id)).not.toContain(
      other.id,
    );
    expect((await list('cty2')).map((x) => x.id)).toContain(other.id);
  });

  it('bad input is refused with what and where, and nothing is written', async () => {
    const before = await countRows();
    const cases: [string, object, string, number][] = [
      ['twnA', { ...SKILLS_ENTRY, kind: 'gossip' }, 'kind', 400],
      ['twnA', { ...SKILLS_ENTRY, title: '' }, 'title', 400],
      ['twnA', { ...SKILLS_ENTRY, causes: ['laziness'] }, 'causes', 400],
      ['twnA', { ...SKILLS_ENTRY, measureCodes: ['no_such_measure'] }, 'body.measureCodes', 400],
      ['twnA', { ...SKILLS_ENTRY, regionCode: T.townshipB }, T.townshipB, 403],
      ['twnA', { ...SKILLS_ENTRY, projectIds: ['999999'] }, 'project', 404],
      ['twnB', { ...SKILLS_ENTRY, regionCode: undefined, projectIds: [project] }, 'project', 404],
    ];
    for (const [user, body, where, status] of cases) {
      const res = await send(user, 'POST', '/api/practices', body);
      expect(res.statusCode, `${where}: ${res.body}`).toBe(status);
      expect(res.body).toContain(where);
    }
    expect((await send('vil', 'GET', '/api/practices/relevant')).statusCode).toBe(400);
    expect((await send('vil', 'GET', '/api/practices/relevant?householdId=abc')).statusCode).toBe(400);
    expect((await send('twnB', 'GET', `/api/practices/relevant?householdId=${household}`)).statusCode).toBe(
      404,
    );
    expect(await countRows()).toBe(before);
  });
});

describe('training records of a cadre', () => {
  let cadre = '';
  beforeAll(async () => {
    cadre = (
      await tdb.db
        .insertInto('cadre')
        .values({ name: '张培训', work_unit: '双龙镇政府', unit_level: 'township', region_code: T.villageA1 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });

  it('a township officer records training; it is listed for the cadre and counted per township', async () => {
    const body = {
      trainedOn: '2026-03-15',
      topic: '防返贫监测政策培训',
      hours: 4,
      organiser: '县乡村振兴局',
    };
    expect((await send('vil', 'POST', `/api/cadres/${cadre}/training`, body)).statusCode).toBe(403);
    expect((await send('twnB', 'POST', `/api/cadres/${cadre}/training`, body)).statusCode).toBe(404);
    expect(
      (await send('twnA', 'POST', `/api/cadres/${cadre}/training`, { ...body, hours: -1 })).statusCode,
    ).toBe(400);
    expect(
      (await send('twnA', 'POST', `/api/cadres/${cadre}/training`, { ...body, trainedOn: '2999-01-01' }))
        .statusCode,
    ).toBe(400);
    const ok = await send('twnA', 'POST', `/api/cadres/${cadre}/training`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    await send('twnA', 'POST', `/api/cadres/${cadre}/training`, {
      ...body,
      trainedOn: '2026-05-02',
      hours: 2.5,
    });
    const mine = await send('vil', 'GET', `/api/cadres/${cadre}/training`);
    expect((mine.json() as { trainedOn: string }[]).map((t) => t.trainedOn)).toEqual([
      '2026-05-02',
      '2026-03-15',
    ]);
    const sum = await send('cty', 'GET', '/api/training/summary?year=2026');
    expect(sum.json().townships).toEqual([
      { township: T.townshipA, name: '双龙镇', records: 2, cadres: 1, hours: 6.5 },
    ]);
    expect((await auditEventsOf(tdb.db, 'training.record')).length).toBe(2);
  });
});
