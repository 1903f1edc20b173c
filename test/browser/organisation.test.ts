import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { makeUscc } from '../../src/domain/participation/uscc.js';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser } from '../helpers/browser.js';

/**
 * The organisation's journey: it registers on the public page, a county officer approves it, it
 * signs in on the normal login page (and lands in its portal), pledges to an anonymised need and
 * marks it delivered; the delivery is then confirmed. Each step is a function: when the household
 * portal exists, `confirmAsVillage` is replaced by the household confirming in the portal.
 */

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let needId: string;
const contexts: BrowserContext[] = [];
const ORG = { name: '湘西测试助学基金会', username: 'jijinhui', password: 'org-password-1' };
const HEAD = '麻测英';

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  const h = await createHousehold(tdb.db, { village: T.villageA1, headName: HEAD });
  await createUser(tdb.db, 'county', 'county_officer', T.county);
  await createUser(tdb.db, 'village', 'village_cadre', T.villageA1);
  const need = await tdb.db
    .insertInto('need')
    .values({
      kind: 'school_aid',
      source: 'household',
      household_id: h.id,
      village_code: T.villageA1,
      township_code: T.townshipA,
      title: '高中生学费资助',
      description: '一名高二学生需要一学年学费。',
      amount: 3000,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  needId = need.id;
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

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

async function signIn(username: string, password = 'test-password-1'): Promise<Page> {
  const page = await newPage();
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-info').waitFor();
  return page;
}

// ---- the journey's steps ---------------------------------------------------------------------

async function registerOrganisation(): Promise<void> {
  const page = await newPage();
  await page.goto(`${base}/login`);
  await page.getByTestId('org-register-link').click();
  await page.waitForURL(/\/org\/register$/);
  await page.getByTestId('org-name').fill(ORG.name);
  await page.getByTestId('org-credit-code').fill(makeUscc('53', T.county, 'MJ0T3XT01'));
  await page.getByTestId('org-contact').fill('杨老师');
  await page.getByTestId('org-phone').fill('0743-7654321');
  await page.locator('.ant-cascader').click();
  for (const name of ['湖南省', '湘西土家族苗族自治州', '花垣县'])
    await page.locator('.ant-cascader-menu-item', { hasText: name }).first().click();
  await page.keyboard.press('Escape');
  await page.getByTestId('org-username').fill(ORG.username);
  await page.getByTestId('org-password').fill(ORG.password);
  await page.getByTestId('org-register-submit').click();
  await page.getByTestId('org-register-done').waitFor();
}

async function approveAsCounty(): Promise<void> {
  const page = await signIn('county');
  await page.goto(`${base}/participation?tab=organisations`);
  await page.getByTestId(`approve-${ORG.username}`).click();
  await expect
    .poll(() => page.getByTestId(`org-status-${ORG.username}`).textContent(), { timeout: 10_000 })
    .toContain('已批准');
}

async function signInAsOrganisation(): Promise<Page> {
  const page = await signIn(ORG.username, ORG.password);
  // an organisation lands on its to-do home (待办), which points to its portal
  await page.waitForURL(/\/todo$/);
  await page.goto(`${base}/org`);
  await page.waitForURL(/\/org(\?|$)/);
  return page;
}

async function pledge(page: Page): Promise<void> {
  await page.getByTestId(`pledge-${needId}`).click();
  await page.getByTestId('pledge-amount').fill('3000');
  await page.getByTestId('dialog-ok').click();
  await expect
    .poll(() => page.getByTestId(`need-status-${needId}`).textContent(), { timeout: 10_000 })
    .toContain('已认领');
}

async function markDelivered(page: Page): Promise<void> {
  await page.getByTestId('tab-pledges').click();
  await page.getByTestId('pledges-table').getByTestId(`deliver-${needId}`).click();
  await page.getByTestId('deliver-note').fill('学费已转入学校账户');
  await page.getByTestId('dialog-ok').click();
  await expect
    .poll(
      () => page.locator(`[data-testid="pledges-table"] [data-testid="need-status-${needId}"]`).textContent(),
      {
        timeout: 10_000,
      },
    )
    .toContain('已交付');
}

/** For now the village cadre confirms on the household's behalf; later: the household in its portal. */
async function confirmAsVillage(): Promise<void> {
  const page = await signIn('village');
  await page.goto(`${base}/participation?tab=needs`);
  // the officers' list shows the need (village and household number included) as delivered
  await expect
    .poll(() => page.getByTestId(`officer-need-status-${needId}`).textContent(), { timeout: 30_000 })
    .toContain('已交付');
  await page.getByTestId(`confirm-${needId}`).click();
  await page.getByTestId('confirm-note').fill('农户已收到');
  await page.getByTestId('confirm-reason').fill('农户不会使用手机，由村干部上门核实后代为确认');
  await page.getByTestId('officer-dialog-ok').click();
  await expect
    .poll(() => page.getByTestId(`officer-need-status-${needId}`).textContent(), { timeout: 10_000 })
    .toContain('已确认');
}

describe('organisation journey', () => {
  it('registers, is approved, pledges to an anonymised need, delivers, and the delivery is confirmed', async () => {
    await registerOrganisation();
    await approveAsCounty();
    const org = await signInAsOrganisation();
    // the reduced menu: the to-do home and the portal only
    await org.getByTestId('nav-org').waitFor();
    expect(await org.locator('[data-testid^="nav-"]').count()).toBe(2);
    await org.getByTestId(`pledge-${needId}`).waitFor();
    const board = await org.getByTestId('board-table').textContent();
    expect(board).toContain('高中生学费资助');
    expect(board).not.toContain(HEAD);
    expect(board).not.toContain('十八洞村');
    // a registry page sends the organisation back to its portal
    await org.goto(`${base}/households`);
    await org.waitForURL(/\/org(\?|$)/);
    await org.getByTestId(`pledge-${needId}`).waitFor();
    await pledge(org);
    await markDelivered(org);
    await confirmAsVillage();
    await org.reload();
    await expect
      .poll(
        () =>
          org.locator(`[data-testid="pledges-table"] [data-testid="need-status-${needId}"]`).textContent(),
        {
          timeout: 10_000,
        },
      )
      .toContain('已确认');
    const row = await tdb.db
      .selectFrom('need')
      .selectAll()
      .where('id', '=', needId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('confirmed');
  }, 240_000);
});
