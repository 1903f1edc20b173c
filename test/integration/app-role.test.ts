import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';

/**
 * Least privilege on the embedded cluster (issue 15, item 3; docs/audit.md, "The insider model"):
 * `serve` connects its requests as `jingzhun_app`, which may insert audit evidence but not update,
 * delete or truncate it, nor disable the change-capture triggers; `audit verify` says so.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const embeddedOnly = process.env.JZ_TEST_ENGINE === 'embedded';
const BIN = path.join(ROOT, 'bin/jingzhun.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jz-approle-'));
let server: ChildProcess | undefined;
let port = 0;
let out = '';

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, JZ_DATA_DIR: dir, LOG_LEVEL: 'warn', HOME: dir };
  delete e.DATABASE_URL;
  return { ...e, ...extra };
}

function run(args: string[]) {
  const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: env(), stdio: 'pipe' });
  let text = '';
  p.stdout.on('data', (d) => (text += d));
  p.stderr.on('data', (d) => (text += d));
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    p.on('exit', (code) => resolve({ code, out: text })),
  );
}

const url = (p: string) => `http://127.0.0.1:${port}${p}`;

async function client(user: string, passwordFile: string): Promise<pg.Client> {
  const owner = JSON.parse(fs.readFileSync(path.join(dir, 'pg-owner.json'), 'utf8')) as { port: number };
  const c = new pg.Client({
    host: 'localhost',
    port: owner.port,
    database: 'jingzhun',
    user,
    password: fs.readFileSync(path.join(dir, passwordFile), 'utf8').trim(),
    application_name: 'jz-test',
  });
  await c.connect();
  return c;
}

/** The error code of `text` run by `c` in a transaction rolled back (null when it succeeded). */
async function codeOf(c: pg.Client, text: string): Promise<string | null> {
  await c.query('begin');
  try {
    await c.query(text);
    return null;
  } catch (err) {
    return (err as { code?: string }).code ?? 'unknown';
  } finally {
    await c.query('rollback');
  }
}

let app: pg.Client;
let admin: pg.Client;

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
  app = await client('jingzhun_app', 'pg-app-password');
  admin = await client('postgres', 'pg-password');
}, 300_000);

afterAll(async () => {
  await app?.end().catch(() => undefined);
  await admin?.end().catch(() => undefined);
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe.runIf(embeddedOnly)('the least-privilege application role', () => {
  it('the password file is the owner’s only (mode 0600)', () => {
    expect(fs.statSync(path.join(dir, 'pg-app-password')).mode & 0o777).toBe(0o600);
  });

  it('the server’s requests connect as jingzhun_app', async () => {
    const r = await fetch(url('/api/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'county', password: 'jingzhun-demo' }),
    });
    expect(r.status).toBe(200);
    const users = await admin.query<{ usename: string }>(
      `select distinct usename::text from pg_stat_activity where application_name = 'jingzhun'`,
    );
    expect(users.rows.map((u) => u.usename)).toContain('jingzhun_app');
  });

  it('may insert audit evidence', async () => {
    expect((await app.query('select current_user as u')).rows[0]).toEqual({ u: 'jingzhun_app' });
    expect(
      await codeOf(
        app,
        `insert into audit_event (actor_name, action, entity_type, prev_hash, hash, segment, seq)
         values ('t', 't', 't', repeat('0', 64), repeat('0', 64), 'zz-test', 1)`,
      ),
    ).toBeNull();
    expect(await codeOf(app, `insert into row_change (tbl, op, rows) values ('t', 'update', 1)`)).toBeNull();
  });

  it.each([
    'update audit_event set reason = null',
    'delete from audit_event',
    'truncate audit_event',
    `update row_change set op = 'x'`,
    'delete from row_change',
    'truncate row_change',
    'delete from audit_segment',
    'alter table household disable trigger all',
    'alter table member disable trigger user',
    'set session_replication_role = replica',
  ])('may not: %s', async (text) => {
    expect(await codeOf(app, text)).toBe('42501');
  });

  it('may vacuum the registry tables (MAINTAIN) without owning them', async () => {
    const notices: string[] = [];
    app.on('notice', (n) => notices.push(n.message ?? ''));
    await app.query('vacuum (analyze) household, member, household_year');
    expect(notices.filter((n) => /permission|skipping/i.test(n))).toEqual([]);
  });

  it('audit verify on the live server finds the server’s role least-privileged', async () => {
    const r = await run(['audit', 'verify']);
    expect(r.out).not.toMatch(/not least-privilege/);
    expect(r.code, r.out).toBe(0);
  });
});
