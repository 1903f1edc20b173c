/**
 * First visit (empty cache) of the household portal's sign-in page and of the village cadre's home
 * (signed in, `/`) in a phone-sized headless Chromium on a throttled 3G-like link, for three ways of
 * serving the web app, interleaved in one run:
 *   now     — the current build served by src/server/static-assets.ts (brotli, immutable /assets)
 *   before  — the former build (one vendor chunk: JZ_WEB_SPLIT=before) served the former way
 *             (uncompressed, `max-age=0`): the yardstick
 *   split   — the current build served the former way (what the code split alone gives)
 * Link: Chromium DevTools Network.emulateNetworkConditions, 1.6 Mbit/s down, 750 kbit/s up, 150 ms
 * round trip (the DevTools "Regular 3G"-like preset); the CPU is not throttled.
 * Figures: "ready" = navigation start → the page's key element is visible (portal: the sign-in button;
 * cadre: the app's menu button or menu and no spinner left), "complete" = the first request's start →
 * the last response's end (assets and API calls, until nothing is in flight for 2 s), bytes over the wire.
 * Usage: npx tsx bench/first-load.ts [runs=3] [scale=0.1]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadRegions } from '../src/modules/regions/loader.js';
import { generateDemo } from '../src/demo/service.js';
import { ensureDemoAccounts } from '../src/demo/setup.js';
import { buildApp } from '../src/server/app.js';
import { launchBrowser } from '../test/helpers/browser.js';
import { benchDatabase, machine } from './lib.js';

const runs = Number(process.argv[2] ?? 3);
const scale = Number(process.argv[3] ?? 0.1);
const county = '433124';
const root = path.resolve(import.meta.dirname, '..');
const LINK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** The current build (web/dist, as `npm start` makes it) and the former one in a temporary folder. */
function builds(): { now: string; before: string } {
  execFileSync(process.execPath, [path.join(root, 'scripts/ensure-web.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  const before = fs.mkdtempSync(path.join(os.tmpdir(), 'jz-web-before-'));
  console.error('building the former bundle (one vendor chunk)…');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error', '--outDir', before],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', JZ_WEB_SPLIT: 'before' } },
  );
  return { now: path.join(root, 'web/dist'), before };
}

interface Visit {
  ready: number;
  complete: number;
  bytes: number;
  requests: number;
  /** Where the visit ended (the cadre's `/` redirects to their home). */
  landed: string;
}

/** One first visit in a fresh context (empty cache) on the throttled link. */
async function visit(
  browser: Browser,
  url: string,
  ready: (p: Page) => Promise<unknown>,
  cookie?: string,
): Promise<Visit> {
  const context = await browser.newContext(PHONE);
  try {
    if (cookie) {
      const [name, value] = cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url }]);
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', LINK);
    let first = Infinity;
    let last = 0;
    let bytes = 0;
    let requests = 0;
    const inFlight = new Set<string>();
    let quietSince = performance.now();
    cdp.on('Network.requestWillBeSent', (e) => {
      first = Math.min(first, e.timestamp);
      if (!inFlight.has(e.requestId)) requests++; // a redirect keeps its id
      inFlight.add(e.requestId);
    });
    const settled = (id: string) => {
      inFlight.delete(id);
      quietSince = performance.now();
    };
    cdp.on('Network.loadingFinished', (e) => {
      last = Math.max(last, e.timestamp);
      bytes += e.encodedDataLength;
      settled(e.requestId);
    });
    cdp.on('Network.loadingFailed', (e) => settled(e.requestId));
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    await ready(page);
    const readyMs = performance.now() - t0;
    // complete: nothing in flight for 2 s (lazy chunks such as the charts load after the page shows)
    while (inFlight.size > 0 || performance.now() - quietSince < 2000) await page.waitForTimeout(100);
    const landed = new URL(page.url()).pathname;
    return { ready: readyMs, complete: (last - first) * 1000, bytes, requests, landed };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { now, before } = builds();
const { db, engine, close } = await benchDatabase('firstload');
const apps: Awaited<ReturnType<typeof buildApp>>[] = [];
const browser = await launchBrowser();
try {
  await loadRegions(db, { counties: [county] });
  await generateDemo(db, { countyCode: county, seed: 2014, scale });
  await ensureDemoAccounts(db, county, 'bench-password');
  const variants = {
    now: { webDist: now, webMode: 'optimised' },
    before: { webDist: before, webMode: 'legacy' },
    split: { webDist: now, webMode: 'legacy' },
  } as const;
  const bases: Record<string, string> = {};
  for (const [name, v] of Object.entries(variants)) {
    const app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent', ...v });
    await app.listen({ port: 0, host: '127.0.0.1' });
    apps.push(app);
    bases[name] = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }
  const login = await fetch(`${bases.now}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'village', password: 'bench-password' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  if (!login.ok || !cookie) throw new Error(`village cadre sign-in failed: ${login.status}`);
  const pages = {
    portal: {
      path: '/portal/login',
      ready: (p: Page) => p.getByTestId('portal-submit').waitFor({ timeout: 120_000 }),
      cookie: undefined,
    },
    cadre: {
      path: '/',
      ready: async (p: Page) => {
        await p.locator('.ant-layout-header, .ant-menu').first().waitFor({ timeout: 120_000 });
        await p.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 120_000 });
      },
      cookie,
    },
  };
  const loadBefore = os.loadavg();
  const results: Record<string, Visit[]> = {};
  await visit(browser, `${bases.now}/portal/login`, pages.portal.ready); // warm the server, not the browser
  for (let i = 0; i < runs; i++)
    for (const [pageName, pg] of Object.entries(pages))
      for (const [variant, base] of Object.entries(bases)) {
        const v = await visit(browser, `${base}${pg.path}`, pg.ready, pg.cookie);
        (results[`${pageName} ${variant}`] ??= []).push(v);
        console.error(`run ${i + 1} ${pageName} ${variant}: ready ${v.ready.toFixed(0)} ms at ${v.landed}`);
      }
  const loadAfter = os.loadavg();
  const summary = Object.entries(results).map(([key, vs]) => ({
    key,
    readyMs: Math.round(median(vs.map((v) => v.ready))),
    completeMs: Math.round(median(vs.map((v) => v.complete))),
    kB: Math.round(median(vs.map((v) => v.bytes)) / 1000),
    requests: median(vs.map((v) => v.requests)),
    landed: [...new Set(vs.map((v) => v.landed))].join(' '),
  }));
  const of = (k: string) => summary.find((s) => s.key === k)!;
  console.log(`first load on a throttled link — ${engine}, demo scale ${scale}, ${machine()}`);
  console.log(`link: 1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT; phone viewport; median of ${runs}`);
  console.log(
    `load average ${loadBefore.map((x) => x.toFixed(1)).join(' ')} → ${loadAfter.map((x) => x.toFixed(1)).join(' ')}`,
  );
  for (const s of summary)
    console.log(
      `${s.key.padEnd(14)} ready ${String(s.readyMs).padStart(6)} ms  complete ${String(s.completeMs).padStart(6)} ms  ${String(s.kB).padStart(5)} kB  ${s.requests} requests  ${s.landed}`,
    );
  for (const p of Object.keys(pages))
    console.log(`${p}: now/before ready ${(of(`${p} now`).readyMs / of(`${p} before`).readyMs).toFixed(2)}x`);
  const out = path.join(root, 'bench/results/first-load.json');
  fs.writeFileSync(
    out,
    `${JSON.stringify({ link: LINK, runs, scale, machine: machine(), loadBefore, loadAfter, summary }, null, 2)}\n`,
  );
} finally {
  await browser.close();
  for (const app of apps) await app.close();
  await close();
  fs.rmSync(before, { recursive: true, force: true });
}
