import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser, loginAs, pickOption } from '../helpers/browser.js';
import { makeIdNumber } from '../../src/domain/id-number.js';

/**
 * Member facts and near duplicates on the register page (docs/field.md), then the register page without a network (issue 19 item 2, docs/offline.md): a draft being filled in is
 * saved on the device and a new household is noted there; both wait in the outbox and are sent when
 * the network returns — the save on the version read, the new draft once (its device key).
 */

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await createUser(tdb.db, 'village', 'village_cadre', T.villageA1);
  // a person of another township of the county: the namesake of the second test
  await createHousehold(tdb.db, {
    village: T.villageB1,
    members: [{ name: '麻阿公', sex: '1', birth: '1958-02-03', relation: 'head' }],
  });
  app = await buildApp({ db: tdb.db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  page = await context.newPage();
  page.setDefaultTimeout(90_000); // the shared 2-core machine is slow under load
  await loginAs(page, base, 'village');
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

const waiting = (p: Page) => p.getByTestId('outbox-badge').getAttribute('data-count');
const drafts = () =>
  tdb.db
    .selectFrom('registration_draft')
    .select(['id', 'payload', 'version', 'client_key'])
    .orderBy('id')
    .execute();

describe('registering without a network', () => {
  it('keeps a draft save and a new household on the device and sends both when the network returns', async () => {
    await page.goto(`${base}/register`);
    await page.getByTestId('reg-new').click();
    await page.getByTestId('registration-form').waitFor();
    await page.getByTestId('reg-address').fill('十八洞村4组');
    await page.getByTestId('reg-next').click(); // saved online: version 2
    await page.getByTestId('reg-name-0').waitFor();
    await expect.poll(async () => (await drafts())[0]?.version).toBe(2);

    await context.setOffline(true);
    await page.getByTestId('reg-name-0').fill('龙水生');
    await page.getByTestId('reg-save').click();
    await expect.poll(() => waiting(page)).toBe('1');
    // a second save offline joins the waiting one
    await page.getByTestId('reg-id_number-0').fill('433124198001011234');
    await page.getByTestId('reg-save').click();
    await expect.poll(() => waiting(page)).toBe('1');
    expect(JSON.stringify((await drafts())[0]!.payload)).not.toContain('龙水生');

    // back to the list (the app's own router: no page load): without a network a new household is
    // noted on the device
    await page.goBack();
    await page.getByTestId('reg-offline-new').waitFor({ timeout: 30_000 });
    await page.getByTestId('field-draft-head').fill('吴新户');
    await page.getByTestId('field-draft-save').click();
    await expect.poll(() => waiting(page)).toBe('2');

    await context.setOffline(false);
    await expect.poll(() => waiting(page), { timeout: 30_000 }).toBe('0');
    const rows = await drafts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ version: 3, client_key: null });
    expect(JSON.stringify(rows[0]!.payload)).toContain('龙水生');
    expect(JSON.stringify(rows[0]!.payload)).toContain('433124198001011234');
    expect(JSON.stringify(rows[1]!.payload)).toContain('吴新户');
    expect(rows[1]!.client_key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows a member fact refused in Chinese, and submits only once the near duplicate is confirmed', async () => {
    const numberField = (testId: string) =>
      page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
    await page.goto(`${base}/register`);
    await page.getByTestId('reg-new').click();
    await page.getByTestId('registration-form').waitFor();
    await page.getByTestId('reg-address').fill('十八洞村6组');
    await page.getByTestId('reg-next').click();
    // the head: the name and birth date of a person registered elsewhere in the county, another number
    await page.getByTestId('reg-name-0').fill('麻阿公');
    await page.getByTestId('reg-id_number-0').fill(makeIdNumber('433124', '1958-02-03', '1', 77));
    await pickOption(page, page.getByTestId('reg-relation-0'), '户主');
    await page.getByTestId('reg-fact-disability-0-add').click();
    await pickOption(page, page.getByTestId('reg-fact-disability-0-disabilityType'), '肢体残疾');
    await numberField('reg-fact-disability-0-disabilityGrade').fill('5');
    await page.getByTestId('reg-next').click();
    const income = { year: 2025, wage_income: 3000, business_income: 800, property_income: 0 };
    for (const [k, v] of Object.entries({ ...income, transfer_income: 600, production_cost: 200 }))
      await numberField(`reg-${k}`).fill(String(v));
    await page.getByTestId('reg-next').click();
    await page.getByTestId('reg-house_area_m2').waitFor();
    await page.getByTestId('reg-next').click();

    // the grade is refused by the facts' own check, in Chinese on a Chinese page
    const error = page.getByTestId('reg-error-E_FACT_VALUE');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/残疾.*不能大于 4/);
    expect(await error.innerText()).not.toMatch(/must be/);
    await error.locator('a').click();
    await numberField('reg-fact-disability-0-disabilityGrade').fill('2');
    await page.getByTestId('reg-next').click();
    await page.getByTestId('reg-year').waitFor();
    await page.getByTestId('reg-next').click();
    await page.getByTestId('reg-house_area_m2').waitFor();
    await page.getByTestId('reg-next').click();

    // the check passes but names the namesake; the submit waits for the cadre's confirmation
    await page.getByTestId('reg-check-ok').waitFor();
    expect(await page.getByTestId('reg-near-duplicate-0').innerText()).toContain('测试乙村');
    expect(await page.getByTestId('reg-submit').isDisabled()).toBe(true);
    await page.getByTestId('reg-confirm-near-duplicates').click();
    await page.getByTestId('reg-submit').click();
    await page.getByTestId('reg-done').waitFor();
    const facts = await tdb.db
      .selectFrom('household_fact as f')
      .innerJoin('member as m', 'm.id', 'f.member_id')
      .select(['m.name', 'f.value'])
      .where('f.kind', '=', 'disability')
      .execute();
    expect(facts).toEqual([{ name: '麻阿公', value: { disabilityType: 'physical', disabilityGrade: 2 } }]);
  });
});
