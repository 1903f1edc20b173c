import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { hashPassword } from '../../src/modules/auth/password.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser } from '../helpers/browser.js';
import { login } from '../helpers/app.js';

/** The household's journey in the portal on a phone (390 × 844). */
let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
let householdNo = '';
let code = '';
let needId = '';
let township = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  const h = await createHousehold(db, {
    village: T.villageA1,
    status: 'poor',
    cause: 'illness',
    members: [
      { name: '施全友', sex: '1', birth: '1960-04-12', relation: 'head', health: 'chronic' },
      { name: '龙秀梅', sex: '2', birth: '1963-09-02', relation: 'spouse' },
    ],
  });
  householdNo = (
    await db.selectFrom('household').select('household_no').where('id', '=', h.id).executeTakeFirstOrThrow()
  ).household_no;
  await createUser(db, 'village', 'village_cadre', T.villageA1);
  await createUser(db, 'township', 'township_officer', T.townshipA);
  app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const village = await login(app, 'village', 'test-password-1');
  township = await login(app, 'township', 'test-password-1');
  const year = new Date().getUTCFullYear();
  const plan = await app.inject({
    method: 'POST',
    url: `/api/households/${h.id}/plan`,
    headers: { cookie: village },
    payload: { year },
  });
  expect(plan.statusCode, plan.body).toBe(200);
  const issued = await app.inject({
    method: 'POST',
    url: '/api/portal-codes',
    headers: { cookie: village },
    payload: { householdIds: [h.id] },
  });
  code = issued.json().codes[0].code;
  // an organisation pledged to the household's need and delivered it (participation tables)
  const org = await db
    .insertInto('organisation')
    .values({
      name: '花垣县爱心企业（测试）',
      kind: 'enterprise',
      contact_person: '联络人',
      contact_phone: '0743-7000000',
      region_code: T.county,
      status: 'approved',
      username: 'org-test',
      password_hash: await hashPassword('x-unused-1'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const need = await db
    .insertInto('need')
    .values({
      kind: 'daily_necessities',
      source: 'household',
      household_id: h.id,
      village_code: T.villageA1,
      township_code: T.townshipA,
      title: '过冬棉被两床',
      amount: 400,
      status: 'delivered',
      matched_at: new Date(),
      delivered_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  needId = need.id;
  await db
    .insertInto('need_pledge')
    .values({
      need_id: need.id,
      organisation_id: org.id,
      amount: 400,
      delivered_at: new Date(),
      delivery_note: '已送到家',
    })
    .execute();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

const noHorizontalScroll = async () =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

describe('household portal on a phone', () => {
  it('signs in with the household number and the access code', async () => {
    await page.goto(`${base}/portal/login`);
    await noHorizontalScroll();
    await page.getByTestId('portal-household-no').fill(householdNo);
    await page.getByTestId('portal-code').fill(code);
    await page.getByTestId('portal-submit').click();
    await page.getByTestId('portal-home').waitFor();
    expect(await page.getByTestId('portal-household-no-shown').textContent()).toBe(householdNo);
    await noHorizontalScroll();
  });

  it('reads its policy assessments with their reasons in plain words', async () => {
    const card = page.getByTestId('portal-decisions');
    await card.getByText('贫困户识别').click();
    const reasons = page.getByTestId('portal-reasons-identification');
    await reasons.waitFor();
    const text = (await reasons.textContent()) ?? '';
    expect(text).toMatch(/[\u4e00-\u9fff]/); // Chinese text…
    expect(text).not.toMatch(/[a-z]+_[a-z]+/); // …and no criterion codes
    await noHorizontalScroll();
  });

  it('sees its plan and agrees to it', async () => {
    const status = page.getByTestId('portal-plan-status');
    expect(await status.getAttribute('data-status')).toBe('draft');
    await page.getByTestId('portal-agree').click();
    await page.locator('[data-testid="portal-plan-status"][data-status="agreed"]').waitFor();
    const p = await tdb.db.selectFrom('household_plan').selectAll().executeTakeFirstOrThrow();
    expect(p).toMatchObject({ status: 'agreed', agreement_method: 'portal', agreed_by: '施全友' });
  });

  it('reports a difficulty that reaches the warnings worklist of the township', async () => {
    await page.getByTestId('portal-difficulty-text').fill('老伴摔伤住院，家里没人干活');
    await page.getByTestId('portal-difficulty-submit').click();
    await page.getByTestId('portal-difficulty-done').waitFor();
    const res = await app.inject({
      method: 'GET',
      url: `/api/warnings?region=${T.townshipA}&channel=self_report`,
      headers: { cookie: township },
    });
    expect(res.json().items.map((i: { householdNo: string }) => i.householdNo)).toContain(householdNo);
  });

  it('files a grievance and sees it listed', async () => {
    await page.getByTestId('portal-grievance-text').fill('答应的养牛补助到现在还没有发');
    await page.getByTestId('portal-grievance-submit').click();
    await page.locator('[data-testid="portal-grievance-item"][data-state="received"]').waitFor();
    expect(await page.getByTestId('portal-grievance-item').textContent()).toContain('养牛补助');
    const g = await tdb.db.selectFrom('grievance').selectAll().executeTakeFirstOrThrow();
    expect(g).toMatchObject({ channel: 'portal', township_code: T.townshipA });
  });

  it('confirms the delivery of a need an organisation delivered', async () => {
    await page.getByTestId(`portal-need-confirm-${needId}`).click();
    await page.locator(`[data-testid="portal-need-${needId}"][data-status="confirmed"]`).waitFor();
    const n = await tdb.db.selectFrom('need').selectAll().where('id', '=', needId).executeTakeFirstOrThrow();
    expect(n).toMatchObject({ status: 'confirmed', confirmed_by: 'household' });
    await noHorizontalScroll();
  });
});
