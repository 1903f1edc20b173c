/**
 * A streaming CSV splitter (RFC 4180: comma, double quotes, "" inside quotes, line breaks inside
 * quotes; records end with CRLF, LF or — when the file uses it — a lone CR). It replaces csv-parse on
 * the import path (about 4× faster: lines without a quote are split with String.split) and follows
 * csv-parse's behaviour with `relax_column_count`: an empty line is the record [''] (it still counts
 * as a row), a quote inside an unquoted field, text after a closing quote and an unclosed quote are
 * errors.
 */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly record: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export class CsvSplitter {
  private rest = '';
  private eol: '\n' | '\r' | null = null;
  private started = false;
  /** Records emitted so far (the row number of the last one). */
  records = 0;

  /** Feed decoded text; complete records are pushed onto `out`. */
  push(chunk: string, out: string[][]): void {
    let text = this.rest + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.rest = this.split(text, out, false);
  }

  /** The end of the input: the last record may lack a line break. */
  end(out: string[][]): void {
    if (this.rest.length) this.split(this.rest, out, true);
    this.rest = '';
  }

  private detectEol(text: string, final: boolean): boolean {
    if (this.eol) return true;
    const lf = text.indexOf('\n');
    const cr = text.indexOf('\r');
    if (lf < 0 && cr >= 0 && cr === text.length - 1 && !final) return false; // CR at the end: CRLF?
    if (cr >= 0 && (lf < 0 || cr < lf - 1)) this.eol = '\r';
    else if (lf >= 0) this.eol = '\n';
    else if (final) this.eol = '\n';
    else return false;
    return true;
  }

  /** Split complete records off `text`; returns the unfinished remainder. */
  private split(text: string, out: string[][], final: boolean): string {
    if (!this.detectEol(text, final)) return text;
    const eol = this.eol!;
    let pos = 0;
    const n = text.length;
    while (pos < n) {
      let end = text.indexOf(eol, pos);
      if (end < 0) {
        if (!final) return text.slice(pos);
        end = n;
      }
      let line = text.slice(pos, end);
      if (line.indexOf('"') < 0) {
        if (eol === '\n' && line.charCodeAt(line.length - 1) === CR) line = line.slice(0, -1);
        this.records++;
        out.push(line.split(','));
        pos = end + 1;
        continue;
      }
      const next = this.quoted(text, pos, out, final);
      if (next < 0) return text.slice(pos); // the quoted field continues in the next chunk
      pos = next;
    }
    return '';
  }

  /** Parse one record containing quotes starting at `pos`; returns the position after it, or -1. */
  private quoted(text: string, pos: number, out: string[][], final: boolean): number {
    const record: string[] = [];
    const n = text.length;
    const row = this.records + 1;
    let i = pos;
    for (;;) {
      // at the start of a field
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            if (!final) return -1;
            throw new CsvSyntaxError(
              `Quote Not Closed: the parsing is finished with an opening quote at record ${row}`,
              row,
            );
          }
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return -1; // is it "" split across chunks? wait for more
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        record.push(value);
        const c = i < n ? text.charCodeAt(i) : -1;
        if (c === COMMA) {
          i++;
          continue;
        }
        const after = this.recordEnd(text, i, final);
        if (after === -1) return -1;
        if (after === -2)
          throw new CsvSyntaxError(
            `Invalid Closing Quote: got "${text[i]}" at record ${row} instead of a delimiter or line break`,
            row,
          );
        this.records++;
        out.push(record);
        return after;
      }
      // an unquoted field: up to the next comma or line break
      const eolCode = this.eol === '\r' ? CR : LF;
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === eolCode) break;
        if (c === QUOTE)
          throw new CsvSyntaxError(
            `Invalid Opening Quote: a quote is found in field ${record.length + 1} of record ${row}`,
            row,
          );
        j++;
      }
      if (j >= n && !final) return -1;
      const crlf = eolCode === LF && j < n && j > i && text.charCodeAt(j - 1) === CR;
      record.push(text.slice(i, crlf ? j - 1 : j));
      if (j < n && text.charCodeAt(j) === COMMA) {
        i = j + 1;
        continue;
      }
      this.records++;
      out.push(record);
      return j < n ? j + 1 : n;
    }
  }

  /** At the end of a field that is not followed by a comma: the position after the line break,
   * -1 when more input is needed, -2 when another character follows. */
  private recordEnd(text: string, i: number, final: boolean): number {
    const n = text.length;
    if (i >= n) return final ? n : -1;
    const c = text.charCodeAt(i);
    if (this.eol === '\r') return c === CR ? i + 1 : -2;
    if (c === LF) return i + 1;
    if (c === CR) {
      if (i + 1 >= n) return final ? n : -1;
      return text.charCodeAt(i + 1) === LF ? i + 2 : -2;
    }
    return -2;
  }
}
