import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateCsvRows } from './bulk.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jz-bulk-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};
const header = '户编号,村代码,姓名,公民身份号码\n';
const row = (i: number, extra = '') =>
  `H${String(i).padStart(6, '0')},433124102226,张三,43312419800101001X${extra}\n`;

describe('estimateCsvRows', () => {
  it('counts the rows of a file shorter than its sample exactly, with or without a last newline', () => {
    const body = Array.from({ length: 50 }, (_, i) => row(i)).join('');
    expect(estimateCsvRows(write('a.csv', header + body))).toBe(50);
    expect(estimateCsvRows(write('b.csv', header + body.slice(0, -1)))).toBe(50);
    expect(estimateCsvRows(write('c.csv', '\ufeff' + header + body))).toBe(50);
    expect(estimateCsvRows(write('d.csv', header))).toBe(0);
    expect(estimateCsvRows(write('e.csv', '户编号,村代码'))).toBe(0);
  });

  it('estimates a large file from its first rows, whatever their width', () => {
    for (const [name, extra] of [
      ['narrow.csv', ''],
      ['wide.csv', ',男,汉族,初中,非在校生,健康,,普通劳动力,6,一般户,缺资金,缺技术;因病,C级,是,13800000000'],
    ] as const) {
      const n = 30_000;
      const file = write(name, header + Array.from({ length: n }, (_, i) => row(i, extra)).join(''));
      expect(fs.statSync(file).size).toBeGreaterThan(256 * 1024);
      const estimate = estimateCsvRows(file);
      expect(Math.abs(estimate - n) / n).toBeLessThan(0.01);
    }
  });
});
