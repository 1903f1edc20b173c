/**
 * Latency of the registry measures API (/api/measures, /series, /passive-exits) over HTTP on a demo
 * county of the given scale, as the county officer: cold (first request: the county's store of
 * every year read from SQL in one pass; then the series, whose other years' frames are built from
 * memory), warm (frames and answers cached), and right after a registry change (the changed
 * village's households re-read, the cached frames patched). The server's background warm-up
 * (`serve`) is off here so that the cold numbers are measured. Prints one JSON object; ms,
 * sequential requests.
 * Usage: npx tsx bench/registry-measures.ts [scale=1] [requests=100]
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadRegions } from '../src/modules/regions/loader.js';
import { generateDemo } from '../src/demo/service.js';
import { ensureDemoAccounts } from '../src/demo/setup.js';
import { buildApp } from '../src/server/app.js';
import { benchDatabase, machine, percentile } from './lib.js';

const scale = Number(process.argv[2] ?? 1);
const n = Number(process.argv[3] ?? 100);
const county = '433124';
const { db, engine, close } = await benchDatabase('measures');
try {
  await loadRegions(db, { counties: [county] });
  const gen = await generateDemo(db, { countyCode: county, seed: 2014, scale });
  await sql`analyze`.execute(db);
  await ensureDemoAccounts(db, county, 'bench-password');
  const app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'county', password: 'bench-password' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const townships = (
    await db.selectFrom('region').select('code').where('parent_code', '=', county).orderBy('code').execute()
  ).map((r) => r.code);
  const year = 2025;

  const timed = async (url: string) => {
    const t0 = performance.now();
    const res = await fetch(`${base}${url}`, { headers: { cookie } });
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - t0, body };
  };
  const stats = (ms: number[]) => {
    const s = [...ms].sort((a, b) => a - b);
    return {
      p50: +percentile(s, 50).toFixed(1),
      p95: +percentile(s, 95).toFixed(1),
      max: +s.at(-1)!.toFixed(1),
    };
  };

  const countyUrl = `/api/measures?region=${county}&year=${year}`;
  const cold = {
    county_year: +(await timed(countyUrl)).ms.toFixed(1),
    series_all_years: +(await timed(`/api/measures/series?region=${county}`)).ms.toFixed(1),
  };
  const sample = (await timed(countyUrl)).body;

  const cases: { name: string; url: (i: number) => string }[] = [
    { name: 'county, one year (with its townships)', url: () => countyUrl },
    { name: 'county, by township', url: () => `${countyUrl}&by=township` },
    { name: 'county, by household type', url: () => `${countyUrl}&by=household_type` },
    { name: 'county, by cause', url: () => `${countyUrl}&by=cause` },
    {
      name: 'township, one year (with its villages)',
      url: (i) => `/api/measures?region=${townships[i % townships.length]}&year=${year}`,
    },
    { name: 'county, series 2014–2025', url: () => `/api/measures/series?region=${county}` },
    {
      name: 'county, passive exits 2019',
      url: () => `/api/measures/passive-exits?region=${county}&year=2019`,
    },
  ];
  const warm: Record<string, ReturnType<typeof stats>> = {};
  for (const c of cases) {
    await timed(c.url(0));
    const ms: number[] = [];
    for (let i = 0; i < n; i++) ms.push((await timed(c.url(i))).ms);
    warm[c.name] = stats(ms);
  }

  // after a change: one household's yearly row edited, then the county's year asked again
  const ids = (
    await sql<{ household_id: string }>`select household_id from household_year
      where year = ${year} order by household_id limit ${Math.min(n, 20)}`.execute(db)
  ).rows;
  const afterChange: number[] = [];
  for (const r of ids) {
    await sql`update household_year set property_income = property_income + 1, net_income = net_income + 1
      where household_id = ${r.household_id} and year = ${year}`.execute(db);
    afterChange.push((await timed(countyUrl)).ms);
  }
  await app.close();
  console.log(
    JSON.stringify(
      {
        machine: machine(),
        engine,
        scale,
        households: gen.households,
        persons: gen.persons,
        requests_per_case: n,
        cold_ms: cold,
        warm_ms: warm,
        after_change_ms: stats(afterChange),
        sample: {
          line: sample.line,
          headcount: (sample.poverty as { headcount: number }).headcount,
          gini: (sample.inequality as { gini: number }).gini,
          mpi_M0: (sample.mpi as { M0: number }).M0,
          exits: sample.exits,
        },
      },
      null,
      2,
    ),
  );
} finally {
  await close();
}
