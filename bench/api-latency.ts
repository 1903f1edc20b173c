/**
 * Latency (p50, p95) of the household list, search and statistics over HTTP, on a demo county of
 * the given scale, as the county officer (whole county in scope) and a village cadre.
 * Usage: npx tsx bench/api-latency.ts [scale=1] [requests=200]
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { loadRegions } from '../src/modules/regions/loader.js';
import { generateDemo } from '../src/demo/service.js';
import { ensureDemoAccounts } from '../src/demo/setup.js';
import { buildApp } from '../src/server/app.js';
import { benchDatabase, machine, percentile } from './lib.js';

const scale = Number(process.argv[2] ?? 1);
const n = Number(process.argv[3] ?? 200);
const county = '433124';
const { db, engine, close } = await benchDatabase('api');
try {
  await loadRegions(db, { counties: [county] });
  const gen = await generateDemo(db, { countyCode: county, seed: 2014, scale });
  await sql`analyze`.execute(db);
  await ensureDemoAccounts(db, county, 'bench-password');
  const app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const cookieFor = async (username: string) => {
    const r = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'bench-password' }),
    });
    return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  };
  const countyCookie = await cookieFor('county');
  const villageCookie = await cookieFor('village');
  const names = (
    await sql<{
      name: string;
      id_number: string;
    }>`select name, id_number from member order by id limit ${n}`.execute(db)
  ).rows;
  const townships = (
    await db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 4)
      .where('code', 'like', `${county}%`)
      .execute()
  ).map((r) => r.code);

  const cases: { name: string; cookie: string; url: (i: number) => string }[] = [
    { name: 'list, county, page 1', cookie: countyCookie, url: () => '/api/households' },
    {
      name: 'list, county, deep page',
      cookie: countyCookie,
      url: (i) => `/api/households?page=${50 + (i % 50)}`,
    },
    {
      name: 'list, status=poor+cause, sorted by income',
      cookie: countyCookie,
      url: () => '/api/households?status=monitored&cause=illness&sort=per_capita_income&order=desc',
    },
    {
      name: 'list, township',
      cookie: countyCookie,
      url: (i) => `/api/households?region=${townships[i % townships.length]}`,
    },
    {
      name: 'search by name prefix',
      cookie: countyCookie,
      url: (i) => `/api/households?q=${encodeURIComponent(names[i % names.length]!.name)}`,
    },
    {
      name: 'search by ID number',
      cookie: countyCookie,
      url: (i) => `/api/households?q=${names[i % names.length]!.id_number}`,
    },
    {
      name: 'household detail',
      cookie: countyCookie,
      url: (i) => `/api/households/${1 + ((i * 97) % gen.households)}`,
    },
    { name: 'statistics, county', cookie: countyCookie, url: () => '/api/stats/summary' },
    {
      name: 'statistics, township',
      cookie: countyCookie,
      url: (i) => `/api/stats/summary?region=${townships[i % townships.length]}`,
    },
    { name: 'region children, county', cookie: countyCookie, url: () => `/api/regions?parent=${county}` },
    { name: 'list, village cadre', cookie: villageCookie, url: () => '/api/households' },
  ];
  const results = [];
  for (const c of cases) {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const r = await fetch(base + c.url(i), { headers: { cookie: c.cookie } });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`${c.name}: HTTP ${r.status}`);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    results.push({
      case: c.name,
      p50ms: +percentile(times, 50).toFixed(1),
      p95ms: +percentile(times, 95).toFixed(1),
    });
  }
  await app.close();
  console.log(
    JSON.stringify(
      {
        bench: 'api-latency',
        engine,
        machine: machine(),
        scale,
        households: gen.households,
        persons: gen.persons,
        requests: n,
        results,
      },
      null,
      1,
    ),
  );
} finally {
  await close();
}
