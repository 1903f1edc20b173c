import { partBytes, type Part } from '../../domain/measurement/parts.js';
import type { Mark } from './cache.js';

/** One county's part of one year, with what tells when it is stale. */
export interface PartEntry {
  county: string;
  year: number;
  part: Part;
  bytes: number;
  /** The change-mark position the read reflects (taken before it, on the same server). */
  position: bigint;
  /**
   * Villages where the county's households have a yearly row (every year, also outside the
   * county): a mark in one of them may change the part.
   */
  villages: ReadonlySet<string>;
  /** Marks at or above `position` already known when the county was read (their changes are in it). */
  seen: Set<string>;
}

const markKey = (m: Mark) => `${m.xid}|${m.village}`;
const keyOf = (county: string, year: number) => `${county}|${year}`;

/**
 * The per-county parts of the measures above county level (docs/measures.md "Province and nation"),
 * least recently used first, within `budgetBytes` (a budget of their own: the region stores, ten
 * times larger a household, would otherwise push a province's parts out as they are read).
 * A change mark in a village of a part's county, or of a village where its households have rows,
 * drops the part: the next request reads that county alone again. No mark is consumed (each process
 * keeps its own positions, as the stores do).
 */
export class PartCache {
  private readonly entries = new Map<string, PartEntry>();
  /** The marks read by the last sync: a county read after it has their changes. */
  private known = new Set<string>();

  constructor(readonly budgetBytes = Infinity) {}

  get(county: string, year: number): PartEntry | undefined {
    const k = keyOf(county, year);
    const e = this.entries.get(k);
    if (e) {
      this.entries.delete(k);
      this.entries.set(k, e);
    }
    return e;
  }

  /** Whether `e` is still held (not dropped by a mark nor by the budget). */
  holds(e: PartEntry): boolean {
    return this.entries.get(keyOf(e.county, e.year)) === e;
  }

  /** The marks known now, for the `seen` of a county about to be read. */
  knownMarks(): Set<string> {
    return new Set(this.known);
  }

  /** Hold new parts; the least recently used go beyond the budget (the newest stay, whatever their size). */
  put(parts: readonly PartEntry[]): void {
    for (const e of parts) {
      const k = keyOf(e.county, e.year);
      this.entries.delete(k);
      this.entries.set(k, e);
    }
    this.trim(new Set(parts));
  }

  private trim(keep: ReadonlySet<PartEntry>): void {
    if (!Number.isFinite(this.budgetBytes)) return;
    let total = this.bytes();
    for (const [k, e] of this.entries) {
      if (total <= this.budgetBytes) break;
      if (keep.has(e)) continue;
      this.entries.delete(k);
      total -= e.bytes;
    }
  }

  bytes(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.bytes;
    return n;
  }

  /** Positions of the parts held (the sync reads the marks from the lowest). */
  positions(): bigint[] {
    return [...this.entries.values()].map((e) => e.position);
  }

  /**
   * Apply the marks at or above `from` read at position `xmin` (`floor`: the highest pruned mark,
   * 0 = none): a part with an unseen mark at or above its position in one of its villages, or that may
   * have missed pruned marks, is dropped; the others stand at `xmin`. A part below `from` (put while
   * the marks were read) waits for the next sync.
   */
  apply(marks: readonly Mark[], from: bigint, xmin: bigint, floor: bigint): void {
    this.known = new Set(marks.map(markKey));
    for (const [k, e] of this.entries) {
      if (e.position < from) continue;
      if (floor > 0n && e.position <= floor) {
        this.entries.delete(k);
        continue;
      }
      const fresh = marks.filter((m) => m.xid >= e.position && !e.seen.has(markKey(m)));
      if (fresh.some((m) => e.villages.has(m.village) || m.village.startsWith(e.county))) {
        this.entries.delete(k);
        continue;
      }
      for (const m of fresh) e.seen.add(markKey(m));
      if (xmin > e.position) e.position = xmin;
      for (const s of e.seen) if (BigInt(s.slice(0, s.indexOf('|'))) < e.position) e.seen.delete(s);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** A part entry's bytes: the part and its village set. */
export function entryBytes(part: Part, villages: ReadonlySet<string>): number {
  let n = partBytes(part);
  for (const v of villages) n += 8 + 2 * v.length;
  return n;
}
