import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/** User administration (docs/security.md, "User administration"): who may do what, audit, the must-change gate. */

const PW = 'test-password-1';
const OTHER_COUNTY = '433125';
const OTHER_TOWNSHIP = '433125100';
const OTHER_VILLAGE = '433125100201';
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};

// response bodies are read loosely in tests
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;
const call = async (
  who: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: unknown,
) => {
  const res = await app.inject({
    method,
    url,
    headers: { cookie: cookies[who] ?? who },
    payload: payload as object,
  });
  return { status: res.statusCode, body: res.json() as Body };
};
const idOf = async (username: string) =>
  (
    await tdb.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id;
const auditCount = async (action: string, entityId: string) =>
  Number(
    (
      await tdb.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('action', '=', action)
        .where('entity_id', '=', entityId)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await tdb.db
    .insertInto('region')
    .values([
      { code: OTHER_COUNTY, level: 3, parent_code: T.prefecture, name: '凤凰县' },
      { code: OTHER_TOWNSHIP, level: 4, parent_code: OTHER_COUNTY, name: '沱江镇' },
      { code: OTHER_VILLAGE, level: 5, parent_code: OTHER_TOWNSHIP, name: '测试丙村' },
    ])
    .execute();
  const accounts: [string, string, string][] = [
    ['ua-admin', 'admin', ''],
    ['ua-admin2', 'admin', ''],
    ['ua-county', 'county_officer', T.county],
    ['ua-county2', 'county_officer', T.county],
    ['ua-other-county', 'county_officer', OTHER_COUNTY],
    ['ua-town', 'township_officer', T.townshipA],
    ['ua-village', 'village_cadre', T.villageA1],
    ['ua-far-village', 'village_cadre', OTHER_VILLAGE],
  ];
  for (const [u, role, scope] of accounts) {
    await createUser(tdb.db, u, role, scope);
    ids[u] = await idOf(u);
  }
  app = await testApp(tdb.db);
  for (const u of ['ua-admin', 'ua-county', 'ua-other-county', 'ua-town', 'ua-village'])
    cookies[u] = await login(app, u, PW);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('who may list and create', () => {
  it('lists the accounts of the caller’s scope only; township officers and cadres are refused', async () => {
    const all = await call('ua-admin', 'GET', '/api/users?pageSize=500');
    expect(all.status).toBe(200);
    expect(all.body.items.map((u: Body) => u.username)).toContain('ua-far-village');
    expect(all.body.assignableRoles).toEqual([
      'admin',
      'county_officer',
      'township_officer',
      'village_cadre',
      'civil_affairs_county',
      'civil_affairs_township',
    ]);
    const county = await call('ua-county', 'GET', '/api/users?pageSize=500');
    const names = county.body.items.map((u: Body) => u.username);
    expect(names).toEqual(expect.arrayContaining(['ua-county', 'ua-county2', 'ua-town', 'ua-village']));
    expect(names).not.toContain('ua-admin');
    expect(names).not.toContain('ua-far-village');
    expect(county.body.assignableRoles).toEqual(['township_officer', 'village_cadre']);
    const row = (u: string) => county.body.items.find((r: Body) => r.username === u);
    expect(row('ua-village')).toMatchObject({ manageable: true, scopeName: '十八洞村', disabled: false });
    expect(row('ua-county2').manageable).toBe(false);
    expect(row('ua-county').manageable).toBe(false); // oneself
    expect(row('ua-village').lastLoginAt).toMatch(/^\d{4}-/);
    expect((await call('ua-town', 'GET', '/api/users')).status).toBe(403);
    expect((await call('ua-village', 'GET', '/api/users')).status).toBe(403);
  });

  it('a county officer creates township officers and cadres in the county, nothing above, nothing outside', async () => {
    const ok = await call('ua-county', 'POST', '/api/users', {
      username: 'ua-new-cadre',
      displayName: '新村干部',
      role: 'village_cadre',
      scopeCode: T.villageA2,
      password: 'Wulingshan-2026',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ role: 'village_cadre', mustChangePassword: true, manageable: true });
    expect(ok.body.temporaryPassword).toBeNull();
    expect(await auditCount('user.create', ok.body.user.id)).toBe(1);
    const refused = async (body: Body) => (await call('ua-county', 'POST', '/api/users', body)).status;
    const base = {
      username: 'ua-x',
      role: 'village_cadre',
      scopeCode: T.villageA1,
      password: 'Wulingshan-2026',
    };
    expect(await refused({ ...base, role: 'county_officer', scopeCode: T.county })).toBe(403);
    expect(await refused({ ...base, role: 'admin', scopeCode: T.county })).toBe(403);
    expect(await refused({ ...base, role: 'organisation', scopeCode: T.county })).toBe(403);
    expect(await refused({ ...base, role: 'civil_affairs_county', scopeCode: T.county })).toBe(403); // admin only
    expect(await refused({ ...base, scopeCode: OTHER_VILLAGE })).toBe(403);
    expect(await refused({ ...base, scopeCode: T.townshipA })).toBe(400); // a cadre's scope is a village
    expect(await refused({ ...base, password: '12345678' })).toBe(400);
    expect(await refused({ ...base, password: 'ua-x2026!!' })).toBe(400); // the username
    expect(await refused({ ...base, username: 'ua-village' })).toBe(409);
    expect((await call('ua-town', 'POST', '/api/users', base)).status).toBe(403);
  });

  it('without a password one is generated, returned once, and works once', async () => {
    const res = await call('ua-admin', 'POST', '/api/users', {
      username: 'ua-gen',
      role: 'township_officer',
      scopeCode: T.townshipB,
    });
    expect(res.status).toBe(200);
    expect(res.body.temporaryPassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    await login(app, 'ua-gen', res.body.temporaryPassword);
  });
});

describe('who may change whom', () => {
  it('the county officer manages cadres of the county only; not peers, admins or foreign accounts', async () => {
    const status = async (who: string, id: string, body: Body) =>
      (await call(who, 'PATCH', `/api/users/${id}`, body)).status;
    expect(await status('ua-county', ids['ua-town']!, { scopeCode: T.townshipB })).toBe(200);
    expect(
      await status('ua-county', ids['ua-town']!, { role: 'village_cadre', scopeCode: T.villageB1 }),
    ).toBe(200);
    expect(await auditCount('user.update', ids['ua-town']!)).toBe(2);
    expect(await status('ua-county', ids['ua-town']!, { role: 'county_officer', scopeCode: T.county })).toBe(
      403,
    );
    expect(await status('ua-county', ids['ua-county2']!, { displayName: 'x' })).toBe(403);
    expect(await status('ua-county', ids['ua-admin']!, { displayName: 'x' })).toBe(404);
    expect(await status('ua-county', ids['ua-far-village']!, { displayName: 'x' })).toBe(404);
    expect(await status('ua-county', ids['ua-village']!, { scopeCode: OTHER_VILLAGE })).toBe(403);
    expect(await status('ua-other-county', ids['ua-village']!, { displayName: 'x' })).toBe(404);
    expect(await status('ua-county', ids['ua-village']!, {})).toBe(400);
    // the admin may do all of it
    expect(
      await status('ua-admin', ids['ua-county2']!, { role: 'township_officer', scopeCode: T.townshipA }),
    ).toBe(200);
    expect(
      await status('ua-admin', ids['ua-county2']!, { role: 'county_officer', scopeCode: T.county }),
    ).toBe(200);
  });

  it('nobody disables, demotes or resets themselves', async () => {
    expect(
      (await call('ua-admin', 'PUT', `/api/users/${ids['ua-admin']}/disabled`, { disabled: true })).status,
    ).toBe(403);
    expect(
      (
        await call('ua-admin', 'PATCH', `/api/users/${ids['ua-admin']}`, {
          role: 'county_officer',
          scopeCode: T.county,
        })
      ).status,
    ).toBe(403);
    expect((await call('ua-admin', 'POST', `/api/users/${ids['ua-admin']}/password-reset`, {})).status).toBe(
      403,
    );
    expect(
      (await call('ua-admin', 'PATCH', `/api/users/${ids['ua-admin']}`, { displayName: '管理员' })).status,
    ).toBe(200);
  });
});

describe('disable and enable', () => {
  it('a disabled account is refused at sign-in and its open session stops at once', async () => {
    const cookie = await login(app, 'ua-village', PW);
    cookies['v2'] = cookie;
    expect((await call('v2', 'GET', '/api/auth/me')).status).toBe(200);
    const off = await call('ua-county', 'PUT', `/api/users/${ids['ua-village']}/disabled`, {
      disabled: true,
    });
    expect(off.status).toBe(200);
    expect(off.body.disabled).toBe(true);
    expect((await call('v2', 'GET', '/api/auth/me')).status).toBe(401);
    expect((await call('ua-village', 'GET', '/api/households')).status).toBe(401);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ua-village', password: PW },
    });
    expect(signIn.statusCode).toBe(401);
    expect(await auditCount('user.disable', ids['ua-village']!)).toBe(1);
    const on = await call('ua-county', 'PUT', `/api/users/${ids['ua-village']}/disabled`, {
      disabled: false,
    });
    expect(on.body.disabled).toBe(false);
    expect(await auditCount('user.enable', ids['ua-village']!)).toBe(1);
    cookies['ua-village'] = await login(app, 'ua-village', PW);
    expect(
      (await call('ua-town', 'PUT', `/api/users/${ids['ua-village']}/disabled`, { disabled: true })).status,
    ).toBe(403);
  });
});

describe('password reset and the must-change gate', () => {
  it('a reset ends the sessions; the new session reaches only auth until a new password is set', async () => {
    const res = await call('ua-county', 'POST', `/api/users/${ids['ua-village']}/password-reset`, {
      password: 'Temporary-Pass-7',
    });
    expect(res.status).toBe(200);
    expect(res.body.user.mustChangePassword).toBe(true);
    expect(await auditCount('user.password_reset', ids['ua-village']!)).toBe(1);
    const audit = await tdb.db
      .selectFrom('audit_event')
      .select(['after'])
      .where('action', '=', 'user.password_reset')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain('Temporary-Pass-7');
    expect((await call('ua-village', 'GET', '/api/auth/me')).status).toBe(401); // the old session ended
    await expect(login(app, 'ua-village', PW)).rejects.toThrow();
    cookies['ua-village'] = await login(app, 'ua-village', 'Temporary-Pass-7');
    const me = await call('ua-village', 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.mustChangePassword).toBe(true);
    for (const url of ['/api/households', '/api/regions', '/api/stats/summary']) {
      const gated = await call('ua-village', 'GET', url);
      expect(gated.status).toBe(403);
      expect(gated.body.code).toBe('E_PASSWORD_CHANGE_REQUIRED');
    }
    const change = (currentPassword: string, newPassword: string) =>
      call('ua-village', 'POST', '/api/auth/password', { currentPassword, newPassword });
    expect((await change('wrong-password-1', 'Shibadong-Village-9')).status).toBe(400);
    expect((await change('Temporary-Pass-7', 'password123')).body.details).toMatchObject({
      field: 'newPassword',
    });
    expect((await change('Temporary-Pass-7', 'Temporary-Pass-7')).status).toBe(400);
    expect((await change('Temporary-Pass-7', 'Shibadong-Village-9')).status).toBe(200);
    expect(await auditCount('user.password_change', ids['ua-village']!)).toBe(1);
    expect((await call('ua-village', 'GET', '/api/households')).status).toBe(200);
    expect((await call('ua-village', 'GET', '/api/auth/me')).body.user.mustChangePassword).toBe(false);
    await login(app, 'ua-village', 'Shibadong-Village-9');
  });

  it('a generated reset, and a county officer may not reset an admin or a peer', async () => {
    const gen = await call('ua-admin', 'POST', `/api/users/${ids['ua-far-village']}/password-reset`, {});
    expect(gen.body.temporaryPassword).toMatch(/^[a-z2-9-]{14}$/);
    await login(app, 'ua-far-village', gen.body.temporaryPassword);
    expect(
      (await call('ua-county', 'POST', `/api/users/${ids['ua-county2']}/password-reset`, {})).status,
    ).toBe(403);
    expect(
      (await call('ua-county', 'POST', `/api/users/${ids['ua-admin2']}/password-reset`, {})).status,
    ).toBe(404);
    expect(
      (
        await call('ua-county', 'POST', `/api/users/${ids['ua-town']}/password-reset`, {
          password: '1234567890',
        })
      ).status,
    ).toBe(400);
  });

  it('every user may change their own password; it ends their other sessions', async () => {
    const second = await login(app, 'ua-town', PW);
    const res = await call('ua-town', 'POST', '/api/auth/password', {
      currentPassword: PW,
      newPassword: 'Shuanglong-Town-8',
    });
    expect(res.status).toBe(200);
    expect((await call('ua-town', 'GET', '/api/auth/me')).status).toBe(200);
    expect((await call(second, 'GET', '/api/auth/me')).status).toBe(401);
  });
});
