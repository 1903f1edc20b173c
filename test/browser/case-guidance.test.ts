import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { clockOf } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { launchBrowser } from '../helpers/browser.js';

/**
 * Guidance in procedures (issue 20 item 7): a village cadre opens an identification case on a household
 * the rules find ineligible, sees the confirmation with the rule's reasons, confirms; the case opens and
 * the audit keeps the confirmation. The vote (民主评议) on it asks the same, and its audit keeps it too.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const now = new Date('2026-03-02T02:00:00Z');
let rich: { id: string };
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  rich = await createHousehold(tdb.db, {
    village: T.villageA1,
    status: 'none',
    type: 'ordinary',
    headName: '龙富余',
    income: [{ year: 2025, perCapita: 40_000, status: 'none' }],
  });
  await createUser(tdb.db, 'village', 'village_cadre', T.villageA1);
  app = await buildApp({
    db: tdb.db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => now),
  });
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

async function signedIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('test-password-1');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('todo-page').waitFor();
  return page;
}

describe('guidance when opening a case', () => {
  it(
    'asks to confirm with the reasons, then opens and audits the confirmation',
    { timeout: 120_000 },
    async () => {
      const page = await signedIn('village');
      await page.goto(`${base}/households/${rich.id}`);
      await page.getByTestId('rule-panel').waitFor();
      await page.getByTestId('open-case').click();
      await page.getByTestId('open-case-identification').click();

      const dialog = page.getByTestId('ineligible-dialog');
      await dialog.waitFor();
      expect(await dialog.getAttribute('data-outcome')).toBe('ineligible');
      const reasons = await page.getByTestId('ineligible-reasons').innerText();
      expect(reasons).toContain('40,000');
      expect(await page.locator('.ant-modal-title').innerText()).toContain('不符合条件');
      // nothing opened yet
      expect(await auditEventsOf(tdb.db, 'case.open')).toHaveLength(0);

      await page.getByTestId('ineligible-confirm').click();
      await page.waitForURL(/\/cases\/\d+$/);
      await page.getByTestId('case-page').waitFor();
      const caseId = page.url().split('/').pop()!;
      // the step that awaits the village cadre says who acts and what it needs
      const next = await page.getByTestId('next-steps').innerText();
      expect(next).toContain('待您办理');
      expect(next).toMatch(/表决（到会不少于 67%/);
      const [audit] = await auditEventsOf(tdb.db, 'case.open');
      expect(audit?.entity_id).toBe(caseId);
      const after = audit?.after as { confirmedIneligible?: { rule: string; reasons: unknown[] } } | null;
      expect(after?.confirmedIneligible?.rule).toBe('identification');
      expect(after?.confirmedIneligible?.reasons.length).toBeGreaterThan(0);

      // the democratic review (民主评议) of the same household asks again, with the reasons
      await page.getByTestId('action-review_vote').click();
      await page.getByTestId('action-form-review_vote').waitFor();
      for (const [id, n] of [
        ['field-vote-total', '30'],
        ['field-vote-present', '25'],
        ['field-vote-for', '20'],
        ['field-vote-against', '3'],
      ] as const)
        await page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first().fill(n);
      await page.getByTestId('action-submit').click();
      await dialog.waitFor();
      expect(await page.getByTestId('ineligible-reasons').innerText()).toContain('40,000');
      expect(await page.getByTestId('ineligible-confirm').innerText()).toMatch(/确认提交评议/);
      expect(await page.getByTestId('case-state').getAttribute('data-state')).toBe('applied');
      expect(await auditEventsOf(tdb.db, 'case.review_vote')).toHaveLength(0);
      await page.getByTestId('ineligible-confirm').click();
      await expect
        .poll(() => page.getByTestId('case-state').getAttribute('data-state'), { timeout: 10_000 })
        .toBe('first_notice');
      const [voted] = await auditEventsOf(tdb.db, 'case.review_vote');
      const votedAfter = voted?.after as { confirmedIneligible?: { rule: string } } | null;
      expect(votedAfter?.confirmedIneligible?.rule).toBe('identification');
    },
  );
});
