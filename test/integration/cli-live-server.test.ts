import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { person, tmpFile, writeCsv } from '../helpers/import-files.js';

/**
 * One owner per data folder, and a server that tells the truth about its database (issue 15, items
 * 1, 2, 6): CLI commands on the folder of a running `serve` join its PostgreSQL and leave it serving;
 * a second `serve` is refused (exit 4); a killed postmaster makes health say down (503) and API
 * requests 503 (not 500), and the server restarts it and recovers without a restart of its own; a
 * command whose database fails exits 3 with one line.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const embeddedOnly = process.env.JZ_TEST_ENGINE === 'embedded';
const BIN = path.join(ROOT, 'bin/jingzhun.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jz-live-'));
let server: ChildProcess | undefined;
let port = 0;
let out = '';

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, JZ_DATA_DIR: dir, LOG_LEVEL: 'warn', HOME: dir };
  delete e.DATABASE_URL;
  return { ...e, ...extra };
}

function run(args: string[], extra: Record<string, string> = {}) {
  const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: env(extra), stdio: 'pipe' });
  let text = '';
  p.stdout.on('data', (d) => (text += d));
  p.stderr.on('data', (d) => (text += d));
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    p.on('exit', (code) => resolve({ code, out: text })),
  );
}

const url = (p: string) => `http://127.0.0.1:${port}${p}`;
const health = async () => {
  const r = await fetch(url('/api/health'));
  return { status: r.status, body: (await r.json()) as { status: string; database: { ok: boolean } } };
};

async function signIn(): Promise<string> {
  const r = await fetch(url('/api/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'county', password: 'jingzhun-demo' }),
  });
  expect(r.status).toBe(200);
  return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
}

const summary = (cookie: string) => fetch(url('/api/stats/summary'), { headers: { cookie } });

beforeAll(async () => {
  if (!embeddedOnly) return;
  port = await freePort();
  server = spawn(process.execPath, [BIN, 'serve', '--demo'], {
    cwd: ROOT,
    env: env({ PORT: String(port), JZ_DEMO_SCALE: '0.01' }),
    stdio: 'pipe',
  });
  server.stdout!.on('data', (d) => (out += d));
  server.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited ${server.exitCode}:\n${out}`);
    if (
      await fetch(url('/api/health')).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`server not ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 300_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.runIf(embeddedOnly)('CLI commands beside a running server', () => {
  it('audit verify, user add and import join the server’s PostgreSQL and leave it serving', async () => {
    const cookie = await signIn();
    const before = ((await (await summary(cookie)).json()) as { households: number }).households;

    const verify = await run(['audit', 'verify']);
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toContain('audit chain intact');
    expect(verify.out).toMatch(/using PostgreSQL of jingzhun serve/);

    const add = await run(
      ['user', 'add', '--username', 'ops1', '--role', 'county_officer'].concat([
        '--scope',
        '433124',
        '--password',
        'a-long-pass-9',
      ]),
    );
    expect(add.code, add.out).toBe(0);

    const village = '433124110226'; // 十八洞村, the demo's village
    const csv = writeCsv([
      person('LIVE-1', village, '龙活一', 'head', '1', '1968-03-03'),
      person('LIVE-1', village, '石活一', 'spouse', '2', '1970-04-04'),
    ]);
    const report = tmpFile('report.json');
    const imp = await run(['import', csv, '--report', report]);
    expect(imp.code, imp.out).toBe(0);
    expect(JSON.parse(fs.readFileSync(report, 'utf8')).households.imported).toBe(1);

    const bulk = await run(['import', csv, '--bulk', 'on', '--dry-run']);
    expect(bulk.code, bulk.out).toBe(4);
    expect(bulk.out).toMatch(/served by a running jingzhun server \(pid \d+/);

    const second = await run(['serve'], { PORT: String(await freePort()) });
    expect(second.code, second.out).toBe(4);

    expect(server!.exitCode).toBeNull();
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok' } });
    const after = await summary(cookie);
    expect(after.status).toBe(200);
    expect(((await after.json()) as { households: number }).households).toBe(before + 1);
  }, 240_000);

  it('a killed postmaster: health down (503), API 503 with Retry-After, then recovered', async () => {
    const cookie = await signIn();
    const pid = Number(fs.readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 200));

    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'down', database: { ok: false } });
    const read = await summary(cookie);
    expect(read.status).toBe(503);
    expect(read.headers.get('retry-after')).toBe('5');
    expect(await read.json()).toMatchObject({ code: 'E_UNAVAILABLE' });

    let h = down;
    while (h.status !== 200 && Date.now() - t0 < 90_000) {
      await new Promise((r) => setTimeout(r, 250));
      h = await health();
    }
    expect(h.body.status, out).toBe('ok');
    console.info(`recovered ${((Date.now() - t0) / 1000).toFixed(1)} s after SIGKILL of the postmaster`);
    expect((await summary(cookie)).status).toBe(200);
    expect(server!.exitCode).toBeNull();
    expect(out).toMatch(/PostgreSQL restarted after/);
  }, 120_000);
});

describe('exit codes', () => {
  it('3 and one line when the database cannot be reached', async () => {
    const r = await run(['audit', 'verify'], {
      DATABASE_URL: `postgres://u:p@127.0.0.1:${await freePort()}/x`,
    });
    expect(r.code).toBe(3);
    expect(r.out.trim().split('\n')).toEqual([
      expect.stringMatching(/^error: the database failed: .*ECONNREFUSED/),
    ]);
  }, 60_000);

  it('the help lists them', async () => {
    const r = await run(['--help']);
    expect(r.out).toMatch(/Exit codes:[\s\S]*3 {2}the database failed[\s\S]*4 {2}the data folder is busy/);
  }, 60_000);
});
