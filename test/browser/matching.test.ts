import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { importList } from '../../src/modules/matching/list-import.js';
import { nationalDefaults } from '../../src/modules/matching/run.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { testApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { writeListCsv } from '../helpers/list-files.js';

let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let householdId: string;
let flagId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  const h = await createHousehold(tdb.db, { village: T.villageA1, headName: '龙有车' });
  householdId = h.id;
  await importList(
    tdb.db,
    writeListCsv(['公民身份号码', '姓名', '车牌号'], [[h.headIdNumber, '龙有车', '湘U8A888']]),
    {
      actor: { id: null, name: 'test' },
      scope: T.county,
      kind: 'vehicle',
      department: '县公安局交警大队',
      fileName: 'vehicles.csv',
      paramsFor: nationalDefaults,
      today: new Date(),
    },
  );
  flagId = (await tdb.db.selectFrom('match_flag').select('id').executeTakeFirstOrThrow()).id;
  // one ID number in two households of the township, for the duplicates page
  const twin = await createHousehold(tdb.db, { village: T.villageA2, headName: '重复人' });
  // a number held twice can only be data from before the national person index (migration 044):
  // planted as such (a legacy duplicate, outside the index's uniqueness)
  await sql`update member_key set legacy_duplicate = true
    where household_id = ${twin.id} and id in (select id from member where household_id = ${twin.id} and relation = 'head')`.execute(
    tdb.db,
  );
  await tdb.db
    .updateTable('member')
    .set({ id_number: h.headIdNumber })
    .where('household_id', '=', twin.id)
    .where('relation', '=', 'head')
    .execute();
  await createUser(tdb.db, 'township', 'township_officer', T.townshipA);
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

describe('matching in the browser', () => {
  it('a township officer confirms a flag with a reason', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill('township');
    await page.getByTestId('login-password').fill('test-password-1');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('todo-page').waitFor();

    await page.getByTestId('nav-matching').first().click();
    await page.getByTestId(`flag-row-${flagId}`).waitFor();
    expect(await page.getByTestId(`flag-row-${flagId}`).innerText()).toContain('龙有车');
    expect(await page.getByTestId('summary-vehicle').innerText()).toContain('1');

    await page.getByTestId(`flag-confirm-${flagId}`).click();
    await page.getByTestId('review-reason').waitFor(); // the dialog is open before it is submitted
    await page.getByTestId('review-submit').click(); // no reason yet: refused in the form
    await page.getByText('请填写核查意见').waitFor();
    await page.getByTestId('review-reason').fill('入户核实，该户确有小轿车一辆');
    await page.getByTestId('review-submit').click();
    await page.getByTestId(`flag-row-${flagId}`).waitFor({ state: 'detached' }); // left the pending queue

    const flag = await tdb.db
      .selectFrom('match_flag')
      .selectAll()
      .where('id', '=', flagId)
      .executeTakeFirstOrThrow();
    expect(flag).toMatchObject({
      status: 'confirmed',
      reviewer_name: 'township',
      reason: '入户核实，该户确有小轿车一辆',
    });

    await page.goto(`${base}/households/${householdId}`);
    await page.getByTestId(`flag-status-${flagId}`).waitFor();
    expect(await page.getByTestId('household-flags').innerText()).toContain('入户核实，该户确有小轿车一辆');
    await page.close();
  });

  it('the duplicates page lists one ID number in two households and dismisses it with a reason', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-username').fill('township');
    await page.getByTestId('login-password').fill('test-password-1');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('todo-page').waitFor();
    await page.getByTestId('nav-duplicates').first().click();
    const group = page.locator('[data-testid^="dup-group-"]');
    await group.first().waitFor();
    expect(await group.count()).toBe(1);
    expect(await group.first().innerText()).toContain('重复人');
    await page.locator('[data-testid^="dismiss-"]').first().click();
    await page.getByTestId('reason-input').fill('已核实：户籍迁移未注销，另行处理');
    await page.getByTestId('reason-submit').click();
    await group.first().waitFor({ state: 'detached' });
    const d = await tdb.db.selectFrom('duplicate_dismissal').selectAll().execute();
    expect(d).toEqual([expect.objectContaining({ kind: 'same_id', dismissed_by_name: 'township' })]);
    await page.close();
  });
});
