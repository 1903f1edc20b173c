import fs from 'node:fs';
import path from 'node:path';

/**
 * One owner per data folder. The process that starts the embedded PostgreSQL records itself in
 * `<dataDir>/pg-owner.json` (before the postmaster starts; removed when it stops it). Another jingzhun
 * process finding a live owner joins that cluster instead of starting (or stopping) one; only a
 * postmaster whose owner process is gone is an orphan.
 */
export interface OwnerRecord {
  pid: number;
  /** PostgreSQL's TCP port on localhost. */
  port: number;
  /** `serve` (the web server) or `cli` (a command that started the cluster for itself). */
  role: 'serve' | 'cli';
  /** The command, e.g. `serve`, `import`, `audit verify` (no option values: they may hold passwords). */
  command: string;
  startedAt: string;
  /** The owner's start time in clock ticks since boot (Linux), so that a reused pid is not taken for it. */
  procStart?: string;
}

/** A jingzhun command may not run on this data folder now (exit code 4). */
export class DataFolderBusyError extends Error {
  constructor(
    message: string,
    readonly owner: OwnerRecord,
  ) {
    super(message);
    this.name = 'DataFolderBusyError';
  }
}

export const ownerFile = (dataDir: string) => path.join(dataDir, 'pg-owner.json');

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** Field 22 of /proc/<pid>/stat (start time); undefined where /proc is absent. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** The command line's command words (`import`, `audit verify`), never option values. */
export function commandName(argv = process.argv.slice(2)): string {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith('-') || words.length === 2) break;
    words.push(a);
  }
  return words.join(' ') || 'jingzhun';
}

/** The recorded owner when that process still runs (and is not this one); else undefined. */
export function liveOwner(dataDir: string): OwnerRecord | undefined {
  let rec: OwnerRecord;
  try {
    rec = JSON.parse(fs.readFileSync(ownerFile(dataDir), 'utf8')) as OwnerRecord;
  } catch {
    return undefined;
  }
  if (!Number.isInteger(rec.pid) || rec.pid <= 0 || rec.pid === process.pid || !isAlive(rec.pid))
    return undefined;
  const now = processStartTime(rec.pid);
  if (rec.procStart && now && rec.procStart !== now) return undefined; // the pid was reused
  return rec;
}

export function writeOwner(dataDir: string, rec: Omit<OwnerRecord, 'pid' | 'procStart'>): void {
  const full: OwnerRecord = { pid: process.pid, procStart: processStartTime(process.pid), ...rec };
  const tmp = `${ownerFile(dataDir)}.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(full, null, 1), { mode: 0o644 });
  fs.renameSync(tmp, ownerFile(dataDir));
}

/** Remove the owner file if it still names this process. */
export function releaseOwner(dataDir: string): void {
  try {
    const rec = JSON.parse(fs.readFileSync(ownerFile(dataDir), 'utf8')) as OwnerRecord;
    if (rec.pid === process.pid) fs.rmSync(ownerFile(dataDir), { force: true });
  } catch {
    // absent or unreadable: nothing of ours to remove
  }
}

/** The message refusing a command that needs the data folder to itself. */
export function busyMessage(dataDir: string, owner: OwnerRecord, what: string): string {
  return owner.role === 'serve'
    ? `${what}: the data folder ${dataDir} is served by a running jingzhun server (pid ${owner.pid}, PostgreSQL port ${owner.port}); stop it first`
    : `${what}: the data folder ${dataDir} is in use by \`jingzhun ${owner.command}\` (pid ${owner.pid}); run this when it has finished`;
}
