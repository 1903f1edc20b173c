/**
 * The cost of one household search and of one household's detail (issue 22 item 4;
 * docs/scaling.md#search-and-detail-cost-per-request): requests a second and the CPU each request
 * costs — the server process's and the database's (the postmaster and its backends) — on a running
 * `serve --demo` of a data folder.
 *
 * Each scenario: 200 sequential requests (p50, CPU a request), then autocannon with `connections`
 * users for `seconds` (requests a second, p95, CPU a request); `rounds` rounds, the median reported.
 *
 * Usage: npx tsx bench/search-cost.ts <dataDir> <port> [seconds=10] [connections=10] [rounds=3]
 *   (the folder's server: `JZ_DATA_DIR=<dataDir> PORT=<port> node bin/jingzhun.js serve --demo`)
 */
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { connect } from '../src/db/database.js';
import { machine, percentile, demoLogin } from './lib.js';

const dataDir = process.argv[2];
const port = Number(process.argv[3]);
if (!dataDir || !port)
  throw new Error('usage: search-cost.ts <dataDir> <port> [seconds] [connections] [rounds]');
const seconds = Number(process.argv[4] ?? 10);
const connections = Number(process.argv[5] ?? 10);
const rounds = Number(process.argv[6] ?? 3);
const SEQUENTIAL = 200;
const DEMO = '433124';
const TOWNSHIP = '433124110';
const base = `http://127.0.0.1:${port}`;
const password = 'jingzhun-demo';

const owner = JSON.parse(fs.readFileSync(path.join(dataDir, 'pg-owner.json'), 'utf8')) as {
  port: number;
  pid: number;
};
const postmaster = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
const TICK_MS = 10; // USER_HZ = 100 on Linux

/** utime, stime, cutime, cstime of a process, ticks. */
function times(pid: number): number[] {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return [13, 14, 15, 16].map((i) => Number(f[i - 2]));
}
const ppidOf = (pid: number) => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
};

/** CPU used so far, ms: the server's, and the database's (postmaster, its children, and those reaped). */
function cpu(): { server: number; db: number } {
  const [su, ss] = times(owner.pid);
  let db = 0;
  const [pu, ps, pcu, pcs] = times(postmaster);
  db += pu! + ps! + pcu! + pcs!;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (ppidOf(Number(d)) !== postmaster) continue;
      const [u, s] = times(Number(d));
      db += u! + s!;
    } catch {
      // the process ended while read
    }
  }
  return { server: (su! + ss!) * TICK_MS, db: db * TICK_MS };
}

const login = (username: string) => demoLogin(base, username, password);

const pgPassword = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
const { db } = connect(
  `postgres://postgres:${encodeURIComponent(pgPassword)}@localhost:${owner.port}/jingzhun`,
  2,
);
// the province bench's sample: heads of households of the county, in a fixed pseudo-random order
const people = (
  await sql<{ id: string; name: string; id_number: string }>`
    select m.household_id::text as id, m.name, m.id_number from member m
    where m.village_code >= ${DEMO} and m.village_code < ${DEMO + '~'} and m.relation = 'head'
    order by md5(m.id::text) limit 500`.execute(db)
).rows;
await db.destroy();
const pick = (i: number) => people[i % people.length]!;
const cookie = await login('county');

const scenarios: Record<string, (i: number) => string> = {
  'search, name': (i) => `/api/households?region=${DEMO}&q=${encodeURIComponent(pick(i).name)}`,
  'search, ID prefix (10)': (i) => `/api/households?region=${DEMO}&q=${pick(i).id_number.slice(0, 10)}`,
  'list of a township': () => `/api/households?region=${TOWNSHIP}`,
  'household detail': (i) => `/api/households/${pick(i).id}`,
};

async function sequential(paths: (i: number) => string) {
  const ms: number[] = [];
  const c0 = cpu();
  for (let i = 0; i < SEQUENTIAL; i++) {
    const t0 = performance.now();
    const r = await fetch(base + paths(i), { headers: { cookie } });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${paths(i)}: HTTP ${r.status}`);
    ms.push(performance.now() - t0);
  }
  const c1 = cpu();
  ms.sort((a, b) => a - b);
  return {
    p50ms: percentile(ms, 50),
    serverCpuMs: (c1.server - c0.server) / SEQUENTIAL,
    dbCpuMs: (c1.db - c0.db) / SEQUENTIAL,
  };
}

function concurrent(paths: (i: number) => string) {
  const ms: number[] = [];
  let errors = 0;
  let i = 0;
  const c0 = cpu();
  return new Promise<{ perSecond: number; p95ms: number; serverCpuMs: number; dbCpuMs: number }>(
    (resolve, reject) => {
      const instance = autocannon(
        {
          url: base,
          connections,
          duration: seconds,
          headers: { cookie },
          requests: [{ setupRequest: (req) => ({ ...req, path: paths(i++) }) }],
        },
        (err) => {
          if (err) return reject(err instanceof Error ? err : new Error(String(err)));
          if (errors > 0) return reject(new Error(`${errors} answers not 2xx`));
          const c1 = cpu();
          ms.sort((a, b) => a - b);
          resolve({
            perSecond: ms.length / seconds,
            p95ms: percentile(ms, 95),
            serverCpuMs: (c1.server - c0.server) / ms.length,
            dbCpuMs: (c1.db - c0.db) / ms.length,
          });
        },
      );
      instance.on('response', (_c, status: number, _b, t: number) => {
        ms.push(t);
        if (status < 200 || status >= 300) errors++;
      });
    },
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const r1 = (x: number) => +x.toFixed(1);
const results = [];
for (const [name, paths] of Object.entries(scenarios)) {
  const seq = [];
  const con = [];
  for (let r = 0; r < rounds; r++) {
    seq.push(await sequential(paths));
    con.push(await concurrent(paths));
  }
  results.push({
    scenario: name,
    sequential: {
      p50ms: r1(median(seq.map((s) => s.p50ms))),
      serverCpuMs: r1(median(seq.map((s) => s.serverCpuMs))),
      dbCpuMs: r1(median(seq.map((s) => s.dbCpuMs))),
    },
    [`${connections} users`]: {
      perSecond: Math.round(median(con.map((s) => s.perSecond))),
      p95ms: r1(median(con.map((s) => s.p95ms))),
      serverCpuMs: r1(median(con.map((s) => s.serverCpuMs))),
      dbCpuMs: r1(median(con.map((s) => s.dbCpuMs))),
    },
  });
}
console.log(
  JSON.stringify(
    { bench: 'search-cost', machine: machine(), seconds, connections, rounds, results },
    null,
    1,
  ),
);
