import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { testApp } from '../helpers/app.js';
import { launchBrowser, loginAs as login } from '../helpers/browser.js';

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let inA1: { id: string; headIdNumber: string };
let inB1: { id: string; headIdNumber: string };

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  inA1 = await createHousehold(tdb.db, {
    village: T.villageA1,
    headName: '龙大哥',
    income: [
      { year: 2014, perCapita: 2100, status: 'poor' },
      { year: 2025, perCapita: 9800, status: 'exited' },
    ],
    status: 'exited',
  });
  await createHousehold(tdb.db, { village: T.villageA2, income: [{ year: 2025, perCapita: 3000 }] });
  inB1 = await createHousehold(tdb.db, {
    village: T.villageB1,
    income: [{ year: 2025, perCapita: 5000, status: 'monitored' }],
    status: 'monitored',
  });
  await createUser(tdb.db, 'county', 'county_officer', T.county);
  await createUser(tdb.db, 'village', 'village_cadre', T.villageA1);
  app = await testApp(tdb.db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

const loginAs = (page: Page, username: string) => login(page, base, username);

describe('registry in the browser', () => {
  it('a county officer logs in, sees the dashboard, drills down to a village and opens a household', async () => {
    const page = await browser.newPage();
    await loginAs(page, 'county'); // lands on 待办; the statistics are one click away
    await page.goto(`${base}/dashboard`);
    await expect.poll(() => page.getByTestId('kpi-households').innerText()).toContain('3');
    expect(await page.locator('body').innerText()).toContain('花垣县');

    await page.getByTestId('nav-regions').first().click();
    await page.getByTestId(`region-row-${T.townshipA}`).getByText('双龙镇').click();
    await page.getByTestId(`region-row-${T.villageA1}`).waitFor();
    expect(await page.getByTestId(`region-row-${T.villageA1}`).innerText()).toContain('十八洞村');

    await page.goto(`${base}/households?region=${T.villageA1}`);
    await page.getByTestId(`household-row-${inA1.id}`).click();
    await page.getByTestId('household-members').waitFor();
    expect(await page.getByTestId('household-members').innerText()).toContain('龙大哥');
    // each rule's basis: the facts it used (none recorded here) and, for risk removal, the measures
    // counted — inferred from registry fields, the household having no plan
    await page.getByTestId('basis-risk_removal').click();
    const measures = page.getByTestId('basis-measures-risk_removal');
    await measures.waitFor();
    expect(await measures.innerText()).toContain('本户没有帮扶计划：按登记信息推断的措施');
    expect(await page.getByTestId('rules-basis').innerText()).toContain('本规则未使用登记的事实记录');
    await page.close();
  });

  it('a village cadre sees masked ID numbers and cannot open a household of another village', async () => {
    const page = await browser.newPage();
    await loginAs(page, 'village');
    await page.goto(`${base}/households/${inA1.id}`);
    await page.getByTestId('household-members').waitFor();
    const cells = await page.locator('[data-testid^="member-id-"]').allInnerTexts();
    expect(cells.length).toBe(2);
    for (const c of cells) expect(c).toMatch(/^\d{6}\*{12}$/);
    expect(await page.content()).not.toContain(inA1.headIdNumber);

    // a household of another village answers as one that does not exist (its existence is not told)
    await page.goto(`${base}/households/${inB1.id}`);
    await page.getByTestId('result-not-found').waitFor();
    await page.close();
  });

  it('fits a phone-width screen and switches to English', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await loginAs(page, 'county');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.goto(`${base}/households`);
    await page.getByTestId(`household-row-${inA1.id}`).waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.getByTestId('lang-switch').first().click();
    await expect.poll(async () => page.locator('body').innerText()).toMatch(/Households|Household/);
    await page.close();
  });
});
