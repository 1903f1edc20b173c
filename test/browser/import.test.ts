import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_FILL } from '../../src/modules/import/report-xlsx.js';
import { testApp } from '../helpers/app.js';
import { launchBrowser, loginAs as login, pickOption } from '../helpers/browser.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createUser, seedRegions, T } from '../helpers/factory.js';
import { person, withBadCheckDigit, writeCsv } from '../helpers/import-files.js';

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await createUser(tdb.db, 'county', 'county_officer', T.county);
  await createUser(tdb.db, 'townA', 'township_officer', T.townshipA);
  app = await testApp(tdb.db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await tdb?.drop();
});

const loginAs = (page: Page, username: string) => login(page, base, username);

const rows = () => [
  person('B-OK', T.villageA1, '龙一', 'head', '1', '1968-03-03'),
  withBadCheckDigit(person('B-ID', T.villageA1, '甲', 'head', '1', '1970-01-01')),
  person('B-NEG', T.villageA2, '己', 'head', '1', '1975-03-03', { 工资性收入: '-5' }),
  person('B-OUT', T.villageB1, '乙', 'head', '2', '1976-03-03'),
];

const householdCount = async (prefix: string) =>
  (await tdb.db.selectFrom('household').select('id').where('household_no', 'like', `${prefix}%`).execute())
    .length;

describe('import in the browser', () => {
  it('uploads a file, shows the summary and the filterable error table, downloads the XLSX report', async () => {
    const page = await browser.newPage();
    await loginAs(page, 'townA');
    await page.getByTestId('nav-import').first().click();
    await page.getByTestId('import-file').setInputFiles(writeCsv(rows(), { name: '上传.csv' }));
    expect(await page.getByTestId('import-file-name').innerText()).toContain('上传.csv');
    await page.getByTestId('import-mode-valid').click();
    await page.getByTestId('import-submit').click();

    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-stat-hi').innerText()).toContain('1');
    expect(await page.getByTestId('import-stat-hr').innerText()).toContain('3');
    expect(await page.getByTestId('import-committed').innerText()).toContain('已写入');
    expect(await householdCount('B-')).toBe(1);

    const errors = page.getByTestId('import-errors');
    const text = await errors.innerText();
    for (const code of ['E_ID_CHECK_DIGIT', 'E_RANGE', 'E_OUT_OF_SCOPE']) expect(text).toContain(code);

    await pickOption(page, page.getByTestId('import-filter-code'), 'E_RANGE');
    await expect.poll(() => errors.locator('tbody tr[data-testid^="import-error-"]').count()).toBe(1);
    expect(await errors.locator('tbody').innerText()).toContain('工资性收入');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-report-xlsx').click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const fill = wb.worksheets[0]!.getRow(3).getCell(4).fill as ExcelJS.FillPattern;
    expect(fill.fgColor?.argb).toBe(ERROR_FILL.fgColor!.argb);

    // the job stays in the address: a reload shows it again
    await page.reload();
    await page.getByTestId('import-summary').waitFor();
    await page.getByTestId('import-again').click();
    await page.getByTestId('import-form').waitFor();
    await page.close();
  });

  it('fits a phone-width screen; a dry run writes nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await loginAs(page, 'county');
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-import').last().click();
    await page
      .getByTestId('import-file')
      .setInputFiles(writeCsv(rows().map((r) => [`P${r[0]}`, ...r.slice(1)])));
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-committed').innerText()).toContain('试运行');
    await page.getByTestId('import-errors').waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    expect(await householdCount('PB-')).toBe(0);
    await page.close();
  });
});
