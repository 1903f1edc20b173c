/**
 * Audited writes beside a large import: while an import of N persons runs in county A, a county
 * officer of county B repeatedly edits a household (PATCH, audited) and opens one unmasked (GET
 * `?unmask=true`, audited) through the real app. Reports median / p95 / max of both beside the same
 * operations with no import running (the yardstick), and the import's own duration.
 * With the global chain lock of old, B's operations waited for the import's commit; with chain
 * segments they wait for nothing the import holds — except in bulk mode, whose ACCESS EXCLUSIVE
 * locks on the registry tables (modules/import/bulk.ts) block every household read and write.
 * Usage: npx tsx bench/audit-concurrency.ts [--persons 200000] [--bulk off|on|auto] [--pause 20]
 * (DATABASE_URL set → that server; else embedded). Prints progress to stderr, one JSON line to stdout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { makeIdNumber } from '../src/domain/id-number.js';
import { hashPassword } from '../src/modules/auth/password.js';
import { importFile, tuneHeapForImport } from '../src/modules/import/service.js';
import type { BulkMode } from '../src/modules/import/bulk.js';
import { loadRegions } from '../src/modules/regions/loader.js';
import { buildApp } from '../src/server/app.js';
import { writeBenchCsv } from './import-file.js';
import { HEADERS_FOR_BENCH } from './import-headers.js';
import { benchDatabase, machine, percentile } from './lib.js';
import { systemClock } from '../src/kernel/clock.js';

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string', default: '200000' },
    bulk: { type: 'string', default: 'off' },
    pause: { type: 'string', default: '20' },
    yardstick: { type: 'string', default: '100' },
  },
});
const persons = Number(args.persons);
const bulk = args.bulk as BulkMode;
const pauseMs = Number(args.pause);
const A = '433124'; // 花垣县: the import
const B = '433125'; // 保靖县: the county officer's edits and reads
const log = (s: string) => process.stderr.write(s + '\n');

tuneHeapForImport();
const { db, engine, close } = await benchDatabase('audit');
try {
  await loadRegions(db, { counties: [A, B] });
  const villagesOf = async (county: string) =>
    (
      await db
        .selectFrom('region')
        .select('code')
        .where('level', '=', 5)
        .where('code', 'like', `${county}%`)
        .orderBy('code')
        .execute()
    ).map((r) => r.code);
  const villagesB = await villagesOf(B);

  // county B: 20 households of one person, imported, and its county officer
  const small = path.join(os.tmpdir(), `jz-bench-audit-b-${Date.now()}.csv`);
  const rowsB = Array.from({ length: 20 }, (_, i) =>
    [
      `BJ${String(i).padStart(5, '0')}`,
      villagesB[i % villagesB.length]!,
      `保靖${i}`,
      makeIdNumber(B, '1970-01-01', '1', i * 2),
      '户主',
      '男',
      2025,
      9000,
      2000,
      0,
      1200,
      500,
      '一般农户',
      '健康',
    ].join(','),
  );
  fs.writeFileSync(small, [HEADERS_FOR_BENCH.join(','), ...rowsB].join('\n') + '\n');
  const opts = {
    actor: { id: null, name: 'bench' },
    acceptValid: false,
    dryRun: false,
    incomeCeiling: 200000,
    today: systemClock.today(),
  };
  await importFile(db, small, { ...opts, scope: B });
  const idsB = (
    await db.selectFrom('household').select('id').where('village_code', 'like', `${B}%`).execute()
  ).map((r) => r.id);
  await db
    .insertInto('app_user')
    .values({
      username: 'countyB',
      display_name: 'countyB',
      password_hash: await hashPassword('bench-password'),
      role: 'county_officer',
      scope_code: B,
    })
    .execute();

  // county A: the large file
  const file = path.join(os.tmpdir(), `jz-bench-import-${persons}.csv`);
  if (!fs.existsSync(file)) await writeBenchCsv(file, persons, await villagesOf(A));

  const app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  await app.ready();
  const loginRes = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'countyB', password: 'bench-password' },
  });
  const cookie = `jz_session=${loginRes.cookies.find((c) => c.name === 'jz_session')!.value}`;

  const versions = new Map<string, number>();
  let turn = 0;
  /** One edit and one unmasked read in county B; their latencies in ms. */
  async function pair(): Promise<{ edit: number; read: number }> {
    const id = idsB[turn++ % idsB.length]!;
    let t = performance.now();
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/households/${id}`,
      payload: { version: versions.get(id) ?? 1, address: `保靖县${turn}号`, reason: '核实' },
      headers: { cookie },
    });
    const edit = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`edit: ${res.statusCode} ${res.body}`);
    versions.set(id, res.json<{ household: { version: number } }>().household.version);
    t = performance.now();
    const read = await app.inject({ url: `/api/households/${id}?unmask=true`, headers: { cookie } });
    if (read.statusCode !== 200) throw new Error(`read: ${read.statusCode} ${read.body}`);
    return { edit, read: performance.now() - t };
  }
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const r = (v: number) => Math.round(v * 10) / 10;
    return {
      n: s.length,
      medianMs: r(percentile(s, 50)),
      p95Ms: r(percentile(s, 95)),
      maxMs: r(s.at(-1) ?? NaN),
    };
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  // 1. the yardstick: no import running
  const idle = { edit: [] as number[], read: [] as number[] };
  for (let i = 0; i < Number(args.yardstick); i++) {
    const p = await pair();
    idle.edit.push(p.edit);
    idle.read.push(p.read);
    await sleep(pauseMs);
  }
  log(`yardstick: edit ${JSON.stringify(stats(idle.edit))}, read ${JSON.stringify(stats(idle.read))}`);

  // 2. the same while the import of county A runs
  await sql`analyze`.execute(db);
  const busy = { edit: [] as number[], read: [] as number[] };
  let done = false;
  const t0 = performance.now();
  const importing = importFile(db, file, { ...opts, scope: A, bulk }).finally(() => (done = true));
  while (!done) {
    const p = await pair(); // started while the import ran: kept even if it ends after the commit
    busy.edit.push(p.edit);
    busy.read.push(p.read);
    await sleep(pauseMs);
  }
  const report = await importing;
  const importS = (performance.now() - t0) / 1000;
  if (report.errorsTotal)
    throw new Error(`bench file had errors: ${JSON.stringify(report.errors.slice(0, 3))}`);
  const events = await db
    .selectFrom('audit_event')
    .select(['after'])
    .where('action', '=', 'household.import')
    .where('region_code', '=', A)
    .execute();
  log(
    `import: ${persons} persons in ${importS.toFixed(1)} s (bulk ${report.bulk}), ${events.length} audit event(s)`,
  );
  log(`during:    edit ${JSON.stringify(stats(busy.edit))}, read ${JSON.stringify(stats(busy.read))}`);
  await app.close();
  console.log(
    JSON.stringify({
      bench: 'audit-concurrency',
      engine,
      machine: machine(),
      persons,
      bulk: report.bulk,
      importSeconds: Math.round(importS * 10) / 10,
      importAuditEvents: events.length,
      yardstick: { edit: stats(idle.edit), unmaskedRead: stats(idle.read) },
      duringImport: { edit: stats(busy.edit), unmaskedRead: stats(busy.read) },
      date: new Date().toISOString().slice(0, 10),
    }),
  );
} finally {
  await close();
}
