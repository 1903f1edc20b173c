import type { Groups } from './decomposition.js';

/** A Float64Array that grows by doubling, for reading columns of unknown length. */
export class GrowableFloat64 {
  private buffer: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.buffer = new Float64Array(Math.max(1, capacity));
  }

  push(x: number): void {
    if (this.length === this.buffer.length) {
      const bigger = new Float64Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.length++] = x;
  }

  /** A copy of the filled part, exactly `length` long. */
  toArray(): Float64Array {
    return this.buffer.slice(0, this.length);
  }
}

/** Assigns codes 0, 1, 2… to labels in order of first appearance. */
export class LabelCoder {
  private readonly codeOf = new Map<string, number>();
  private readonly labels: string[] = [];
  private readonly codes = new GrowableFloat64();

  push(label: string): void {
    let code = this.codeOf.get(label);
    if (code === undefined) {
      code = this.labels.length;
      this.codeOf.set(label, code);
      this.labels.push(label);
    }
    this.codes.push(code);
  }

  toGroups(): Groups {
    return { codes: Uint32Array.from(this.codes.toArray()), labels: [...this.labels] };
  }
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A plain decimal number ("12", "-3.5", ".5", "1e4"), or null: empty cells, thousands separators,
 * hexadecimal, "NaN", "Infinity" and values that overflow are not numbers here.
 */
export function parseDecimal(cell: string): number | null {
  const s = cell.trim();
  if (!DECIMAL.test(s)) return null;
  const x = Number(s);
  return Number.isFinite(x) ? x : null;
}
