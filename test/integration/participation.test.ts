import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { makeUscc } from '../../src/domain/participation/uscc.js';
import { confirmDelivery } from '../../src/modules/participation/service.js';
import { organisationMayReach, registeredRoutes } from '../../src/server/organisation-guard.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const PW = 'test-password-1';
/** Personal data of the households behind the needs: none of it may reach an organisation. */
const SECRET: string[] = [];
let hA: string;
let hB: string;

// response bodies are read loosely in tests
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;
const req = async (who: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const res = await app.inject({
    method,
    url,
    payload: method === 'POST' ? ((payload ?? {}) as object) : undefined,
    headers: who ? { cookie: cookies[who]! } : {},
  });
  return { status: res.statusCode, body: res.body, json: () => res.json() as Body };
};
const ok = async (who: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const r = await req(who, method, url, payload);
  if (r.status !== 200) throw new Error(`${method} ${url} as ${who}: ${r.status} ${r.body}`);
  return r.json();
};

async function registerOrg(username: string, body: Record<string, unknown> = {}) {
  return req(null, 'POST', '/api/org/register', {
    name: `测试公益组织${username}`,
    kind: 'ngo',
    creditCode: makeUscc(
      '52',
      '433124',
      `MJ${String(username.length).padStart(2, '0')}${username
        .slice(0, 5)
        .toUpperCase()
        .padEnd(5, '0')
        .replace(/[IOSVZ]/g, '1')}`,
    ),
    contactPerson: '联络人',
    contactPhone: '0743-1234567',
    regionCode: T.county,
    username,
    password: PW,
    ...body,
  });
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  const a = await createHousehold(db, {
    village: T.villageA1,
    members: [
      { name: '麻秀英', sex: '2', birth: '1968-04-02', relation: 'head' },
      { name: '龙金华', sex: '1', birth: '2008-09-01', relation: 'son' },
    ],
  });
  hA = a.id;
  await db
    .updateTable('household')
    .set({ address: '十八洞村梨子寨3组17号', phone: '13907431234' })
    .where('id', '=', hA)
    .execute();
  const b = await createHousehold(db, { village: T.villageB1, headName: '石老三' });
  hB = b.id;
  await db.updateTable('household').set({ address: '花垣镇测试乙村2组5号' }).where('id', '=', hB).execute();
  const members = await db.selectFrom('member').select(['name', 'id_number']).execute();
  SECRET.push(
    ...members.flatMap((m) => [m.name, m.id_number]),
    '十八洞村梨子寨3组17号',
    '13907431234',
    '13812345678',
    '花垣镇测试乙村2组5号',
    '十八洞村',
    '测试乙村',
  );
  await createUser(db, 'adm', 'admin', '');
  await createUser(db, 'cty', 'county_officer', T.county);
  await createUser(db, 'twnA', 'township_officer', T.townshipA);
  await createUser(db, 'vilA', 'village_cadre', T.villageA1);
  await createUser(db, 'vilB', 'village_cadre', T.villageB1);
  app = await testApp(db);
  for (const u of ['adm', 'cty', 'twnA', 'vilA', 'vilB']) cookies[u] = await login(app, u, PW);
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('registration and approval', () => {
  it('validates the unified social credit code and the form', async () => {
    const bad = await registerOrg('badcode', { creditCode: '91433124MA4L0X2Y10' });
    expect(bad.status).toBe(400);
    expect(bad.json().message).toMatch(/creditCode: check character/);
    const missing = await registerOrg('nocode', { creditCode: undefined, kind: 'enterprise' });
    expect(missing.status).toBe(400);
    const region = await registerOrg('noregion', { regionCode: '439999' });
    expect(region.status).toBe(400);
  });

  it('registers as pending; the account exists only after a county officer approves', async () => {
    const r = await registerOrg('helper1');
    expect(r.status).toBe(200);
    expect(r.json().status).toBe('pending');
    const id = r.json().id as string;
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'helper1', password: PW },
        })
      ).statusCode,
    ).toBe(401);
    // a township officer may not review; a village cadre neither
    expect((await req('twnA', 'POST', `/api/org/organisations/${id}/approve`, {})).status).toBe(403);
    const list = await ok('cty', 'GET', '/api/org/organisations?status=pending');
    expect(list.items.map((o: { id: string }) => o.id)).toContain(id);
    expect((await ok('cty', 'POST', `/api/org/organisations/${id}/approve`, {})).status).toBe('approved');
    expect((await req('cty', 'POST', `/api/org/organisations/${id}/approve`, {})).status).toBe(409);
    cookies.org = await login(app, 'helper1', PW);
    const me = await ok('org', 'GET', '/api/auth/me');
    expect(me.user.role).toBe('organisation');
    // a second organisation, also approved (for "someone else's pledge")
    const r2 = await registerOrg('helper2', { kind: 'volunteer', creditCode: undefined });
    await ok('cty', 'POST', `/api/org/organisations/${r2.json().id}/approve`, {});
    cookies.org2 = await login(app, 'helper2', PW);
  });

  it('rejects with a reason, and a duplicate credit code is refused', async () => {
    const code = makeUscc('91', '433124', 'MA4L0X2Y1');
    const r = await registerOrg('dupe1', { creditCode: code, kind: 'enterprise' });
    expect(r.status).toBe(200);
    expect((await registerOrg('dupe2', { creditCode: code, kind: 'enterprise' })).status).toBe(409);
    expect(
      (await req('cty', 'POST', `/api/org/organisations/${r.json().id}/reject`, { reason: '' })).status,
    ).toBe(400);
    expect(
      (await ok('cty', 'POST', `/api/org/organisations/${r.json().id}/reject`, { reason: '材料不全' }))
        .status,
    ).toBe('rejected');
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'dupe1', password: PW },
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe('organisation accounts: deny by default', () => {
  it('gets 403 or 404 on every registered route outside its prefixes', async () => {
    const routes = registeredRoutes(app).filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
    expect(routes.length).toBeGreaterThan(40);
    const outside = routes.filter((r) => !organisationMayReach(r.url));
    expect(outside.some((r) => r.url === '/api/households')).toBe(true);
    expect(outside.some((r) => r.url.startsWith('/api/audit'))).toBe(true);
    const reached: string[] = [];
    for (const r of outside) {
      const url = r.url.replace(/:[^/]+/g, '1').replace(/\*/g, 'x');
      if (!url.startsWith('/api')) continue; // the web app's files are public
      const res = await app.inject({
        method: r.method as 'GET',
        url,
        headers: { cookie: cookies.org! },
        payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      });
      if (res.statusCode !== 403 && res.statusCode !== 404)
        reached.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(reached).toEqual([]);
    // the same routes still work for officers (the guard is specific to organisations)
    expect((await req('cty', 'GET', '/api/households')).status).toBe(200);
    // and with odd spellings of a URL
    for (const u of ['/api/households?x=/api/needs', '/api/needs/../households', '/api//households'])
      expect([403, 404], u).toContain((await req('org', 'GET', u)).status);
    // a path that is no API route gets at most the web app's page, never data
    const upper = await app.inject({
      method: 'GET',
      url: '/API/households',
      headers: { cookie: cookies.org! },
    });
    expect(upper.headers['content-type'] ?? '').not.toMatch(/json/);
  });

  it('is refused the officers-only participation endpoints', async () => {
    for (const [m, u] of [
      ['GET', '/api/needs'],
      ['GET', '/api/needs/stats'],
      ['GET', '/api/products/income'],
      ['GET', '/api/org/organisations'],
      ['POST', '/api/org/organisations/1/approve'],
    ] as const)
      expect((await req('org', m, u, {})).status, `${m} ${u}`).toBe(403);
    expect(
      (
        await req('org', 'POST', '/api/needs', {
          kind: 'jobs',
          source: 'village',
          villageCode: T.villageA1,
          title: '岗位',
          amount: 0,
        })
      ).status,
    ).toBe(403);
  });
});

const needIds: Record<string, string> = {};

describe('needs board', () => {
  it('cadres publish needs in scope; personal data in the text is refused', async () => {
    const leak = await req('vilA', 'POST', '/api/needs', {
      kind: 'school_aid',
      source: 'household',
      householdId: hA,
      title: '麻秀英的儿子需要学费',
      amount: 3000,
    });
    expect(leak.status).toBe(400);
    expect(leak.json().details.field).toBe('title');
    const phone = await req('vilA', 'POST', '/api/needs', {
      kind: 'school_aid',
      source: 'household',
      householdId: hA,
      title: '学费资助',
      description: '联系 13907431234',
      amount: 3000,
    });
    expect(phone.status).toBe(400);
    // out of scope: village cadre A may not publish for a household of village B
    expect(
      (
        await req('vilA', 'POST', '/api/needs', {
          kind: 'jobs',
          source: 'household',
          householdId: hB,
          title: '就业岗位',
          amount: 0,
        })
      ).status,
    ).toBe(403);
    needIds.school = (
      await ok('vilA', 'POST', '/api/needs', {
        kind: 'school_aid',
        source: 'household',
        householdId: hA,
        title: '高中生学费资助',
        description: '一名高二学生，家庭因病致贫，需要一学年学费与住宿费。',
        amount: 3000,
      })
    ).id;
    needIds.road = (
      await ok('vilA', 'POST', '/api/needs', {
        kind: 'village_project',
        source: 'village',
        villageCode: T.villageA1,
        title: '村组道路硬化',
        description: '约 800 米村组道路需要水泥硬化。',
        amount: 120000,
      })
    ).id;
    needIds.house = (
      await ok('vilB', 'POST', '/api/needs', {
        kind: 'house_repair',
        source: 'household',
        householdId: hB,
        title: '危房屋顶修缮',
        description: '二级危房，屋顶漏雨。',
        amount: 8000,
      })
    ).id;
    needIds.daily = (
      await ok('twnA', 'POST', '/api/needs', {
        kind: 'daily_necessities',
        source: 'village',
        villageCode: T.villageA2,
        title: '冬季棉被',
        description: '20 床冬季棉被。',
        amount: 4000,
      })
    ).id;
  });

  it('organisations see the anonymised board, pledge, and deliver', async () => {
    const board = await ok('org', 'GET', '/api/needs/board');
    expect(board.total).toBe(4);
    const school = board.items.find((n: { id: string }) => n.id === needIds.school);
    expect(school.township).toEqual({ code: T.townshipA, name: '双龙镇' });
    expect(school).not.toHaveProperty('village');
    expect(school).not.toHaveProperty('householdId');
    // deliver before pledge → 409; pledge; another organisation cannot pledge or deliver it
    expect(
      (await req('org', 'POST', `/api/needs/${needIds.school}/deliver`, { note: '已送达' })).status,
    ).toBe(409);
    expect(
      (
        await ok('org', 'POST', `/api/needs/${needIds.school}/pledge`, {
          amount: 3000,
          expectedDate: '2026-12-20',
        })
      ).status,
    ).toBe('pledged');
    expect((await req('org2', 'POST', `/api/needs/${needIds.school}/pledge`, { amount: 100 })).status).toBe(
      409,
    );
    expect((await req('org2', 'POST', `/api/needs/${needIds.school}/deliver`, { note: 'x' })).status).toBe(
      403,
    );
    await ok('org', 'POST', `/api/needs/${needIds.road}/pledge`, { amount: 100000, note: '企业捐资' });
    await ok('org2', 'POST', `/api/needs/${needIds.house}/pledge`, { amount: 8000 });
    expect(
      (await ok('org', 'POST', `/api/needs/${needIds.school}/deliver`, { note: '学费已转入学校账户' }))
        .status,
    ).toBe('delivered');
    expect(
      (await ok('org', 'POST', `/api/needs/${needIds.road}/deliver`, { note: '资金已拨付村集体' })).status,
    ).toBe('delivered');
    const mine = await ok('org', 'GET', '/api/org/pledges');
    expect(mine.items.map((n: { id: string }) => n.id).sort()).toEqual([needIds.school, needIds.road].sort());
    expect(mine.items.every((n: { pledgedByMe: boolean }) => n.pledgedByMe)).toBe(true);
  });

  it('the village confirms a village need; a household need only with a reason; other villages not at all', async () => {
    expect((await req('vilB', 'POST', `/api/needs/${needIds.road}/confirm`, { note: '已验收' })).status).toBe(
      403,
    );
    expect(
      (await ok('vilA', 'POST', `/api/needs/${needIds.road}/confirm`, { note: '道路已验收', rating: 5 }))
        .status,
    ).toBe('confirmed');
    const noReason = await req('vilA', 'POST', `/api/needs/${needIds.school}/confirm`, { note: '已收到' });
    expect(noReason.status).toBe(400);
    expect(noReason.json().details.field).toBe('onBehalfReason');
    const list = await ok('vilA', 'GET', '/api/needs');
    const school = list.items.find((n: { id: string }) => n.id === needIds.school);
    expect(school.status).toBe('delivered');
    expect(school.householdId).toBe(hA);
    expect(school.organisation.name).toBe('测试公益组织helper1');
    expect(list.items.some((n: { id: string }) => n.id === needIds.house)).toBe(false); // village B is out of scope
  });

  it('confirmDelivery: the household itself confirms (the portal will call this)', async () => {
    await tdb.db.transaction().execute(async (trx) => {
      await expect(
        confirmDelivery(trx, needIds.school!, {
          by: 'household',
          householdId: hB,
          note: 'x',
          at: new Date(),
        }),
      ).rejects.toThrow(/not a need of household/);
    });
    await tdb.db.transaction().execute((trx) =>
      confirmDelivery(trx, needIds.school!, {
        by: 'household',
        householdId: hA,
        note: '孩子已入学',
        rating: 5,
        at: new Date(),
      }),
    );
    const row = await tdb.db
      .selectFrom('need')
      .selectAll()
      .where('id', '=', needIds.school!)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('confirmed');
    expect(row.confirmed_by).toBe('household');
    const ev = await tdb.db
      .selectFrom('audit_event')
      .select(['action', 'actor_name'])
      .where('entity_type', '=', 'need')
      .where('entity_id', '=', needIds.school!)
      .orderBy('id')
      .execute();
    expect(ev.map((e) => e.action)).toEqual(['need.publish', 'need.pledge', 'need.deliver', 'need.confirm']);
  });

  it('matching statistics by region and organisation', async () => {
    const s = await ok('cty', 'GET', '/api/needs/stats');
    expect(s.total.total).toBe(4);
    expect(s.total.matched).toBe(3);
    expect(s.total.shareMatched).toBeCloseTo(0.75);
    expect(s.total.valueDelivered).toBe(103000);
    expect(s.total.medianDaysToMatch).toBeGreaterThanOrEqual(0);
    const a = s.byTownship.find((t: { key: string }) => t.key === T.townshipA);
    expect(a).toMatchObject({ total: 3, matched: 2, confirmed: 2 });
    const o = s.byOrganisation.find((t: { name: string }) => t.name === '测试公益组织helper1');
    expect(o).toMatchObject({ matched: 2, valueDelivered: 103000 });
    const vil = await ok('vilA', 'GET', '/api/needs/stats');
    expect(vil.total.total).toBe(2);
    expect((await req('vilA', 'GET', `/api/needs/stats?region=${T.county}`)).status).toBe(403);
  });
});

describe('consumption assistance', () => {
  let productId: string;
  it('lists products linked to households, orders, fulfilment and income allocation', async () => {
    const hA2 = (await createHousehold(tdb.db, { village: T.villageA2 })).id;
    expect(
      (
        await req('twnA', 'POST', '/api/products', {
          name: '黄金茶',
          producerKind: 'cooperative',
          townshipCode: T.townshipA,
          unit: '斤',
          price: 100,
          quantityAvailable: 50,
          householdIds: [hA],
        })
      ).status,
    ).toBe(400); // cooperative without its name
    expect(
      (
        await req('twnA', 'POST', '/api/products', {
          name: '腊肉',
          producerKind: 'household',
          townshipCode: T.townshipA,
          unit: '斤',
          price: 60,
          quantityAvailable: 50,
          householdIds: [hB],
        })
      ).status,
    ).toBe(404); // household of another township, out of scope: as if it did not exist
    productId = (
      await ok('twnA', 'POST', '/api/products', {
        name: '十八洞黄金茶',
        producerKind: 'cooperative',
        producerName: '双龙镇黄金茶专业合作社',
        townshipCode: T.townshipA,
        unit: '斤',
        price: 100,
        quantityAvailable: 50,
        season: '春季',
        householdIds: [hA, hA2],
      })
    ).id;
    const list = await ok('org', 'GET', '/api/products');
    const p = list.items.find((x: { id: string }) => x.id === productId);
    expect(p).toMatchObject({
      producerName: '双龙镇黄金茶专业合作社',
      households: null,
      quantityAvailable: 50,
    });
    expect((await req('org', 'POST', `/api/products/${productId}/orders`, { quantity: 51 })).status).toBe(
      400,
    );
    const order = await ok('org', 'POST', `/api/products/${productId}/orders`, {
      quantity: 10,
      kind: 'commitment',
    });
    expect(order.amount).toBe(1000);
    expect((await req('org', 'POST', `/api/products/orders/${order.id}/fulfil`, {})).status).toBe(403);
    expect((await ok('twnA', 'POST', `/api/products/orders/${order.id}/fulfil`, {})).households).toBe(2);
    const inc = await ok('cty', 'GET', '/api/products/income');
    expect(inc.total).toBe(1000);
    expect(inc.households).toBe(2);
    expect(inc.topHouseholds.map((h: { amount: number }) => h.amount)).toEqual([500, 500]);
    const me = await ok('org', 'GET', '/api/org/me');
    expect(me.totals).toMatchObject({
      orders: 1,
      orderAmount: 1000,
      incomeReachedHouseholds: 1000,
      pledges: 2,
      confirmed: 2,
    });
    expect((await ok('org', 'GET', '/api/products/orders')).items).toHaveLength(1);
    expect((await ok('org2', 'GET', '/api/products/orders')).items).toHaveLength(0);
  });
});

describe('anonymity: nothing personal reaches an organisation', () => {
  it('scans every board and organisation response for names, IDs, phones, addresses and village codes', async () => {
    const urls = [
      '/api/needs/board',
      '/api/needs/board?status=open',
      `/api/needs/board?township=${T.townshipA}`,
      '/api/needs/board?kind=school_aid',
      '/api/org/pledges',
      '/api/org/me',
      '/api/products',
      '/api/products/orders',
      '/api/auth/me',
      '/api/org/regions',
      `/api/org/regions?parent=${T.county}`,
    ];
    const bodies: string[] = [];
    for (const who of ['org', 'org2', null]) {
      for (const u of urls) {
        const r = await req(who, 'GET', u);
        if (who === null && !u.startsWith('/api/org/regions')) expect(r.status, u).toBe(401);
        else expect(r.status, `${who} ${u}`).toBe(200);
        if (u.includes('parent=')) continue; // the public division list names villages by design
        bodies.push(r.body);
      }
    }
    const all = bodies.join('\n');
    expect(all).toContain('高中生学费资助'); // the scan reads real content
    for (const s of SECRET) expect(all, s).not.toContain(s);
    expect(all).not.toMatch(/\d{17}[\dX]/);
    expect(all).not.toMatch(/(^|\D)1[3-9]\d{9}(\D|$)/);
    expect(all).not.toMatch(/(^|\D)\d{12}(\D|$)/);
  });
});
