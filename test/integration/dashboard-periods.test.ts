import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { clockOf } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login } from '../helpers/app.js';

/**
 * The dashboard by period (issue 20 item 6): before 2021 the poverty frame (incidence, exits), from 2021
 * the monitoring frame (monitored share, new risks, risks removed, income of exited households, dibao
 * linkage), all from the registry's yearly rows of a small built township. Figures by hand below.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
let cookie = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  // two persons each (the factory's default household)
  await createHousehold(db, {
    village: T.villageA1,
    status: 'exited',
    income: [
      { year: 2019, perCapita: 3000, status: 'poor' },
      { year: 2020, perCapita: 6000, status: 'exited' },
      { year: 2024, perCapita: 11000, status: 'exited' },
      { year: 2025, perCapita: 12000, status: 'exited' },
    ],
  });
  const atRisk = await createHousehold(db, {
    village: T.villageA1,
    status: 'monitored',
    income: [
      { year: 2019, perCapita: 2500, status: 'poor' },
      { year: 2020, perCapita: 3500, status: 'poor' },
      { year: 2024, perCapita: 9000, status: 'exited' },
      { year: 2025, perCapita: 6500, status: 'monitored' },
    ],
  });
  await createHousehold(db, {
    village: T.villageA2,
    status: 'risk_removed',
    type: 'ordinary',
    income: [
      { year: 2019, perCapita: 8000, status: 'none' },
      { year: 2020, perCapita: 8500, status: 'none' },
      { year: 2024, perCapita: 7000, status: 'monitored' },
      { year: 2025, perCapita: 10000, status: 'risk_removed' },
    ],
  });
  await createHousehold(db, {
    village: T.villageA2,
    status: 'none',
    type: 'ordinary',
    income: [2019, 2020, 2024, 2025].map((year) => ({ year, perCapita: 15000, status: 'none' })),
  });
  // the monitored household receives dibao in 2025 (linkage)
  await db
    .updateTable('household_year')
    .set({ transfer_dibao: '2400' })
    .where('household_id', '=', atRisk.id)
    .where('year', '=', 2025)
    .execute();
  await createUser(db, 'twn', 'township_officer', T.townshipA);
  app = await buildApp({
    db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => new Date('2026-03-02T02:00:00Z')),
  });
  await app.ready();
  cookie = await login(app, 'twn', 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

interface Summary {
  frame: string;
  year: number;
  households: number;
  poorHouseholds: number;
  incidence: number;
  exits: number;
  monitoredHouseholds: number;
  monitoredShare: number;
  newRisks: number;
  risksRemoved: number;
  exitedPerCapitaIncome: number | null;
  monitoredWithDibao: number;
  bySubRegion: { code: string; incidence: number; monitored: number; monitoredShare: number }[];
  trend: { year: number; incidence: number; monitoredShare: number }[];
}

const summary = async (year: number): Promise<Summary> => {
  const res = await app.inject({
    method: 'GET',
    url: `/api/stats/summary?region=${T.townshipA}&year=${year}`,
    headers: { cookie },
  });
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as Summary;
};

describe('dashboard figures by period', () => {
  it('2020 reads the poverty frame: incidence and the year’s exits', async () => {
    const s = await summary(2020);
    expect(s.frame).toBe('poverty');
    expect(s.households).toBe(4);
    expect(s.poorHouseholds).toBe(1);
    expect(s.incidence).toBeCloseTo(2 / 8, 6); // 2 poor persons of 8
    expect(s.exits).toBe(1); // poor in 2019, exited in 2020
    const a1 = s.bySubRegion.find((r) => r.code === T.villageA1);
    expect(a1?.incidence).toBeCloseTo(0.5, 6);
  });

  it('2025 reads the monitoring frame: monitored share, new and removed risks, exited income, dibao', async () => {
    const s = await summary(2025);
    expect(s.frame).toBe('monitoring');
    expect(s.poorHouseholds).toBe(0);
    expect(s.monitoredHouseholds).toBe(1);
    expect(s.monitoredShare).toBeCloseTo(0.25, 6);
    expect(s.newRisks).toBe(1); // exited in 2024, monitored in 2025
    expect(s.risksRemoved).toBe(1); // monitored in 2024, removed in 2025
    expect(s.exitedPerCapitaIncome).toBe(12000);
    expect(s.monitoredWithDibao).toBe(1);
    const a1 = s.bySubRegion.find((r) => r.code === T.villageA1);
    const a2 = s.bySubRegion.find((r) => r.code === T.villageA2);
    // the incidence is 0 everywhere after 2020; the monitored share is the figure that differs
    expect(a1?.incidence).toBe(0);
    expect(a1).toMatchObject({ monitored: 1, monitoredShare: 0.5 });
    expect(a2).toMatchObject({ monitored: 0, monitoredShare: 0 });
    const y2024 = s.trend.find((p) => p.year === 2024);
    expect(y2024?.monitoredShare).toBeCloseTo(0.25, 6);
  });
});
