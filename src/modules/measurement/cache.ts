import { Snapshot } from './snapshot.js';
import { storeOf } from './store.js';
import { householdsIn } from './view.js';
import type { RegistryData } from './repository.js';

/** Reads a region's data; with `only`, the households touching those villages or with those ids. */
export type DataLoader = (only?: {
  villages: readonly string[];
  ids: readonly number[];
}) => Promise<RegistryData>;

export interface Entry {
  region: string;
  snapshot: Promise<Snapshot>;
  load: DataLoader;
}
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
  get(region: string, load: DataLoader): Entry {
    let best: Entry | undefined;
    for (const e of this.entries.values())
      if (region.startsWith(e.region) && (!best || e.region.length > best.region.length)) best = e;
    if (best) {
      this.entries.delete(best.region); // re-insert: most recently used last
      this.entries.set(best.region, best);
      return best;
    }
    const entry: Entry = {
      region,
      load,
      snapshot: load().then(
        (d) => new Snapshot({ base: storeOf(region, d), overlay: null, replaced: new Set() }),
      ),
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
    for (const e of this.entries.values()) {
      e.snapshot = e.snapshot.then(async (snap) => {
        // the villages in the region, and those outside it where a held household has a row
        const { ids, held } = householdsIn(snap.view, new Set(villages));
        const mine = villages.filter((v) => v.startsWith(e.region) || held.has(v));
        if (mine.length === 0) return snap;
        const fresh = storeOf(e.region, await e.load({ villages: mine, ids }));
        const reread = new Set(ids);
        for (let h = 0; h < fresh.n; h++) reread.add(fresh.id[h]!);
        return snap.refresh(fresh, reread);
      });
      this.track(e);
    }
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
