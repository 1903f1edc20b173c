import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { fillDate, launchBrowser, loginAs, pickOption, pickRegion } from '../helpers/browser.js';
import { clockOf } from '../../src/kernel/clock.js';

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let projectId: string;
let pairId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await createUser(tdb.db, 'county', 'county_officer', T.county);
  const h = await createHousehold(tdb.db, { village: T.villageA1, headName: '龙先兰' });
  // a completed project whose beneficiary got nothing last year: on the idle list
  const p = await tdb.db
    .insertInto('project')
    .values({
      name: '十八洞村茶叶加工厂',
      project_type: 'processing',
      village_code: T.villageA1,
      start_year: 2021,
      operator: '村集体经济组织',
      linkage_note: '订单收购脱贫户茶青',
      completed_on: '2022-06-30',
      created_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  projectId = p.id;
  await tdb.db
    .insertInto('project_indicator')
    .values({ project_id: p.id, name: '年加工量', target_value: 50, unit: '吨' })
    .execute();
  await tdb.db
    .insertInto('project_linkage')
    .values({ project_id: p.id, linkage_type: 'order_purchase' })
    .execute();
  await tdb.db
    .insertInto('project_fund')
    .values({ project_id: p.id, source: 'central', year: 2021, allocated: 500000, disbursed: 500000 })
    .execute();
  await tdb.db
    .insertInto('project_beneficiary')
    .values({ project_id: p.id, household_id: h.id, linkage_type: 'order_purchase' })
    .execute();
  await tdb.db
    .insertInto('project_benefit')
    .values({ project_id: p.id, household_id: h.id, year: 2023, amount: 900 })
    .execute();
  // an east–west pair with a 2025 funds commitment and nothing delivered yet
  const pair = await tdb.db
    .insertInto('assist_pair')
    .values({
      kind: 'east_west',
      helper_name: '济南市',
      helper_level: 'city',
      recipient_code: T.county,
      start_year: 2021,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  pairId = pair.id;
  await tdb.db
    .insertInto('assist_commitment')
    .values({ pair_id: pair.id, year: 2025, category: 'funds', amount: 200 })
    .execute();
  app = await buildApp({
    db: tdb.db,
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
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

async function signedIn(width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await loginAs(page, base, 'county');
  return page;
}

describe('project library in the browser', () => {
  it('a county officer opens the idle list, records a revival plan, and the list shrinks', async () => {
    const page = await signedIn();
    await page.goto(`${base}/projects?filter=idle`);
    await page.getByTestId('projects-page').waitFor();
    const link = page.getByRole('link', { name: '十八洞村茶叶加工厂' });
    await link.waitFor();
    expect(await page.getByText('上年受益户无收益').count()).toBeGreaterThan(0);
    await link.click();
    await page.getByTestId('project-page').waitFor();
    await page.getByTestId('followup-open').click();
    await fillDate(page, 'followup-date', '2026-03-01');
    await pickOption(page, page.getByTestId('followup-status'), '盘活中');
    await page.getByTestId('followup-plan').fill('引入龙头企业托管，恢复茶青收购');
    await page.getByTestId('followup-submit').click();
    await page.getByTestId('followup-table').getByText('引入龙头企业托管，恢复茶青收购').waitFor();
    // the signals are read again after the follow-up is saved: wait for the new answer
    await expect
      .poll(() => page.getByTestId('project-signals').locator('.ant-tag').count(), { timeout: 15_000 })
      .toBe(0);
    await page.goto(`${base}/projects?filter=idle`);
    await page.getByText('闲置资产（0）').first().waitFor();
    expect(await page.getByRole('link', { name: '十八洞村茶叶加工厂' }).count()).toBe(0);
    expect((await auditEventsOf(tdb.db, 'project.followup')).map((e) => e.entity_id)).toEqual([projectId]);
  });

  it('refuses a new project without performance targets or linkage, showing why', async () => {
    const page = await signedIn();
    await page.goto(`${base}/projects`);
    await page.getByTestId('project-new').click();
    await page.getByTestId('project-name').fill('无目标项目');
    await pickOption(page, page.getByTestId('project-type'), '种植');
    // no village yet: the form says so itself and sends nothing
    await page.getByTestId('project-submit').click();
    await page.getByText('请选择项目所在村').waitFor();
    await pickRegion(page, 'project-village', '十八洞', '十八洞村');
    await page.getByTestId('project-submit').click();
    const err = page.getByTestId('project-error');
    await err.waitFor();
    // the server's reason in Chinese on the Chinese page (both gaps named)
    expect(await err.textContent()).toMatch(/不能入库：缺少绩效目标.*利益联结/);
  });

  it('records a pair delivery and adds a project fund on a phone, and the summaries change', async () => {
    const page = await signedIn(390);
    const noOverflow = async () =>
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
    await page.goto(`${base}/pairs`);
    const card = page.getByTestId(`pair-${pairId}`);
    const row = card.locator('tr[data-row-key="2025:funds"]');
    await row.getByText('0%').waitFor();
    await noOverflow();
    await card.getByTestId('delivery-open').click();
    await page.getByTestId('delivery-amount').fill('50');
    await fillDate(page, 'delivery-date', '2027-01-01');
    await page.getByTestId('delivery-submit').click();
    // the server refuses a date after its clock and the modal shows why
    await page
      .getByTestId('delivery-error')
      .getByText(/^输入有误：到位日期 2027-01-01 晚于今天/) // the code summarised, then the server's Chinese
      .waitFor();
    await fillDate(page, 'delivery-date', '2026-02-01');
    await page.getByTestId('delivery-submit').click();
    await row.getByText('25%').waitFor();
    expect(await row.textContent()).toContain('50');
    expect((await auditEventsOf(tdb.db, 'pair.deliver')).map((e) => e.entity_id)).toEqual([pairId]);

    await page.goto(`${base}/projects`);
    const funds = page.getByTestId('projects-funds');
    await funds.getByText(/500,000 \/ .*500,000/).waitFor();
    await page.getByRole('link', { name: '十八洞村茶叶加工厂' }).click();
    await page.getByTestId('project-page').waitFor();
    await noOverflow();
    await page.getByTestId('fund-open').click();
    await pickOption(page, page.getByTestId('fund-source'), '省级');
    await page.getByTestId('fund-year').fill('2025');
    await page.getByTestId('fund-allocated').fill('300000');
    await page.getByTestId('fund-disbursed').fill('400000');
    await page.getByTestId('fund-submit').click();
    await page.getByText('支出不能超过下达').waitFor();
    await page.getByTestId('fund-disbursed').fill('100000');
    await page.getByTestId('fund-submit').click();
    await page.getByTestId('fund-table').getByText('省级').waitFor();
    expect(await page.getByTestId('project-allocated').textContent()).toMatch(/800,000/);
    expect(await page.getByTestId('project-disbursed').textContent()).toMatch(/600,000/);
    await page.goto(`${base}/projects`);
    await funds.getByText(/600,000 \/ .*800,000/).waitFor();
    const rows = await tdb.db
      .selectFrom('project_fund')
      .selectAll()
      .where('source', '=', 'provincial')
      .execute();
    expect(rows.map((r) => [r.year, Number(r.allocated), Number(r.disbursed)])).toEqual([
      [2025, 300000, 100000],
    ]);
  });

  it('enters a new pair: the receiving region is asked for before anything is sent', async () => {
    const page = await signedIn();
    await page.goto(`${base}/pairs`);
    await page.getByTestId('pair-new').click();
    await page.getByTestId('pair-helper').fill('青岛市');
    await page.getByTestId('pair-submit').click();
    await page.getByText('请选择受帮扶地区').waitFor();
    await pickRegion(page, 'pair-recipient', '双龙', '双龙镇');
    await page.getByTestId('pair-submit').click();
    await page.getByTestId('pair-form').waitFor({ state: 'detached' });
    await page.getByText('青岛市').first().waitFor();
    const pairs = await tdb.db
      .selectFrom('assist_pair')
      .select(['helper_name', 'recipient_code'])
      .where('helper_name', '=', '青岛市')
      .execute();
    expect(pairs).toEqual([{ helper_name: '青岛市', recipient_code: T.townshipA }]);
    expect(await auditEventsOf(tdb.db, 'pair.create')).toHaveLength(1);
  });

  it('shows the targets page with sub-regions on a phone without horizontal scrolling', async () => {
    const page = await signedIn(390);
    await page.goto(`${base}/targets?region=${T.county}&year=2019`);
    await page.getByTestId('targets-node').waitFor();
    await page.getByRole('link', { name: '双龙镇' }).first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
