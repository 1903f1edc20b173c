import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { migrate } from '../../src/db/migrate.js';
import { createAuditService } from '../../src/modules/audit/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let inA1: { id: string; headIdNumber: string };
let inB1: { id: string; headIdNumber: string };

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  inA1 = await createHousehold(db, {
    village: T.villageA1,
    headName: '龙老大',
    income: [
      { year: 2014, perCapita: 2000, status: 'poor' },
      { year: 2025, perCapita: 9000, status: 'exited' },
    ],
    status: 'exited',
  });
  await createHousehold(db, {
    village: T.villageA1,
    cause: 'disability',
    income: [
      { year: 2014, perCapita: 2500, status: 'poor' },
      { year: 2025, perCapita: 3000, status: 'poor' },
    ],
  });
  await createHousehold(db, {
    village: T.villageA2,
    status: 'none',
    type: 'ordinary',
    cause: null,
    income: [
      { year: 2014, perCapita: 8000, status: 'none' },
      { year: 2025, perCapita: 16000, status: 'none' },
    ],
  });
  inB1 = await createHousehold(db, {
    village: T.villageB1,
    status: 'monitored',
    income: [
      { year: 2014, perCapita: 2600, status: 'poor' },
      { year: 2025, perCapita: 5000, status: 'monitored' },
    ],
  });
  await createUser(db, 'adm', 'admin', '');
  await createUser(db, 'cty', 'county_officer', T.county);
  await createUser(db, 'vil', 'village_cadre', T.villageA1);
  app = await testApp(db);
  for (const u of ['adm', 'cty', 'vil']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const get = (user: string, url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });

describe('system and auth', () => {
  it('answers health', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    // 'degraded' only when the database answers slower than 1 s (a loaded machine): still serving
    expect(['ok', 'degraded']).toContain(res.json().status);
    expect(res.json()).toMatchObject({ database: { ok: true } });
    expect(typeof res.json().database.latencyMs).toBe('number');
  });

  it('serves the OpenAPI document with every route', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    const doc = res.json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/households',
        '/api/households/{id}',
        '/api/stats/summary',
        '/api/regions',
        '/api/audit',
      ]),
    );
  });

  it('rejects a wrong password with 401 and no session', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'vil', password: 'nope' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('E_UNAUTHENTICATED');
    expect(res.cookies).toHaveLength(0);
  });

  it('requires a session for data', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/households' });
    expect(res.statusCode).toBe(401);
  });

  it('returns the user with scope and unmask right', async () => {
    const res = await get('vil', '/api/auth/me');
    expect(res.json().user).toMatchObject({
      username: 'vil',
      role: 'village_cadre',
      scope: { code: T.villageA1, name: '十八洞村' },
      canUnmask: false,
      permissions: { editHouseholds: true, reviewMatches: false, unmask: false },
    });
  });

  it('stores passwords with scrypt, not in clear', async () => {
    const row = await tdb.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('username', '=', 'vil')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain('test-password-1');
  });

  it('logs out: the session no longer works', async () => {
    const c = await login(app, 'vil', 'test-password-1');
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c } });
    expect(out.statusCode).toBe(200);
    const again = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: c } });
    expect(again.statusCode).toBe(401);
  });
});

describe('scope and masking', () => {
  it('lists only the village of a village cadre, with masked ID numbers', async () => {
    const res = await get('vil', '/api/households');
    const body = res.json();
    expect(body.total).toBe(2);
    for (const item of body.items) {
      expect(item.villageCode).toBe(T.villageA1);
      expect(item.headIdNumber).toMatch(/^\d{6}\*{12}$/);
    }
  });

  it('answers a household of another village as one that does not exist (404 E_NOT_FOUND)', async () => {
    const res = await get('vil', `/api/households/${inB1.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('E_NOT_FOUND');
  });

  it('refuses a list or statistics outside the scope', async () => {
    expect((await get('vil', `/api/households?region=${T.villageB1}`)).json().code).toBe('E_OUT_OF_SCOPE');
    expect((await get('cty', '/api/stats/summary?region=11')).statusCode).toBe(403);
    expect((await get('vil', `/api/regions/${T.county}/path`)).statusCode).toBe(403);
  });

  it('masks ID number, phone, account and health in the detail by default', async () => {
    const body = (await get('vil', `/api/households/${inA1.id}`)).json();
    expect(body.masked).toBe(true);
    expect(body.household.phone).toBe('138****5678');
    expect(body.household.bankAccount).toMatch(/^\*+0123$/);
    expect(body.members[0].idNumber).not.toBe(inA1.headIdNumber);
    expect(body.members[0].health).toBeNull();
    expect(JSON.stringify(body)).not.toContain(inA1.headIdNumber);
  });

  it('does not let a village cadre unmask', async () => {
    const res = await get('vil', `/api/households/${inA1.id}?unmask=true`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('E_FORBIDDEN');
  });

  it('lets a county officer unmask, and logs it', async () => {
    const body = (await get('cty', `/api/households/${inA1.id}?unmask=true`)).json();
    expect(body.masked).toBe(false);
    expect(body.members[0].idNumber).toBe(inA1.headIdNumber);
    expect(body.members[0].health).toBe('chronic');
    const log = await tdb.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'household.unmask')
      .where('entity_id', '=', inA1.id)
      .execute();
    expect(log).toHaveLength(1);
    expect(log[0]!.actor_name).toBe('cty');
  });
});

describe('household list', () => {
  it('filters by status, cause and text', async () => {
    expect((await get('cty', '/api/households?status=monitored')).json().total).toBe(1);
    expect((await get('cty', '/api/households?cause=disability')).json().total).toBe(1);
    expect((await get('cty', `/api/households?q=${encodeURIComponent('龙老')}`)).json().items[0].id).toBe(
      inA1.id,
    );
    expect((await get('cty', `/api/households?q=${inA1.headIdNumber.slice(0, 14)}`)).json().items[0].id).toBe(
      inA1.id,
    );
    expect((await get('cty', `/api/households?region=${T.townshipA}`)).json().total).toBe(3);
  });

  it('sorts and paginates', async () => {
    const desc = (await get('cty', '/api/households?sort=per_capita_income&order=desc&pageSize=2')).json();
    expect(desc.total).toBe(4);
    expect(desc.items.map((i: { perCapitaIncome: number }) => i.perCapitaIncome)).toEqual([16000, 9000]);
    const p2 = (
      await get('cty', '/api/households?sort=per_capita_income&order=desc&pageSize=2&page=2')
    ).json();
    expect(p2.items.map((i: { perCapitaIncome: number }) => i.perCapitaIncome)).toEqual([5000, 3000]);
  });

  it('answers malformed requests with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['/api/households?pageSize=0', 'pageSize'],
      ['/api/households?status=bogus', 'status'],
      ['/api/households?region=12345', 'region'],
      ['/api/households?sort=password_hash', 'sort'],
      ['/api/households/abc', 'id'],
      ['/api/stats/summary?year=1800', 'year'],
    ];
    for (const [url, field] of cases) {
      const res = await get('cty', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code).toBe('E_VALIDATION');
      expect(res.json().message).toContain(field);
      // each detail says it in Chinese too, for the web app's default language
      expect(res.json().details[0].messageZh, url).toMatch(/[\u4e00-\u9fff]/);
    }
    const short = (await get('cty', '/api/households?pageSize=0')).json();
    expect(short.details[0]).toMatchObject({ field: 'querystring.pageSize', messageZh: '不能小于 1' });
  });
});

describe('regions and statistics', () => {
  it('gives children with counts, the path, and search', async () => {
    const kids = (await get('cty', '/api/regions')).json();
    expect(kids.parent.code).toBe(T.county);
    const a = kids.items.find((r: { code: string }) => r.code === T.townshipA);
    expect(a).toMatchObject({ households: 3, poorHouseholds: 1, hasChildren: true });
    const path = (await get('vil', `/api/regions/${T.villageA1}/path`)).json().items;
    expect(path.map((p: { name: string }) => p.name)).toEqual([
      '湖南省',
      '湘西土家族苗族自治州',
      '花垣县',
      '双龙镇',
      '十八洞村',
    ]);
    const found = (await get('cty', `/api/regions/search?q=${encodeURIComponent('十八洞')}`)).json().items;
    expect(found[0]).toMatchObject({
      code: T.villageA1,
      path: '湖南省 / 湘西土家族苗族自治州 / 花垣县 / 双龙镇 / 十八洞村',
    });
  });

  it('computes incidence from the registry by year', async () => {
    const s = (await get('cty', '/api/stats/summary')).json();
    expect(s.year).toBe(2025);
    expect(s).toMatchObject({
      households: 4,
      persons: 8,
      poorHouseholds: 1,
      poorPersons: 2,
      monitoredHouseholds: 1,
    });
    expect(s.incidence).toBeCloseTo(2 / 8);
    const y2014 = s.trend.find((t: { year: number }) => t.year === 2014);
    expect(y2014).toMatchObject({ poorHouseholds: 3, poorPersons: 6, persons: 8 });
    expect(s.byCause).toEqual(expect.arrayContaining([{ cause: 'illness', households: 2 }]));
    expect(s.bySubRegion.map((r: { code: string }) => r.code).sort()).toEqual([T.townshipB, T.townshipA]);
  });
});

describe('writes and the audit log', () => {
  it('sets region flags with an audit event, and a bad body changes nothing', async () => {
    const before = await tdb.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await app.inject({
      method: 'PATCH',
      url: `/api/regions/${T.villageA2}/flags`,
      headers: { cookie: cookies.cty! },
      payload: { isPoorVillage: 'yes', reason: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['body.isPoorVillage']),
    );
    const after = await tdb.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);

    const ok = await app.inject({
      method: 'PATCH',
      url: `/api/regions/${T.villageA2}/flags`,
      headers: { cookie: cookies.cty! },
      payload: { isPoorVillage: true, reason: '2014年识别为贫困村' },
    });
    expect(ok.json()).toEqual({ isPovertyCounty: false, isPoorVillage: true, isWestern: false });
    const audit = (await get('cty', '/api/audit?entityType=region')).json();
    expect(audit.items[0]).toMatchObject({
      action: 'region.flags',
      entityId: T.villageA2,
      reason: '2014年识别为贫困村',
      actorName: 'cty',
    });
    expect(audit.items[0].before).toMatchObject({ isPoorVillage: false });
    expect(audit.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses region flags to a village cadre', async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/regions/${T.villageA1}/flags`,
      headers: { cookie: cookies.vil! },
      payload: { isPoorVillage: true, reason: 'try' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('shows a village cadre only the audit events of the village', async () => {
    const items = (await get('vil', '/api/audit')).json().items as { regionCode: string | null }[];
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) expect(i.regionCode?.startsWith(T.villageA1)).toBe(true);
  });

  it('keeps a verifiable hash chain, and detects a row changed by SQL', async () => {
    const audit = createAuditService(tdb.db);
    const ok = await audit.verify();
    expect(ok.broken).toBeNull();
    expect(ok.events).toBeGreaterThan(3);
    const target = await tdb.db
      .selectFrom('audit_event')
      .select('id')
      .orderBy('id')
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`update audit_event set reason = 'rewritten' where id = ${target.id}`.execute(tdb.db);
    const bad = await audit.verify();
    expect(bad.broken?.id).toBe(target.id);
    await sql`update audit_event set reason = null where id = ${target.id}`.execute(tdb.db);
  });

  it('applies migrations once', async () => {
    expect((await migrate(tdb.db)).applied).toEqual([]);
  });
});
