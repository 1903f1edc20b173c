import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser, loginAs, pickOption } from '../helpers/browser.js';
import { login } from '../helpers/app.js';

/**
 * Offline field work on a phone (issue 19 item 2, docs/offline.md): the installed app opens and records
 * without a network and sends in order when it returns; a record changed on the server meanwhile is a
 * conflict shown side by side, both sides kept until the cadre chooses.
 */

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let context: BrowserContext;
let page: Page;
let h1 = '';
let h2 = '';
let measureId = '';
const photo = fs.readFileSync(path.resolve('web/public/pwa-192x192.png'));

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  h1 = (await createHousehold(db, { village: T.villageA1, status: 'poor', headName: '龙老六' })).id;
  h2 = (await createHousehold(db, { village: T.villageA1, status: 'monitored', headName: '石二妹' })).id;
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
      region_code: T.villageA1,
      user_id: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const h of [h1, h2])
    await db
      .insertInto('cadre_assignment')
      .values({ household_id: h, cadre_id: cadre.id, start_date: '2024-03-01', reason: '结对帮扶' })
      .execute();
  app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // a plan for the second household, whose measure's status the cadre changes offline
  const cookie = await login(app, 'village', 'test-password-1');
  const { year } = (await app.inject({ url: `/api/households/${h2}/plan`, headers: { cookie } })).json<{
    year: number;
  }>();
  const plan = await app.inject({
    method: 'POST',
    url: `/api/households/${h2}/plan`,
    headers: { cookie },
    payload: { year },
  });
  measureId = plan.json<{ plan: { measures: { id: string }[] } }>().plan.measures[0]!.id;
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
const cached = (p: Page, url: string) =>
  p.evaluate(async (u) => !!(await (await caches.open('jz-api')).match(u)), url);

async function recordVisit(householdId: string, findings: string, withPhoto = false) {
  await page.getByTestId(`field-visit-${householdId}`).click();
  await page.getByTestId('field-visit-findings').fill(findings);
  if (withPhoto)
    await page
      .getByTestId('field-visit-photo')
      .setInputFiles({ name: 'house.png', mimeType: 'image/png', buffer: photo });
  const before = Number(await waiting(page));
  await page.getByTestId('field-visit-save').click();
  await expect.poll(() => waiting(page)).toBe(String(before + (withPhoto ? 2 : 1)));
}

/** The field page with the service worker in control and the cadre's answers in its cache. */
async function openFieldOnline() {
  await page.goto(`${base}/field`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) =>
        navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }),
      );
  });
  await page.reload(); // now through the worker: the API answers the app starts with are cached
  await page.getByTestId(`field-household-${h1}`).waitFor();
  await expect.poll(() => cached(page, `${base}/api/cadres/me`), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => cached(page, `${base}/api/auth/me`)).toBe(true);
}

describe('offline field work', () => {
  it('serves the worker and the manifest for revalidation, never as immutable', async () => {
    for (const file of ['/sw.js', '/manifest.webmanifest']) {
      const res = await fetch(`${base}${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    const manifest = (await (await fetch(`${base}/manifest.webmanifest`)).json()) as {
      name: string;
      icons: unknown[];
    };
    expect(manifest.name).toContain('精准');
    expect(manifest.icons.length).toBeGreaterThanOrEqual(2);
  });

  it('installs the worker for a village cadre, not for a county officer (no 2.7 MiB precache)', async () => {
    const registrations = (p: Page) =>
      p.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
    const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const county = await other.newPage();
    await loginAs(county, base, 'county');
    await county.goto(`${base}/households`);
    await county.waitForLoadState('load');
    await county.waitForTimeout(500); // a registration would have begun by now (it starts at once)
    expect(await registrations(county)).toBe(0);
    await other.close();
    await expect.poll(() => registrations(page)).toBe(1);
  });

  it('records three visits and a photo offline, survives a reload offline, and sends all when online', async () => {
    await openFieldOnline();
    await context.setOffline(true);
    await page.getByTestId('field-online').getByText('离线', { exact: false }).waitFor();
    await recordVisit(h1, '老人慢性病用药正常，已签约家庭医生', true);
    await recordVisit(h2, '外出务工返乡，需要技能培训');
    await recordVisit(h1, '复查：新房屋顶漏雨已修');
    await page.getByTestId(`field-measures-${h2}`).click();
    await pickOption(page, page.getByTestId(`field-measure-${measureId}`), '实施中', {
      until: page.getByTestId('outbox-badge').and(page.locator('[data-count="5"]')),
    });
    expect(await tdb.db.selectFrom('visit').select('id').execute()).toHaveLength(0);

    await page.reload();
    await page.getByTestId(`field-household-${h2}`).waitFor();
    await expect.poll(() => waiting(page)).toBe('5');
    await expect(page.getByTestId('field-outbox').locator('[data-state="pending"]').count()).resolves.toBe(5);
    // kept as a test artifact (test-results/); docs/images/ holds a copy for the README
    await page.screenshot({ path: 'test-results/field-offline-phone.png', fullPage: true });

    await context.setOffline(false);
    // the photo goes once its visit is sent; a server without the attachment route keeps it waiting
    const attachments = app.hasRoute({ method: 'POST', url: '/api/attachments' });
    await expect.poll(() => waiting(page), { timeout: 30_000 }).toBe(attachments ? '0' : '1');
    const visits = await tdb.db
      .selectFrom('visit')
      .select(['id', 'household_id', 'findings', 'client_key'])
      .orderBy('id')
      .execute();
    // sent in the order recorded, each once, each with its device key
    expect(visits.map((v) => [v.household_id, v.findings])).toEqual([
      [h1, '老人慢性病用药正常，已签约家庭医生'],
      [h2, '外出务工返乡，需要技能培训'],
      [h1, '复查：新房屋顶漏雨已修'],
    ]);
    expect(visits.every((v) => v.client_key !== null)).toBe(true);
    const measure = await tdb.db
      .selectFrom('plan_measure')
      .select('status')
      .where('id', '=', measureId)
      .executeTakeFirstOrThrow();
    expect(measure.status).toBe('in_progress');
    if (attachments) {
      const photos = await sql<{ owner_kind: string; owner_id: string; kind: string }>`
        select owner_kind, owner_id, kind from attachment`.execute(tdb.db);
      expect(photos.rows).toEqual([{ owner_kind: 'visit', owner_id: visits[0]!.id, kind: 'visit_photo' }]);
    } else {
      await expect(page.getByTestId('field-outbox').locator('[data-state="waiting"]').count()).resolves.toBe(
        1,
      );
    }
  });

  it("shows a conflict with the server's change side by side and keeps both until the cadre chooses", async () => {
    await openFieldOnline();
    await context.setOffline(true);
    await page.getByTestId(`field-cond-${h1}`).click();
    await page.getByTestId('field-cond-address').fill('十八洞村竹子寨 12 号');
    await page.getByTestId('field-cond-reason').fill('走访核实住址');
    const before = Number(await waiting(page)); // a photo still waiting for the attachment route
    await page.getByTestId('field-cond-save').click();
    await expect.poll(() => waiting(page)).toBe(String(before + 1));

    // meanwhile the county changes the same household through the API
    const cookie = await login(app, 'county', 'test-password-1');
    const { version } = await tdb.db
      .selectFrom('household')
      .select('version')
      .where('id', '=', h1)
      .executeTakeFirstOrThrow();
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/households/${h1}`,
      headers: { cookie },
      payload: { address: '十八洞村梨子寨 3 号', version, reason: '户籍资料更正' },
    });
    expect(patched.statusCode).toBe(200);

    await context.setOffline(false);
    await page.getByTestId('conflict-mine-address').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('conflict-mine-address').textContent()).resolves.toBe(
      '十八洞村竹子寨 12 号',
    );
    await expect(page.getByTestId('conflict-theirs-address').textContent()).resolves.toBe(
      '十八洞村梨子寨 3 号',
    );
    await page.screenshot({ path: 'test-results/field-conflict-phone.png', fullPage: true });
    // nothing overwritten: the server keeps its value, the device keeps mine, until the cadre chooses
    await page.reload();
    await page.getByTestId('conflict-mine-address').waitFor();
    expect(await waiting(page)).toBe(String(before + 1));
    const kept = await tdb.db
      .selectFrom('household')
      .select(['address', 'version'])
      .where('id', '=', h1)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ address: '十八洞村梨子寨 3 号', version: version + 1 });

    await page.locator('[data-testid^="conflict-keep-mine-"]').click();
    await expect.poll(() => waiting(page), { timeout: 30_000 }).toBe(String(before));
    const after = await tdb.db
      .selectFrom('household')
      .select(['address', 'version'])
      .where('id', '=', h1)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ address: '十八洞村竹子寨 12 号', version: version + 2 });
  });
});

describe('signing out', () => {
  const stored = (p: Page, table: string) =>
    p.evaluate(
      (t) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('jingzhun-offline');
          open.onerror = () => reject(new Error(String(open.error)));
          open.onsuccess = () => {
            const count = open.result.transaction(t).objectStore(t).count();
            count.onsuccess = () => {
              resolve(count.result);
              open.result.close();
            };
          };
        }),
      table,
    );

  it("forgets the cadre's households and cached answers on the device", async () => {
    await openFieldOnline();
    expect(await stored(page, 'households')).toBe(2);
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await expect.poll(() => stored(page, 'households')).toBe(0);
    expect(await stored(page, 'lists')).toBe(0);
    expect(await page.evaluate(async () => (await caches.keys()).includes('jz-api'))).toBe(false);
  });
});
