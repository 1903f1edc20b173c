import { describe, expect, it } from 'vitest';
import { ancestorCodes, inScope, levelOf, padTo12 } from './region-code.js';

describe('division codes', () => {
  it.each([
    ['43', 1],
    ['4331', 2],
    ['433124', 3],
    ['441900', 3],
    ['433124110', 4],
    ['433124110226', 5],
    ['43312', null],
    ['4331241102261', null],
    ['43a1', null],
  ])('level of %s is %s', (code, level) => expect(levelOf(code)).toBe(level));

  it('lists ancestors from the province down', () => {
    expect(ancestorCodes('433124110226')).toEqual(['43', '4331', '433124', '433124110']);
    expect(ancestorCodes('441900003')).toEqual(['44', '4419', '441900']); // synthetic county of 东莞市
    expect(ancestorCodes('43')).toEqual([]);
  });

  it('scopes by prefix; the empty scope is the whole country', () => {
    expect(inScope('433124', '433124110226')).toBe(true);
    expect(inScope('433124110226', '433124110201')).toBe(false);
    expect(inScope('', '110101001001')).toBe(true);
  });

  it('pads to 12 digits for printing', () => expect(padTo12('4331')).toBe('433100000000'));
});
