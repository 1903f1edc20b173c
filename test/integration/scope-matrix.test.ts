import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { runDemoExtensions } from '../../src/demo/extensions.js';
import { generateDemo } from '../../src/demo/service.js';
import { clockOf } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';
import { changedTables, tableDigest } from '../helpers/table-digest.js';
import { sample, type JsonSchema } from '../helpers/bad-input-variants.js';
import { COUNTY_KINDS, FIELD_KINDS, PATH_KINDS, resolveKinds, type Ids } from '../helpers/scope-fixtures.js';
import {
  BODY_OVERRIDES,
  FIXED,
  GLOBAL,
  NO_BASELINE,
  NOT_REFUSAL_OK,
  OPEN_TO_ORGANISATIONS,
  PATH_KIND_BY_OPERATION,
  QUERY_SAMPLES,
  UNCOVERED,
  type Ctx,
} from '../helpers/scope-rules.js';

/**
 * The scope matrix (docs/security.md, "Scope"): for EVERY operation of the OpenAPI document and every
 * role, a request addressing or naming a FOREIGN object (another township of the demo county; for
 * the admin and the county officer, whose scope is a second, empty county, the whole demo county) must
 * be refused — 403 or 404, never 2xx or 5xx — and change no business row; a write whose body names
 * several objects is sent again with each named object alone swapped for a foreign one. The same
 * operation with HOME objects must succeed (2xx) for the lowest role that may use it.
 */

const TODAY = new Date('2026-11-28T08:00:00Z');
const OTHER_COUNTY = '433122'; // 泸溪县: seeded empty, the scope of the "foreign" admin and county officer
const REFUSED = new Set([403, 404]);
/** The roles tried for the in-scope baseline, lowest first; civil affairs beside the staff of its level. */
const LADDER = ['village', 'township', 'civilTownship', 'county', 'civilCounty', 'admin', 'homeOrg'] as const;

let tdb: TestDatabase;
let db: Database;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let HOME: Ids;
let FOREIGN: Ids;
let homeTownship = '';
let foreignTownship = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  await seedRegions(db);
  await db
    .insertInto('region')
    .values({ code: OTHER_COUNTY, level: 3, parent_code: T.prefecture, name: '泸溪县' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await generateDemo(db, { countyCode: T.county, seed: 42, scale: 0.02 });
  const ctx = { db, countyCode: T.county, seed: 42, scale: 0.02, today: TODAY, log: () => {} };
  await runDemoExtensions(ctx);
  const towns = await sql<{ t: string }>`select left(village_code, 9) as t from household
    group by 1 order by count(*) desc, 1 limit 2`.execute(db);
  homeTownship = towns.rows[0]!.t;
  foreignTownship = towns.rows[1]!.t;
  await createUser(db, 'sm_adm', 'admin', '');
  await createUser(db, 'sm_cty', 'county_officer', T.county);
  app = await testApp(
    db,
    clockOf(() => TODAY),
  );
  cookies.admin = await login(app, 'sm_adm', 'test-password-1');
  cookies.county = await login(app, 'sm_cty', 'test-password-1');
  for (const t of [homeTownship, foreignTownship]) await openOneCase(t);
  await addObjects();
  await refresh();
  await addFactsAndAid();
  await addRegionObjects();
  await refresh();
  await createUser(db, 'sm_twn', 'township_officer', homeTownship);
  await createUser(db, 'sm_vil', 'village_cadre', HOME.village!);
  await createUser(db, 'sm_fadm', 'admin', OTHER_COUNTY);
  await createUser(db, 'sm_fcty', 'county_officer', OTHER_COUNTY);
  await createUser(db, 'sm_horg', 'organisation', T.county);
  await createUser(db, 'sm_org', 'organisation', OTHER_COUNTY);
  await createUser(db, 'sm_ctwn', 'civil_affairs_township', homeTownship);
  await createUser(db, 'sm_fciv', 'civil_affairs_county', OTHER_COUNTY);
  await createUser(db, 'sm_cciv', 'civil_affairs_county', T.county);
  await sql`update organisation set user_id = (select id from app_user where username = 'sm_horg')
    where id = (select min(id) from organisation where status = 'approved' and user_id is null)`.execute(db);
  await sql`insert into organisation (name, kind, contact_person, contact_phone, region_code, status, username,
      password_hash, user_id)
    select '外县爱心会', 'ngo', '李四', '13800000000', ${OTHER_COUNTY}, 'approved', 'sm_org', password_hash, id
    from app_user where username = 'sm_org'`.execute(db);
  for (const [k, u] of [
    ['homeOrg', 'sm_horg'],
    ['township', 'sm_twn'],
    ['village', 'sm_vil'],
    ['foreignAdmin', 'sm_fadm'],
    ['foreignCounty', 'sm_fcty'],
    ['organisation', 'sm_org'],
    ['civilTownship', 'sm_ctwn'],
    ['foreignCivil', 'sm_fciv'],
    ['civilCounty', 'sm_cciv'],
  ] as const)
    cookies[k] = await login(app, u, 'test-password-1');
}, 300_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

/**
 * Objects the demo lacks in one of the two townships: a pending organisation to review and a data
 * request in each, a work team in the home township, the county's evaluation sample.
 */
async function addObjects(): Promise<void> {
  for (const t of [homeTownship, foreignTownship]) {
    await sql`insert into organisation (name, kind, contact_person, contact_phone, region_code, username, password_hash)
      values ('待审合作社' || ${t}, 'enterprise', '王五', '13800000001', ${t}, 'pending_' || ${t}, 'x'),
             ('待审合作社二' || ${t}, 'enterprise', '王六', '13800000002', ${t}, 'pending2_' || ${t}, 'x')`.execute(
      db,
    );
    await sql`insert into data_request (region_code, requester, requester_level, title, items, received_on)
      values (${t}, '州统计局', 'prefecture', '报表', '{poverty_counts}', '2026-03-01')`.execute(db);
  }
  await sql`insert into work_team (village_code, sending_unit, start_date)
    select min(village_code), '县农业农村局', '2026-01-01' from household where village_code like ${homeTownship + '%'}
    `.execute(db);
  const res = await app.inject({
    method: 'POST',
    url: '/api/evaluation/samples',
    headers: { cookie: cookies.county! },
    payload: {
      region: T.county,
      year: 2025,
      villagesPerTownship: 1,
      exitedPerVillage: 3,
      otherPerVillage: 2,
    },
  });
  if (res.statusCode !== 200) throw new Error(`sample: ${res.body}`);
}

/**
 * In the household of each side: three proposed housing-safety facts (confirmed, rejected, corrected
 * by the baselines: the demo may record none) and a temporary-assistance application to decide.
 */
async function addFactsAndAid(): Promise<void> {
  for (const ids of [HOME, FOREIGN]) {
    const h = ids.household!;
    for (let i = 1; i <= 3; i++)
      await sql`insert into household_fact (village_code, household_id, kind, value, observed_on, source, state)
        select village_code, id, 'housing_safety', ${JSON.stringify({ grade: 'C', rebuilt: false, relocated: false, areaPerPerson: null })}::jsonb,
          ${`2026-09-0${i}`}, 'home_visit', 'proposed' from household where id = ${h}`.execute(db);
    await sql`insert into temporary_assistance (household_id, village_code, type, cause, state, requested_amount,
        applied_on, created_at, updated_at)
      select id, village_code, 'expenditure', 'medical', 'applied', 200, '2026-11-20', now(), now()
      from household where id = ${h}`.execute(db);
  }
}

/** A pair, a received grievance and a user account to administer in the home village and abroad. */
async function addRegionObjects(): Promise<void> {
  for (const [tag, village] of [
    ['h', HOME.village!],
    ['f', FOREIGN.village!],
  ] as const) {
    await sql`insert into assist_pair (kind, helper_name, helper_level, recipient_code, start_year)
      values ('fixed_point', '省直单位', 'provincial_unit', ${village}, 2021)`.execute(db);
    const res = await app.inject({
      method: 'POST',
      url: '/api/public/grievances',
      payload: { kind: 'other', regionCode: village, description: '范围测试的反映内容', anonymous: true },
    });
    if (res.statusCode >= 300) throw new Error(`grievance: ${res.body}`);
    await createUser(db, `sm_x${tag}`, 'village_cadre', village);
  }
}

/** The HOME and FOREIGN objects as they are now (earlier baselines change states). */
async function refresh(): Promise<void> {
  HOME = await resolveKinds(db, T.county, homeTownship, true);
  FOREIGN = await resolveKinds(db, T.county, homeTownship, false);
}

async function openOneCase(township: string): Promise<void> {
  const hh = await sql<{ id: string }>`select id::text as id from household
    where village_code like ${township + '%'} order by id limit 20`.execute(db);
  for (const h of hh.rows)
    for (const kind of ['monitoring', 'identification', 'exit']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: { cookie: cookies.county! },
        payload: { kind, householdId: h.id, confirmIneligible: true },
      });
      if (res.statusCode === 200) return;
    }
}

const digest = () => tableDigest(db);

const changed = changedTables;

interface Param {
  in: string;
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}
interface Operation {
  name: string;
  method: string;
  path: string;
  params: Param[];
  body?: JsonSchema;
}

function operations(): Operation[] {
  const doc = app.swagger() as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: Param[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }
      >
    >;
  };
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops))
      if (path.startsWith('/api/'))
        out.push({
          name: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          params: op.parameters ?? [],
          body: op.requestBody?.content['application/json']?.schema,
        });
  return out;
}

/** The kind of each path parameter (or the enum's first value), or the names without one. */
function pathKinds(o: Operation): {
  kinds: Record<string, string>;
  fixed: Record<string, string>;
  missing: string[];
} {
  const kinds: Record<string, string> = {};
  const fixed: Record<string, string> = {};
  const missing: string[] = [];
  for (const m of o.path.matchAll(/([^/]*)\/\{(\w+)\}/g)) {
    const [, segment, name] = m;
    const param = o.params.find((p) => p.in === 'path' && p.name === name);
    const kind =
      PATH_KIND_BY_OPERATION[o.name] ?? PATH_KINDS[`${segment}/{${name}}`] ?? PATH_KINDS[`{${name}}`];
    const value = FIXED[`${segment}/{${name}}`];
    if (value !== undefined) fixed[name!] = value;
    else if (param?.schema?.enum) fixed[name!] = String(param.schema.enum[0]);
    else if (kind) kinds[name!] = kind;
    else missing.push(`${segment}/{${name}}`);
  }
  return { kinds, fixed, missing };
}

type Pick = (field: string, kind: string) => string | undefined;
interface Built {
  url?: string;
  body?: unknown;
}

/**
 * The request of an operation with every object filled by `pick`: path parameters, query parameters
 * naming a region or an object, body fields naming one (FIELD_KINDS; arrays get one element) — or,
 * for the bodies of BODY_OVERRIDES, what the override names through `ctx.id`. `ctx.addressed` gives
 * a value belonging to the object the path addresses (its version, its head's name) and is no
 * reference of its own.
 */
async function build(o: Operation, pk: ReturnType<typeof pathKinds>, pick: Pick): Promise<Built> {
  let url = o.path;
  const sides: Record<string, Ids> = {};
  for (const [name, value] of Object.entries(pk.fixed)) url = url.replace(`{${name}}`, value);
  for (const [name, kind] of Object.entries(pk.kinds)) {
    const v = pick(`path:${name}`, kind);
    if (v === undefined) return {};
    sides[kind] = v === HOME[kind] ? HOME : FOREIGN;
    url = url.replace(`{${name}}`, encodeURIComponent(v));
  }
  // a value of the addressed object: of the path's object of that kind, else of the first one
  const side = (kind: string) => sides[kind] ?? Object.values(sides)[0] ?? HOME;
  const q: string[] = [];
  for (const p of o.params.filter((x) => x.in === 'query')) {
    const kind = FIELD_KINDS[p.name];
    const v = kind
      ? pick(`query:${p.name}`, kind)
      : p.required
        ? (QUERY_SAMPLES[p.name] ?? String(sample(p.schema ?? {}, p.name)))
        : undefined;
    if (v !== undefined) q.push(`${p.name}=${encodeURIComponent(v)}`);
  }
  if (q.length) url = `${url}?${q.join('&')}`;
  if (!o.body) return { url };
  const base = sample(o.body) as Record<string, unknown>;
  const override = BODY_OVERRIDES[o.name];
  if (override) {
    const ctx: Ctx = {
      id: (kind) => pick(`body:${kind}`, kind),
      addressed: (kind) => side(kind)[kind],
      version,
    };
    return { url, body: await override(base, ctx) };
  }
  for (const [k, v] of Object.entries(base)) {
    const kind = FIELD_KINDS[k];
    if (!kind) continue;
    const id = pick(`body:${k}`, kind);
    base[k] = Array.isArray(v) ? [id] : id;
  }
  return { url, body: base };
}

async function version(table: string, id: string | undefined): Promise<number> {
  if (id === undefined) return 0;
  const r =
    table === 'evaluation_sample_household'
      ? await sql<{ v: number }>`select version as v from evaluation_sample_household
          where household_id = ${id} and sample_id = (select min(id) from evaluation_sample)`.execute(db)
      : await sql<{ v: number }>`select version as v from ${sql.table(table)} where id = ${id}`.execute(db);
  return r.rows[0]?.v ?? 0;
}

/** The fields (path:…, query:…, body:…) an operation fills with objects. */
async function refFields(o: Operation, pk: ReturnType<typeof pathKinds>): Promise<string[]> {
  const seen: string[] = [];
  const rec: Pick = (f, kind) => {
    seen.push(f);
    return HOME[kind] ?? 'x';
  };
  await build(o, pk, rec);
  return [...new Set(seen)];
}

async function send(o: Operation, url: string, body: unknown, cookie: string) {
  return app.inject({
    method: o.method as 'POST',
    url,
    headers: { cookie },
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

interface Finding {
  op: string;
  who: string;
  status: number;
  problem: string;
}

const FOREIGN_ROLES = [
  'foreignAdmin',
  'foreignCounty',
  'township',
  'village',
  'organisation',
  'civilTownship', // civil affairs of the home township
  'foreignCivil', // a county civil-affairs bureau of the empty county
] as const;

describe('scope matrix', () => {
  it('every operation refuses foreign objects and serves home objects', async () => {
    const findings: Finding[] = [];
    const uncovered: string[] = [];
    let dirty = true;
    const stats = {
      operations: 0,
      global: 0,
      ownScope: 0,
      requests: 0,
      swaps: 0,
      baselines: 0,
      emptyPages: 0,
    };
    for (const o of operations()) {
      stats.operations++;
      if (GLOBAL.has(o.name)) {
        stats.global++;
        continue;
      }
      const pk = pathKinds(o);
      if (pk.missing.length) {
        uncovered.push(`${o.name} (${pk.missing.join(', ')})`);
        continue;
      }
      const fields = await refFields(o, pk);
      if (!fields.length) {
        stats.ownScope++; // nothing names an object: the answer is of the user's own scope
        continue;
      }
      if (dirty) await refresh();
      dirty = false;
      const write = o.method !== 'GET';
      const before = write ? await digest() : {};
      const judge = (who: string, status: number, body: string) => {
        stats.requests++;
        if (REFUSED.has(status)) return;
        if (o.method === 'GET' && status === 200 && emptyPage(body)) return void stats.emptyPages++;
        if (NOT_REFUSAL_OK.has(`${o.name} ${status}`)) return;
        findings.push({ op: o.name, who, status, problem: body.slice(0, 200) });
      };
      // 1. everything foreign, for every role
      const allForeign: Pick = (f, kind) => FOREIGN[kind];
      const { url, body } = await build(o, pk, allForeign);
      for (const role of FOREIGN_ROLES) {
        if (url === undefined) break;
        const onlyCounty = fields.every((f) => COUNTY_KINDS.has(kindOf(o, pk, f)));
        if (onlyCounty && (role === 'township' || role === 'village' || role === 'civilTownship')) continue;
        if (role === 'organisation' && OPEN_TO_ORGANISATIONS.has(o.name)) continue;
        const res = await send(o, url, body, cookies[role]!);
        judge(role, res.statusCode, res.body);
      }
      if (url === undefined) uncovered.push(`${o.name} (no foreign object)`);
      // 2. each named object alone swapped for a foreign one (the home-scoped roles)
      if (fields.length > 1)
        for (const f of fields) {
          const swap: Pick = (g, kind) => (g === f ? FOREIGN[kind] : HOME[kind]);
          const { url: u, body: b } = await build(o, pk, swap);
          if (u === undefined || COUNTY_KINDS.has(kindOf(o, pk, f))) continue;
          for (const role of ['township', 'village', 'civilTownship'] as const) {
            const res = await send(o, u, b, cookies[role]!);
            stats.swaps++;
            judge(`${role} swap ${f}`, res.statusCode, res.body);
          }
        }
      const diff = write ? changed(before, await digest()) : [];
      if (diff.length)
        findings.push({ op: o.name, who: '(batch)', status: 0, problem: `changed ${diff.join(', ')}` });
      // 3. the in-scope baseline: the lowest role that succeeds
      if (NO_BASELINE[o.name]) continue;
      const home: Pick = (_f, kind) => HOME[kind];
      const { url: hu } = await build(o, pk, home);
      if (hu === undefined) {
        uncovered.push(`${o.name} (no home object)`);
        continue;
      }
      if (write) await refresh();
      dirty = write;
      const statuses: number[] = [];
      let firstOther = '';
      for (const role of LADDER) {
        const res = await send(o, hu, (await build(o, pk, home)).body, cookies[role]!);
        statuses.push(res.statusCode);
        if (res.statusCode < 300) break;
        if (res.statusCode !== 403 && !firstOther) firstOther = res.body.slice(0, 240);
        if (role === 'homeOrg')
          findings.push({
            op: o.name,
            who: 'baseline',
            status: res.statusCode,
            problem: `no role succeeds (${statuses.join(',')}): ${firstOther}`,
          });
      }
      stats.baselines++;
    }
    console.log(`[scope] ${JSON.stringify(stats)}; home ${homeTownship}, foreign ${foreignTownship}`);
    console.log(`[scope] uncovered: ${uncovered.join('; ') || 'none'}`);
    for (const f of findings) console.log(`[scope] ${f.status} ${f.op} ${f.who}: ${f.problem}`);
    expect(uncovered).toEqual(UNCOVERED);
    expect(findings).toEqual([]);
  }, 900_000);
});

/** A list answer without a single item: a filter naming a foreign object found nothing to show. */
function emptyPage(body: string): boolean {
  try {
    const j = JSON.parse(body) as { total?: number; items?: unknown[] } | unknown[];
    if (Array.isArray(j)) return j.length === 0;
    return j.total === 0 || (Array.isArray(j.items) && j.items.length === 0);
  } catch {
    return false;
  }
}

function kindOf(o: Operation, pk: ReturnType<typeof pathKinds>, field: string): string {
  const [where, name] = field.split(':') as [string, string];
  if (where === 'path') return pk.kinds[name]!;
  return FIELD_KINDS[name] ?? name;
}
