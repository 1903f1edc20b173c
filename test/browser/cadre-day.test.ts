import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser, loginAs, pickOption } from '../helpers/browser.js';

/**
 * A cadre's day on a phone: my households → record a visit → it is listed; open a household → update a
 * measure of its plan; an officer fixes a gap.
 */

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];
let mine: string;
let orphan: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  mine = (await createHousehold(db, { village: T.villageA1, status: 'monitored', headName: '龙老六' })).id;
  orphan = (await createHousehold(db, { village: T.villageA1, status: 'poor', headName: '石无人' })).id;
  await createUser(db, 'village', 'village_cadre', T.villageA1);
  await createUser(db, 'county', 'county_officer', T.county);
  const user = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'village')
    .executeTakeFirstOrThrow();
  const cadre = await db
    .insertInto('cadre')
    .values({
      name: '麻帮扶',
      work_unit: '十八洞村村民委员会',
      unit_level: 'village',
      phone: '13900002222',
      region_code: T.villageA1,
      user_id: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('cadre_assignment')
    .values({ household_id: mine, cadre_id: cadre.id, start_date: '2024-03-01', reason: '结对帮扶' })
    .execute();
  app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
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
  await loginAs(page, base, username);
  return page;
}

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("a cadre's day", () => {
  it('opens my households on a phone and records a visit that is then listed', async () => {
    const page = await signedIn('village', 390, 844);
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-myHouseholds').click();
    const row = page.getByTestId(`my-household-${mine}`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('龙老六');
    await page.getByTestId(`next-${mine}-never_visited`).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    await page.getByTestId(`visit-btn-${mine}`).click();
    await page.getByTestId('visit-findings').fill('老人慢性病用药正常，已签约家庭医生');
    await page.getByTestId('visit-followup').fill('下月核实务工收入');
    await page.getByTestId('visit-save').click();
    const listed = page.getByTestId('recent-visits').getByText('老人慢性病用药正常，已签约家庭医生');
    await listed.waitFor();
    // the household no longer needs a visit now
    await page.getByTestId(`next-${mine}-never_visited`).waitFor({ state: 'detached' });
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    const visits = await tdb.db.selectFrom('visit').selectAll().where('household_id', '=', mine).execute();
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ purpose: 'routine', follow_up: '下月核实务工收入' });
  });

  it("opens a household from my households on the phone and updates a measure's status", async () => {
    const page = await signedIn('village', 390, 844);
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-myHouseholds').click();
    const row = page.getByTestId(`my-household-${mine}`);
    await row.waitFor();
    await row.getByRole('link').first().click();
    await page.waitForURL(`**/households/${mine}`);
    await page.getByTestId('plan-panel').waitFor();
    const statusSelects = page.locator(
      '[data-testid^="measure-status-"]:not([data-testid^="measure-status-tag-"])',
    );
    // no plan for this year yet: generate the draft from the household's causes
    await Promise.race([page.getByTestId('plan-none').waitFor(), statusSelects.first().waitFor()]);
    if (await page.getByTestId('plan-none').isVisible()) {
      await page.getByTestId('plan-generate').click();
      await statusSelects.first().waitFor();
    }
    const select = statusSelects.first();
    const testId = (await select.getAttribute('data-testid'))!;
    const measureId = testId.replace('measure-status-', '');
    const before = await tdb.db
      .selectFrom('plan_measure')
      .select(['status', 'version'])
      .where('id', '=', measureId)
      .executeTakeFirstOrThrow();
    expect(before.status).toBe('planned');
    await pickOption(page, select, '实施中');
    // saved: the select shows the new status after the reload from the server, and the row is stored
    await page.getByTestId(testId).getByText('实施中').waitFor();
    await expect
      .poll(async () =>
        tdb.db
          .selectFrom('plan_measure')
          .select(['status', 'version'])
          .where('id', '=', measureId)
          .executeTakeFirstOrThrow(),
      )
      .toEqual({ status: 'in_progress', version: before.version + 1 });
    const audit = await tdb.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id'])
      .where('action', '=', 'plan.measure.status')
      .execute();
    expect(audit).toEqual([{ action: 'plan.measure.status', entity_id: mine }]);
  });

  it('lets a county officer assign a cadre from the gap list; the list shrinks', async () => {
    const page = await signedIn('county', 1280, 900);
    await page.goto(`${base}/responsibility?tab=noCadre`);
    const assign = page.getByTestId(`assign-${orphan}`);
    await assign.waitFor();
    // the list refetches after load: wait until no loading overlay covers the row's button
    await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 30_000 }).toBe(0);
    await assign.click();
    await pickOption(page, page.getByTestId('assign-cadre'), '麻帮扶');
    await page.getByTestId('assign-reason').fill('新识别户结对');
    await page.getByTestId('assign-ok').click();
    await assign.waitFor({ state: 'detached' });
    await page.getByTestId('resp-kpi-without').getByText('0').waitFor();
    const audit = await tdb.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'cadre_assignment.assign')
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual([orphan]);
  });
});
