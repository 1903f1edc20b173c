/**
 * ID number → row number, for "duplicate ID number in the file" over a million rows. A Map of
 * 18-character strings costs ≈ 100 bytes an entry; this open-addressing table keeps a well-formed
 * number (17 digits + check character) as two 32-bit keys and the row as a third: 12 bytes a slot,
 * ≈ 24 bytes an entry at the load it grows at. Anything not well-formed goes to a small Map.
 */
const WELL_FORMED = /^\d{17}[\dX]$/;

export class IdRowTable {
  private keys: Uint32Array;
  private rows: Uint32Array;
  private mask: number;
  private count = 0;
  private readonly other = new Map<string, number>();

  constructor(capacity = 1 << 16) {
    let cap = 16;
    while (cap < capacity) cap <<= 1;
    this.keys = new Uint32Array(cap * 2);
    this.rows = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count + this.other.size;
  }

  /** The row stored for this ID number, if any. */
  get(id: string): number | undefined {
    if (!WELL_FORMED.test(id)) return this.other.get(id);
    const hi = Number(id.slice(0, 9));
    const lo = Number(id.slice(9, 17)) * 11 + (id.charCodeAt(17) === 88 ? 10 : id.charCodeAt(17) - 48);
    const slot = this.find(hi, lo);
    const r = this.rows[slot]!;
    return r === 0 ? undefined : r;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Store a row (≥ 1) for an ID number, replacing any earlier one. */
  set(id: string, row: number): void {
    if (!WELL_FORMED.test(id)) {
      this.other.set(id, row);
      return;
    }
    if (row < 1 || row > 0xffffffff || !Number.isInteger(row)) throw new RangeError(`row ${row}`);
    const hi = Number(id.slice(0, 9));
    const lo = Number(id.slice(9, 17)) * 11 + (id.charCodeAt(17) === 88 ? 10 : id.charCodeAt(17) - 48);
    const slot = this.find(hi, lo);
    if (this.rows[slot] === 0) {
      this.keys[slot * 2] = hi;
      this.keys[slot * 2 + 1] = lo;
      this.count++;
    }
    this.rows[slot] = row;
    if (this.count * 2 > this.mask + 1) this.grow();
  }

  /** The slot holding (hi, lo), or the empty slot where it would go. */
  private find(hi: number, lo: number): number {
    let h = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    let slot = h & this.mask;
    for (;;) {
      if (this.rows[slot] === 0) return slot;
      if (this.keys[slot * 2] === hi && this.keys[slot * 2 + 1] === lo) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const { keys, rows } = this;
    const cap = rows.length * 2;
    this.keys = new Uint32Array(cap * 2);
    this.rows = new Uint32Array(cap);
    this.mask = cap - 1;
    for (let s = 0; s < rows.length; s++) {
      if (rows[s] === 0) continue;
      const slot = this.find(keys[s * 2]!, keys[s * 2 + 1]!);
      this.keys[slot * 2] = keys[s * 2]!;
      this.keys[slot * 2 + 1] = keys[s * 2 + 1]!;
      this.rows[slot] = rows[s]!;
    }
  }
}

/**
 * A set of integer ids (the households an import created: up to ≈ 300,000) as a sorted Float64Array —
 * 8 bytes an entry, outside the JS heap, instead of ≈ 30 for a Set of numbers. Ids come from a
 * sequence, so they usually arrive ascending; otherwise the array is sorted before the next lookup.
 */
export class IdSet {
  private a = new Float64Array(1024);
  private n = 0;
  private sorted = true;

  get size(): number {
    return this.n;
  }

  add(id: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    if (this.n > 0 && id <= this.a[this.n - 1]!) this.sorted = false;
    this.a[this.n++] = id;
  }

  has(id: number): boolean {
    if (!this.sorted) {
      this.a.subarray(0, this.n).sort();
      this.sorted = true;
    }
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.a[mid]!;
      if (v === id) return true;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/**
 * A set of short strings (the household numbers already closed in the file) kept as UTF-16 code units
 * in one typed array with an open-addressing index: ≈ 2 bytes a character + 16 bytes an entry,
 * outside the JS heap, instead of ≈ 70 bytes an entry for a Set of strings.
 */
export class StringSet {
  private chars = new Uint16Array(1 << 16);
  private used = 0;
  /** Per slot: offset of the entry in `chars` + 1 (0 = empty) and its hash. */
  private offsets = new Uint32Array(1 << 12);
  private hashes = new Uint32Array(1 << 12);
  private mask = (1 << 12) - 1;
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(s: string): boolean {
    return this.offsets[this.find(s, hashOf(s))] !== 0;
  }

  add(s: string): void {
    const h = hashOf(s);
    const slot = this.find(s, h);
    if (this.offsets[slot] !== 0) return;
    const need = this.used + 1 + s.length;
    if (need > this.chars.length) {
      let cap = this.chars.length * 2;
      while (cap < need) cap *= 2;
      const c = new Uint16Array(cap);
      c.set(this.chars.subarray(0, this.used));
      this.chars = c;
    }
    if (s.length > 0xffff) throw new RangeError('string too long');
    const at = this.used;
    this.chars[at] = s.length;
    for (let i = 0; i < s.length; i++) this.chars[at + 1 + i] = s.charCodeAt(i);
    this.used = need;
    this.offsets[slot] = at + 1;
    this.hashes[slot] = h;
    this.count++;
    if (this.count * 2 > this.mask + 1) this.grow();
  }

  private find(s: string, h: number): number {
    let slot = h & this.mask;
    for (;;) {
      const off = this.offsets[slot]!;
      if (off === 0) return slot;
      if (this.hashes[slot] === h && this.equals(off - 1, s)) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private equals(at: number, s: string): boolean {
    if (this.chars[at] !== s.length) return false;
    for (let i = 0; i < s.length; i++) if (this.chars[at + 1 + i] !== s.charCodeAt(i)) return false;
    return true;
  }

  private grow(): void {
    const { offsets, hashes } = this;
    const cap = offsets.length * 2;
    this.offsets = new Uint32Array(cap);
    this.hashes = new Uint32Array(cap);
    this.mask = cap - 1;
    for (let s = 0; s < offsets.length; s++) {
      if (offsets[s] === 0) continue;
      let slot = hashes[s]! & this.mask;
      while (this.offsets[slot] !== 0) slot = (slot + 1) & this.mask;
      this.offsets[slot] = offsets[s]!;
      this.hashes[slot] = hashes[s]!;
    }
  }
}

/** FNV-1a over UTF-16 code units, with a final mix. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}
