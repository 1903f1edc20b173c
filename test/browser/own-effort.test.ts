import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser, loginAs, pickOption } from '../helpers/browser.js';
import { login } from '../helpers/app.js';

/**
 * The household's own effort (issue 21 item 5) across the two sides: the village cadre writes a
 * commitment and a member's employment through the household page's forms (members picked by name,
 * refused fields named); the household reports progress in the portal on a phone; the cadre confirms
 * it on the confirmation screen (/effort); the county's points reach the household's balance, and it
 * redeems them at its village's points shop.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let cadre: Page;
let phone: Page;
let base: string;
let householdId = '';
let householdNo = '';
let code = '';
const COMMITMENT = '今年参加两次养殖技术培训';
const PROGRESS = '已参加县农业局第一期养殖培训';

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  const h = await createHousehold(db, {
    village: T.villageA1,
    status: 'poor',
    members: [
      { name: '麻长清', sex: '1', birth: '1975-03-08', relation: 'head' },
      { name: '石翠兰', sex: '2', birth: '1978-11-20', relation: 'spouse' },
    ],
  });
  householdId = h.id;
  householdNo = (
    await db.selectFrom('household').select('household_no').where('id', '=', h.id).executeTakeFirstOrThrow()
  ).household_no;
  await createUser(db, 'village', 'village_cadre', T.villageA1);
  await createUser(db, 'county', 'county_officer', T.county);
  app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const village = await login(app, 'village', 'test-password-1');
  const county = await login(app, 'county', 'test-password-1');
  const send = async (cookie: string, method: 'POST' | 'PUT', url: string, payload: object) => {
    const res = await app.inject({ method, url, headers: { cookie }, payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  // the household's plan, the county's rule for a kept commitment, the village's points shop
  await send(village, 'POST', `/api/households/${h.id}/plan`, { year: 2026 });
  await send(county, 'PUT', '/api/effort/rules', {
    countyCode: T.county,
    code: 'commitment_kept',
    labelZh: '履行承诺',
    labelEn: 'commitment kept',
    points: 15,
    active: true,
  });
  await send(village, 'POST', '/api/effort/shop', {
    regionCode: T.villageA1,
    name: '洗衣粉一袋',
    points: 10,
  });
  await send(village, 'POST', '/api/effort/shop', { regionCode: T.villageA1, name: '电饭锅', points: 200 });
  code = (await send(village, 'POST', '/api/portal-codes', { householdIds: [h.id] })).codes[0].code;
  browser = await launchBrowser();
  cadre = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

const panel = () => cadre.getByTestId('household-effort');

describe('own effort: commitment, progress in the portal, confirmation, points', () => {
  it("the cadre records a member's employment, picked by name, and is told which field is wrong", async () => {
    await loginAs(cadre, base, 'village');
    await cadre.goto(`${base}/households/${householdId}`);
    await panel().waitFor();
    await cadre.getByTestId('effort-add-employment').click();
    const form = cadre.getByTestId('effort-form-employment');
    await form.waitFor();
    await cadre
      .getByRole('button', { name: '保 存' })
      .or(cadre.getByRole('button', { name: '保存' }))
      .click();
    // required fields are named in Chinese
    await form.getByText('请填写务工地点').waitFor();
    await form.getByText('请填写家庭成员').waitFor();
    await pickOption(cadre, form.getByTestId('effort-member'), '石翠兰');
    await form.getByLabel('年份').fill('2026');
    await form.getByTestId('effort-place').fill('浙江省宁波市');
    await pickOption(cadre, form.getByTestId('effort-reach'), '省外');
    await form.getByTestId('effort-months').fill('13');
    await form.getByTestId('effort-income').fill('26000');
    await form.getByLabel('核实日期').fill('2026-11-02');
    await form.getByLabel('核实日期').press('Enter');
    await cadre
      .getByRole('button', { name: '保 存' })
      .or(cadre.getByRole('button', { name: '保存' }))
      .click();
    await form.getByText('务工月数：0 到 12 的整数').waitFor();
    await form.getByTestId('effort-months').fill('10');
    await cadre
      .getByRole('button', { name: '保 存' })
      .or(cadre.getByRole('button', { name: '保存' }))
      .click();
    await form.waitFor({ state: 'detached' });
    await panel().getByText('浙江省宁波市').waitFor();
    const rows = await tdb.db.selectFrom('member_employment').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ place: '浙江省宁波市', months: 10, reach: 'out_of_province' });
  });

  it('the cadre writes a commitment into the plan', async () => {
    await panel().getByRole('tab', { name: '农户承诺' }).click();
    await cadre.getByTestId('effort-add-commitment').click();
    const form = cadre.getByTestId('effort-form-commitment');
    await form.getByTestId('effort-commitment-text').fill(COMMITMENT);
    await cadre
      .getByRole('button', { name: '保 存' })
      .or(cadre.getByRole('button', { name: '保存' }))
      .click();
    await form.waitFor({ state: 'detached' });
    await panel().getByText(COMMITMENT).waitFor();
    const c = await tdb.db.selectFrom('household_commitment').selectAll().executeTakeFirstOrThrow();
    expect(c.plan_id).not.toBeNull();
  });

  it('the household reports progress in the portal', async () => {
    await phone.goto(`${base}/portal/login`);
    await phone.getByTestId('portal-household-no').fill(householdNo);
    await phone.getByTestId('portal-code').fill(code);
    await phone.getByTestId('portal-submit').click();
    await phone.getByTestId('portal-home').waitFor();
    await phone.getByTestId('portal-effort-link').click();
    await phone.getByTestId('portal-effort').waitFor();
    expect(await phone.getByTestId('portal-balance').textContent()).toBe('0');
    await phone.getByText(COMMITMENT).waitFor();
    await phone.getByTestId('portal-report-open').click();
    await phone.getByTestId('portal-report-text').fill(PROGRESS);
    await phone.getByTestId('portal-report-send').click();
    await phone.getByText(PROGRESS).waitFor();
    await phone.getByText('待干部确认').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it("the cadre confirms it on the confirmation screen and the county's points are earned", async () => {
    await cadre.goto(`${base}/effort`);
    await cadre.getByRole('tab', { name: '待确认的承诺进展' }).click();
    const table = cadre.getByTestId('pending-progress');
    await table.getByText(PROGRESS).waitFor();
    await table.getByText(COMMITMENT).waitFor();
    await table
      .getByRole('button', { name: '确 认' })
      .or(table.getByRole('button', { name: '确认' }))
      .first()
      .click();
    await table.getByText('暂无待确认的进展').waitFor();
    const entry = await tdb.db.selectFrom('incentive_entry').selectAll().executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      kind: 'earn',
      points: 15,
      rule_code: 'commitment_kept',
      balance_after: 15,
    });
    const p = await tdb.db.selectFrom('commitment_progress').selectAll().executeTakeFirstOrThrow();
    expect(p.entry_id).toBe(entry.id);
  });

  it('the household sees its points and redeems them at its points shop', async () => {
    await phone.reload();
    await phone.getByTestId('portal-effort').waitFor();
    await expect.poll(() => phone.getByTestId('portal-balance').textContent()).toBe('15');
    await phone.getByText('已确认 +15').waitFor();
    await phone.getByTestId('portal-ledger').getByText('获得：履行承诺').waitFor();
    const shop = phone.getByTestId('portal-shop');
    // the 200-point item is out of reach; the 10-point one is redeemed
    await shop.getByRole('button', { name: '积分不够' }).waitFor();
    expect(await shop.getByRole('button', { name: '积分不够' }).isDisabled()).toBe(true);
    await shop
      .getByRole('button', { name: '兑 换' })
      .or(shop.getByRole('button', { name: '兑换' }))
      .click();
    await expect.poll(() => phone.getByTestId('portal-balance').textContent()).toBe('5');
    await phone.getByTestId('portal-ledger').getByText('兑换：洗衣粉一袋').waitFor();
    const entries = await tdb.db.selectFrom('incentive_entry').selectAll().orderBy('id').execute();
    expect(entries.map((e) => [e.kind, e.points, e.balance_after, e.recorded_by])).toEqual([
      ['earn', 15, 15, expect.any(String)],
      ['redeem', -10, 5, null],
    ]);
    const audit = await tdb.db
      .selectFrom('audit_event')
      .select(['actor_name'])
      .where('action', '=', 'effort.ledger')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.actor_name).toBe(`household ${householdNo}`);
  });
});
