import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser, loginAs } from '../helpers/browser.js';

/**
 * Regional settings and guidance in the browser (issue 21 items 2 and 8): a county officer changes
 * its county's inspection limit with a reason and sees it as the county's own value beside the
 * national one; a village cadre reads the guidance of a catalogue measure and of a quality check.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await createUser(tdb.db, 'village', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'county', 'county_officer', T.county);
  app = await buildApp({ db: tdb.db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
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

async function signedIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(90_000); // the shared 2-core machine is slow under load
  await loginAs(page, base, username);
  return page;
}

describe('regional settings and guidance', () => {
  it('a county officer sets the county’s inspection limit; the national value stays', async () => {
    const page = await signedIn('county');
    await page.goto(`${base}/settings`);
    await expect.poll(() => page.getByTestId('settings-region').textContent()).toBe('花垣县');
    await page.getByTestId('setting-edit-inspection_limits-perYear').click();
    await page.getByTestId('setting-value').fill('2');
    await page.getByTestId('setting-reason').fill('州减负规定');
    await page.getByTestId('setting-save').click();
    await expect.poll(() => page.getByTestId('setting-inspection_limits-perYear').textContent()).toBe('2');
    const row = page.locator('tr', { has: page.getByTestId('setting-inspection_limits-perYear') });
    expect(await row.textContent()).toContain('本级设置');
    expect(await row.textContent()).toContain('州减负规定');
    const stored = await tdb.db
      .selectFrom('regional_setting' as never)
      .select(['region_code', 'value'] as never[])
      .where('path' as never, '=', 'perYear' as never)
      .execute();
    expect(stored).toEqual([{ region_code: T.county, value: '2.0000' }]);
  }, 400_000);

  it('a village cadre reads the guidance of a measure and of a quality check', async () => {
    const page = await signedIn('village');
    await page.goto(`${base}/knowledge?tab=catalogue`);
    const row = page.locator('tr', { has: page.getByTestId('catalogue-education_aid') });
    await row.locator('.ant-table-row-expand-icon').click();
    const g = page.getByTestId('guidance-measure-education_aid');
    await g.waitFor();
    expect(await g.textContent()).toContain('核实要点');
    expect(await g.textContent()).toContain('告诉农户');
    await page.goto(`${base}/quality?check=duplicate_id_number`);
    const f = page.getByTestId('guidance-finding-duplicate_id_number');
    await f.waitFor();
    expect(await f.textContent()).toContain('户口簿');
  }, 400_000);
});
