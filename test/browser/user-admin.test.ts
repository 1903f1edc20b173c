import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser, loginAs } from '../helpers/browser.js';

/**
 * User administration in the web app (issue 14 item 5): an admin creates a village cadre on the Users
 * page and signs out; the cadre signs in with the given password, must set a new one, then reaches the app.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
const GIVEN = 'Shibadong-Start-26';
const OWN = 'Miao-Embroidery-88';

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await createUser(tdb.db, 'ub-admin', 'admin', '');
  app = await buildApp({ db: tdb.db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

describe('user administration', () => {
  it('an admin creates a village cadre, who signs in and must set a new password', async () => {
    await loginAs(page, base, 'ub-admin');
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-username').fill('ub-cadre');
    await page.getByTestId('user-display-name').fill('十八洞村新干部');
    await page.getByTestId('user-scope-input').fill(T.villageA1); // the role defaults to village cadre
    await page.getByTestId('user-password').fill(GIVEN);
    await page.getByTestId('user-create-submit').click();
    const row = page.getByTestId('user-row-ub-cadre');
    await row.waitFor();
    expect(await row.innerText()).toContain('十八洞村');
    const created = await tdb.db
      .selectFrom('app_user')
      .select(['role', 'scope_code', 'must_change_password'])
      .where('username', '=', 'ub-cadre')
      .executeTakeFirstOrThrow();
    expect(created).toEqual({ role: 'village_cadre', scope_code: T.villageA1, must_change_password: true });

    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();
    await page.getByTestId('login-username').fill('ub-cadre');
    await page.getByTestId('login-password').fill(GIVEN);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('change-password').waitFor();
    expect(page.url()).toContain('/change-password');
    // the app stays shut meanwhile, also when asked for directly
    await page.goto(`${base}/households`);
    await page.getByTestId('change-password').waitFor();

    await page.getByTestId('password-current').fill(GIVEN);
    await page.getByTestId('password-new').fill(OWN);
    await page.getByTestId('password-repeat').fill(OWN);
    await page.getByTestId('password-submit').click();
    await page.getByTestId('kpi-households').waitFor();
    expect(await page.getByTestId('user-name').innerText()).toBe('十八洞村新干部');
    expect(await page.getByTestId('nav-users').count()).toBe(0); // a cadre administers nobody
  });
});
