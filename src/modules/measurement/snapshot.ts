import { frameOf, type RegistryFrame, type RegistryRow } from '../../domain/measurement/registry.js';
import { assemble, mergeStores, type Pick, type Store } from './store.js';
import { rowOf, rowsOf, yearsOf, type View } from './view.js';

const CODED = { village: 'villages', status: 'statuses', type: 'types', cause: 'causes' } as const;

/**
 * Write `row` over row i of the frame, exactly as `frameOf` would build it (a one-row frame is
 * built and copied; new labels are appended to the frame's label lists).
 */
function patchFrame(f: RegistryFrame, i: number, row: RegistryRow): void {
  const one = frameOf([row]);
  for (const [key, value] of Object.entries(one) as [keyof RegistryFrame, unknown][]) {
    if (key in CODED) {
      const labels = f[CODED[key as keyof typeof CODED]];
      const label = one[CODED[key as keyof typeof CODED]][(value as Uint32Array)[0]!]!;
      let code = labels.indexOf(label);
      if (code < 0) code = labels.push(label) - 1;
      (f[key] as Uint32Array)[i] = code;
    } else if (key === 'deprived') {
      for (const [name, d] of Object.entries(one.deprived))
        f.deprived[name as keyof RegistryFrame['deprived']][i] = d[0]!;
    } else if (ArrayBuffer.isView(value)) {
      (f[key] as Float64Array)[i] = (value as Float64Array)[0]!;
    }
  }
}

/** Index of household `id` in a frame (ids ascending), or −1. */
function indexIn(f: RegistryFrame, id: number): number {
  let lo = 0;
  let hi = f.n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = f.id[mid]!;
    if (x === id) return mid;
    if (x < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export interface State {
  frame: RegistryFrame;
  /** Answers computed on this frame, by request key (a change makes a new state). */
  results: Map<string, unknown>;
}

/** Overlays beyond this many households are merged into the base. */
const OVERLAY_MAX = 2000;

/** A view with the year frames and year lists built from it so far (a change makes a new one). */
export class Snapshot {
  private readonly frames = new Map<number, State>();
  private readonly years = new Map<string, number[]>();

  constructor(readonly view: View) {}

  /** Bytes held in typed columns and arrays: the store, its overlay and the year frames built so far. */
  bytes(): number {
    const seen = new Set<object>();
    let total = heldBytes(this.view, seen, 0);
    for (const s of this.frames.values()) total += heldBytes(s.frame, seen, 0);
    return total;
  }

  state(year: number): State {
    let s = this.frames.get(year);
    if (!s) {
      s = { frame: frameOf(rowsOf(this.view, year)), results: new Map() };
      this.frames.set(year, s);
    }
    return s;
  }

  yearsOf(prefix: string): number[] {
    let ys = this.years.get(prefix);
    if (!ys) {
      ys = yearsOf(this.view, prefix);
      this.years.set(prefix, ys);
    }
    return ys;
  }

  /**
   * The snapshot after re-reading some households: `fresh` holds those of them still in the region,
   * `reread` all their ids. Year frames built so far are patched in place when the year's set of
   * households is unchanged (an edit of incomes, status or members), else rebuilt when next asked.
   */
  refresh(fresh: Store, reread: ReadonlySet<number>): Snapshot {
    const { base, overlay, replaced } = this.view;
    const keep: Pick[] = [];
    if (overlay)
      for (let h = 0; h < overlay.n; h++) if (!reread.has(overlay.id[h]!)) keep.push({ s: overlay, h });
    for (let h = 0; h < fresh.n; h++) keep.push({ s: fresh, h });
    keep.sort((a, b) => a.s.id[a.h]! - b.s.id[b.h]!);
    const next = assemble(base.region, keep);
    const all = new Set(replaced);
    for (const id of reread) all.add(id);
    const view: View =
      next.n > OVERLAY_MAX
        ? { base: mergeStores(base, next, all), overlay: null, replaced: new Set() }
        : { base, overlay: next, replaced: all };
    const snap = new Snapshot(view);
    const freshIndex = new Map<number, number>();
    for (let h = 0; h < fresh.n; h++) freshIndex.set(fresh.id[h]!, h);
    for (const [year, state] of this.frames) {
      const f = state.frame;
      const patches: [number, RegistryRow][] = [];
      let same = true;
      for (const id of reread) {
        const h = freshIndex.get(id);
        const row = h === undefined ? null : rowOf(fresh, h, year);
        const i = indexIn(f, id);
        if (i >= 0 !== (row !== null)) {
          same = false;
          break;
        }
        if (row) patches.push([i, row]);
      }
      if (!same) continue;
      for (const [i, row] of patches) patchFrame(f, i, row);
      snap.frames.set(year, { frame: f, results: new Map() });
    }
    return snap;
  }
}
/**
 * An estimate of the memory a value holds: typed arrays by their length in bytes, plain arrays at 8
 * bytes an item (strings at 2 a character), objects and maps walked a few levels down (answers memoised
 * beside the frames are small and not counted).
 */
function heldBytes(v: unknown, seen: Set<object>, depth: number): number {
  if (typeof v === 'string') return 2 * v.length;
  if (v === null || typeof v !== 'object' || seen.has(v) || depth > 4) return 0;
  seen.add(v);
  if (ArrayBuffer.isView(v)) return v.byteLength;
  if (Array.isArray(v)) {
    let n = 8 * v.length;
    if (v.length && typeof v[0] === 'object') for (const x of v) n += heldBytes(x, seen, depth + 1);
    else if (typeof v[0] === 'string') for (const x of v as string[]) n += 2 * x.length;
    return n;
  }
  let n = 0;
  const values = v instanceof Map ? v.values() : v instanceof Set ? v.values() : Object.values(v);
  for (const x of values) n += heldBytes(x, seen, depth + 1);
  if (v instanceof Set) n += 8 * v.size;
  return n;
}

/** Memoise `compute` in a state's results under `key`. */
export function memo<T>(state: State, key: string, compute: () => T): T {
  if (state.results.has(key)) return state.results.get(key) as T;
  const value = compute();
  state.results.set(key, value);
  return value;
}
