import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { login } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser, loginAs } from '../helpers/browser.js';
import { asciiWords } from '../helpers/zh-text.js';

/**
 * Official printouts in the browser (docs/printing.md): the fund report's print view in the official
 * form with its PDF, a case's notice, the village's batch notice and the dibao roll notice — each with
 * no English word or identifier on the zh-CN page (the allow-list of test/helpers/zh-text.ts) and the
 * notices with the county's 监督举报电话 and 12317.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
let caseId = '';
const year = 2026;
const numbers: string[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  const p = await db
    .insertInto('project')
    .values({
      name: '十八洞村猕猴桃基地',
      project_type: 'planting',
      village_code: T.villageA1,
      start_year: year,
      linkage_note: '入股分红',
      created_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [source, allocated] of [
    ['central', 300000],
    ['integrated', 120000],
  ] as const)
    await db
      .insertInto('project_fund')
      .values({ project_id: p.id, source, year, allocated, disbursed: 1000 })
      .execute();
  for (let i = 0; i < 3; i++)
    await createHousehold(db, {
      village: T.villageA1,
      status: 'none',
      type: 'ordinary',
      income: [{ year: 2025, perCapita: 3000, status: 'none' }],
    });
  await createUser(db, 'county', 'county_officer', T.county);
  await createUser(db, 'village', 'village_cadre', T.villageA1);
  await createUser(db, 'civil', 'civil_affairs_county', T.county);
  app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // the county's hotline and three identification cases in their first notice, through the API
  const call = async (user: string, method: 'POST' | 'PUT', url: string, payload: object) => {
    const res = await app.inject({
      method,
      url,
      payload,
      headers: { cookie: await login(app, user, 'test-password-1') },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string };
  };
  await call('county', 'PUT', '/api/policy/supervisionHotline', {
    regionPrefix: T.county,
    effectiveFrom: '2020-01-01',
    value: '0743-7222222',
    reason: '县纪委监委公布的举报电话',
  });
  const households = await db
    .selectFrom('household')
    .select(['id', 'household_no'])
    .where('village_code', '=', T.villageA1)
    .execute();
  for (const h of households) {
    numbers.push(h.household_no);
    const c = await call('village', 'POST', '/api/cases', {
      kind: 'identification',
      householdId: h.id,
      payload: { note: '本人申请' },
      data: { channel: 'self_report' },
      confirmIneligible: true,
    });
    await call('village', 'POST', `/api/cases/${c.id}/actions/review_vote`, {
      payload: { vote: { total: 30, present: 25, for: 20, against: 3 } },
      confirmIneligible: true,
    });
    caseId ||= c.id;
  }
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

/**
 * The text of a print sheet, checked for English words and identifiers; names marked translate="no"
 * (a user's name) are data and left out, as in the roles walk.
 */
async function chinese(testId: string): Promise<string> {
  const sheet = page.getByTestId(testId).first();
  await sheet.waitFor();
  const words = await sheet.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('[translate="no"]').forEach((n) => n.remove());
    document.body.appendChild(copy);
    const shown = copy.innerText;
    copy.remove();
    return shown;
  });
  expect(asciiWords(words), words).toEqual([]);
  return sheet.innerText();
}

describe('official printouts', () => {
  beforeEach(() => context.clearCookies());

  it("prints the county's fund report in the official form, in Chinese, and as a PDF", async () => {
    await loginAs(page, base, 'county');
    await page.goto(`${base}/reports/funds/print?year=${year}&region=${T.county}`);
    const text = await chinese('report-sheet');
    expect(await page.getByTestId('report-title').innerText()).toBe(`花垣县${year}年项目资金使用表`);
    for (const w of ['中央', '统筹整合', '合计', '填报单位（盖章）', '负责人', '填表人', '填报日期'])
      expect(text).toContain(w);
    const href = await page.getByTestId('report-pdf').getAttribute('href');
    expect(href).toContain('lang=zh');
    const pdf = await context.request.get(`${base}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
  });

  it("prints a case's notice and the village's batch notice with the supervision lines", async () => {
    await loginAs(page, base, 'village');
    await page.goto(`${base}/cases/${caseId}/notice`);
    await page.getByTestId('notice-supervision').waitFor();
    const one = await chinese('notice-page');
    expect(one).toContain('监督举报电话：0743-7222222');
    expect(one).toContain('全国扶贫监督举报电话：12317');
    await page.getByTestId('notice-batch-link').click();
    await page.getByTestId('batch-notice').waitFor();
    expect(await page.getByTestId('batch-notice').count()).toBe(1);
    const batch = await chinese('batch-notice');
    for (const n of numbers) expect(batch).toContain(n);
    expect(batch).toContain('全国扶贫监督举报电话：12317');
  });

  it("prints the village's dibao roll notice with the supervision lines", async () => {
    await loginAs(page, base, 'civil');
    await page.goto(`${base}/safety-net/notice?region=${T.villageA1}&programme=dibao`);
    await page.getByTestId('notice-supervision').waitFor();
    expect(await chinese('roll-notice')).toContain('监督举报电话：0743-7222222');
  });
});
