import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { testApp } from '../helpers/app.js';
import { launchBrowser, loginAs } from '../helpers/browser.js';

/**
 * Maker–checker in the browser (docs/facts.md): a village cadre records a month's income on the
 * household page; it shows as pending; a township officer confirms it in the confirmation queue.
 */

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let hh: { id: string };

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  hh = await createHousehold(tdb.db, { village: T.villageA1, headName: '石大姐' });
  await createUser(tdb.db, 'mc_vil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'mc_twn', 'township_officer', T.townshipA);
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

const facts = () =>
  tdb.db.selectFrom('household_fact').selectAll().where('household_id', '=', hh.id).execute();

describe('maker–checker of recorded facts', () => {
  it('a village cadre proposes an income month; a township officer confirms it in the queue', async () => {
    const cadre = await browser.newPage();
    await loginAs(cadre, base, 'mc_vil');
    await cadre.goto(`${base}/households/${hh.id}`);
    await cadre.getByTestId('fact-record').click();
    await cadre.getByTestId('fact-form').waitFor();
    await cadre.getByTestId('fact-field-month').locator('input').fill('2026-01');
    await cadre.getByTestId('fact-field-items.wage').locator('input').fill('1800');
    await cadre.getByTestId('fact-save').click();

    await expect.poll(async () => (await facts()).map((f) => f.state)).toEqual(['proposed']);
    const [proposal] = await facts();
    expect(proposal).toMatchObject({ kind: 'income_month', subject: '2026-01', observed_on: '2026-01-01' });
    expect((proposal!.value as { items: { wage: number } }).items.wage).toBe(1800);
    await cadre.getByTestId('fact-pending').waitFor();
    expect(await cadre.getByTestId(`fact-state-${proposal!.id}`).innerText()).toContain('待确认');
    await cadre.close();

    const officer = await browser.newPage();
    await loginAs(officer, base, 'mc_twn');
    await officer.getByTestId('nav-factQueue').click();
    await officer.getByTestId('fact-confirmation-page').waitFor();
    await officer.getByTestId(`fact-confirm-${proposal!.id}`).click();
    await expect.poll(async () => (await facts()).map((f) => f.state)).toEqual(['confirmed']);
    const [done] = await facts();
    expect(done!.confirmed_by).not.toBeNull();
    expect(done!.confirmed_by).not.toBe(done!.recorded_by);

    await officer.goto(`${base}/households/${hh.id}`);
    await expect
      .poll(() => officer.getByTestId(`fact-state-${proposal!.id}`).innerText())
      .toContain('已确认');
    await officer.close();
  });
});
