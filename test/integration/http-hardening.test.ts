import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { createUserService } from '../../src/modules/users/service.js';
import { apiDocsServed, isLoopbackHost, loadConfig, secureCookies } from '../../src/config.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';
import { keyAuditLikeTheCli, TEST_AUDIT_KEY, unkeyAudit } from '../helpers/audit-key.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HAS_WEB = fs.existsSync(path.join(ROOT, 'web/dist/index.html'));
let tdb: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await createUser(tdb.db, 'hh-county', 'county_officer', T.county);
  await createUser(tdb.db, 'hh-victim', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'hh-other', 'village_cadre', T.villageA1);
  app = await testApp(tdb.db);
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

function expectSecurityHeaders(headers: Record<string, unknown>) {
  const csp = String(headers['content-security-policy'] ?? '');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['x-powered-by']).toBeUndefined();
}

describe('security headers', () => {
  it('are on an API answer, an error, a 404 and a refusal', async () => {
    expectSecurityHeaders((await app.inject({ url: '/api/health' })).headers);
    const unauth = await app.inject({ url: '/api/stats/summary' });
    expect(unauth.statusCode).toBe(401);
    expectSecurityHeaders(unauth.headers);
    const missing = await app.inject({ url: '/api/no-such-route' });
    expect(missing.statusCode).toBe(404);
    expectSecurityHeaders(missing.headers);
    const bad = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(bad.statusCode).toBe(400);
    expectSecurityHeaders(bad.headers);
    // no HSTS over plain HTTP (secureCookie off)
    expect(unauth.headers['strict-transport-security']).toBeUndefined();
  });

  it.skipIf(!HAS_WEB)('are on the web app page and its assets (web/dist built)', async () => {
    const page = await app.inject({ url: '/households' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expectSecurityHeaders(page.headers);
    // the built page has no inline script the CSP would block
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const asset = page.body.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(asset).toBeTruthy();
    const js = await app.inject({ url: asset! });
    expect(js.statusCode).toBe(200);
    expectSecurityHeaders(js.headers);
  });
  if (!HAS_WEB)
    console.warn('http-hardening: web/dist absent (npx vite build): the web page case is skipped');

  it('give the API docs their own policy, and the docs are served only when asked', async () => {
    const docs = await app.inject({ url: '/api/docs/json' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    const closed = await buildApp({ db: tdb.db, sessionHours: 1, loginPerMinute: 100, logLevel: 'silent' });
    try {
      const off = await buildApp({
        db: tdb.db,
        sessionHours: 1,
        loginPerMinute: 100,
        logLevel: 'silent',
        apiDocs: false,
        secureCookie: true,
      });
      expect((await off.inject({ url: '/api/docs' })).statusCode).toBe(404);
      expect((await off.inject({ url: '/api/docs/json' })).statusCode).toBe(404);
      expect(Object.keys((off.swagger() as { paths: object }).paths).length).toBeGreaterThan(10);
      const health = await off.inject({ url: '/api/health' });
      expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(health.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      const signed = await off.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'hh-county', password: 'test-password-1' },
      });
      expect(signed.statusCode).toBe(200);
      expect(signed.cookies.find((c) => c.name === 'jz_session')).toMatchObject({
        secure: true,
        httpOnly: true,
        sameSite: 'Strict',
      });
      await off.close();
    } finally {
      await closed.close();
    }
  });
});

describe('settings', () => {
  it('listen on loopback by default, Secure cookies unless loopback, docs only in demo mode', () => {
    const config = loadConfig({});
    expect(config.HOST).toBe('127.0.0.1');
    expect(secureCookies(config)).toBe(false);
    expect(secureCookies(loadConfig({ HOST: '0.0.0.0' }))).toBe(true);
    expect(secureCookies(loadConfig({ HOST: '0.0.0.0', JZ_SECURE_COOKIES: 'off' }))).toBe(false);
    expect(secureCookies(loadConfig({ JZ_SECURE_COOKIES: 'on' }))).toBe(true);
    expect(['localhost', '::1', '[::1]', '127.0.0.2'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', 'example.org'].some(isLoopbackHost)).toBe(false);
    expect(apiDocsServed(config, true)).toBe(true);
    expect(apiDocsServed(config, false)).toBe(false);
    expect(apiDocsServed(loadConfig({ JZ_API_DOCS: 'on' }), false)).toBe(true);
    expect(apiDocsServed(loadConfig({ JZ_API_DOCS: 'off' }), true)).toBe(false);
  });
});

describe('CSRF', () => {
  const logout = (headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/auth/logout', headers: { host: 'jz.example:3000', ...headers } });

  it('refuses a cross-site state-changing request before it runs', async () => {
    const cookie = await login(app, 'hh-county', 'test-password-1');
    const refused: Record<string, string>[] = [
      { cookie, origin: 'https://evil.example' },
      { cookie, origin: 'http://jz.example:3001' },
      { cookie, origin: 'null' },
      { cookie, 'sec-fetch-site': 'cross-site' },
      { cookie, 'sec-fetch-site': 'cross-site', origin: 'http://jz.example:3000' },
    ];
    for (const headers of refused) {
      const res = await logout(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json()).toMatchObject({ code: 'E_FORBIDDEN' });
      expect(res.json().message).toMatch(/cross-site request refused/i);
      expectSecurityHeaders(res.headers);
    }
    // the session was not ended by any of them
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    // a cross-site login is refused too (login CSRF)
    const crossLogin = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'hh-county', password: 'test-password-1' },
    });
    expect(crossLogin.statusCode).toBe(403);
    // reads are not concerned
    const read = await app.inject({
      url: '/api/auth/me',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(read.statusCode).toBe(200);
  });

  it('accepts same-origin requests and requests without either header', async () => {
    const a = await login(app, 'hh-county', 'test-password-1');
    const same = await logout({
      cookie: a,
      origin: 'http://jz.example:3000',
      'sec-fetch-site': 'same-origin',
    });
    expect(same.statusCode).toBe(200);
    const b = await login(app, 'hh-county', 'test-password-1');
    expect((await logout({ cookie: b, 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
    const c = await login(app, 'hh-county', 'test-password-1');
    expect(
      (await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c } })).statusCode,
    ).toBe(200);
  });
});

describe('login throttle per account', () => {
  const attempt = (username: string, password: string, ip: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { username, password },
    });

  it('makes the 6th wrong attempt for one account wait, from any address; other accounts unaffected', async () => {
    for (let i = 1; i <= 5; i++) {
      const r = await attempt('hh-victim', `wrong-password-${i}`, `198.51.100.${i}`);
      expect(r.statusCode, `attempt ${i}`).toBe(401);
    }
    const sixth = await attempt('hh-victim', 'wrong-password-6', '203.0.113.7');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toMatchObject({ code: 'E_RATE_LIMITED' });
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(60);
    // even the right password waits (case of the username does not matter)
    expect((await attempt('HH-Victim', 'test-password-1', '203.0.113.8')).statusCode).toBe(429);
    // another account signs in at once, from the same addresses
    expect((await attempt('hh-other', 'test-password-1', '203.0.113.7')).statusCode).toBe(200);
    expect((await attempt('hh-other', 'wrong-password', '198.51.100.1')).statusCode).toBe(401);
  });

  it('keeps the per-address limit', async () => {
    const strict = await buildApp({ db: tdb.db, sessionHours: 1, loginPerMinute: 3, logLevel: 'silent' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push(
          (
            await strict.inject({
              method: 'POST',
              url: '/api/auth/login',
              remoteAddress: '192.0.2.9',
              payload: { username: `nobody-${i}`, password: 'x' },
            })
          ).statusCode,
        );
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await strict.close();
    }
  });
});

describe('password policy', () => {
  function cli(args: string[]): Promise<{ code: number | null; out: string }> {
    const p = spawn(process.execPath, [path.join(ROOT, 'bin/jingzhun.js'), ...args], {
      cwd: ROOT,
      // the CLI keys the audit chain; the in-process app below writes to the same chain with the same key
      env: {
        ...process.env,
        DATABASE_URL: tdb.url,
        PORT: '0',
        LOG_LEVEL: 'warn',
        JZ_AUDIT_KEY: TEST_AUDIT_KEY,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    return new Promise((resolve) => p.on('exit', (code) => resolve({ code, out })));
  }
  const add = (username: string, password: string) =>
    cli([
      'user',
      'add',
      '--username',
      username,
      '--role',
      'village_cadre',
      '--scope',
      T.villageA1,
      '--password',
      password,
    ]);

  it('refuses common, short and blank passwords when a user is added; accepts a good one', async () => {
    for (const [pw, reason] of [
      ['woaini1314', /too common/],
      ['12345678', /at least 10/],
      ['          ', /blank/],
      ['xxxxxxxxxxxx', /one character repeated/],
    ] as const) {
      const r = await add('pw-weak', pw);
      expect(r.code, pw).toBe(1);
      expect(r.out).toMatch(reason);
    }
    // the service names the field (the API of user administration answers 400 with it)
    const users = createUserService(tdb.db);
    const actor = { id: null, name: 'test' };
    const user = { username: 'pw-svc', role: 'village_cadre', scopeCode: T.villageA1 };
    await expect(users.upsert(actor, { ...user, password: '1qaz2wsx3edc' })).rejects.toMatchObject({
      code: 'E_VALIDATION',
      status: 400,
      details: { field: 'password' },
    });
    await expect(users.upsert(actor, { ...user, password: 'pw-svc-2026' })).rejects.toThrow(/username/);
    const ok = await add('pw-good', 'long-enough-1');
    expect(ok.code, ok.out).toBe(0);
    keyAuditLikeTheCli();
    try {
      expect((await login(app, 'pw-good', 'long-enough-1')).startsWith('jz_session=')).toBe(true);
    } finally {
      unkeyAudit();
    }
  }, 120_000);
});
