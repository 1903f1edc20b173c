import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createAuditService } from '../../src/modules/audit/service.js';
import { generateDemo } from '../../src/demo/service.js';
import { plantsKey, qualityDemo, type QualityPlants } from '../../src/demo/seeders/quality.js';
import { login, testApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createUser } from '../helpers/factory.js';

/** A small demo county with planted anomalies: every planted anomaly is found, few others are. */

const COUNTY = '433124';
const TOWNSHIPS = ['433124109', '433124110'];
const VILLAGES = TOWNSHIPS.flatMap((t) => [201, 202, 203, 204].map((n) => `${t}${n}`));

let tdb: TestDatabase;
let db: Database;
let app: FastifyInstance;
let county: string;
let township: string;
let plants: QualityPlants;

interface Finding {
  checkId: string;
  householdId: string | null;
  regionCode: string;
  subject: string | null;
  detail: Record<string, unknown>;
  statistic: Record<string, unknown> | null;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  await db
    .insertInto('region')
    .values([
      { code: '43', level: 1, parent_code: null, name: '湖南省' },
      { code: '4331', level: 2, parent_code: '43', name: '湘西土家族苗族自治州' },
      { code: COUNTY, level: 3, parent_code: '4331', name: '花垣县' },
      ...TOWNSHIPS.map((code, i) => ({ code, level: 4, parent_code: COUNTY, name: `乡镇${i + 1}` })),
      ...VILLAGES.map((code) => ({
        code,
        level: 5,
        parent_code: code.slice(0, 9),
        name: `村${code.slice(6)}`,
      })),
    ])
    .execute();
  await generateDemo(db, { countyCode: COUNTY, seed: 42, scale: 0.04 });
  await qualityDemo.seed({
    db,
    countyCode: COUNTY,
    seed: 42,
    scale: 0.04,
    today: new Date(),
    log: () => undefined,
  });
  const row = await db
    .selectFrom('app_meta')
    .select('value')
    .where('key', '=', plantsKey(COUNTY))
    .executeTakeFirstOrThrow();
  plants = row.value as QualityPlants;
  await createUser(db, 'q-county', 'county_officer', COUNTY);
  await createUser(db, 'q-town', 'township_officer', TOWNSHIPS[1]!);
  await createUser(db, 'q-village', 'village_cadre', VILLAGES[0]!);
  app = await testApp(db);
  county = await login(app, 'q-county', 'test-password-1');
  township = await login(app, 'q-town', 'test-password-1');
}, 240_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

async function findings(cookie: string, region: string, check: string): Promise<Finding[]> {
  const out: Finding[] = [];
  for (let page = 1; ; page++) {
    const res = await app.inject({
      method: 'GET',
      url: `/api/quality/findings?region=${region}&check=${check}&page=${page}&pageSize=200`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ total: number; items: Finding[] }>();
    out.push(...body.items);
    if (out.length >= body.total) return out;
  }
}

describe('quality checks on the demo with planted anomalies', () => {
  let run: { runId: string; findings: number; checks: { id: string; findings: number; tested?: number }[] };

  it('runs the catalogue for the county and audits the run once', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/quality/runs',
      headers: { cookie: county },
      payload: { region: COUNTY },
    });
    expect(res.statusCode, res.body).toBe(200);
    run = res.json();
    expect(run.checks.map((c) => c.id)).toContain('edit_burst');
    const events = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'quality.run')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.entity_id).toBe(run.runId);
    const verify = await createAuditService(db).verify();
    expect(verify.broken).toBeNull(); // the back-dated demo edits are chained properly
  });

  it('finds the village where exit-year incomes are heaped just above the line', async () => {
    expect(plants.heaping.households.length).toBeGreaterThanOrEqual(10);
    const f = await findings(county, COUNTY, 'income_heaping');
    const villages = new Set(f.map((x) => x.regionCode));
    expect(villages.has(plants.heaping.village)).toBe(true);
    const found = new Set(f.map((x) => x.householdId));
    const hit = plants.heaping.households.filter((h) => found.has(h)).length;
    expect(hit / plants.heaping.households.length).toBeGreaterThan(0.9);
    const stat = f.find((x) => x.regionCode === plants.heaping.village)!.statistic!;
    expect(stat.p as number).toBeLessThan(0.01);
    expect(stat.ratio as number).toBeGreaterThan(1.5);
    // no other village is flagged (natural exits sit well above the line in the demo)
    expect([...villages].filter((v) => v !== plants.heaping.village)).toEqual([]);
  });

  it('finds every copied income vector, and none elsewhere', async () => {
    expect(plants.copies.length).toBeGreaterThanOrEqual(3);
    const f = await findings(county, COUNTY, 'identical_income_vectors');
    const found = new Set(f.map((x) => `${x.householdId}:${String(x.detail.year)}`));
    for (const c of plants.copies)
      for (const h of c.households) expect(found.has(`${h}:${c.year}`)).toBe(true);
    const plantedVillages = new Set(plants.copies.map((c) => c.village));
    expect(f.filter((x) => !plantedVillages.has(x.regionCode))).toEqual([]);
  });

  it('finds the planted income jumps without a measure', async () => {
    expect(plants.jumps.length).toBeGreaterThanOrEqual(3);
    const f = await findings(county, COUNTY, 'income_jump_no_measure');
    const found = new Set(f.map((x) => `${x.householdId}:${String(x.detail.year)}`));
    for (const j of plants.jumps) expect(found.has(`${j.household}:${j.year}`)).toBe(true);
  });

  it('finds the collector whose numbers are invented, and no other collector', async () => {
    const f = await findings(county, COUNTY, 'benford_collector');
    // the signal names the households the collector entered, each finding with the collector's statistic
    expect([...new Set(f.map((x) => x.subject))]).toEqual([plants.collector.name]);
    expect(f.every((x) => x.householdId !== null)).toBe(true);
    expect(f[0]!.statistic!.mad as number).toBeGreaterThan(0.015);
    const tested = run.checks.find((c) => c.id === 'benford_collector')!.tested!;
    expect(tested).toBeGreaterThanOrEqual(VILLAGES.length); // every collector had enough values for a verdict
  });

  it('flags few villages by Benford (false positives modest)', async () => {
    const f = await findings(county, COUNTY, 'benford_village');
    const others = f.filter((x) => x.regionCode !== plants.collector.village);
    expect(others.length).toBeLessThanOrEqual(1);
  });

  it('finds the edit burst before the evaluation date, and only it', async () => {
    const f = await findings(county, COUNTY, 'edit_burst');
    expect(f.map((x) => [x.subject, x.regionCode])).toEqual([[plants.burst.actor, plants.burst.region]]);
    expect(f[0]!.statistic!.p as number).toBeLessThan(0.001);
  });

  it('counts findings by region: county → townships → villages', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/quality/summary?region=${COUNTY}`,
      headers: { cookie: county },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      run: { id: string };
      children: { code: string; counts: Record<string, number> }[];
    }>();
    expect(body.run.id).toBe(run.runId);
    expect(body.children.map((c) => c.code).sort()).toEqual(
      TOWNSHIPS.filter((t) => body.children.some((c) => c.code === t)),
    );
    const heapTownship = plants.heaping.village.slice(0, 9);
    expect(body.children.find((c) => c.code === heapTownship)!.counts.income_heaping).toBeGreaterThan(0);
    const down = await app.inject({
      method: 'GET',
      url: `/api/quality/summary?region=${heapTownship}`,
      headers: { cookie: county },
    });
    const villages = down.json<{ children: { code: string; counts: Record<string, number> }[] }>().children;
    expect(villages.find((c) => c.code === plants.heaping.village)!.counts.income_heaping).toBe(
      (await findings(county, plants.heaping.village, 'income_heaping')).length,
    );
  });

  it('keeps a township officer to their township (403 outside) and village cadres from running', async () => {
    const mine = await app.inject({
      method: 'GET',
      url: `/api/quality/summary?region=${TOWNSHIPS[1]}`,
      headers: { cookie: township },
    });
    expect(mine.statusCode).toBe(200);
    for (const url of [
      `/api/quality/summary?region=${TOWNSHIPS[0]}`,
      `/api/quality/findings?region=${COUNTY}`,
      `/api/quality/findings?region=${VILLAGES[0]}&check=income_heaping`,
    ]) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie: township } });
      expect(res.statusCode, url).toBe(403);
      expect(res.json<{ code: string }>().code).toBe('E_OUT_OF_SCOPE');
    }
    const own = await findings(township, '', 'duplicate_id_number');
    for (const f of own) expect(f.regionCode.startsWith(TOWNSHIPS[1]!)).toBe(true);
    const out = await app.inject({
      method: 'POST',
      url: '/api/quality/runs',
      headers: { cookie: township },
      payload: { region: COUNTY },
    });
    expect(out.statusCode).toBe(403);
    const cadre = await login(app, 'q-village', 'test-password-1');
    const denied = await app.inject({
      method: 'POST',
      url: '/api/quality/runs',
      headers: { cookie: cadre },
      payload: {},
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json<{ code: string }>().code).toBe('E_FORBIDDEN');
    const anon = await app.inject({ method: 'GET', url: '/api/quality/checks' });
    expect(anon.statusCode).toBe(401);
  });

  it('reports every check with its count (printed for the docs)', () => {
    console.log(run.checks.map((c) => `${c.id}: ${c.findings} (tested ${c.tested ?? '-'})`).join('\n'));
    expect(run.findings).toBe(run.checks.reduce((s, c) => s + c.findings, 0));
  });
});
