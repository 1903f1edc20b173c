import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createUser, membersOf, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser, loginAs, pickOption } from '../helpers/browser.js';

/**
 * Issue 19 "Done when" (docs/field.md "Registering a household"): on a 390 × 844 phone a village
 * cadre registers a new household with two members, corrects the one error the check finds on the
 * way (a mistyped ID number), submits, and finds the household in the identification case list.
 */

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let context: BrowserContext;
let base: string;

const headId = makeIdNumber('433124', '1972-03-14', '1', 21);
const spouseId = makeIdNumber('433124', '1975-11-02', '2', 22);
// the head's number with its check digit changed: the import's E_ID_CHECK_DIGIT
const mistyped = headId.slice(0, 17) + (headId[17] === '1' ? '2' : '1');

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await createUser(tdb.db, 'village', 'village_cadre', T.villageA1);
  app = await buildApp({ db: tdb.db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Go on to the next step (the draft is saved) and wait for one of its fields. */
async function next(page: Page, fieldOfNextStep: string) {
  await page.getByTestId('reg-next').click();
  await page.getByTestId(fieldOfNextStep).waitFor();
  expect(await overflow(page)).toBeLessThanOrEqual(0);
}

/** A number field (antd InputNumber: the test id is on the input or around it). */
const numberField = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

describe('registering a household on a phone', () => {
  it('two members, one ID number corrected after the check, then in the identification list', async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.setDefaultTimeout(90_000); // the shared 2-core machine is slow under load
    await loginAs(page, base, 'village');
    await page.goto(`${base}/register`);
    await page.getByTestId('reg-new').click();
    await page.getByTestId('registration-form').waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    // household
    await page.getByTestId('reg-address').fill('十八洞村3组');
    await pickOption(page, page.getByTestId('reg-main_cause'), '缺技术');
    await next(page, 'reg-name-0');

    // two members, the head's ID number mistyped
    await page.getByTestId('reg-name-0').fill('麻登高');
    await page.getByTestId('reg-id_number-0').fill(mistyped);
    await pickOption(page, page.getByTestId('reg-relation-0'), '户主');
    // the first relation list closed before the second opens (both offer 配偶 while it fades)
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await page.getByTestId('reg-add-member').click();
    await page.getByTestId('reg-name-1').fill('石秀英');
    await page.getByTestId('reg-id_number-1').fill(spouseId);
    await pickOption(page, page.getByTestId('reg-relation-1'), '配偶');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await next(page, 'reg-year');

    const income = { year: 2025, wage_income: 5000, business_income: 1200, property_income: 0 };
    for (const [k, v] of Object.entries({ ...income, transfer_income: 600, production_cost: 400 }))
      await numberField(page, `reg-${k}`).fill(String(v));
    await next(page, 'reg-house_area_m2');
    await page.getByTestId('reg-next').click();

    // the check names the mistyped number; its link leads back to the member's field
    const error = page.getByTestId('reg-error-E_ID_CHECK_DIGIT');
    await error.waitFor();
    await expect.poll(() => page.getByTestId('reg-submit').isDisabled()).toBe(true);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await error.locator('a').click();
    const idField = page.getByTestId('reg-id_number-0');
    await idField.waitFor();
    // the error stays under the field it is about until the next check
    await page.getByTestId('reg-member-0').locator('.ant-form-item-explain-error').first().waitFor();
    await idField.fill(headId);
    await next(page, 'reg-year');
    await next(page, 'reg-house_area_m2');
    await page.getByTestId('reg-next').click();
    await page.getByTestId('reg-check-ok').waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.getByTestId('reg-submit').click();

    await page.getByTestId('reg-done').waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const href = await page.getByTestId('reg-open-case').getAttribute('href');
    const caseId = /\/cases\/(\d+)$/.exec(href ?? '')?.[1];
    expect(caseId, `case link ${href}`).toBeDefined();

    // the written household: both members, the corrected number
    const hh = await tdb.db
      .selectFrom('household')
      .select(['id', 'household_no'])
      .where('village_code', '=', T.villageA1)
      .execute();
    expect(hh).toHaveLength(1);
    const members = await membersOf(tdb.db, hh[0]!.id);
    expect(members.map((m) => [m.name, m.id_number, m.relation])).toEqual([
      ['麻登高', headId, 'head'],
      ['石秀英', spouseId, 'spouse'],
    ]);

    // the identification worklist shows it
    await page.goto(`${base}/cases?kind=identification`);
    const row = page.getByTestId(`case-row-${caseId}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('麻登高');
    expect(await row.innerText()).toContain(hh[0]!.household_no);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });
});
