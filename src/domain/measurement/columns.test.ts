import { describe, expect, it } from 'vitest';
import { GrowableFloat64, LabelCoder, parseDecimal } from './columns.js';

describe('column reading helpers', () => {
  it('grows a Float64Array', () => {
    const g = new GrowableFloat64(2);
    for (let i = 0; i < 1000; i++) g.push(i / 2);
    const a = g.toArray();
    expect(a.length).toBe(1000);
    expect(a[999]).toBe(499.5);
  });

  it('codes labels by first appearance', () => {
    const c = new LabelCoder();
    for (const l of ['b', 'a', 'b', '']) c.push(l);
    expect(c.toGroups()).toEqual({ codes: Uint32Array.from([0, 1, 0, 2]), labels: ['b', 'a', ''] });
  });

  it.each([
    ['12', 12],
    [' -3.5 ', -3.5],
    ['.5', 0.5],
    ['5.', 5],
    ['1e4', 1e4],
    ['+2', 2],
    ['', null],
    ['abc', null],
    ['1,234', null],
    ['0x10', null],
    ['NaN', null],
    ['Infinity', null],
    ['1e999', null],
  ])('parseDecimal(%j) = %s', (cell, x) => expect(parseDecimal(cell)).toBe(x));
});
