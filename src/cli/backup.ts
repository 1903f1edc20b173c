/**
 * Backup and restore of a data folder (docs/operations.md, "Backup and restore"). The embedded
 * PostgreSQL package ships no pg_dump (only initdb, pg_ctl, postgres), so a backup is a cold copy of
 * the folder: the cluster (`pg/`) and the folder's key files (`pg-password`, and the audit key and
 * checkpoint when present), taken while no jingzhun process owns the folder (a copy of a running
 * cluster's files would not be consistent). `jingzhun backup|restore` and scripts/backup-restore.ts.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { sql } from 'kysely';
import { childEnv } from '../config.js';
import { liveOwner } from '../db/data-folder-owner.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** What a backup holds, beside the cluster; absent files are skipped. */
export const KEY_FILES = ['pg-password', 'pg-app-password', 'audit-key', 'audit-head.json'];

/** A folder in use exits 4 (as a busy data folder does elsewhere); anything else 2. */
function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

export function backup(dataDir: string, file: string): string[] {
  if (!fs.existsSync(path.join(dataDir, 'pg'))) fail(`${dataDir} holds no cluster (pg/)`);
  const owner = liveOwner(dataDir);
  if (owner)
    fail(
      `${dataDir} is in use by jingzhun ${owner.command} (pid ${owner.pid}): stop it first, then back up`,
      4,
    );
  const parts = ['pg', ...KEY_FILES.filter((f) => fs.existsSync(path.join(dataDir, f)))];
  const r = spawnSync(
    'tar',
    ['-czf', path.resolve(file), '--exclude=pg/postmaster.pid', '-C', dataDir, ...parts],
    {
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) fail(`tar failed (${r.status})`);
  return parts;
}

export function restore(file: string, dataDir: string): void {
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) fail(`${dataDir} is not empty`);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  // -p: keep modes (the cluster must stay 0700); as root, owners are kept too (the postgres OS user)
  const r = spawnSync('tar', ['-xzpf', path.resolve(file), '-C', dataDir], { stdio: 'inherit' });
  if (r.status !== 0) fail(`tar failed (${r.status})`);
}

/** Rows of every table of the application's schema, started on the folder for the count. */
export async function tableCounts(dataDir: string): Promise<Record<string, number>> {
  const [{ startEmbedded }, { connect }] = await Promise.all([
    import('../db/embedded.js'),
    import('../db/database.js'),
  ]);
  const server = await startEmbedded({ dataDir, command: 'backup-restore count' });
  const { db } = connect(server.url, 1);
  try {
    const tables = await sql<{ t: string }>`
      select tablename as t from pg_tables where schemaname = current_schema() order by 1`.execute(db);
    const counts: Record<string, number> = {};
    for (const { t } of tables.rows)
      counts[t] = Number(
        (await sql<{ n: string }>`select count(*) as n from ${sql.table(t)}`.execute(db)).rows[0]!.n,
      );
    return counts;
  } finally {
    await db.destroy();
    await server.stop();
  }
}

/** `jingzhun audit verify` on a folder: its exit code and output. */
export function auditVerify(dataDir: string): { code: number | null; out: string } {
  const env = childEnv({ JZ_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, ['DATABASE_URL']);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/jingzhun.js'), 'audit', 'verify'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

export async function check(dataDir: string): Promise<boolean> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jz-backup-'));
  fs.chmodSync(work, 0o755);
  const file = path.join(work, 'backup.tar.gz');
  const fresh = path.join(work, 'restored');
  const parts = backup(dataDir, file);
  console.log(
    `backed up ${parts.join(', ')} → ${file} (${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MiB)`,
  );
  restore(file, fresh);
  const verify = auditVerify(fresh);
  console.log(verify.out.trim());
  const [before, after] = [await tableCounts(dataDir), await tableCounts(fresh)];
  const differ = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
  for (const t of differ) console.log(`count differs: ${t} ${before[t]} → ${after[t]}`);
  console.log(
    `tables ${Object.keys(after).length}, rows ${Object.values(after).reduce((a, b) => a + b, 0)}, differing ${differ.length}`,
  );
  fs.rmSync(work, { recursive: true, force: true });
  return verify.code === 0 && differ.length === 0;
}

/** `jingzhun backup <file>` and `jingzhun restore <file> --data <dir>`. */
export function registerBackupCommands(program: Command, dataDir: () => string): void {
  program
    .command('backup <file>')
    .description('back up the data folder (stop the server first) into a .tar.gz: cluster and key files')
    .action((file: string) => {
      console.log(`backed up ${backup(dataDir(), file).join(', ')} → ${file}`);
    });
  program
    .command('restore <file>')
    .description('restore a backup into a new, empty data folder; then run audit verify there')
    .requiredOption('--data <dir>', 'the folder to restore into (must be empty or absent)')
    .action((file: string, o: { data: string }) => {
      restore(file, path.resolve(o.data));
      console.log(`restored into ${path.resolve(o.data)}: run JZ_DATA_DIR=${o.data} jingzhun audit verify`);
    });
}
