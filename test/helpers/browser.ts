import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** What a browser context did lately, kept so that a failed test can say what the page saw. */
const activity = new WeakMap<BrowserContext, string[]>();
const launched = new Set<Browser>();
const KEEP = 40;

function note(context: BrowserContext, line: string) {
  const log = activity.get(context);
  if (!log) return;
  log.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
  if (log.length > KEEP) log.shift();
}

/** Keep a short log of API responses, failed requests and page errors for each new context. */
function track(context: BrowserContext): BrowserContext {
  activity.set(context, []);
  context.on('response', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/'))
      note(context, `${r.status()} ${r.request().method()} ${url.pathname}${url.search}`);
  });
  context.on('requestfailed', (r) =>
    note(context, `FAILED ${r.method()} ${r.url()}: ${r.failure()?.errorText}`),
  );
  context.on('weberror', (e) => note(context, `page error: ${e.error().message}`));
  context.on('console', (m) => {
    if (m.type() === 'error') note(context, `console.error: ${m.text().slice(0, 300)}`);
  });
  return context;
}

/** The system Chromium (Debian package), headless, with the flags this machine needs. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  // every context (browser.newPage makes one through newContext too) is tracked for failure reports
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => track(await newContext(options));
  launched.add(browser);
  browser.on('disconnected', () => launched.delete(browser));
  return browser;
}

const ERRORS = '.ant-alert-error, .ant-form-item-explain-error, .ant-message-error, .ant-result-title';

async function describePage(page: Page, file: string): Promise<string> {
  const lines = [`page ${page.url()}`];
  try {
    await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
    lines.push(`  screenshot: ${file}`);
  } catch (e) {
    lines.push(`  no screenshot: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    const shown = await page.locator(ERRORS).allInnerTexts();
    const modals = await page.locator('.ant-modal-title').allInnerTexts();
    if (modals.length) lines.push(`  open modals: ${modals.join(' | ')}`);
    if (shown.length) lines.push(`  errors shown: ${shown.map((s) => s.replace(/\s+/g, ' ')).join(' | ')}`);
  } catch {
    // the page may be gone; its log below still tells
  }
  return lines.join('\n');
}

/**
 * Report of every open page when a browser test fails: screenshot under test-results/browser/, the
 * error texts on screen, the open modals and the context's recent API responses and page errors.
 * Registered for every browser test by test/helpers/browser-setup.ts.
 */
export async function reportOpenPages(testName: string): Promise<string> {
  const dir = path.resolve('test-results/browser');
  fs.mkdirSync(dir, { recursive: true });
  const stem = testName.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
  const parts: string[] = [];
  let n = 0;
  for (const browser of launched) {
    for (const context of browser.contexts()) {
      for (const page of context.pages())
        parts.push(await describePage(page, path.join(dir, `${stem}-${++n}.png`)));
      const log = activity.get(context) ?? [];
      if (log.length) parts.push(`  recent activity:\n    ${log.join('\n    ')}`);
    }
  }
  return parts.join('\n');
}

/** Sign in through the login page and wait for the landing page, the to-do home 待办 (/todo). */
export async function loginAs(page: Page, base: string, username: string, password = 'test-password-1') {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('todo-page').waitFor();
}

/**
 * Choose an option of an antd Select and check that the Select shows it. On a loaded machine a click
 * on an option of a dropdown still opening was seen to be lost (the Select kept its old value), so the
 * choice is checked and made again, up to three times. `type` narrows a searchable Select first;
 * `shown` is the text the Select displays once chosen (the option's text by default); `until`, when
 * the choice opens something instead (a dialog asking for more), is what must appear.
 */
export async function pickOption(
  page: Page,
  select: Locator,
  option: string,
  { type, shown = option, until }: { type?: string; shown?: string; until?: Locator } = {},
) {
  for (let attempt = 1; ; attempt++) {
    await select.scrollIntoViewIfNeeded();
    await select.click();
    if (type) {
      await page.keyboard.press('ControlOrMeta+A'); // a second attempt replaces the first's text
      await page.keyboard.type(type);
    }
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
    try {
      if (until) await until.waitFor({ timeout: 3_000 });
      else await expect.poll(() => select.textContent(), { timeout: 3_000 }).toContain(shown);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      console.warn(`[browser] choosing "${option}" did not take (attempt ${attempt}); choosing again`);
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Type a date into a date field (pickers/DateField, Ant Design's DatePicker: `testId` on its input) and
 * leave it with Tab, which takes the typed day and closes the calendar that would cover the form.
 */
export async function fillDate(page: Page, testId: string, day: string) {
  const input = page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  await input.click();
  await input.fill(day);
  await input.press('Tab');
}

/**
 * Pick a region in a region field (RegionPickField, `testId`: a tree with search): type part of its
 * name, choose the hit, and wait for the field to show what it picked.
 */
export async function pickRegion(page: Page, testId: string, typed: string, name: string) {
  const field = page.getByTestId(testId);
  const picked = page.getByTestId(`${testId}-picked`).getByText(name);
  for (let attempt = 1; ; attempt++) {
    await field.scrollIntoViewIfNeeded();
    await field.click();
    await page.keyboard.press('ControlOrMeta+A'); // a second attempt replaces the first's text
    await page.keyboard.type(typed);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: name })
      .first()
      .click();
    try {
      await picked.waitFor({ timeout: 3_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      console.warn(`[browser] choosing "${name}" did not take (attempt ${attempt}); choosing again`);
      await page.keyboard.press('Escape');
    }
  }
}
