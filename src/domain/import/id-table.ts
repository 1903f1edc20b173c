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
