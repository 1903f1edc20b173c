import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { createAuditService } from '../../src/modules/audit/service.js';
import type { AuthUser } from '../../src/kernel/user.js';
import { createPlanService } from '../../src/modules/plans/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser, loginAs, pickOption } from '../helpers/browser.js';
import { systemClock } from '../../src/kernel/clock.js';

/** Household plans in the browser: a cadre on a phone, the county's gap list, the printable card. */

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];
const YEAR = new Date().getFullYear(); // the page's default year
let fresh: string; // no plan yet
let unfit: string; // a plan whose schooling measure was cancelled

async function household(headName: string) {
  const h = await createHousehold(tdb.db, { village: T.villageA1, headName });
  await tdb.db
    .updateTable('household')
    .set({ other_causes: ['schooling'] })
    .where('id', '=', h.id)
    .execute();
  await tdb.db
    .updateTable('member')
    .set({ labour_capacity: 'ordinary' })
    .where('household_id', '=', h.id)
    .execute();
  return h.id;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  fresh = await household('龙新户');
  unfit = await household('石缺措');
  await createUser(tdb.db, 'village', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'county', 'county_officer', T.county);
  const row = await tdb.db
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', 'county')
    .executeTakeFirstOrThrow();
  const county: AuthUser = {
    id: row.id,
    username: 'county',
    displayName: 'county',
    role: 'county_officer',
    scopeCode: T.county,
  };
  const plans = createPlanService(tdb.db, systemClock);
  const view = await plans.generate(county, unfit, YEAR);
  const edu = view.plan!.measures.find((m) => m.catalogueCode === 'education_aid')!;
  await plans.updateMeasure(county, edu.id, { version: edu.version, status: 'cancelled', reason: '误录' });
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

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const measures = (householdId: string) =>
  tdb.db
    .selectFrom('plan_measure')
    .selectAll()
    .where('household_id', '=', householdId)
    .orderBy('id')
    .execute();

describe('household plans', () => {
  it('a cadre generates a plan on a phone, moves a measure on to completed and records agreement', async () => {
    const page = await signedIn('village', 390, 844);
    await page.goto(`${base}/households/${fresh}`);
    await page.getByTestId('plan-none').waitFor();
    await page.getByTestId('plan-generate').click();
    await page.getByTestId('plan-fit').waitFor();
    expect(await page.getByTestId('plan-fit').getAttribute('data-fits')).toBe('true');
    const [first] = await measures(fresh);
    expect(first).toBeDefined();

    await pickOption(page, page.getByTestId(`measure-status-${first!.id}`), '实施中');
    await expect.poll(async () => (await measures(fresh))[0]!.status).toBe('in_progress');

    // completing asks for the outcome first
    await pickOption(page, page.getByTestId(`measure-status-${first!.id}`), '已完成', {
      until: page.getByTestId('measure-note'),
    });
    await page.getByTestId('measure-note').fill('已签约家庭医生');
    await page.getByTestId('measure-note-ok').click();
    await expect
      .poll(async () => (await measures(fresh))[0]!)
      .toMatchObject({
        status: 'completed',
        outcome: '已签约家庭医生',
      });

    await page.getByTestId('agreement-open').click();
    await pickOption(page, page.getByTestId('agreement-method'), '按手印');
    await page.getByTestId('agreement-submit').click();
    await page.getByTestId('plan-agreement').waitFor();
    expect(await page.getByTestId('plan-status').textContent()).toBe('户已认可');
    const plan = await tdb.db
      .selectFrom('household_plan')
      .selectAll()
      .where('household_id', '=', fresh)
      .executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ status: 'agreed', agreed_by: '龙新户', agreement_method: 'thumbprint' });
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  }, 400_000);

  it('a county officer opens a plan from the gap list, adds the missing measure, and the list shrinks', async () => {
    const page = await signedIn('county', 1280, 900);
    await page.getByTestId('nav-plans').click();
    // the menu opens the full 一户一策 list; its gap list is one click away
    await page.getByTestId('plan-list-gaps').click();
    const row = page.getByTestId(`plan-gap-${unfit}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('因学');
    await page.getByTestId(`plan-gap-link-${unfit}`).click();
    await page.getByTestId('plan-fit').waitFor();
    expect(await page.getByTestId('plan-fit').getAttribute('data-fits')).toBe('false');
    // the option list is virtual: typing narrows it
    await pickOption(page, page.getByTestId('measure-add-select'), '学生资助', { type: '学生资助' });
    await page.getByTestId('measure-add').click();
    await page.locator('[data-testid="plan-fit"][data-fits="true"]').waitFor();
    await page.goBack();
    await page.getByTestId('plan-kpi-plans').waitFor();
    await row.waitFor({ state: 'detached' });
    const events = await tdb.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'plan.measure.add')
      .execute();
    expect(events.map((e) => e.entity_id)).toEqual([unfit]);
  }, 400_000);

  it('prints the household card and the village batch with the audit head hash', async () => {
    const page = await signedIn('county', 1280, 900);
    await page.goto(`${base}/households/${fresh}/card?year=${YEAR}`);
    const card = page.getByTestId(`card-${fresh}`);
    await card.waitFor();
    const head = await createAuditService(tdb.db).headHash();
    expect(await page.getByTestId('card-provenance').textContent()).toContain(head);
    expect(await card.getByTestId('card-members').textContent()).toMatch(/\*{4}/);
    expect(await card.getByTestId('card-measures').textContent()).toContain('已完成');
    await page.goto(`${base}/villages/${T.villageA1}/cards?year=${YEAR}`);
    await page.getByTestId(`card-${unfit}`).waitFor();
    expect(await page.locator('section.card-sheet').count()).toBe(2);
    const breaks = await page.evaluate(
      () => getComputedStyle(document.querySelector('section.card-sheet')!).breakAfter,
    );
    expect(breaks).toBe('page');
  }, 400_000);
});
