import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';

/**
 * The product process itself (`jingzhun serve --demo`) on the embedded PostgreSQL: first start creates
 * the demo, SIGTERM shuts down cleanly, a restart reuses the data, a killed process recovers — as
 * root and, when the tests run as root, as an ordinary OS user too.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const embeddedOnly = process.env.JZ_TEST_ENGINE === 'embedded';
const isRoot = process.getuid?.() === 0;
const dirs: string[] = [];

function dataDir(owner?: { uid: number; gid: number }): string {
  const dir = path.join(os.tmpdir(), `jz-life-${process.pid}-${dirs.length}-${Date.now()}`);
  fs.mkdirSync(dir, { mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  dirs.push(dir);
  return dir;
}

interface Running {
  proc: ChildProcess;
  port: number;
  output: () => string;
}

async function start(dir: string, owner?: { uid: number; gid: number }): Promise<Running> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JZ_DATA_DIR: dir,
    PORT: String(port),
    JZ_DEMO_SCALE: '0.01',
    LOG_LEVEL: 'warn',
    HOME: dir,
  };
  delete env.DATABASE_URL;
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin/jingzhun.js'), 'serve', '--demo'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(owner ?? {}),
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited ${proc.exitCode}:\n${out}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { proc, port, output: () => out };
}

const exited = (p: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    p.exitCode !== null ? resolve(p.exitCode) : p.once('exit', (code) => resolve(code)),
  );

const postmasterRunning = (dir: string) => {
  const pidFile = path.join(dir, 'pg', 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return false;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function households(port: number): Promise<number> {
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'county', password: 'jingzhun-demo' }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const r = await fetch(`http://127.0.0.1:${port}/api/stats/summary`, { headers: { cookie } });
  return ((await r.json()) as { households: number }).households;
}

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe.runIf(embeddedOnly)('the jingzhun process on the embedded PostgreSQL', () => {
  it('creates the demo, stops cleanly on SIGTERM, restarts on the same data, recovers after SIGKILL', async () => {
    const dir = dataDir();
    const first = await start(dir);
    const n = await households(first.port);
    expect(n).toBeGreaterThan(300);
    expect(first.output()).toMatch(/village\s+village_cadre/);

    first.proc.kill('SIGTERM');
    expect(await exited(first.proc)).toBe(0);
    expect(postmasterRunning(dir)).toBe(false);

    const second = await start(dir);
    expect(await households(second.port)).toBe(n);
    second.proc.kill('SIGKILL');
    await exited(second.proc);

    const third = await start(dir);
    expect(await households(third.port)).toBe(n);
    third.proc.kill('SIGINT');
    expect(await exited(third.proc)).toBe(0);
    expect(postmasterRunning(dir)).toBe(false);
  });

  it.runIf(isRoot)('runs as an ordinary OS user', async () => {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    const dir = dataDir({ uid, gid });
    const run = await start(dir, { uid, gid });
    expect(await households(run.port)).toBeGreaterThan(300);
    run.proc.kill('SIGTERM');
    expect(await exited(run.proc)).toBe(0);
  });
});
