import { frameOf, type RegistryFrame, type RegistryRow } from '../../domain/measures/registry.js';
import {
  MEMBER_OUT_OF_SCHOOL,
  MEMBER_PRESENT,
  MEMBER_SCHOOLED,
  MEMBER_UNINSURED,
  type RegistryData,
} from './repository.js';

/**
 * The registry data of a region, every year at once, as columns grouped by household (ascending
 * id): the households with a yearly row in the region, all their yearly rows (ascending year; rows
 * of other regions are kept for the previous year's status), their household facts and their
 * members. Year-independent facts (household, members) are held once; a year's frame is built
 * from them in memory.
 */
export interface Store {
  region: string;
  /** Households. */
  n: number;
  id: Float64Array;
  type: string[];
  cause: (string | null)[];
  houseGrade: (string | null)[];
  amenities: Uint8Array;
  /** Rows of household h: rowStart[h] … rowStart[h + 1] − 1. */
  rowStart: Uint32Array;
  year: Int16Array;
  village: string[];
  status: string[];
  size: Float64Array;
  net: Float64Array;
  wage: Float64Array;
  business: Float64Array;
  property: Float64Array;
  transfer: Float64Array;
  /** Members of household h: memberStart[h] … memberStart[h + 1] − 1. */
  memberStart: Uint32Array;
  birthYear: Int16Array;
  flags: Uint8Array;
}

/** One household's slice of a store, for `assemble`. */
interface Pick {
  s: Store;
  h: number;
}

/** Build a store of `region` from the picked households (in ascending id). */
function assemble(region: string, picks: Pick[]): Store {
  let rows = 0;
  let members = 0;
  for (const { s, h } of picks) {
    rows += s.rowStart[h + 1]! - s.rowStart[h]!;
    members += s.memberStart[h + 1]! - s.memberStart[h]!;
  }
  const n = picks.length;
  const f64 = (k: number) => new Float64Array(k);
  const out: Store = {
    region,
    n,
    id: f64(n),
    type: new Array<string>(n),
    cause: new Array<string | null>(n),
    houseGrade: new Array<string | null>(n),
    amenities: new Uint8Array(n),
    rowStart: new Uint32Array(n + 1),
    year: new Int16Array(rows),
    village: new Array<string>(rows),
    status: new Array<string>(rows),
    size: f64(rows),
    net: f64(rows),
    wage: f64(rows),
    business: f64(rows),
    property: f64(rows),
    transfer: f64(rows),
    memberStart: new Uint32Array(n + 1),
    birthYear: new Int16Array(members),
    flags: new Uint8Array(members),
  };
  let r = 0;
  let m = 0;
  picks.forEach(({ s, h }, k) => {
    out.id[k] = s.id[h]!;
    out.type[k] = s.type[h]!;
    out.cause[k] = s.cause[h]!;
    out.houseGrade[k] = s.houseGrade[h]!;
    out.amenities[k] = s.amenities[h]!;
    out.rowStart[k] = r;
    for (let i = s.rowStart[h]!; i < s.rowStart[h + 1]!; i++, r++) {
      out.year[r] = s.year[i]!;
      out.village[r] = s.village[i]!;
      out.status[r] = s.status[i]!;
      out.size[r] = s.size[i]!;
      out.net[r] = s.net[i]!;
      out.wage[r] = s.wage[i]!;
      out.business[r] = s.business[i]!;
      out.property[r] = s.property[i]!;
      out.transfer[r] = s.transfer[i]!;
    }
    out.memberStart[k] = m;
    for (let i = s.memberStart[h]!; i < s.memberStart[h + 1]!; i++, m++) {
      out.birthYear[m] = s.birthYear[i]!;
      out.flags[m] = s.flags[i]!;
    }
  });
  out.rowStart[n] = r;
  out.memberStart[n] = m;
  return out;
}

/**
 * Group the columns read by `measuresRepository.data` per household, keeping the households with
 * at least one row in `region`.
 */
export function storeOf(region: string, d: RegistryData): Store {
  const H = d.households.id.length;
  const index = new Map<number, number>();
  for (let h = 0; h < H; h++) index.set(d.households.id[h]!, h);
  // counting sort of rows and members by household (data order), rows then by year
  const group = (owner: Float64Array) => {
    const start = new Uint32Array(H + 1);
    const of = new Int32Array(owner.length);
    for (let i = 0; i < owner.length; i++) {
      const h = index.get(owner[i]!) ?? -1;
      of[i] = h;
      if (h >= 0) start[h + 1]!++;
    }
    for (let h = 0; h < H; h++) start[h + 1]! += start[h]!;
    const next = start.slice(0, H);
    const order = new Uint32Array(start[H]!);
    for (let i = 0; i < owner.length; i++) if (of[i]! >= 0) order[next[of[i]!]!++] = i;
    return { start, order };
  };
  const rows = group(d.rows.household);
  const members = group(d.members.household);
  for (let h = 0; h < H; h++) {
    const o = rows.order;
    for (let a = rows.start[h]! + 1; a < rows.start[h + 1]!; a++)
      for (let b = a; b > rows.start[h]! && d.rows.year[o[b - 1]!]! > d.rows.year[o[b]!]!; b--)
        [o[b - 1], o[b]] = [o[b]!, o[b - 1]!];
  }
  const ro = rows.order;
  const mo = members.order;
  const R = ro.length;
  const M = mo.length;
  const year = new Int16Array(R);
  const village = new Array<string>(R);
  const status = new Array<string>(R);
  const cols = ['size', 'net', 'wage', 'business', 'property', 'transfer'] as const;
  const num = Object.fromEntries(cols.map((c) => [c, new Float64Array(R)])) as Record<
    (typeof cols)[number],
    Float64Array
  >;
  for (let k = 0; k < R; k++) {
    const i = ro[k]!;
    year[k] = d.rows.year[i]!;
    village[k] = d.rows.village[i]!;
    status[k] = d.rows.status[i]!;
    for (const c of cols) num[c][k] = d.rows[c][i]!;
  }
  const birthYear = new Int16Array(M);
  const flags = new Uint8Array(M);
  for (let k = 0; k < M; k++) {
    birthYear[k] = d.members.birthYear[mo[k]!]!;
    flags[k] = d.members.flags[mo[k]!]!;
  }
  // the raw data as a store in data order, then `assemble` picks and orders the households
  const raw: Store = {
    region,
    n: H,
    id: d.households.id,
    type: d.households.type,
    cause: d.households.cause,
    houseGrade: d.households.houseGrade,
    amenities: Uint8Array.from(d.households.amenities),
    rowStart: rows.start,
    year,
    village,
    status,
    ...num,
    memberStart: members.start,
    birthYear,
    flags,
  };
  const picks: Pick[] = [];
  for (let h = 0; h < H; h++)
    for (let i = raw.rowStart[h]!; i < raw.rowStart[h + 1]!; i++)
      if (raw.village[i]!.startsWith(region)) {
        picks.push({ s: raw, h });
        break;
      }
  picks.sort((a, b) => a.s.id[a.h]! - b.s.id[b.h]!);
  return assemble(region, picks);
}

/** `old` with the households in `replaced` taken out and those of `fresh` put in. */
export function mergeStores(old: Store, fresh: Store, replaced: ReadonlySet<number>): Store {
  const picks: Pick[] = [];
  for (let h = 0; h < old.n; h++) if (!replaced.has(old.id[h]!)) picks.push({ s: old, h });
  for (let h = 0; h < fresh.n; h++) picks.push({ s: fresh, h });
  picks.sort((a, b) => a.s.id[a.h]! - b.s.id[b.h]!);
  return assemble(old.region, picks);
}

/**
 * The registry row of household h of the store in `year` if it has one in the store's region, as
 * the old per-year SQL read it: member counts by age at the year's end (ages by year of birth: the
 * year's end is 31 December), last year's status from the household's own rows.
 */
export function rowOf(s: Store, h: number, year: number): RegistryRow | null {
  let cur = -1;
  let prev = -1;
  for (let i = s.rowStart[h]!; i < s.rowStart[h + 1]!; i++) {
    if (s.year[i] === year) cur = i;
    else if (s.year[i] === year - 1) prev = i;
  }
  if (cur < 0 || !s.village[cur]!.startsWith(s.region)) return null;
  let under14 = 0;
  let adults16 = 0;
  let schooled16 = 0;
  let outOfSchool = 0;
  let uninsured = 0;
  for (let j = s.memberStart[h]!; j < s.memberStart[h + 1]!; j++) {
    const b = s.birthYear[j]!;
    const f = s.flags[j]!;
    if (b <= year && b >= year - 13) under14++;
    if (f & MEMBER_UNINSURED) uninsured++;
    if (!(f & MEMBER_PRESENT)) continue;
    if (b <= year - 16) {
      adults16++;
      if (f & MEMBER_SCHOOLED) schooled16++;
    }
    if (f & MEMBER_OUT_OF_SCHOOL && b <= year - 6 && b >= year - 15) outOfSchool++;
  }
  const a = s.amenities[h]!;
  return {
    id: s.id[h]!,
    villageCode: s.village[cur]!,
    status: s.status[cur]!,
    prevStatus: prev >= 0 ? s.status[prev]! : null,
    householdType: s.type[h]!,
    mainCause: s.cause[h]!,
    size: s.size[cur]!,
    netIncome: s.net[cur]!,
    wage: s.wage[cur]!,
    businessNet: s.business[cur]!,
    property: s.property[cur]!,
    transfer: s.transfer[cur]!,
    under14,
    adults16,
    schooledAdults16: schooled16,
    outOfSchool,
    uninsured,
    houseGrade: s.houseGrade[h]!,
    safeWater: (a & 1) !== 0,
    electricity: (a & 2) !== 0,
    sanitaryToilet: (a & 4) !== 0,
  };
}

/**
 * A store as read (`base`) with the households re-read since (`overlay`, replacing the base's
 * households in `replaced`): an edit costs a small overlay, not a copy of the region's columns.
 */
export interface View {
  base: Store;
  overlay: Store | null;
  replaced: ReadonlySet<number>;
}

/** Each household of the view in ascending id: (store, index). */
function eachHousehold(v: View, f: (s: Store, h: number) => void): void {
  const o = v.overlay;
  let k = 0;
  for (let h = 0; h < v.base.n; h++) {
    const id = v.base.id[h]!;
    if (o) for (; k < o.n && o.id[k]! < id; k++) f(o, k);
    if (!v.replaced.has(id)) f(v.base, h);
  }
  if (o) for (; k < o.n; k++) f(o, k);
}

/** The registry rows of `year` in the view's region (ascending household id). */
export function rowsOf(v: View, year: number): RegistryRow[] {
  const out: RegistryRow[] = [];
  eachHousehold(v, (s, h) => {
    const r = rowOf(s, h, year);
    if (r) out.push(r);
  });
  return out;
}

/** Years with a row in the region `prefix` (ascending). */
export function yearsOf(v: View, prefix: string): number[] {
  const ys = new Set<number>();
  eachHousehold(v, (s, h) => {
    for (let i = s.rowStart[h]!; i < s.rowStart[h + 1]!; i++)
      if (s.village[i]!.startsWith(prefix)) ys.add(s.year[i]!);
  });
  return [...ys].sort((a, b) => a - b);
}

/** Ids of the view's households with a row in one of `villages`, and those of the villages held. */
export function householdsIn(v: View, villages: ReadonlySet<string>): { ids: number[]; held: Set<string> } {
  const ids: number[] = [];
  const held = new Set<string>();
  eachHousehold(v, (s, h) => {
    let hit = false;
    for (let i = s.rowStart[h]!; i < s.rowStart[h + 1]!; i++)
      if (villages.has(s.village[i]!)) {
        held.add(s.village[i]!);
        hit = true;
      }
    if (hit) ids.push(s.id[h]!);
  });
  return { ids, held };
}

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

/** Memoise `compute` in a state's results under `key`. */
export function memo<T>(state: State, key: string, compute: () => T): T {
  if (state.results.has(key)) return state.results.get(key) as T;
  const value = compute();
  state.results.set(key, value);
  return value;
}
