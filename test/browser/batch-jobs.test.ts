import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser } from '../helpers/browser.js';

/** Batch work in the app (issue 20 item 8): a county officer runs the batch evaluation from the worklist page. */

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  for (const [village, perCapita] of [
    [T.villageA1, 2800],
    [T.villageA1, 7000],
    [T.villageA2, 3100],
    [T.villageB1, 12000],
  ] as const)
    await createHousehold(db, { village, status: 'poor', income: [{ year: 2025, perCapita }] });
  await createUser(db, 'county', 'county_officer', T.county);
  app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

describe('batch evaluation from the app', () => {
  it('a county officer starts it on the worklist page, follows it, reloads, and opens the result', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill('county');
    await page.getByTestId('login-password').fill('test-password-1');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('todo-page').waitFor();
    await page.goto(`${base}/worklists`);
    // no run yet: the page says how to start one here, not on the server's command line
    const none = page.getByTestId('worklist-no-run');
    await none.waitFor();
    expect(await none.innerText()).not.toContain('npx');
    // the income year, typed over the default (last year, or the latest run's)
    await page.getByTestId('job-year').fill('2025');
    await page.getByTestId('job-start-evaluation').click();
    const status = page.getByTestId('job-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await status.innerText()).toContain('共评估 4 户');
    // the state is the server's: a reload shows the same job, finished, with its result link
    await page.reload();
    await page.getByTestId('job-status').waitFor();
    expect(await page.getByTestId('job-status').getAttribute('data-status')).toBe('done');
    expect(await page.getByTestId('job-started').innerText()).toContain('county');
    await page.getByTestId('job-result').click();
    await page.getByTestId('worklist-counts').waitFor();
    const run = await tdb.db
      .selectFrom('evaluation_run')
      .select(['households', 'year'])
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ households: 4, year: 2025 });
    expect(await page.getByTestId('worklist-no-run').count()).toBe(0);
  }, 300_000);
});
