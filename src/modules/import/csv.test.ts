import { describe, expect, it } from 'vitest';
import { CsvSplitter, CsvSyntaxError } from './csv.js';

/** Split `text` fed in pieces of `size` characters (every chunk boundary must give the same records). */
function split(text: string, size = text.length || 1): string[][] {
  const s = new CsvSplitter();
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += size) s.push(text.slice(i, i + size), out);
  s.end(out);
  return out;
}

const cases: [string, string[][]][] = [
  ['a,b\n\nc,d\n', [['a', 'b'], [''], ['c', 'd']]],
  [
    'a,"b\nx",c\r\nd,e',
    [
      ['a', 'b\nx', 'c'],
      ['d', 'e'],
    ],
  ],
  ['a,"b""c"\n', [['a', 'b"c']]],
  ['a\rb\rc', [['a'], ['b'], ['c']]],
  [
    'a,b\n,\n',
    [
      ['a', 'b'],
      ['', ''],
    ],
  ],
  [
    '\uFEFF户编号,姓名\r\nH1,"龙, 一"\r\n',
    [
      ['户编号', '姓名'],
      ['H1', '龙, 一'],
    ],
  ],
  ['"",x\r\n"q"\r\nlast', [['', 'x'], ['q'], ['last']]],
  [
    'a,b\r\nc,"d\r\ne"',
    [
      ['a', 'b'],
      ['c', 'd\r\ne'],
    ],
  ],
];

describe('CsvSplitter', () => {
  it.each(cases)('splits %j like csv-parse, in any chunking', (text, records) => {
    for (const size of [text.length || 1, 1, 2, 3, 5])
      expect(split(text, size), `chunk ${size}`).toEqual(records);
  });

  it.each([
    ['a,b"c,d\n', /Opening Quote/],
    ['a,"b"x,d\n', /Closing Quote/],
    ['a,"b\n', /Quote Not Closed/],
    ['"a" ,b\n', /Closing Quote/],
  ])('refuses %j', (text, message) => {
    for (const size of [text.length, 1]) expect(() => split(text, size)).toThrow(message);
    expect(() => split(text)).toThrow(CsvSyntaxError);
  });

  it('counts records, not physical lines', () => {
    const s = new CsvSplitter();
    const out: string[][] = [];
    s.push('h\n"x\ny"\nz\n', out);
    s.end(out);
    expect(s.records).toBe(3);
    expect(out).toEqual([['h'], ['x\ny'], ['z']]);
  });
});
