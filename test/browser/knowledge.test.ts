import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser, loginAs, pickOption } from '../helpers/browser.js';

/**
 * Knowledge in the browser (issue 21): a village cadre drafts a plan and sees, for a measure, its
 * eligibility check with reasons, how to apply and its policy basis; a county officer adds a
 * county-only catalogue entry that another county's officer does not see.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];
const OTHER_COUNTY = '433122';
let household = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await tdb.db
    .insertInto('region')
    .values({ code: OTHER_COUNTY, level: 3, parent_code: T.prefecture, name: '泸溪县' })
    .execute();
  const h = await createHousehold(tdb.db, {
    village: T.villageA1,
    cause: 'schooling',
    members: [
      { name: '龙知书', sex: '1', birth: '1980-02-03', relation: 'head' },
      { name: '龙小书', sex: '2', birth: '2014-09-01', relation: 'daughter' },
    ],
  });
  household = h.id;
  await tdb.db
    .updateTable('member')
    .set({ labour_capacity: 'ordinary' })
    .where('name', '=', '龙知书')
    .execute();
  await tdb.db
    .updateTable('member')
    .set({ labour_capacity: 'none', student_status: 'primary' })
    .where('name', '=', '龙小书')
    .execute();
  await createUser(tdb.db, 'village', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'county', 'county_officer', T.county);
  await createUser(tdb.db, 'county2', 'county_officer', OTHER_COUNTY);
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

async function signedIn(username: string, width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(90_000); // the shared 2-core machine is slow under load
  await loginAs(page, base, username);
  return page;
}

describe('knowledge', () => {
  it('a village cadre drafts a plan and reads a measure’s eligibility, how to apply and policy basis', async () => {
    const page = await signedIn('village', 390, 844);
    await page.goto(`${base}/households/${household}`);
    await page.getByTestId('plan-generate').click();
    await page.getByTestId('plan-fit').waitFor();
    const card = page.getByTestId('eligible-measures');
    await card.getByTestId('eligible-education_aid').click();
    const explained = card.getByTestId('explained-education_aid');
    await explained.waitFor();
    await expect
      .poll(() => explained.getByTestId('eligibility-reason').first().textContent())
      .toContain('在校学生：1人');
    expect(await card.getByTestId('eligible-education_aid').textContent()).toContain('符合条件');
    expect(await explained.getByTestId('how-to-apply').textContent()).toContain('向就读学校申请');
    expect(await explained.getByTestId('policy-basis').textContent()).toContain(
      '《中共中央 国务院关于打赢脱贫攻坚战的决定》（中发〔2015〕34号）',
    );
    // the basis opens the document in the library, marked as a summary
    await explained.getByTestId('policy-basis').getByRole('link').first().click();
    await page.getByTestId('policy-document').waitFor();
    expect(await page.getByTestId('policy-document').textContent()).toContain('以下为本系统编写的摘要');
  }, 400_000);

  it('a county officer adds a county-only entry that another county does not see', async () => {
    const page = await signedIn('county', 1280, 900);
    await page.goto(`${base}/knowledge?tab=catalogue`);
    await page.getByTestId('catalogue-add').click();
    await page.getByTestId('entry-code').fill('county_tea_shares');
    await page.getByTestId('entry-name-zh').fill('茶园入股分红');
    await page.getByTestId('entry-name-en').fill('tea garden shares');
    await pickOption(page, page.getByTestId('entry-tests'), '有劳动年龄内有劳动能力的成员');
    await page.getByTestId('entry-how').fill('向村委会报名，签订入股协议。');
    await page.getByTestId('entry-save').click();
    await page.getByTestId('catalogue-county_tea_shares').waitFor();
    const row = await tdb.db
      .selectFrom('measure_catalogue_local')
      .selectAll()
      .where('code', '=', 'county_tea_shares')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ region_code: T.county, name_zh: '茶园入股分红' });
    expect(row.eligibility).toEqual({ all: [{ test: 'able_member' }] });

    const other = await signedIn('county2', 1280, 900);
    await other.goto(`${base}/knowledge?tab=catalogue`);
    await other.getByTestId('catalogue-dibao').waitFor();
    expect(await other.getByTestId('catalogue-county_tea_shares').count()).toBe(0);
  }, 400_000);
});
