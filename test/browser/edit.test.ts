import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { testApp } from '../helpers/app.js';
import { launchBrowser, loginAs as login } from '../helpers/browser.js';

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let inA1: { id: string; headIdNumber: string };

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  inA1 = await createHousehold(tdb.db, { village: T.villageA1, headName: '龙大哥' });
  await createUser(tdb.db, 'village', 'village_cadre', T.villageA1);
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

const row = () =>
  tdb.db.selectFrom('household').selectAll().where('id', '=', inA1.id).executeTakeFirstOrThrow();

describe('editing a household in the browser', () => {
  it('changes a field with a reason, and the change log shows the audit entry', async () => {
    const page = await browser.newPage();
    await loginAs(page, 'village');
    await page.goto(`${base}/households/${inA1.id}`);
    await page.getByTestId('edit-open').click();
    await page.getByTestId('edit-drawer').waitFor();
    await page.getByTestId('edit-field-address').fill('十八洞村梨子寨8号');
    await page.getByTestId('edit-reason').fill('入户核实地址');
    await page.getByTestId('edit-save').click();

    await expect.poll(async () => (await row()).address).toBe('十八洞村梨子寨8号');
    await expect.poll(() => page.getByTestId('edit-version').innerText()).toMatch(/2/);
    const changes = page.getByTestId('household-changes');
    await expect.poll(() => changes.innerText()).toContain('入户核实地址');
    expect(await changes.innerText()).toContain('address');
    expect(await changes.innerText()).toContain('village');
    await page.close();
  });

  it('keeps the input when someone else saved first (409), and saves after loading the latest version', async () => {
    const page = await browser.newPage();
    await loginAs(page, 'village');
    await page.goto(`${base}/households/${inA1.id}`);
    await page.getByTestId('edit-open').click();
    await page.getByTestId('edit-field-address').fill('冲突后的地址');
    // meanwhile another cadre changes the bank name
    const before = await row();
    await tdb.db
      .updateTable('household')
      .set({ bank_name: '他人修改的银行', version: before.version + 1 })
      .where('id', '=', inA1.id)
      .execute();

    await page.getByTestId('edit-save').click();
    await page.getByTestId('edit-conflict').waitFor();
    expect(await page.getByTestId('edit-field-address').inputValue()).toBe('冲突后的地址');
    expect((await row()).address).not.toBe('冲突后的地址');

    await page.getByTestId('edit-conflict-reload').click();
    await page.getByTestId('edit-save').click();
    await expect.poll(async () => (await row()).address).toBe('冲突后的地址');
    expect((await row()).bank_name).toBe('他人修改的银行'); // the other change is kept
    await page.close();
  });

  it('offers the export of the filtered list as CSV and XLSX, list and roster', async () => {
    const page = await browser.newPage();
    await loginAs(page, 'village');
    await page.goto(`${base}/households?status=poor`);
    await page.getByTestId('export-button').click();
    const href = await page.getByTestId('export-roster-xlsx').getAttribute('href');
    expect(href).toContain('/api/households/export?');
    expect(href).toContain('status=poor');
    expect(href).toContain('layout=roster');
    expect(href).toContain('format=xlsx');
    expect(await page.getByTestId('export-list-csv-unmasked').count()).toBe(0); // a village cadre may not unmask
    const res = await page.request.get(`${base}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
    await page.close();
  });
});
