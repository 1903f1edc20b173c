import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app.js';
import { defaultParams } from '../../src/domain/rules/params.js';
import { clockOf } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser, loginAs } from '../helpers/browser.js';

/**
 * A township civil-affairs assistant's day (issue 18): sign in, open the reviews due, review one dibao
 * entry (the means test re-run on the recorded income raises a benefit that was set too low), see the
 * new amount and the decision on the roll entry, and — once the county bureau has made next month's
 * payment list — the household's line in that list with the new amount. Phone width.
 */

const now = new Date('2026-03-02T02:00:00Z'); // review due 2026-02-28; effective from April
const STD = defaultParams(2026).ruralDibaoStandardMonthly; // the review's day is in 2026: 699 a month
let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let household = '';
let roll = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  // a couple with no earnings recorded: (standard − 0) × 2 a month is due; the roll pays 100
  household = (
    await createHousehold(db, {
      village: T.villageA1,
      headName: '龙大保',
      income: [{ year: 2025, perCapita: 0 }],
    })
  ).id;
  await sql`update member set is_dibao = true, labour_capacity = 'weak' where household_id = ${household}`.execute(
    db,
  );
  // the last 12 months recorded at a home visit (confirmed): nothing earned; a son without means
  const items = {
    wage: 0,
    businessPlanting: 0,
    businessBreeding: 0,
    businessOther: 0,
    productionCost: 0,
    property: 0,
    transferTekun: 0,
    transferDibao: 0,
    transferDisability: 0,
    transferSupport: 0,
    transferPension: 0,
    transferEco: 0,
    transferOther: 0,
  };
  for (let i = 0; i < 12; i++) {
    const month = `${2025 + Math.floor((2 + i) / 12)}-${String(((2 + i) % 12) + 1).padStart(2, '0')}`;
    await sql`insert into household_fact (village_code, household_id, kind, subject, value, observed_on, source, state)
      values (${T.villageA1}, ${household}, 'income_month', ${month}, ${JSON.stringify({ month, items })}::jsonb,
        ${month + '-01'}::date, 'home_visit', 'confirmed')`.execute(db);
  }
  const son = {
    relation: 'child',
    supporterName: '龙小保',
    capacity: 'none',
    agreedMonthly: 0,
    paid12m: 0,
    agreementRef: null,
  };
  await sql`insert into household_fact (village_code, household_id, kind, subject, value, observed_on, source, state)
    values (${T.villageA1}, ${household}, 'legal_supporter', 'child:龙小保', ${JSON.stringify(son)}::jsonb,
      '2026-02-01', 'home_visit', 'confirmed')`.execute(db);
  const means = { vehicles: 0, houses: 1, deposits: 500, spending12m: 6000 };
  await sql`insert into household_fact (village_code, household_id, kind, subject, value, observed_on, source, state)
    values (${T.villageA1}, ${household}, 'dibao_means', '', ${JSON.stringify({ declared: means, verified: means })}::jsonb,
      '2026-02-01', 'home_visit', 'confirmed')`.execute(db);
  roll = (
    await sql<{ id: string }>`insert into assistance_roll (programme, household_id, village_code, category,
        persons, monthly_amount, computation, state, start_month, review_kind, next_review_on, created_at, updated_at)
      values ('dibao', ${household}, ${T.villageA1}, 'A', 2, 100, '{}', 'active', '2025-03-01', 'noLabour',
        '2026-02-28', now(), now()) returning id::text as id`.execute(db)
  ).rows[0]!.id;
  await createUser(db, 'minzheng', 'civil_affairs_township', T.townshipA);
  await createUser(db, 'minzhengju', 'civil_affairs_county', T.county);
  app = await buildApp({
    db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => now),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

const amountOf = async (page: Page) =>
  Number(await page.getByTestId('entry-amount').getAttribute('data-amount'));

describe("a township civil-affairs assistant's day", () => {
  it('reviews due → one review → the roll entry and the next payment list', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await loginAs(page, base, 'minzheng');
    await page.goto(`${base}/safety-net?tab=reviews`);
    await page.getByTestId(`review-row-${roll}`).waitFor();
    await page.getByTestId(`review-open-${roll}`).click();
    await page.getByTestId('roll-entry-page').waitFor();
    expect(await amountOf(page)).toBe(100);
    await page.getByTestId('review-card').waitFor();
    await page.getByTestId('review-note').fill('入户复核：夫妻二人无收入');
    await page.getByTestId('review-submit').click();
    const result = page.getByTestId('review-result');
    await result.waitFor();
    expect(await result.getAttribute('data-decision')).toBe('raise');
    // the entry now pays the standard for two; the review is its newest decision; not due any more
    await expect.poll(() => amountOf(page), { timeout: 10_000 }).toBe(STD * 2);
    await expect.poll(() => page.getByTestId('entry-changes').innerText()).toContain('入户复核');
    expect(await page.getByTestId('entry-next-review').innerText()).not.toContain('2026-02-28');
    await page.goto(`${base}/safety-net?tab=reviews`);
    await page.getByTestId('safety-net-page').waitFor();
    await expect.poll(() => page.getByTestId(`review-row-${roll}`).count()).toBe(0);

    // the county bureau makes April's list (the review takes effect in April)
    const county = await browser.newPage();
    await loginAs(county, base, 'minzhengju');
    const made = await county.evaluate(async (c) => {
      const res = await fetch('/api/safety-net/payments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ county: c, month: '2026-04-01' }),
      });
      return res.status;
    }, T.county);
    expect(made).toBe(200);
    await county.close();

    // the assistant sees the household's line at the new amount in April's list (and may not export)
    await page.goto(`${base}/safety-net?tab=payments`);
    await page.getByTestId('payment-list-2026-04').click();
    const line = page.getByTestId(`payment-line-${household}`);
    await line.waitFor();
    expect(Number(await line.getByTestId('line-amount').getAttribute('data-amount'))).toBe(STD * 2);
    expect(await page.getByTestId('payments-export-csv').count()).toBe(0);
    await context.close();
  }, 180_000);
});
