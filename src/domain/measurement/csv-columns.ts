import { GrowableFloat64, LabelCoder, parseDecimal } from './columns.js';
import type { Groups } from './decomposition.js';

/**
 * A CSV reader that goes straight from bytes to typed columns: the numeric columns asked for, and at
 * most one label column. It parses numbers from the bytes without building strings (a plain decimal
 * of at most 15 digits, the usual case, is m ÷ 10ᵏ — both exact doubles, so the division is the
 * correctly rounded value, as `Number(text)` gives); anything else goes through `parseDecimal`.
 * RFC 4180: fields separated by commas, records by LF, CRLF or CR, double quotes around a field that
 * holds commas, quotes ("" inside) or line breaks. Fields are trimmed of spaces and tabs, a UTF-8 BOM
 * is skipped, empty lines are skipped, every record must have as many fields as the header.
 * Fed chunk by chunk (`consume`), so a file of any size is read in bounded memory. Pure: no I/O.
 */

/** A numeric column, with a check returning what is wrong with a value, or null. */
export interface CsvNumberColumn {
  name: string;
  check?: (x: number) => string | null;
}

/** Bad CSV: the message names the row (a line of the file, the header is row 1) and the column. */
export class CsvInputError extends Error {
  readonly code = 'E_VALIDATION';

  constructor(message: string) {
    super(message);
    this.name = 'CsvInputError';
  }
}

export interface CsvColumns {
  /** Row (line) number of each record. */
  rows: Float64Array;
  /** The numeric columns, in the order asked for. */
  numbers: Float64Array[];
  groups?: Groups;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k); // exact doubles up to 10²²
const utf8 = new TextDecoder('utf-8');

const isBlank = (c: number) => c === SPACE || c === TAB;

/**
 * The plain decimal in bytes [s, e) ([+-]digits[.digits], at most 15 digits), or NaN when it is
 * anything else — the caller then decides with parseDecimal.
 */
function fastNumber(b: Uint8Array, s: number, e: number): number {
  let i = s;
  let negative = false;
  if (i < e && (b[i] === 43 || b[i] === 45)) negative = b[i++] === 45;
  let m = 0;
  let digits = 0;
  let fraction = 0;
  for (; i < e; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
    digits++;
  }
  if (i < e && b[i] === 46) {
    for (i++; i < e; i++) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) break;
      m = m * 10 + d;
      digits++;
      fraction++;
    }
  }
  if (i !== e || digits === 0 || digits > 15) return NaN;
  const x = fraction === 0 ? m : m / POW10[fraction]!;
  return negative ? -x : x;
}

export class CsvColumnReader {
  private header?: string[];
  /** The distinct column names asked for; each numeric column's index among them. */
  private readonly names: string[];
  private readonly slot: number[];
  /** Per field of a record: index of the distinct numeric column it feeds, or −1. */
  private role = new Int32Array(0);
  private labelAt = -1;
  private readonly values: GrowableFloat64[];
  private readonly rows = new GrowableFloat64();
  private readonly labels?: LabelCoder;
  /** Bounds of the current record's fields, and whether each was quoted. */
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private quoted = new Uint8Array(64);
  /** Line number of the next unread byte (1-based). */
  private line = 1;
  private started = false;

  constructor(
    private readonly columns: CsvNumberColumn[],
    private readonly labelColumn?: string,
  ) {
    this.names = [...new Set(columns.map((c) => c.name))];
    this.slot = columns.map((c) => this.names.indexOf(c.name));
    this.values = this.names.map(() => new GrowableFloat64(1 << 16));
    if (labelColumn !== undefined) this.labels = new LabelCoder();
  }
  /**
   * Reads the complete records in buf[0, end) and returns how many bytes it used: the caller keeps
   * the rest (an incomplete last record) and passes it again with more bytes. With final = true the
   * end of the data ends the last record.
   */
  consume(buf: Uint8Array, end: number, final: boolean): number {
    let p = 0;
    if (!this.started) {
      if (end < 3 && !final) return 0;
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) p = 3;
    }
    while (p < end) {
      const line = this.line;
      const next = this.record(buf, p, end, final);
      if (next < 0) {
        this.line = line; // incomplete: read again with more bytes
        return p;
      }
      p = next;
    }
    return end;
  }

  /** Splits one record starting at p and stores it; returns the position after it, −1 if incomplete. */
  private record(b: Uint8Array, p: number, end: number, final: boolean): number {
    const row = this.line;
    let n = 0;
    for (;;) {
      while (p < end && isBlank(b[p]!)) p++;
      if (n === this.starts.length) this.grow();
      let s = p;
      let e: number;
      this.quoted[n] = 0;
      if (p < end && b[p] === QUOTE) {
        this.quoted[n] = 1;
        s = ++p;
        for (;;) {
          while (p < end && b[p] !== QUOTE) if (b[p++] === LF) this.line++;
          if (p + 1 >= end && !final) return -1; // a closing quote needs the next byte seen
          if (p >= end) throw new CsvInputError(`row ${row}: a quoted field is not closed`);
          if (b[p + 1] === QUOTE) p += 2;
          else break;
        }
        e = p++;
        while (p < end && isBlank(b[p]!)) p++;
      } else {
        while (p < end) {
          const c = b[p]!;
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) throw new CsvInputError(`row ${row}: a quote inside an unquoted field`);
          p++;
        }
        e = p;
        while (e > s && isBlank(b[e - 1]!)) e--;
      }
      this.starts[n] = s;
      this.ends[n++] = e;
      if (p >= end) {
        if (!final) return -1;
        break;
      }
      const c = b[p]!;
      if (c === COMMA) {
        p++;
        continue;
      }
      if (c === CR) {
        if (p + 1 >= end && !final) return -1;
        p += b[p + 1] === LF ? 2 : 1;
      } else if (c === LF) p++;
      else throw new CsvInputError(`row ${row}: text after a closing quote`);
      break;
    }
    this.line++;
    if (n === 1 && this.starts[0] === this.ends[0] && !this.quoted[0]) return p; // empty line
    if (this.header) this.store(b, n, row);
    else this.setHeader(b, n);
    return p;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const quoted = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    quoted.set(this.quoted);
    [this.starts, this.ends, this.quoted] = [starts, ends, quoted];
  }

  private text(b: Uint8Array, f: number): string {
    const s = utf8.decode(b.subarray(this.starts[f]!, this.ends[f]!));
    return this.quoted[f] ? s.replaceAll('""', '"') : s;
  }

  private setHeader(b: Uint8Array, n: number): void {
    const header = Array.from({ length: n }, (_, f) => this.text(b, f));
    const indexOf = (name: string) => {
      const i = header.indexOf(name);
      if (i < 0) throw new CsvInputError(`row 1: missing column "${name}" (columns: ${header.join(', ')})`);
      return i;
    };
    this.role = new Int32Array(n).fill(-1);
    this.names.forEach((name, k) => (this.role[indexOf(name)] = k));
    if (this.labelColumn !== undefined) this.labelAt = indexOf(this.labelColumn);
    this.header = header;
  }

  private store(b: Uint8Array, n: number, row: number): void {
    if (n !== this.role.length)
      throw new CsvInputError(`row ${row}: ${n} fields, the header row has ${this.role.length}`);
    for (let f = 0; f < n; f++) {
      const k = this.role[f]!;
      if (k < 0) continue;
      let x = this.quoted[f] ? NaN : fastNumber(b, this.starts[f]!, this.ends[f]!);
      if (x !== x) x = this.slowNumber(b, f, k, row);
      for (let j = 0; j < this.columns.length; j++) {
        if (this.slot[j] !== k) continue;
        const problem = this.columns[j]!.check?.(x);
        if (problem)
          throw new CsvInputError(`row ${row}, column ${this.names[k]}: ${this.text(b, f)} ${problem}`);
      }
      this.values[k]!.push(x);
    }
    if (this.labelAt >= 0) this.labels!.push(this.text(b, this.labelAt));
    this.rows.push(row);
  }

  private slowNumber(b: Uint8Array, f: number, k: number, row: number): number {
    const cell = this.text(b, f);
    const x = parseDecimal(cell);
    if (x === null) throw new CsvInputError(`row ${row}, column ${this.names[k]}: "${cell}" is not a number`);
    return x;
  }

  /** The columns read; throws when there was no header row. */
  result(): CsvColumns {
    if (!this.header) throw new CsvInputError('no header row');
    const arrays = this.values.map((v) => v.toArray());
    return {
      rows: this.rows.toArray(),
      numbers: this.slot.map((k) => arrays[k]!),
      groups: this.labels?.toGroups(),
    };
  }
}
