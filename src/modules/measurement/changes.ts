import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { FrameCache } from './cache.js';
import type { PartCache } from './part-cache.js';
import { measuresRepository as repo } from './repository.js';

/** Change marks older than this are pruned (a store below the pruned ones is read again whole). */
const MARKS_KEPT_MINUTES = 60;
/** How often a process prunes the marks (any process may; pruning is idempotent). */
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * The change-mark sync of one process's measures cache (migration 033, docs/scaling.md): reads the
 * marks no cached store has applied yet on the primary (`db`); stores re-read the changed villages;
 * '*' (a policy change) calls `dropLines`. No mark is consumed: every server process keeps its own
 * positions. A store (or the lines) at or below the highest pruned mark may have missed marks: it is
 * dropped and read again whole. The per-county parts (part-cache.ts) follow the same marks.
 */
export function createChangeSync(
  db: Kysely<DB>,
  cache: FrameCache,
  dropLines: () => void,
  parts?: PartCache,
) {
  let linesAt: bigint | null = null;
  let prunedAt = Date.now();
  /** The mark `floor` (highest pruned, 0 = none) hides marks at or above `at`. */
  const missed = (at: bigint, floor: bigint) => floor > 0n && at <= floor;

  return async function sync(): Promise<void> {
    const entries = cache.list();
    const at = await Promise.all(entries.map((e) => e.position.catch(() => 0n)));
    const partsAt = parts?.positions() ?? [];
    if (linesAt === null && at.length === 0 && partsAt.length === 0) {
      linesAt = await repo.position(db);
      return;
    }
    const from = [...at, ...partsAt, ...(linesAt === null ? [] : [linesAt])].reduce((a, b) =>
      b < a ? b : a,
    );
    const { xmin, floor, marks } = await repo.changesSince(db, from);
    entries.forEach((e, i) => missed(at[i]!, floor) && cache.drop(e));
    if (
      linesAt === null ||
      missed(linesAt, floor) ||
      marks.some((m) => m.village === '*' && m.xid >= linesAt!)
    )
      dropLines();
    if (linesAt === null || xmin > linesAt) linesAt = xmin;
    const villageMarks = marks.filter((m) => m.village !== '*');
    cache.apply(villageMarks, xmin);
    parts?.apply(villageMarks, from, xmin, floor);
    if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
      prunedAt = Date.now();
      await repo.pruneChanges(db, MARKS_KEPT_MINUTES).catch(() => undefined);
    }
  };
}
