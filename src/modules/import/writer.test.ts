import { describe, expect, it } from 'vitest';
import { copyLine, pgArray } from './writer.js';

describe('COPY text format', () => {
  it('escapes backslash, tab, line breaks; \\N for null; t/f for booleans', () => {
    expect(copyLine(['1', null, undefined, true, false, 2.5, 'a\\b\tc\nd\re', '龙'])).toBe(
      '1\t\\N\t\\N\tt\tf\t2.5\ta\\\\b\\tc\\nd\\re\t龙\n',
    );
  });

  it('writes arrays as quoted literals', () => {
    expect(pgArray([])).toBe('{}');
    expect(pgArray(['illness', 'a"b\\c'])).toBe('{"illness","a\\"b\\\\c"}');
  });
});
