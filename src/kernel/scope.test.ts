import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { assertInScope, assertObjectInScope, scopeFor } from './scope.js';

const village = { scopeCode: '433124110226' };
const county = { scopeCode: '433124' };

const thrown = (f: () => void): AppError => {
  try {
    f();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('nothing thrown');
};

describe('assertObjectInScope', () => {
  it('passes an object within the scope', () => {
    expect(() => assertObjectInScope(county, '433124110226', 'household', '7')).not.toThrow();
  });

  it('answers an object outside the scope exactly as a missing one: 404, its id, no region', () => {
    const e = thrown(() => assertObjectInScope(village, '433124100201', 'household', '7'));
    expect(e.code).toBe('E_NOT_FOUND');
    expect(e.status).toBe(404);
    expect(e.message).toBe('household 7 not found');
    expect(e.details).toEqual({ entity: 'household', id: '7' });
    expect(JSON.stringify({ m: e.message, d: e.details })).not.toContain('433124100201');
  });

  it("throws the caller's own not-found error, and treats an object without a region as foreign", () => {
    const own = () => new AppError('E_NOT_FOUND', 'No data request 5');
    expect(thrown(() => assertObjectInScope(village, '433124100', own)).message).toBe('No data request 5');
    expect(thrown(() => assertObjectInScope(village, null, 'case', 3)).code).toBe('E_NOT_FOUND');
  });
});

describe('a requested region', () => {
  it('keeps 403 E_OUT_OF_SCOPE, echoing only the code the user sent', () => {
    const e = thrown(() => assertInScope(village, '433124100201'));
    expect(e.status).toBe(403);
    expect(e.details).toEqual({ region: '433124100201' });
    expect(scopeFor(village, '')).toBe('433124110226');
  });
});
