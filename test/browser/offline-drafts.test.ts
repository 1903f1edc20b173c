import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser, loginAs } from '../helpers/browser.js';
import { login } from '../helpers/app.js';

/**
 * Offline field work, the rest of issue 19 item 2 (docs/offline.md): a self-report taken on a visit, a
 * fact update and a new-household draft recorded with the network cut, sent in order when it returns;
 * a fact recorded on the server meanwhile is a conflict shown side by side until the cadre chooses.
 */

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let context: BrowserContext;
let page: Page;
let h1 = '';
let cookie = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  h1 = (await createHousehold(db, { village: T.villageA1, status: 'monitored', headName: '吴阿妹' })).id;
  await createUser(db, 'village', 'village_cadre', T.villageA1);
  await createUser(db, 'village2', 'village_cadre', T.villageA1);
  const user = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'village')
    .executeTakeFirstOrThrow();
  const cadre = await db
    .insertInto('cadre')
    .values({
      name: '杨帮扶',
      work_unit: '村委会',
      unit_level: 'village',
      region_code: T.villageA1,
      user_id: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('cadre_assignment')
    .values({ household_id: h1, cadre_id: cadre.id, start_date: '2024-03-01', reason: '结对帮扶' })
    .execute();
  app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  cookie = await login(app, 'village2', 'test-password-1');
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  page = await context.newPage();
  await loginAs(page, base, 'village');
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

const waiting = (p: Page) => p.getByTestId('outbox-badge').getAttribute('data-count');

describe('offline: self-reports, fact updates and new-household drafts', () => {
  it('records them offline, sends them in order, and shows the fact changed meanwhile side by side', async () => {
    // the menu's 外业/离线 entry leads there
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-field').click();
    await page.getByTestId('field-page').waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((r) =>
          navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }),
        );
    });
    await page.reload();
    await page.getByTestId(`field-household-${h1}`).waitFor();
    await context.setOffline(true);

    // the household's own report, taken on the visit
    await page.getByTestId(`field-report-${h1}`).click();
    await page.getByTestId('field-report-text').fill('丈夫摔伤住院，今年务工收入中断');
    await page.getByTestId('field-report-save').click();
    await expect.poll(() => waiting(page)).toBe('1');
    // a fact: the water is safe now (the device has no such fact: based on none)
    await page.getByTestId(`field-fact-${h1}`).click();
    await page.getByTestId('field-fact-safe').locator('button[role="switch"]').click();
    await page.getByTestId('field-fact-save').click();
    await expect.poll(() => waiting(page)).toBe('2');
    // a new household met in the village
    await page.getByTestId('field-draft-new').click();
    await page.getByTestId('field-draft-head').fill('龙新户');
    await page.getByTestId('field-draft-id').fill('433124199001011234');
    await page.getByTestId('field-draft-save').click();
    await expect.poll(() => waiting(page)).toBe('3');
    await page.reload(); // kept on the device across a reload offline
    await expect.poll(() => waiting(page)).toBe('3');

    // meanwhile another cadre records the water as unsafe on the server
    const theirs = await app.inject({
      method: 'POST',
      url: `/api/households/${h1}/facts`,
      headers: { cookie },
      payload: {
        kind: 'drinking_water',
        source: 'home_visit',
        observedOn: '2026-01-05',
        value: { safe: false },
      },
    });
    expect(theirs.statusCode, theirs.body).toBe(200);

    await context.setOffline(false);
    // the report and the draft are sent; the fact waits as a conflict, both sides shown
    await page.getByTestId('conflict-mine-value').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('conflict-mine-value').textContent()).toContain('是');
    expect(await page.getByTestId('conflict-theirs-value').textContent()).toContain('否');
    expect(await page.getByTestId('conflict-2').count()).toBe(1);
    await expect.poll(() => waiting(page)).toBe('1');
    const reports = await tdb.db
      .selectFrom('warning_signal')
      .select(['kind', 'client_key', 'detail'])
      .where('household_id', '=', h1)
      .where('channel', '=', 'self_report')
      .execute();
    expect(reports).toHaveLength(1);
    expect(reports[0]!.client_key).toMatch(/^[0-9a-f-]{36}$/);
    const drafts = await tdb.db
      .selectFrom('registration_draft')
      .select(['payload', 'village_code'])
      .execute();
    expect(drafts).toHaveLength(1);
    expect(JSON.stringify(drafts[0]!.payload)).toContain('龙新户');
    const water = () =>
      tdb.db
        .selectFrom('household_fact')
        .select(['value', 'recorded_by'])
        .where('household_id', '=', h1)
        .where('kind', '=', 'drinking_water')
        .orderBy('id')
        .execute();
    expect(await water()).toHaveLength(1); // theirs only, until the cadre chooses

    // the cadre keeps their own: sent again, now based on the server's fact
    await page.locator('[data-testid^="conflict-keep-mine-"]').click();
    await expect.poll(() => waiting(page), { timeout: 20_000 }).toBe('0');
    const rows = await water();
    expect(rows).toHaveLength(2);
    expect(rows[1]!.value).toEqual({ safe: true });
  });
});
