import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ensureDemo, type DemoAccount } from '../../src/demo/setup.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { login, testApp } from '../helpers/app.js';

/**
 * The first start of `serve --demo` on an empty database (regions, households, accounts, every demo
 * extension, in the CLI's order), then every demo account signs in and uses a typical route of its
 * role at once, without a restart; the portal's demo household signs in with the demo password.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
let accounts: DemoAccount[] = [];
const logLines: string[] = [];
const PASSWORD = 'demo-password-1';
const clock = fixedClock('2026-11-28T08:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase(); // migrated, code lists synced: as openAndMigrate leaves it
  accounts = await ensureDemo(tdb.db, {
    countyCode: '433124',
    seed: 2014,
    scale: 0.02,
    password: PASSWORD,
    clock,
    log: (line) => logLines.push(line),
  });
  app = await testApp(tdb.db, clock);
}, 600_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const get = (cookie: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie } });

describe('first start of serve --demo', () => {
  it('makes the seven demo accounts', () => {
    expect(accounts.map((a) => a.username)).toEqual([
      'admin',
      'county',
      'township',
      'village',
      'civil',
      'civiltown',
      'org',
    ]);
  });

  it.each([
    ['admin', '/api/audit'],
    ['county', '/api/org/organisations'],
    ['township', '/api/warnings'],
    ['village', '/api/households'],
    ['civil', '/api/safety-net/rolls'],
    ['civiltown', '/api/safety-net/reviews-due'],
    ['org', '/api/org/me'],
    ['org', '/api/org/pledges'],
  ])('%s signs in and reads %s', async (username, url) => {
    const cookie = await login(app, username, PASSWORD);
    const res = await get(cookie, url);
    expect(res.statusCode, res.body).toBe(200);
  });

  it('the org account is its approved organisation', async () => {
    const me = (await get(await login(app, 'org', PASSWORD), '/api/org/me')).json();
    expect(me).toMatchObject({ name: '花垣县爱心助农联合会' });
  });

  it('the demo household signs in to the portal with the demo password', async () => {
    const line = logLines.find((l) => l.includes('portal sign-in: household'));
    const householdNo = /household (\d+)/.exec(line ?? '')?.[1];
    expect(householdNo, logLines.join('\n')).toBeDefined();
    const res = await app.inject({
      method: 'POST',
      url: '/api/portal/login',
      payload: { householdNo, code: PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'jz_portal')!;
    const me = await get(`jz_portal=${cookie.value}`, '/api/portal/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().card.householdNo).toBe(householdNo);
  });
});
