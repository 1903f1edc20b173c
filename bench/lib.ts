import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { connect, type Database } from '../src/db/database.js';
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { syncCodeLists } from '../src/modules/codelists/service.js';

/** A fresh database for a benchmark: DATABASE_URL's server (new database) or a throw-away embedded cluster. */
export async function benchDatabase(
  label: string,
): Promise<{ db: Database; engine: string; url: string; close(): Promise<void> }> {
  let server: EmbeddedServer | undefined;
  let dir: string | undefined;
  let url = process.env.DATABASE_URL;
  let engine = 'PostgreSQL server (DATABASE_URL)';
  if (url) {
    const { db: admin } = connect(url, 1);
    const name = `jz_bench_${label}_${Date.now()}`;
    await sql.raw(`create database ${name}`).execute(admin);
    await admin.destroy();
    const u = new URL(url);
    u.pathname = `/${name}`;
    url = u.toString();
  } else {
    dir = path.join(os.tmpdir(), `jz-bench-${label}-${Date.now()}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    server = await startEmbedded({ dataDir: dir, ephemeral: true });
    url = server.url;
    engine = 'embedded PostgreSQL 17';
  }
  const { db } = connect(url, 10);
  await migrate(db);
  await syncCodeLists(db);
  return {
    db,
    engine,
    url,
    async close() {
      await db.destroy();
      await server?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/** Peak resident memory of this process so far, in MiB. */
export const peakRssMiB = () => process.resourceUsage().maxRSS / 1024;

/** Sign in to a running server as a demo account; the session cookie (`name=value`). */
export async function demoLogin(
  base: string,
  username: string,
  password = process.env.JZ_DEMO_PASSWORD ?? 'jingzhun-demo',
): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}
