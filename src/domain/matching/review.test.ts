import { describe, expect, it } from 'vitest';
import { review } from './review.js';

describe('flag review', () => {
  it.each([
    ['pending', 'confirm', 'township_officer', '核实属实', { ok: true, to: 'confirmed' }],
    ['pending', 'dismiss', 'county_officer', '非同一人', { ok: true, to: 'dismissed' }],
    ['pending', 'confirm', 'village_cadre', '核实属实', { ok: false, code: 'E_FORBIDDEN' }],
    ['pending', 'confirm', 'admin', ' ', { ok: false, code: 'E_VALIDATION' }],
    ['confirmed', 'dismiss', 'admin', '改判', { ok: false, code: 'E_CONFLICT' }],
    ['dismissed', 'confirm', 'admin', '改判', { ok: false, code: 'E_CONFLICT' }],
  ] as const)('%s → %s by %s (%s)', (status, decision, role, reason, expected) => {
    expect(review(status, decision, role, reason)).toMatchObject(expected);
  });
});
