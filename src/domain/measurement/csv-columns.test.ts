import { describe, expect, it } from 'vitest';
import { parseDecimal } from './columns.js';
import { CsvColumnReader, type CsvNumberColumn } from './csv-columns.js';

const bytes = (s: string) => new TextEncoder().encode(s);

/** Reads `text` fed in chunks of `chunk` bytes (the caller's loop in src/cli/analysis.ts). */
function read(text: string, columns: CsvNumberColumn[], label?: string, chunk = 1 << 20) {
  const all = bytes(text);
  const reader = new CsvColumnReader(columns, label);
  let buf = new Uint8Array(Math.max(chunk, 1));
  let filled = 0;
  let at = 0;
  for (;;) {
    if (filled === buf.length) {
      const bigger = new Uint8Array(buf.length * 2);
      bigger.set(buf);
      buf = bigger;
    }
    const n = Math.min(buf.length - filled, all.length - at);
    buf.set(all.subarray(at, at + n), filled);
    at += n;
    const end = filled + n;
    const used = reader.consume(buf, end, n === 0);
    if (n === 0) break;
    buf.copyWithin(0, used, end);
    filled = end - used;
  }
  return reader.result();
}

const cols = (...names: string[]): CsvNumberColumn[] => names.map((name) => ({ name }));

describe('CsvColumnReader', () => {
  const text = '\uFEFFid,town,x,y\r\n1,"a, b",1.5,-2\r\n\r\n2, "say ""hi""\nthere" , 3 ,"4"\n3,c,.5,1e3';

  it.each([1, 2, 3, 5, 7, 64, 1 << 20])(
    'quotes, CRLF, BOM, blanks, empty lines — the same in chunks of %i bytes',
    (chunk) => {
      const t = read(text, cols('x', 'y'), 'town', chunk);
      expect(Array.from(t.numbers[0]!)).toEqual([1.5, 3, 0.5]);
      expect(Array.from(t.numbers[1]!)).toEqual([-2, 4, 1000]);
      expect(t.groups!.labels).toEqual(['a, b', 'say "hi"\nthere', 'c']);
      expect(Array.from(t.rows)).toEqual([2, 4, 6]); // a row is the line where the record starts
    },
  );

  it('parses numbers exactly as Number() does (fast path and fallback)', () => {
    const cells = [
      '0',
      '-0',
      '+7',
      '0.1',
      '0.3',
      '1.005',
      '123456789012345',
      '1234567890123456789',
      '9007199254740993',
      '0.000000000000000000000001',
      '2.5e-3',
      '1.',
      '.25',
      '00012.50',
      '99999999999999.9',
    ];
    const t = read(`v\n${cells.join('\n')}\n`, cols('v'));
    expect(Array.from(t.numbers[0]!)).toEqual(cells.map((c) => parseDecimal(c)));
    expect(Object.is(t.numbers[0]![1], -0)).toBe(true);
  });

  it('a column asked for twice is read once and returned twice; checks run for each', () => {
    const t = read('a,b\n1,2\n3,4\n', [{ name: 'b' }, { name: 'a' }, { name: 'b' }]);
    expect(t.numbers.map((c) => Array.from(c))).toEqual([
      [2, 4],
      [1, 3],
      [2, 4],
    ]);
    const negative = (x: number) => (x < 0 ? 'must not be negative' : null);
    expect(() => read('a,b\n1,2\n3,-4\n', [{ name: 'b' }, { name: 'b', check: negative }])).toThrow(
      'row 3, column b: -4 must not be negative',
    );
  });

  it.each([
    ['a,b\n1,2\n3\n', 'row 3: 1 fields, the header row has 2'],
    ['a,b\n1,x\n', 'row 2, column b: "x" is not a number'],
    ['a,b\n1,\n', 'row 2, column b: "" is not a number'],
    ['a,b\n1,"1,5"\n', 'row 2, column b: "1,5" is not a number'],
    ['a,b\n1,1 234\n', 'row 2, column b: "1 234" is not a number'],
    ['a,b\n1,NaN\n', 'row 2, column b: "NaN" is not a number'],
    ['a,b\n1,"2\n', 'row 2: a quoted field is not closed'],
    ['a,b\n1,2"x"\n', 'row 2: a quote inside an unquoted field'],
    ['a,b\n1,"2"x\n', 'row 2: text after a closing quote'],
    ['a,c\n1,2\n', 'row 1: missing column "b" (columns: a, c)'],
    ['', 'no header row'],
    ['\n\n', 'no header row'],
  ])('%j → %s', (csv, message) => {
    expect(() => read(csv, cols('a', 'b'))).toThrow(message);
  });

  it('a header only: empty columns', () => {
    const t = read('a,b\n', cols('b'));
    expect(t.numbers[0]!.length).toBe(0);
    expect(t.rows.length).toBe(0);
  });
});
