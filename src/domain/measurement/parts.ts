import { REGISTRY_MPI, type RegistryFrame } from './registry.js';

/**
 * Per-county parts of a year frame (issue 22, docs/measures.md "Province and nation"): what the
 * measures need of each household of one county in one year, in compact columns (about 60 bytes a
 * household against some 100 for a frame and several hundred for a store with every year and the
 * members). A province's or the nation's frame of a year is the k-way merge of its counties' parts by
 * household id: the same rows in the same order as the frame built from the whole region's store, so
 * every measure computed on it (sums, sorts, Gini, quantiles, decompositions) is the same to the bit.
 */
export interface Part {
  n: number;
  /** Household ids, ascending. */
  id: Float64Array;
  village: Uint8Array | Uint16Array | Uint32Array;
  villages: string[];
  status: Uint8Array | Uint16Array | Uint32Array;
  statuses: string[];
  registered: Uint8Array;
  exited: Uint8Array;
  type: Uint8Array | Uint16Array | Uint32Array;
  types: string[];
  cause: Uint8Array | Uint16Array | Uint32Array;
  causes: string[];
  income: Float64Array;
  /** Adults and children of the equivalence scale (whole numbers; size = adults + children). */
  adults: Uint16Array;
  children: Uint16Array;
  wage: Float64Array;
  business: Float64Array;
  property: Float64Array;
  transfer: Float64Array;
  /** Deprivation bits, bit j = REGISTRY_MPI's indicator j (income, bit 0, is set per line: always 0). */
  deprived: Uint8Array;
}

/** The smallest unsigned array that holds codes below `count`. */
function codes(n: number, count: number): Uint8Array | Uint16Array | Uint32Array {
  return count <= 0x100 ? new Uint8Array(n) : count <= 0x10000 ? new Uint16Array(n) : new Uint32Array(n);
}

const wholeSmall = (x: number, what: string): number => {
  if (!Number.isInteger(x) || x < 0 || x > 0xffff)
    throw new RangeError(`part: ${what} ${x} is not a small whole number`);
  return x;
};

/** The rows of frame `f` whose village starts with `prefix`, as a part (labels renumbered). */
export function partOf(f: RegistryFrame, prefix: string): Part {
  const keep: number[] = [];
  const inRegion = f.villages.map((v) => v.startsWith(prefix));
  for (let i = 0; i < f.n; i++) if (inRegion[f.village[i]!]) keep.push(i);
  const n = keep.length;
  const recode = (src: Uint32Array, labels: string[]) => {
    const map = new Map<number, number>();
    const out: string[] = [];
    for (const i of keep)
      if (!map.has(src[i]!)) {
        map.set(src[i]!, out.length);
        out.push(labels[src[i]!]!);
      }
    const col = codes(n, out.length);
    keep.forEach((i, k) => (col[k] = map.get(src[i]!)!));
    return { col, labels: out };
  };
  const pickF = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]!);
  const pickU8 = (a: Uint8Array) => Uint8Array.from(keep, (i) => a[i]!);
  const v = recode(f.village, f.villages);
  const s = recode(new Uint32Array(f.status), f.statuses);
  const t = recode(f.type, f.types);
  const c = recode(f.cause, f.causes);
  const deprived = new Uint8Array(n);
  REGISTRY_MPI.forEach((spec, j) => {
    if (spec.name === 'income') return;
    const d = f.deprived[spec.name];
    keep.forEach((i, k) => (deprived[k]! |= (d[i]! ? 1 : 0) << j));
  });
  return {
    n,
    id: pickF(f.id),
    village: v.col,
    villages: v.labels,
    status: s.col,
    statuses: s.labels,
    registered: pickU8(f.registered),
    exited: pickU8(f.exited),
    type: t.col,
    types: t.labels,
    cause: c.col,
    causes: c.labels,
    income: pickF(f.income),
    adults: Uint16Array.from(keep, (i) => wholeSmall(f.adults[i]!, 'adults')),
    children: Uint16Array.from(keep, (i) => wholeSmall(f.children[i]!, 'children')),
    wage: pickF(f.wage),
    business: pickF(f.business),
    property: pickF(f.property),
    transfer: pickF(f.transfer),
    deprived,
  };
}

/** Bytes held by a part's columns (labels at 8 bytes a pointer and 2 a character). */
export function partBytes(p: Part): number {
  let n = 0;
  for (const v of Object.values(p))
    if (ArrayBuffer.isView(v)) n += v.byteLength;
    else if (Array.isArray(v)) for (const s of v as string[]) n += 8 + 2 * s.length;
  return n;
}

/**
 * The order of the parts' rows by ascending id: pairs (part, row) as two arrays, by a k-way merge
 * (a binary heap of the parts' heads). Ids must be distinct across parts (a household-year lies in
 * one county).
 */
export function mergeOrder(parts: readonly Part[]): { part: Uint32Array; row: Uint32Array } {
  const total = parts.reduce((s, p) => s + p.n, 0);
  const part = new Uint32Array(total);
  const row = new Uint32Array(total);
  const heap: number[] = [];
  const pos = new Uint32Array(parts.length);
  const head = (k: number) => parts[k]!.id[pos[k]!]!;
  const less = (a: number, b: number) => head(heap[a]!) < head(heap[b]!);
  const swap = (a: number, b: number) => ([heap[a], heap[b]] = [heap[b]!, heap[a]!]);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  parts.forEach((p, k) => p.n > 0 && heap.push(k));
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  let last = -Infinity;
  for (let o = 0; o < total; o++) {
    const k = heap[0]!;
    const id = head(k);
    if (id <= last) throw new RangeError(`parts: household ${id} is not in ascending order or in two parts`);
    last = id;
    part[o] = k;
    row[o] = pos[k]!;
    if (++pos[k]! >= parts[k]!.n) {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
    }
    if (heap.length) down(0);
  }
  return { part, row };
}

/** The year frame of the parts' union: rows by ascending id (the order of the whole region's frame). */
export function mergeParts(parts: readonly Part[]): RegistryFrame {
  const { part, row } = mergeOrder(parts);
  const n = part.length;
  const f64 = () => new Float64Array(n);
  const u8 = () => new Uint8Array(n);
  const deprived = Object.fromEntries(REGISTRY_MPI.map((s) => [s.name, u8()])) as RegistryFrame['deprived'];
  const f: RegistryFrame = {
    n,
    id: f64(),
    village: new Uint32Array(n),
    villages: [],
    status: u8(),
    statuses: [],
    registered: u8(),
    exited: u8(),
    type: new Uint32Array(n),
    types: [],
    cause: new Uint32Array(n),
    causes: [],
    income: f64(),
    size: f64(),
    adults: f64(),
    children: f64(),
    wage: f64(),
    business: f64(),
    property: f64(),
    transfer: f64(),
    deprived,
  };
  // each part's label codes → the frame's (labels shared across parts get one code; the frame's
  // numbering of labels changes no measure: groups and regions are matched by label)
  const coder = (labels: string[]) => {
    const map = new Map<string, number>();
    return (own: string[]) =>
      Uint32Array.from(own, (l) => {
        let c = map.get(l);
        if (c === undefined) map.set(l, (c = labels.push(l) - 1));
        return c;
      });
  };
  const [village, status, type, cause] = [f.villages, f.statuses, f.types, f.causes].map(coder);
  const maps = parts.map((p) => ({
    village: village!(p.villages),
    status: status!(p.statuses),
    type: type!(p.types),
    cause: cause!(p.causes),
  }));
  const bits = REGISTRY_MPI.map((s, j) => [deprived[s.name], 1 << j] as [Uint8Array, number]);
  for (let o = 0; o < n; o++) {
    const k = part[o]!;
    const r = row[o]!;
    const p = parts[k]!;
    const m = maps[k]!;
    f.id[o] = p.id[r]!;
    f.village[o] = m.village[p.village[r]!]!;
    f.status[o] = m.status[p.status[r]!]!;
    f.type[o] = m.type[p.type[r]!]!;
    f.cause[o] = m.cause[p.cause[r]!]!;
    f.registered[o] = p.registered[r]!;
    f.exited[o] = p.exited[r]!;
    f.income[o] = p.income[r]!;
    f.adults[o] = p.adults[r]!;
    f.children[o] = p.children[r]!;
    f.size[o] = p.adults[r]! + p.children[r]!;
    f.wage[o] = p.wage[r]!;
    f.business[o] = p.business[r]!;
    f.property[o] = p.property[r]!;
    f.transfer[o] = p.transfer[r]!;
    const d = p.deprived[r]!;
    if (d) for (const [col, bit] of bits) if (d & bit) col[o] = 1;
  }
  return f;
}
