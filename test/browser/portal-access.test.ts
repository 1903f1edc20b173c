import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser, loginAs } from '../helpers/browser.js';

/**
 * Portal access codes from the staff side: a township officer issues a household's code on the
 * household page (shown once), the household signs in with it on a phone; then a village's card
 * print view issues fresh codes for all card households, which voids the earlier code.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let staff: Page;
let base: string;
let householdId = '';
let householdNo = '';
let code = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  const h = await createHousehold(db, {
    village: T.villageA1,
    status: 'poor',
    cause: 'illness',
    members: [
      { name: '龙德贵', sex: '1', birth: '1958-03-08', relation: 'head', health: 'chronic' },
      { name: '石翠英', sex: '2', birth: '1961-11-20', relation: 'spouse' },
    ],
  });
  householdId = h.id;
  householdNo = (
    await db.selectFrom('household').select('household_no').where('id', '=', h.id).executeTakeFirstOrThrow()
  ).household_no;
  await createUser(db, 'township', 'township_officer', T.townshipA);
  app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  staff = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

const portalLogin = (c: string) =>
  app.inject({ method: 'POST', url: '/api/portal/login', payload: { householdNo, code: c } });

/** Whether any web storage of the page holds the code (it must live only in component state). */
const storedAnywhere = (page: Page, c: string) =>
  page.evaluate(
    (needle) =>
      [localStorage, sessionStorage].some((s) =>
        Object.keys(s).some((k) => (s.getItem(k) ?? '').includes(needle)),
      ),
    c,
  );

describe('household portal access codes', () => {
  it('a township officer issues the code on the household page; it is shown once', async () => {
    await loginAs(staff, base, 'township');
    await staff.goto(`${base}/households/${householdId}`);
    await staff.getByTestId('portal-access-card').waitFor();
    expect(await tdb.db.selectFrom('portal_access').selectAll().execute()).toHaveLength(0);
    await staff.getByTestId('portal-code-issue').click();
    await staff.getByTestId('portal-code-confirm').click();
    const shown = staff.getByTestId('portal-code-value');
    await shown.waitFor();
    code = (await shown.textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9-]{8,}$/);
    expect(await staff.getByTestId('portal-code-household-no').textContent()).toBe(householdNo);
    const row = await tdb.db.selectFrom('portal_access').selectAll().executeTakeFirstOrThrow();
    expect(row.household_id).toBe(householdId);
    expect(row.code_hash).not.toContain(code.replace(/-/g, ''));
    const audit = await tdb.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'portal.code_issue')
      .execute();
    expect(audit).toHaveLength(1);
    expect(await storedAnywhere(staff, code)).toBe(false);
    await staff.getByTestId('portal-code-close').click();
    await shown.waitFor({ state: 'detached' });
    expect(await staff.getByText(code).count()).toBe(0);
  });

  it('the household signs in with that code on a phone and sees its record', async () => {
    let context: BrowserContext | undefined;
    try {
      context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const phone = await context.newPage();
      await phone.goto(`${base}/portal/login`);
      await phone.getByTestId('portal-household-no').fill(householdNo);
      await phone.getByTestId('portal-code').fill(code);
      await phone.getByTestId('portal-submit').click();
      await phone.getByTestId('portal-home').waitFor();
      expect(await phone.getByTestId('portal-household-no-shown').textContent()).toBe(householdNo);
      await phone.getByText('龙德贵', { exact: false }).first().waitFor();
      expect(await phone.getByText('石翠英', { exact: false }).count()).toBeGreaterThan(0);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
        true,
      );
    } finally {
      await context?.close();
    }
  });

  it('the village card view issues fresh codes onto the cards; the earlier code stops working', async () => {
    await staff.goto(`${base}/villages/${T.villageA1}/cards`);
    await staff.getByTestId(`card-${householdId}`).waitFor();
    expect(await staff.getByTestId('card-access-code').count()).toBe(0);
    await staff.getByTestId('card-issue-codes').click();
    await staff.getByTestId('card-issue-codes-confirm').click();
    await staff.getByTestId('card-codes-issued').waitFor();
    const printed = (await staff
      .getByTestId(`card-${householdId}`)
      .getByTestId('card-access-code')
      .textContent())!;
    expect(printed).toContain(householdNo);
    expect(printed).toContain(`${base}/portal`);
    const fresh = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(printed)?.[1];
    expect(fresh, printed).toBeTruthy();
    expect(fresh).not.toBe(code);
    expect(await storedAnywhere(staff, fresh!)).toBe(false);
    expect((await portalLogin(code)).statusCode).toBe(401);
    expect((await portalLogin(fresh!)).statusCode).toBe(200);
  });
});
