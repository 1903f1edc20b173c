import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/**
 * Knowledge (issue 21 items 1-2): the measure catalogue as a regional setting (a county's own entry
 * invisible to another county, a county override winning over the national entry), the eligibility
 * of a household for each measure with reasons and policy basis, the policy library searched in
 * Chinese.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const OTHER_COUNTY = '433122';
const OTHER_VILLAGE = '433122100201';

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
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'cty', 'county_officer', T.county);
  await createUser(tdb.db, 'cty2', 'county_officer', OTHER_COUNTY);
  await createUser(tdb.db, 'vil2', 'village_cadre', OTHER_VILLAGE);
  await createUser(tdb.db, 'adm', 'admin', '');
  app = await testApp(tdb.db);
  for (const u of ['vil', 'cty', 'cty2', 'vil2', 'adm']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

type Method = 'GET' | 'PATCH' | 'POST';
const send = (user: string, method: Method, url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: { cookie: cookies[user]! } });

interface Entry {
  code: string;
  region: string;
  defaultAmount: number | null;
  version: number;
  descriptionZh: string;
  policyBasis: string[];
}
const catalogue = async (user: string) => {
  const res = await send(user, 'GET', '/api/plans/catalogue');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Entry[];
};

describe('the catalogue as a regional setting', () => {
  const teaGarden = {
    code: 'tea_garden_shares',
    nameZh: '茶园入股分红',
    nameEn: 'tea garden shares',
    batch: 'production',
    measureType: 'industry',
    causes: ['land', 'capital'],
    labour: 'any',
    defaultAmount: 1500,
    descriptionZh: '县内茶叶合作社吸收入股。',
    eligibility: { all: [{ test: 'able_member' }, { test: 'cause', in: ['land', 'capital'] }] },
    howToApplyZh: '向村委会报名。',
    documents: ['身份证'],
    contact: '县茶叶办',
    policyBasis: ['zf2015_34'],
    reason: '县特色产业',
  };

  it('a county officer adds a county-only entry that another county does not see', async () => {
    expect((await send('vil', 'POST', '/api/plans/catalogue', teaGarden)).statusCode).toBe(403);
    const bad = await send('cty', 'POST', '/api/plans/catalogue', {
      ...teaGarden,
      eligibility: { test: 'flying' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('body.eligibility');
    const ok = await send('cty', 'POST', '/api/plans/catalogue', teaGarden);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ code: teaGarden.code, region: T.county, version: 1 });

    expect((await catalogue('cty')).find((e) => e.code === teaGarden.code)).toMatchObject({
      region: T.county,
    });
    expect((await catalogue('vil')).some((e) => e.code === teaGarden.code)).toBe(true);
    expect((await catalogue('cty2')).some((e) => e.code === teaGarden.code)).toBe(false);
    expect((await catalogue('vil2')).some((e) => e.code === teaGarden.code)).toBe(false);
    // another county can neither change it nor learn of it
    const foreign = await send('cty2', 'PATCH', `/api/plans/catalogue/${teaGarden.code}`, {
      version: 1,
      sort: 5,
    });
    expect(foreign.statusCode).toBe(404);
    // and may add its own entry of the same code
    expect((await send('cty2', 'POST', '/api/plans/catalogue', teaGarden)).statusCode).toBe(200);
    // a second one in the same county is refused
    expect((await send('cty', 'POST', '/api/plans/catalogue', teaGarden)).statusCode).toBe(400);
  });

  it("a county's override of a national entry wins in that county only; the national row is the admin's", async () => {
    const national = (await catalogue('cty')).find((e) => e.code === 'dibao')!;
    expect(national).toMatchObject({ region: '', defaultAmount: 4800 });
    const stale = await send('cty', 'PATCH', '/api/plans/catalogue/dibao', {
      version: national.version + 1,
      defaultAmount: 6000,
    });
    expect(stale.statusCode).toBe(409);
    const ovr = await send('cty', 'PATCH', '/api/plans/catalogue/dibao', {
      version: national.version,
      defaultAmount: 6000,
      reason: '本县低保标准高于全国平均',
    });
    expect(ovr.statusCode, ovr.body).toBe(200);
    expect(ovr.json()).toMatchObject({ region: T.county, defaultAmount: 6000, version: 1 });
    // the override carries the inherited explanation
    expect(ovr.json().descriptionZh).toBe(national.descriptionZh);
    expect(ovr.json().policyBasis).toEqual(national.policyBasis);

    expect((await catalogue('vil')).find((e) => e.code === 'dibao')).toMatchObject({
      region: T.county,
      defaultAmount: 6000,
    });
    expect((await catalogue('cty2')).find((e) => e.code === 'dibao')).toMatchObject({
      region: '',
      defaultAmount: 4800,
    });
    const [event] = (await auditEventsOf(tdb.db, 'catalogue.update')).slice(-1);
    expect(event).toMatchObject({ region_code: T.county, reason: '本县低保标准高于全国平均' });

    // the admin keeps the national entry: the county's override still wins in its county
    const adm = await send('adm', 'PATCH', '/api/plans/catalogue/dibao', {
      version: national.version,
      defaultAmount: 5000,
    });
    expect(adm.statusCode, adm.body).toBe(200);
    expect(adm.json()).toMatchObject({ region: '', defaultAmount: 5000 });
    expect((await catalogue('cty2')).find((e) => e.code === 'dibao')!.defaultAmount).toBe(5000);
    expect((await catalogue('vil')).find((e) => e.code === 'dibao')!.defaultAmount).toBe(6000);
  });
});

describe('the measures a household is eligible for', () => {
  it('gives each measure its decision with reasons, how to apply and the policy basis', async () => {
    const h = await createHousehold(tdb.db, {
      village: T.villageA1,
      cause: 'illness',
      members: [
        { name: '龙大山', sex: '1', birth: '1975-04-02', relation: 'head', health: 'chronic' },
        { name: '龙小妹', sex: '2', birth: '2013-09-01', relation: 'daughter' },
      ],
    });
    await tdb.db.updateTable('household').set({ house_grade: 'D' }).where('id', '=', h.id).execute();
    await tdb.db
      .updateTable('member')
      .set({ labour_capacity: 'ordinary' })
      .where('name', '=', '龙大山')
      .execute();
    await tdb.db
      .updateTable('member')
      .set({ labour_capacity: 'none', student_status: 'junior' })
      .where('name', '=', '龙小妹')
      .execute();
    expect((await send('vil2', 'GET', `/api/households/${h.id}/eligible-measures`)).statusCode).toBe(404);
    const res = await send('vil', 'GET', `/api/households/${h.id}/eligible-measures`);
    expect(res.statusCode, res.body).toBe(200);
    type M = {
      code: string;
      decision: string;
      reasons: { criterion: string; passed: boolean; label_zh: string }[];
      howToApplyZh: string;
      policyDocuments: { title: string; docNo: string | null }[];
    };
    const ms = res.json().measures as M[];
    const by = (c: string) => ms.find((m) => m.code === c)!;
    expect(by('education_aid').decision).toBe('eligible');
    expect(by('education_aid').reasons[0]).toMatchObject({
      criterion: 'eligibility.school_child',
      passed: true,
    });
    expect(by('house_renovation').decision).toBe('eligible');
    expect(by('safe_water').decision).toBe('verify'); // no drinking-water fact recorded
    expect(by('dibao').decision).toBe('not_eligible'); // someone can work and the household is on no roll
    expect(by('dibao').howToApplyZh).toContain('乡镇人民政府');
    expect(by('dibao').policyDocuments.map((d) => d.docNo)).toEqual(
      expect.arrayContaining(['民发〔2021〕57号', '国务院令第649号']),
    );
    // the county's own measure is offered in its county
    expect(by('tea_garden_shares').decision).toBe('not_eligible'); // cause illness is not land or capital
    // the village cadre may not read health: the illness reason is withheld, the decision stays
    expect(by('medical_assistance').decision).toBe('eligible');
    expect(by('medical_assistance').reasons.map((r) => r.criterion)).toEqual(['withheld']);
    // eligible first
    const order = ms.map((m) => m.decision);
    expect(order.indexOf('not_eligible')).toBeGreaterThan(order.lastIndexOf('eligible'));
  });
});

describe('the policy library', () => {
  const titles = async (user: string, q: string) => {
    const res = await send(user, 'GET', `/api/policy-library/documents?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { title: string }[]).map((d) => d.title);
  };

  it('is searched in Chinese: by words of the summary, by a number, by several terms', async () => {
    const dibao = await titles('vil', '低保');
    expect(dibao).toContain('最低生活保障审核确认办法');
    expect(dibao).toContain('社会救助暂行办法');
    expect(dibao).not.toContain('特困人员认定办法');
    expect(await titles('vil', '中发〔2015〕34号')).toEqual(['中共中央 国务院关于打赢脱贫攻坚战的决定']);
    const monitoring = await titles('vil', '返贫 监测');
    expect(monitoring.slice(0, 2).sort()).toEqual([
      '关于健全防止返贫动态监测和帮扶机制的指导意见',
      '关于建立防止返贫监测和帮扶机制的指导意见',
    ]);
    expect(await titles('vil', '飞机场')).toEqual([]);
    expect((await titles('vil', '')).length).toBeGreaterThanOrEqual(10);
  });

  it("a county's document is found in its county and not in another", async () => {
    const add = await send('cty', 'POST', '/api/policy-library/documents', {
      title: '花垣县茶叶产业奖补实施细则（示例）',
      issuer: '花垣县农业农村局',
      issuedOn: '2024-03-01',
      body: '摘要：对种植茶叶的脱贫户按面积奖补。',
    });
    expect(add.statusCode, add.body).toBe(200);
    expect(add.json()).toMatchObject({ region: T.county, level: 'county', bodyIsSummary: true });
    expect(await titles('vil', '茶叶')).toEqual(['花垣县茶叶产业奖补实施细则（示例）']);
    expect(await titles('cty2', '茶叶')).toEqual([]);
    expect((await send('cty2', 'GET', `/api/policy-library/documents/${add.json().id}`)).statusCode).toBe(
      404,
    );
    expect(
      (await send('vil', 'POST', '/api/policy-library/documents', { title: '村规', issuer: '村委会' }))
        .statusCode,
    ).toBe(403);
    const bad = await send('cty', 'POST', '/api/policy-library/documents', {
      title: '倒置日期',
      issuer: '县政府',
      effectiveFrom: '2024-05-01',
      effectiveTo: '2024-01-01',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('links documents to the rules, parameters and catalogue entries they ground', async () => {
    const basis = (await send('vil', 'GET', '/api/policy-library/basis')).json() as {
      kind: string;
      key: string;
      docNo: string | null;
    }[];
    expect(basis.filter((b) => b.kind === 'rule' && b.key === 'dibao').map((b) => b.docNo)).toContain(
      '民发〔2021〕57号',
    );
    expect(basis.some((b) => b.kind === 'param' && b.key === 'povertyLine')).toBe(true);
    const list = (
      await send(
        'vil',
        'GET',
        `/api/policy-library/documents?q=${encodeURIComponent('最低生活保障审核确认办法')}`,
      )
    ).json() as { id: string }[];
    const doc = (await send('vil', 'GET', `/api/policy-library/documents/${list[0]!.id}`)).json();
    expect(doc.grounds).toEqual(expect.arrayContaining([{ kind: 'rule', key: 'dibao' }]));
    expect(doc.catalogueEntries.map((e: { code: string }) => e.code)).toContain('dibao');
  });
});
