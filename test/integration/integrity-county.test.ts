import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_COUNTY, generateCounty, type County } from '../fixtures/integrity-county/generator.js';
import { runCounty, type Rates } from '../fixtures/integrity-county/score.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * The fabrication signals on a small independent county (test/fixtures/integrity-county), entered
 * through the import year by year: the goals as properties of the method (bench/integrity.ts
 * measures the full county on several seeds). Seed 7 is held out: the thresholds were set on seed 1
 * (docs/quality.md), so a regression of a signal, not a fit to this seed, fails here.
 */

let tdb: TestDatabase;
let county: County;
let rates: Rates;
let provenanceByImport: boolean;

beforeAll(async () => {
  tdb = await createTestDatabase();
  county = generateCounty({
    ...FULL_COUNTY,
    seed: 7,
    villages: 18,
    households: 60,
    lastYear: 2020,
    plant: { near_copy: 1, round_numbers: 1, shared_factor: 1, paper_exit: 1, collector: 2 },
  });
  const r = await runCounty(tdb.db, county);
  rates = r.rates;
  provenanceByImport = r.load.provenanceByImport;
}, 120_000);

afterAll(async () => {
  await tdb.drop();
});

describe('integrity signals on an independent small county', () => {
  it('enters collector and collection date through the import', () => {
    expect(provenanceByImport).toBe(true);
  });

  it('finds ≥ 90 % of the planted villages and flags ≤ 5 % of the honest ones', () => {
    expect(rates.villages.planted).toBe(6);
    expect(rates.villages.detection, JSON.stringify(rates.missedVillages)).toBeGreaterThanOrEqual(0.9);
    expect(rates.villages.falseRate, JSON.stringify(rates.falseVillages)).toBeLessThanOrEqual(0.05);
  });

  it('names ≥ 80 % of the fabricated households and ≤ 5 % of the honest ones', () => {
    expect(rates.households.detection, JSON.stringify(rates.byKind)).toBeGreaterThanOrEqual(0.8);
    expect(rates.households.falseRate, JSON.stringify(rates.bySignal)).toBeLessThanOrEqual(0.05);
  });

  it('each kind of fabrication is found by the signal made for it', () => {
    const s = rates.bySignal;
    expect(s.identical_income_vectors!.villagesFound).toBeGreaterThanOrEqual(1);
    expect(s.round_numbers_village!.villagesFound).toBeGreaterThanOrEqual(1);
    expect(s.shared_factor!.villagesFound).toBeGreaterThanOrEqual(1);
    expect(s.shared_factor!.villagesFalse).toBe(0);
    expect(s.income_heaping!.villagesFound).toBeGreaterThanOrEqual(1);
    expect(
      s.benford_collector!.villagesFound + s.round_numbers_collector!.villagesFound,
    ).toBeGreaterThanOrEqual(2);
  });
});
