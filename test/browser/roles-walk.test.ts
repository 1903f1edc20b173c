import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { runDemoExtensions } from '../../src/demo/extensions.js';
import { generateDemo } from '../../src/demo/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser } from '../helpers/browser.js';
import { asciiWords } from '../helpers/zh-text.js';

/**
 * Every role's walk (issue 20, docs/ui.md "Menus by role" and "The language check"): on a small demo
 * county, sign in as each of the README's demo accounts, visit every menu item the role is shown and
 * fail on an API answer ≥ 400 while the page loads, a 403 / 404 / error page, or an English word or
 * ASCII identifier in the zh-CN page text outside the allow-list below.
 */

/** The README's demo accounts: user name, role, scope and the display name the demo gives them. */
const ACCOUNTS: readonly (readonly [string, string, string, string])[] = [
  ['admin', 'admin', '', '系统管理员'],
  ['county', 'county_officer', T.county, '花垣县乡村振兴局'],
  ['township', 'township_officer', T.townshipA, '双龙镇干部'],
  ['village', 'village_cadre', T.villageA1, '十八洞村村干部'],
  ['civil', 'civil_affairs_county', T.county, '花垣县民政局'],
  ['civiltown', 'civil_affairs_township', T.townshipA, '双龙镇民政助理员'],
  ['org', 'organisation', T.county, '花垣县爱心助农联合会'],
];

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  const today = new Date('2026-11-28T08:00:00Z');
  // the accounts first, as on a demo start: the seeders tie 'village' to a cadre and 'org' to an organisation
  for (const [username, role, scope, name] of ACCOUNTS) {
    await createUser(db, username, role, scope);
    await db.updateTable('app_user').set({ display_name: name }).where('username', '=', username).execute();
  }
  await generateDemo(db, { countyCode: T.county, seed: 7, scale: 0.01 });
  await runDemoExtensions({ db, countyCode: T.county, seed: 7, scale: 0.01, today, log: () => {} });
  const linked = await sql<{
    n: number;
  }>`select count(*)::int as n from cadre c join app_user u on u.id = c.user_id
    where u.username = 'village'`.execute(db);
  expect(linked.rows[0]?.n).toBe(1);
  app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

/** API calls in flight and the failed answers seen since the last `take`. */
function watchApi(page: Page) {
  let inFlight = 0;
  let failed: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) inFlight++;
  });
  const done = () => (inFlight = Math.max(0, inFlight - 1));
  page.on('requestfailed', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) done();
  });
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/api/')) return;
    done();
    if (r.status() >= 400 && url.pathname !== '/api/auth/me')
      failed.push(`${r.status()} ${url.pathname}${url.search}`);
  });
  return {
    /** Wait until no API call has been in flight for 200 ms (at most 15 s). */
    async settle() {
      let quiet = 0;
      for (let i = 0; i < 300 && quiet < 4; i++) {
        await page.waitForTimeout(50);
        quiet = inFlight === 0 ? quiet + 1 : 0;
      }
    },
    take() {
      const f = failed;
      failed = [];
      return f;
    },
  };
}

async function walk(username: string): Promise<string[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  contexts.push(context);
  const page = await context.newPage();
  const api = watchApi(page);
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('test-password-1');
  await page.getByTestId('login-submit').click();
  const problems: string[] = [];
  // every role lands on the to-do home 待办
  await page.getByTestId('todo-page').waitFor({ timeout: 60_000 });
  const landed = new URL(page.url()).pathname;
  if (landed !== '/todo') problems.push(`${username}: signed in on ${landed}, not /todo`);
  const menu = page.locator('.ant-layout-sider a[data-testid^="nav-"]');
  await menu.first().waitFor();
  const items = await menu.evaluateAll((links) =>
    links.map((a) => [a.getAttribute('data-testid') ?? '', a.getAttribute('href') ?? ''] as const),
  );
  for (const [testId, href] of items) {
    api.take();
    await page.locator(`.ant-layout-sider a[data-testid="${testId}"]`).click();
    const where = `${username} ${href}`;
    // the new page (a lazy chunk) replaces the old one in a transition: the menu then highlights it
    const selected = page.locator('.ant-layout-sider .ant-menu-item-selected a');
    const highlighted = () => selected.getAttribute('href', { timeout: 1_000 }).catch(() => null);
    let shown = await highlighted();
    for (let i = 0; i < 300 && shown !== href; i++) {
      await page.waitForTimeout(100);
      shown = await highlighted();
    }
    if (shown !== href) problems.push(`${where}: menu highlights ${shown}`);
    await api.settle();
    try {
      await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 30_000 });
    } catch {
      problems.push(`${where}: still loading after 30 s`);
    }
    for (const f of api.take()) problems.push(`${where}: API ${f}`);
    const result = await page.locator('.ant-result-title').allInnerTexts();
    if (result.length) problems.push(`${where}: error page "${result.join(' ')}"`);
    // names and codes marked translate="no" (user names, credit codes, hashes) are data, not words
    const text = await page.locator('.ant-layout-content').evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('[translate="no"]').forEach((n) => n.remove());
      document.body.appendChild(copy);
      const shown = copy.innerText;
      copy.remove();
      return shown;
    });
    const words = asciiWords(text);
    if (words.length) problems.push(`${where}: English/ASCII ${words.slice(0, 12).join(', ')}`);
  }
  await context.close();
  return problems;
}

describe('every role walks its menu', () => {
  it('asciiWords finds identifiers and English words, and lets units and codes pass', () => {
    expect(asciiWords('比值 ratio_to_line p: 1.42e-14 (medical_bill) 合计 Total')).toEqual([
      'ratio_to_line',
      'medical_bill',
      'Total',
      '2e-14',
      'p:',
    ]);
    expect(asciiWords('导出 CSV、XLSX，面积 12 m²，等级 A，GB 11643，编码 GB18030')).toEqual([]);
    expect(asciiWords('信用代码 91433124MA4P0K7L21 哈希 f037f2146c6fe4f6a905fef52fcb79')).toEqual([]);
  });

  // two walks side by side (each in its own browser context), the accounts of each one after the
  // other: about a minute on an idle machine; each problem names its account and page
  const HALVES = [
    ['admin', 'township', 'civiltown'],
    ['county', 'village', 'civil', 'org'],
  ] as const;
  it('the two walks together sign in as every demo account', () => {
    expect(HALVES.flat().toSorted()).toEqual(ACCOUNTS.map(([u]) => u).toSorted());
  });
  for (const accounts of HALVES)
    it.concurrent(
      `${accounts.join(', ')}: every menu item answers, in Chinese`,
      async ({ expect }) => {
        const problems: string[] = [];
        for (const username of accounts) problems.push(...(await walk(username)));
        expect(problems).toEqual([]);
      },
      600_000, // on an idle machine about a minute; the limit is for a machine under heavy load
    );
});
