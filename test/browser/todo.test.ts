import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { recordSelfReport } from '../../src/modules/warnings/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser } from '../helpers/browser.js';

/** 待办: a village cadre signs in, lands on the to-do home, sees what waits and opens it. */

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];
let reportId: string;
let reporter: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  reporter = (
    await createHousehold(db, { village: T.villageA1, status: 'none', type: 'ordinary', headName: '龙报告' })
  ).id;
  const other = (await createHousehold(db, { village: T.villageB1, status: 'none', type: 'ordinary' })).id;
  await createUser(db, 'village', 'village_cadre', T.villageA1);
  const observedOn = new Date().toISOString().slice(0, 10);
  reportId = await db
    .transaction()
    .execute((trx) => recordSelfReport(trx, reporter, { kind: 'illness', description: '住院', observedOn }));
  await db
    .transaction()
    .execute((trx) => recordSelfReport(trx, other, { kind: 'illness', description: '住院', observedOn }));
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

describe('待办', () => {
  it('a village cadre lands on the to-do home after sign-in, sees the self-report and opens it', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill('village');
    await page.getByTestId('login-password').fill('test-password-1');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('todo-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/todo');
    const item = page.getByTestId(`todo-item-self_report-${reportId}`);
    await item.waitFor();
    expect(await item.innerText()).toContain('龙报告户：农户自主申报，须 2 个工作日内核实');
    // the other village's report is not this cadre's
    expect(await page.locator('[data-testid^="todo-item-self_report-"]').count()).toBe(1);
    await page.getByTestId('inbox-badge').waitFor();
    await expect.poll(() => page.getByTestId('inbox-badge').innerText()).toContain('1');
    await page.getByTestId(`todo-open-self_report-${reportId}`).click();
    await page.waitForURL(/\/warnings$/);
    // and back: the household page shows what to do next, the warning first
    await page.goto(`${base}/households/${reporter}`);
    await page.getByTestId('household-next').getByTestId('next-step-warning').waitFor();
  });
});
