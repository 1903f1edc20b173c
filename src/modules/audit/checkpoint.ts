import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { CheckpointHead } from '../../domain/audit-chain.js';
import { auditRepository } from './repository.js';

/**
 * The checkpoint file: every segment's head as last seen committed, kept outside the database so a
 * truncated or rewritten chain is caught even when its head row in `audit_segment` was rewritten to
 * match. Written atomically (temporary file, then rename). Monotonic: a segment's checkpoint only moves
 * forward, and only when the chain still reaches the checkpointed event with the same hash — a
 * tampered database never overwrites the evidence.
 */
export interface Checkpoint {
  version: 1;
  writtenAt: string;
  /** Per database (its name: one data folder may serve several, e.g. tests), each segment's head. */
  databases: Record<string, Record<string, CheckpointHead>>;
}

function readFile(file: string): Checkpoint | null {
  try {
    const c = JSON.parse(fs.readFileSync(file, 'utf8')) as Checkpoint;
    return c && typeof c.databases === 'object' ? c : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** The checkpointed heads of this database's segments (null: none checkpointed yet). */
export async function readCheckpoint(
  db: Kysely<DB>,
  file: string,
): Promise<Record<string, CheckpointHead> | null> {
  return readFile(file)?.databases[await auditRepository.databaseName(db)] ?? null;
}

function writeAtomically(file: string, c: Checkpoint): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(c, null, 1)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/**
 * Move the checkpoint forward to the database's committed heads; returns the segments held back
 * because the chain no longer reaches their checkpoint (tampering: `audit verify` tells the details).
 */
export async function flushCheckpoint(db: Kysely<DB>, file: string, now: Date): Promise<string[]> {
  const name = await auditRepository.databaseName(db);
  const old = readFile(file);
  const segments: Record<string, CheckpointHead> = { ...old?.databases[name] };
  const held: string[] = [];
  let changed = !old?.databases[name];
  for (const h of await auditRepository.heads(db)) {
    const cp = segments[h.segment];
    if (cp && cp.events === h.events && cp.headHash === h.headHash) continue;
    if (cp && cp.events > 0) {
      const at = h.events >= cp.events ? await auditRepository.eventAt(db, h.segment, cp.events) : undefined;
      if (at?.hash !== cp.headHash) {
        held.push(h.segment);
        continue;
      }
    }
    const last = await auditRepository.eventAt(db, h.segment, h.events);
    segments[h.segment] = {
      events: h.events,
      headHash: h.headHash,
      lastId: last?.id ?? null,
      keyedFrom: h.keyedFrom,
    };
    changed = true;
  }
  if (changed) {
    // re-read just before writing: another process may have checkpointed another database meanwhile
    const databases = { ...readFile(file)?.databases, [name]: segments };
    writeAtomically(file, { version: 1, writtenAt: now.toISOString(), databases });
  }
  return held;
}

/**
 * Keep the checkpoint file up to date while a process writes audit events: at most every
 * `intervalMs` (one small read of `audit_segment` per tick), and once more on stop.
 */
export function startCheckpointer(
  db: Kysely<DB>,
  file: string,
  opts: { intervalMs?: number; now: () => Date; log: (l: string) => void },
): { flush(): Promise<void>; stop(): Promise<void> } {
  let told = '';
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    running = running.then(async () => {
      try {
        const held = await flushCheckpoint(db, file, opts.now());
        const msg = held.length ? held.join(', ') : '';
        if (msg && msg !== told)
          opts.log(
            `audit checkpoint held back for segment(s) ${msg}: the chain no longer reaches it (run audit verify)`,
          );
        told = msg;
      } catch {
        // the database is down or not migrated yet: the next tick tries again
      }
    });
    return running;
  };
  const timer = setInterval(() => void flush(), opts.intervalMs ?? 1000);
  timer.unref();
  return {
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
