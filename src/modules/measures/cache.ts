import { frameOf, type RegistryFrame, type RegistryRow } from '../../domain/measures/registry.js';

/** Reads the rows of the entry's region and year; with `villages`, only the rows of those villages. */
export type RowLoader = (villages?: readonly string[]) => Promise<RegistryRow[]>;

export interface State {
  rows: RegistryRow[];
  frame: RegistryFrame;
  /** Answers computed on this frame, by request key (a changed frame is a new state). */
  results: Map<string, unknown>;
}

export interface Entry {
  region: string;
  year: number;
  state: Promise<State>;
  load: RowLoader;
}

/**
 * Registry frames per (region, year) in memory, with the answers computed on them. A request for a
 * region is served by the cached frame of that region or of any ancestor (rows are then selected
 * by prefix). `invalidate(villages)` re-reads only those villages' rows in every frame containing
 * them and rebuilds the frame, so an edit costs one small query, not a re-read of the county.
 * Least-recently-used entries go beyond `capacity`.
 */
export class FrameCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 48) {}

  /** The entry covering (region, year), loading `region`'s own frame when none does. */
  get(region: string, year: number, load: RowLoader): Entry {
    let best: Entry | undefined;
    for (const e of this.entries.values())
      if (e.year === year && region.startsWith(e.region) && (!best || e.region.length > best.region.length))
        best = e;
    const key = (e: Entry) => `${e.region}|${e.year}`;
    if (best) {
      this.entries.delete(key(best)); // re-insert: most recently used last
      this.entries.set(key(best), best);
      return best;
    }
    const entry: Entry = {
      region,
      year,
      load,
      state: load().then((rows) => ({ rows, frame: frameOf(rows), results: new Map() })),
    };
    this.track(entry);
    this.entries.set(key(entry), entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  /** Re-read the rows of these villages in every cached frame that contains one of them. */
  invalidate(villages: readonly string[]): void {
    for (const e of this.entries.values()) {
      const mine = villages.filter((v) => v.startsWith(e.region));
      if (mine.length === 0) continue;
      const changed = new Set(mine);
      e.state = e.state.then(async (s) => {
        const fresh = await e.load(mine);
        const rows = s.rows.filter((r) => !changed.has(r.villageCode)).concat(fresh);
        rows.sort((a, b) => a.id - b.id);
        return { rows, frame: frameOf(rows), results: new Map() };
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
    const key = `${e.region}|${e.year}`;
    e.state.catch(() => this.entries.get(key) === e && this.entries.delete(key));
  }
}

/** Memoise `compute` in a state's results under `key`. */
export function memo<T>(state: State, key: string, compute: () => T): T {
  if (state.results.has(key)) return state.results.get(key) as T;
  const value = compute();
  state.results.set(key, value);
  return value;
}
