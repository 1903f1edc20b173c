import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { fixedClock } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { testApp } from '../helpers/app.js';
import { launchBrowser, loginAs, pickOption } from '../helpers/browser.js';

/**
 * Local time (docs/ui.md "Local time"): at 01:00 China time on New Year's Day 2027 — still
 * 31 December 2026 in UTC — the browser (its clock injected with playwright's page.clock, its zone
 * UTC like a machine set to it) and the server (the one clock, fixed at the same instant) both show
 * 2027-01-01: a form's default date, the year a page defaults to, and a list's date of an instant.
 */

const AT = '2026-12-31T17:00:00Z'; // 2027-01-01 01:00 in China
const POLL = { timeout: 30_000 };
let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let household = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  household = (await createHousehold(db, { village: T.villageA1, headName: '龙元旦' })).id;
  await createUser(db, 'lt_vil', 'village_cadre', T.villageA1);
  await createUser(db, 'lt_twn', 'township_officer', T.townshipA);
  // a grievance filed at 00:30 China time on 1 January (16:30 UTC on 31 December)
  await db
    .insertInto('grievance')
    .values({
      tracking_code: 'LT20270101',
      channel: 'public',
      kind: 'other',
      description: '元旦凌晨提交的投诉',
      region_code: T.villageA1,
      township_code: T.townshipA,
      county_code: T.county,
      filed_at: '2026-12-31T16:30:00Z',
      ack_due_at: '2027-01-04T16:30:00Z',
      resolve_due_at: '2027-01-16T16:30:00Z',
    })
    .execute();
  app = await testApp(db, fixedClock(AT));
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

async function at0100China(username: string): Promise<Page> {
  const context = await browser.newContext({ timezoneId: 'UTC', locale: 'zh-CN' });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(AT));
  await loginAs(page, base, username);
  return page;
}

describe('dates and times in China time', () => {
  it("a form's default date is today in China, and the saved fact carries it", async () => {
    const page = await at0100China('lt_vil');
    expect(await page.evaluate(() => new Date().toISOString())).toBe('2026-12-31T17:00:00.000Z');
    await page.goto(`${base}/households/${household}`);
    await page.getByTestId('fact-record').click();
    await page.getByTestId('fact-form').waitFor();
    await pickOption(page, page.getByTestId('fact-kind'), '不愁吃不愁穿');
    const date = page.getByTestId('fact-form').locator('.ant-picker input').first();
    await expect.poll(() => date.inputValue(), POLL).toBe('2027-01-01');
    await page.getByTestId('fact-field-secure').locator('button[role="switch"]').click();
    await page.getByTestId('fact-save').click();
    await expect
      .poll(
        async () =>
          (
            await tdb.db
              .selectFrom('household_fact')
              .select((eb) => eb.cast<string>('observed_on', 'text').as('on'))
              .where('household_id', '=', household)
              .where('kind', '=', 'food_clothing')
              .execute()
          ).map((r) => r.on),
        POLL,
      )
      .toEqual(['2027-01-01']);
    await page.context().close();
  });

  it('a list shows the China date of an instant, and a page defaults to the China year', async () => {
    const page = await at0100China('lt_twn');
    await page.goto(`${base}/grievances`);
    const row = page.locator('.ant-table-row', { hasText: '元旦凌晨提交的投诉' });
    await expect.poll(() => row.innerText(), POLL).toContain('2027-01-01');
    await row.click();
    // deadlines to the minute in China time: 16:30 UTC is 00:30 the next day
    await expect.poll(() => page.locator('.ant-drawer').innerText(), POLL).toContain('2027-01-05 00:30');
    // the targets page asks for this year's targets: 2027 in China
    const asked = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/targets', {
      timeout: 30_000,
    });
    await page.goto(`${base}/targets`);
    expect(new URL((await asked).url()).searchParams.get('year')).toBe('2027');
    await page.context().close();
  });
});
