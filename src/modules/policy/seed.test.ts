import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { urbanDibaoStandardMonthly } from '../../domain/policy/urban-dibao-defaults.js';
import { defaultParams } from '../../domain/rules/params.js';
import { PARAM_CATALOG, STORED_KEYS } from './catalog.js';

/** The seed rows of migration 004 must equal the national defaults of `defaultParams`. */
const SQL = fs.readFileSync(
  path.join(import.meta.dirname, '../../db/migrations/004_policy_cases.sql'),
  'utf8',
);
const ROW = /\('(\w+)', '', '(\d{4})-01-01', '([^']*)', '[^']*', (true|false), '[^']*'\)/g;
const rows = [...SQL.matchAll(ROW)].map((m) => ({
  key: m[1]!,
  year: Number(m[2]),
  value: JSON.parse(m[3]!) as unknown,
  synthetic: m[4] === 'true',
}));

describe('seeded policy parameters (migration 004)', () => {
  it('seed every stored key but the optional ones, with a valid value', () => {
    const seeded = new Set(rows.map((r) => r.key));
    for (const key of STORED_KEYS)
      expect(seeded.has(key), key).toBe(PARAM_CATALOG[key].seeding !== 'optional');
    for (const r of rows)
      expect(
        PARAM_CATALOG[r.key as (typeof STORED_KEYS)[number]].schema.safeParse(r.value).success,
        r.key,
      ).toBe(true);
  });

  it('equal defaultParams for every seeded year', () => {
    for (const r of rows) {
      const expected =
        r.key === 'urbanDibaoStandardMonthly'
          ? urbanDibaoStandardMonthly(r.year)
          : (defaultParams(r.year) as unknown as Record<string, unknown>)[r.key];
      expect(r.value, `${r.key} ${r.year}`).toEqual(expected);
    }
    expect(rows.filter((r) => r.key === 'povertyLine').map((r) => r.year)).toEqual(
      Array.from({ length: 16 }, (_, i) => 2011 + i),
    );
  });

  it('mark approximations as synthetic', () => {
    const synthetic = (key: string) => rows.filter((r) => r.key === key).every((r) => r.synthetic);
    expect(synthetic('ruralDibaoStandardMonthly')).toBe(true);
    expect(synthetic('urbanDibaoStandardMonthly')).toBe(true);
    expect(rows.find((r) => r.key === 'povertyLine' && r.year === 2020)?.synthetic).toBe(false);
    expect(rows.find((r) => r.key === 'povertyLine' && r.year === 2021)?.synthetic).toBe(true);
  });
});
