import { describe, expect, it } from 'vitest';
import { benford } from './benford.js';
import { benfordReport, toJsonLine, toTextTables } from './report.js';

describe('report rendering', () => {
  it('JSON: infinite values as strings, undefined and NaN as null', () => {
    expect(toJsonLine({ a: Infinity, b: undefined, c: NaN, d: [1, -Infinity], e: 0.5 })).toBe(
      '{"a":"Infinity","b":null,"c":null,"d":[1,"-Infinity"],"e":0.5}\n',
    );
  });

  it('text: scalars, then a one-row table per flat object and a row per key for nested objects', () => {
    const text = toTextTables({
      n: 4,
      gini: 0.223232323,
      mld: Infinity,
      rmpg: null,
      lines: { p40: 4000, p50: 5000 },
      by: { x: { share: 0.5, h: 0.8 }, yy: { share: 0.5, h: 0.4 } },
    });
    expect(text).toBe(
      [
        'n            4',
        'gini  0.223232',
        'mld   Infinity',
        'rmpg      null',
        '',
        'lines   p40   p50',
        '       4000  5000',
        '',
        'by  share    h',
        'x     0.5  0.8',
        'yy    0.5  0.4',
        '',
      ].join('\n'),
    );
  });

  it('Benford report keys follow the CLI contract, plus excluded', () => {
    expect(Object.keys(benfordReport(benford(Float64Array.from([1, 2, 0]))))).toEqual([
      'n',
      'chi2',
      'df',
      'p_value',
      'mad',
      'conformity',
      'excluded',
    ]);
  });
});
