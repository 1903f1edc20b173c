import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { clockOf } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser } from '../helpers/browser.js';

/**
 * The dashboard by period (issue 20 item 6) in a browser: for 2019 (poverty frame) and 2025 (monitoring
 * frame) the sub-region, trend and status charts draw marks (coloured pixels on their canvas).
 */
let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  const years = (statuses: string[]) =>
    [2019, 2020, 2024, 2025].map((year, i) => ({ year, perCapita: 3000 + i * 3000, status: statuses[i]! }));
  await createHousehold(db, {
    village: T.villageA1,
    status: 'exited',
    income: years(['poor', 'exited', 'exited', 'exited']),
  });
  await createHousehold(db, {
    village: T.villageA1,
    status: 'monitored',
    income: years(['poor', 'poor', 'exited', 'monitored']),
  });
  await createHousehold(db, {
    village: T.villageA2,
    status: 'monitored',
    type: 'ordinary',
    income: years(['poor', 'exited', 'monitored', 'monitored']),
  });
  await createHousehold(db, {
    village: T.villageA2,
    status: 'none',
    type: 'ordinary',
    income: years(['none', 'none', 'none', 'none']),
  });
  await createUser(db, 'township', 'township_officer', T.townshipA);
  app = await buildApp({
    db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => new Date('2026-03-02T02:00:00Z')),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

/** Coloured (non-white, non-transparent) pixels drawn on the chart's canvas. */
const marks = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator('canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx) return 0;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
        // a mark of the default palette is saturated: a channel far from the others
        if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 60) n++;
      }
      return n;
    });

describe('dashboard charts by period', () => {
  it('draws the sub-region, trend and status charts for 2019 and 2025', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill('township');
    await page.getByTestId('login-password').fill('test-password-1');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('todo-page').waitFor();
    for (const [year, frame] of [
      [2019, 'poverty'],
      [2025, 'monitoring'],
    ] as const) {
      await page.goto(`${base}/dashboard?year=${year}`);
      await page.locator(`[data-testid="kpis"][data-frame="${frame}"]`).waitFor();
      for (const chart of ['chart-subregions', 'chart-trend', 'chart-status']) {
        await page.getByTestId(chart).locator('canvas').first().waitFor();
        await expect.poll(() => marks(page, chart), { timeout: 10_000 }).toBeGreaterThan(50);
      }
    }
    await context.close();
  });
});
