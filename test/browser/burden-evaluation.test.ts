import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser, loginAs } from '../helpers/browser.js';

/**
 * A county officer's burden page (asked versus derived, a standard report's print view with the
 * audit head hash) and the evaluation page (draw a sample, record a check, see the estimates).
 */
let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
const year = new Date().getFullYear();

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  for (const village of [T.villageA1, T.villageA2, T.villageB1]) {
    await createHousehold(db, { village, status: 'poor', income: [{ year: 2025, perCapita: 3000 }] });
    await createHousehold(db, {
      village,
      status: 'exited',
      type: 'exited',
      income: [{ year: 2025, perCapita: 9000, status: 'exited' }],
    });
    await createHousehold(db, { village, status: 'none', type: 'ordinary', cause: null });
  }
  const h = await createHousehold(db, { village: T.villageA1, income: [] });
  await db
    .insertInto('visit')
    .values({
      household_id: h.id,
      village_code: T.villageA1,
      visit_date: `${year}-01-15`,
      purpose: 'routine',
      findings: '正常',
    })
    .execute();
  await createUser(db, 'county', 'county_officer', T.county);
  app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await loginAs(page, base, 'county');
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

describe('burden and evaluation pages', () => {
  it('shows fields asked of the grassroots against figures derived, and prints a report with the head hash', async () => {
    await page.goto(`${base}/burden?year=${year}`);
    await page.getByTestId('burden-asked').waitFor();
    expect(await page.getByTestId('burden-asked').innerText()).toContain('5'); // one visit × 5 fields
    const generated: string[] = [];
    const onRequest = (r: { url(): string }) => {
      if (r.url().includes('/api/reports/statistics')) generated.push(r.url());
    };
    page.on('request', onRequest);
    await page.goto(`${base}/reports/statistics/print?year=2025&region=${T.county}`);
    const hash = await page.getByTestId('report-head-hash').innerText();
    page.off('request', onRequest);
    expect(generated).toHaveLength(1); // one generation, counted once by the burden meter
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('report-sheet').innerText()).toContain('双龙镇');
    // the generation was logged: the burden meter counts it as derived
    const meter = await app.inject({
      method: 'GET',
      url: `/api/burden?year=${year}`,
      headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    const stats = meter.json().derived.reports.find((r: { kind: string }) => r.kind === 'statistics');
    expect(stats.generated).toBe(1);
  });

  it('draws an evaluation sample, records a check and shows the estimates', async () => {
    await page.goto(`${base}/evaluation`);
    await page.getByTestId('sample-draw').click();
    await page.getByTestId('sample-draw-submit').click();
    await page.getByTestId('estimate-wrong-exit').waitFor();
    const exited = page.locator('tr', { hasText: '已脱贫户' }).first();
    await exited.getByRole('button').click();
    await page.getByTestId('check-answer').getByText('否').click();
    await page.getByTestId('check-approves').getByText('是').click();
    await page.getByTestId('check-submit').click();
    await expect
      .poll(async () => page.getByTestId('estimate-wrong-exit').innerText(), { timeout: 20_000 })
      .toMatch(/0(\.0+)?\s?%/);
    // one household checked: no verdict yet, but "not enough checks yet" with the rule that says when
    await expect
      .poll(async () => page.getByTestId('verdict').getAttribute('data-decision'), { timeout: 20_000 })
      .toBe('insufficient');
    expect(await page.getByTestId('verdict').innerText()).toBe('尚未完成足够核查');
    expect(await page.getByTestId('verdict-coverage').innerText()).toMatch(/不少于 80\s?%/);
    expect(await page.getByTestId('verdict-reasons').count()).toBe(0);
  });
});
