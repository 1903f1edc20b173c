import { Snapshot } from './snapshot.js';
import { storeOf } from './store.js';
import { householdsIn } from './view.js';
import type { RegistryData } from './repository.js';

/** Reads a region's data; with `only`, the households touching those villages or with those ids. */
export type DataLoader = (only?: {
  villages: readonly string[];
  ids: readonly number[];
}) => Promise<RegistryData>;

/**
 * Where a store's data comes from: a whole region once (`position`: the change-mark position that read
 * reflects, taken first on the same server, e.g. a replica), then the households of changed villages
 * (`load` with `only`, on the primary, which is never behind a mark read there).
 */
export interface Source {
  load: DataLoader;
  position?: () => Promise<bigint>;
}

/** A change mark (migration 033): a village changed by a transaction. */
export interface Mark {
  xid: bigint;
  village: string;
}

export interface Entry {
  region: string;
  snapshot: Promise<Snapshot>;
  load: DataLoader;
  /** The position the store reflects: marks at or above it may still be missing. */
  position: Promise<bigint>;
  /** Marks at or above `position` already applied. */
  seen: Set<string>;
}
/** The transaction id of a mark every store applies whatever its position (`invalidate`). */
const ALWAYS = 0n;
const markKey = (m: Mark) => `${m.xid}|${m.village}`;

/**
 * Registry stores per region in memory (all years of the region in one), with the year frames and
 * answers computed on them. A request for a region is served by the cached store of that region or
 * of any ancestor (rows are then selected by prefix). `invalidate(villages)` re-reads only the
 * households touching those villages (an index lookup) and merges them into every store holding
 * one; year frames are rebuilt from memory when next asked. Least-recently-used entries go beyond
 * `capacity` regions, or once the stores hold more than `budgetBytes` (the most recent one stays,
 * whatever its size).
 */
export class FrameCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly capacity = 6,
    readonly budgetBytes = Infinity,
  ) {}

  /** The entry covering `region`, loading `region`'s own store when none does. */
  get(region: string, source: DataLoader | Source): Entry {
    const { load, position: at } =
      typeof source === 'function' ? { load: source, position: undefined } : source;
    let best: Entry | undefined;
    for (const e of this.entries.values())
      if (region.startsWith(e.region) && (!best || e.region.length > best.region.length)) best = e;
    if (best) {
      this.entries.delete(best.region); // re-insert: most recently used last
      this.entries.set(best.region, best);
      return best;
    }
    const position = at?.() ?? Promise.resolve(0n);
    const entry: Entry = {
      region,
      load,
      position,
      seen: new Set(),
      snapshot: position
        .then(() => load())
        .then((d) => new Snapshot({ base: storeOf(region, d), overlay: null, replaced: new Set() })),
    };
    this.track(entry);
    this.entries.set(region, entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    if (Number.isFinite(this.budgetBytes)) void entry.snapshot.then(() => this.trim()).catch(() => undefined); // a failed read: see track()
    return entry;
  }

  /** Drop least-recently-used stores while the loaded ones hold more than the budget. */
  async trim(): Promise<void> {
    const loaded = await this.loaded();
    let total = loaded.reduce((sum, x) => sum + x.bytes, 0);
    for (const { e, bytes } of loaded.slice(0, -1)) {
      if (total <= this.budgetBytes) break;
      if (this.entries.get(e.region) === e) this.entries.delete(e.region);
      total -= bytes;
    }
  }

  /** The regions held and an estimate of their bytes, least recently used first. */
  async usage(): Promise<{ region: string; bytes: number }[]> {
    return (await this.loaded()).map(({ e, bytes }) => ({ region: e.region, bytes }));
  }

  /** The entries whose store has loaded (and is still held), with its bytes, least recently used first. */
  private async loaded(): Promise<{ e: Entry; bytes: number }[]> {
    const out: { e: Entry; bytes: number }[] = [];
    for (const e of [...this.entries.values()]) {
      const snap = await e.snapshot.catch(() => null);
      if (snap && this.entries.get(e.region) === e) out.push({ e, bytes: snap.bytes() });
    }
    return out;
  }

  /** Re-read the households touching these villages in every cached store that holds one of them. */
  invalidate(villages: readonly string[]): void {
    this.apply(
      villages.map((village) => ({ xid: ALWAYS, village })),
      0n,
    );
  }

  /**
   * Apply change marks read at position `xmin`: each store re-reads the households touching the
   * villages of the marks at or above its own position (not yet applied), then stands at `xmin`.
   */
  apply(marks: readonly Mark[], xmin: bigint): void {
    for (const e of this.entries.values()) {
      // the position before this call: `e.position` itself is replaced below by one that waits on `done`
      const before = e.position;
      const done = e.snapshot.then(async (snap) => {
        const at = await before;
        const fresh = marks.filter((m) => m.xid === ALWAYS || (m.xid >= at && !e.seen.has(markKey(m))));
        const next = xmin > at ? xmin : at;
        for (const m of fresh) e.seen.add(markKey(m));
        for (const k of e.seen) if (BigInt(k.slice(0, k.indexOf('|'))) < next) e.seen.delete(k);
        if (fresh.length === 0) return { snap, next };
        return { snap: await this.reread(e, snap, [...new Set(fresh.map((m) => m.village))]), next };
      });
      e.snapshot = done.then((d) => d.snap);
      e.position = done.then(
        (d) => d.next,
        () => 0n,
      );
      this.track(e);
    }
  }

  private async reread(e: Entry, snap: Snapshot, villages: readonly string[]): Promise<Snapshot> {
    // the villages in the region, and those outside it where a held household has a row
    const { ids, held } = householdsIn(snap.view, new Set(villages));
    const mine = villages.filter((v) => v.startsWith(e.region) || held.has(v));
    if (mine.length === 0) return snap;
    const fresh = storeOf(e.region, await e.load({ villages: mine, ids }));
    const reread = new Set(ids);
    for (let h = 0; h < fresh.n; h++) reread.add(fresh.id[h]!);
    return snap.refresh(fresh, reread);
  }

  /** The entries held, least recently used first. */
  list(): Entry[] {
    return [...this.entries.values()];
  }

  /** Drop an entry (e.g. it missed pruned marks): the next request reads its region again. */
  drop(e: Entry): void {
    if (this.entries.get(e.region) === e) this.entries.delete(e.region);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** A failed read drops the entry, so the next request reads again. */
  private track(e: Entry): void {
    e.snapshot.catch(() => this.entries.get(e.region) === e && this.entries.delete(e.region));
  }
}
