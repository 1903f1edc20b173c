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
import { variantsFor, type JsonSchema, type Variant } from '../helpers/bad-input-variants.js';

/**
 * The bad-input matrix (docs/security.md, "Bad input"): for EVERY write operation of the OpenAPI
 * document, malformed requests generated from its request-body schema must be refused with a 4xx
 * `{ code, message, details? }` — never a 5xx — and must change NO business row.
 */

const TODAY = new Date('2026-11-28T08:00:00Z');
const WRITE = new Set(['post', 'put', 'patch', 'delete']);
/** The error handler's answer to a database data exception (server/body-guard.ts): a schema lacks a bound. */
const SAFETY_NET = 'Invalid request: a value is malformed or out of range';
const ALLOWED = new Set([400, 401, 403, 404, 409, 413, 415]);

/**
 * Path parameter fixtures, keyed by `<segment before>/{param}` (or `{param}` alone): SQL giving one
 * real id of the right kind in the demo county. A new route whose path params are not here and not an
 * enum fails the "no new uncovered route" test: add its fixture (one line) or, if it cannot be filled,
 * add it to UNCOVERED below with the reason.
 */
const FIXTURES: Record<string, string> = {
  'households/{id}': `select id::text from household where village_code like '433124%' order by id limit 1`,
  '{memberId}': `select id::text from member where household_id = (select min(id) from household where village_code like '433124%') order by id limit 1`,
  '{year}': `select '2025'`,
  '{householdId}': `select household_id::text from evaluation_sample_household order by 1 limit 1`,
  'regions/{code}': `select '433124'`,
  'flags/{id}': `select id::text from match_flag order by id limit 1`,
  'policy/{key}': `select 'povertyLine'`,
  'cases/{id}': `select id::text from case_file order by id limit 1`,
  'actions/{action}': `select 'submit'`,
  'pairs/{id}': `select id::text from assist_pair order by id limit 1`,
  'projects/{id}': `select id::text from project order by id limit 1`,
  'organisations/{id}': `select id::text from organisation order by id limit 1`,
  'needs/{id}': `select id::text from need order by id limit 1`,
  'products/{id}': `select id::text from product order by id limit 1`,
  'orders/{id}': `select id::text from product_order order by id limit 1`,
  'grievances/{id}': `select id::text from grievance order by id limit 1`,
  'grievances/{code}': `select tracking_code from grievance order by id limit 1`,
  'work-teams/{id}': `select id::text from work_team order by id limit 1`,
  'cadres/{id}': `select id::text from cadre order by id limit 1`,
  'practices/{id}': `select id::text from practice order by state = 'submitted' desc, id limit 1`,
  'catalogue/{code}': `select code from measure_catalogue order by code limit 1`,
  'plans/{id}': `select id::text from household_plan order by id limit 1`,
  'measures/{id}': `select id::text from plan_measure order by id limit 1`,
  'requests/{id}': `select id::text from data_request order by id limit 1`,
  'samples/{id}': `select id::text from evaluation_sample order by id limit 1`,
  'users/{id}': `select id::text from app_user where role <> 'admin' order by id limit 1`,
  // a fact of the household of 'households/{id}' (one is recorded in beforeAll: the demo may have none)
  'facts/{factId}': `select id::text from household_fact where household_id = (select min(id) from household where village_code like '433124%') order by id limit 1`,
  'rolls/{id}': `select id::text from assistance_roll order by state = 'ceased', id limit 1`,
  'temporary/{id}': `select id::text from temporary_assistance order by id limit 1`,
  'payments/{id}': `select id::text from payment_list order by id limit 1`,
  'lines/{lineId}': `select id::text from payment_line where list_id = (select min(id) from payment_list) order by id limit 1`,
  // the demo has no attachments: an id that answers 404 once its body passes (the body is what is tried)
  'attachments/{id}': `select coalesce(min(id)::text, '0') from attachment`,
};

/** Operations that take no input and succeed whatever is sent (signing out): not in the matrix. */
const NO_INPUT = new Set([
  'POST /api/auth/logout',
  'POST /api/portal/logout',
  'POST /api/grievances/escalate-overdue',
]);

/**
 * Variants a route rightly accepts (2xx), with why; the digest is taken again after them.
 * - an empty split of a target: the region's own target with no children yet;
 * - a catalogue measure with no causes: it answers living conditions only;
 * - a practice entry naming no measure (the library's entries need not name one);
 * - a large count in a what-if rule evaluation, which computes with it and stores nothing.
 */
const ACCEPTED = new Set([
  'PUT /api/targets/split empty-array',
  'POST /api/plans/catalogue empty-array',
  'PATCH /api/plans/catalogue/{code} empty-array',
  'POST /api/practices empty-array', // a practice entry tied to no measure
  'POST /api/registrations empty-array', // a new draft may be saved incomplete (no members yet)
  'POST /api/rules/{rule}/evaluate int32-overflow', // a what-if evaluation: computes, stores nothing
]);

/** Operations whose path params have no fixture (reported; a new one fails the test). */
const UNCOVERED: string[] = [
  // a registration draft is its owner's alone (the admin gets 404); registration.test.ts sends bad drafts
  'PUT /api/registrations/{id}',
  'POST /api/registrations/{id}/discard',
  'POST /api/registrations/{id}/check',
  'POST /api/registrations/{id}/submit',
  'POST /api/matching/flags/{id}/review', // the demo county has no department-list match flags
];

let tdb: TestDatabase;
let db: Database;
let app: FastifyInstance;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  await seedRegions(db);
  await generateDemo(db, { countyCode: T.county, seed: 42, scale: 0.02 });
  const ctx = { db, countyCode: T.county, seed: 42, scale: 0.02, today: TODAY, log: () => {} };
  await runDemoExtensions(ctx);
  await createUser(db, 'bim_adm', 'admin', '');
  await createUser(db, 'bim_cty', 'county_officer', T.county);
  app = await testApp(
    db,
    clockOf(() => TODAY),
  );
  cookies.admin = await login(app, 'bim_adm', 'test-password-1');
  cookies.county = await login(app, 'bim_cty', 'test-password-1');
  await openOneCase(); // the demo has no case files: one for 'cases/{id}'
  await recordOneFact(); // 'facts/{factId}', whether or not the demo records facts
}, 300_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

async function openOneCase(): Promise<void> {
  const hh = await sql<{ id: string }>`select id::text as id from household order by id limit 20`.execute(db);
  for (const h of hh.rows)
    for (const kind of ['monitoring', 'identification', 'exit']) {
      const payload = { kind, householdId: h.id, confirmIneligible: true };
      const res = await app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: { cookie: cookies.county! },
        payload,
      });
      if (res.statusCode === 200) return;
    }
}

/** A fact of the first household of the demo county, recorded as the county officer does. */
async function recordOneFact(): Promise<void> {
  const h = await sql<{ id: string }>`select min(id)::text as id from household
    where village_code like '433124%'`.execute(db);
  const res = await app.inject({
    method: 'POST',
    url: `/api/households/${h.rows[0]!.id}/facts`,
    headers: { cookie: cookies.county! },
    payload: {
      kind: 'housing_safety',
      observedOn: '2026-10-12',
      source: 'home_visit',
      value: { grade: 'C', rebuilt: false, relocated: false },
    },
  });
  if (res.statusCode !== 200) throw new Error(`fact: ${res.body}`);
}

const digest = () => tableDigest(db);

const changed = changedTables;

interface Operation {
  method: string;
  path: string;
  op: { requestBody?: { content: Record<string, { schema: JsonSchema }> }; parameters?: Param[] };
}
interface Param {
  in: string;
  name: string;
  schema?: JsonSchema;
}

function writeOperations(): Operation[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, Operation['op']>> };
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops))
      if (WRITE.has(method) && path.startsWith('/api/')) out.push({ method: method.toUpperCase(), path, op });
  return out;
}

/** The URL with every path param filled, or the names that have no fixture. */
async function fillPath(o: Operation): Promise<{ url: string } | { missing: string[] }> {
  let url = o.path;
  const missing: string[] = [];
  for (const m of o.path.matchAll(/([^/]*)\/\{(\w+)\}/g)) {
    const [, segment, name] = m;
    const param = o.op.parameters?.find((p) => p.in === 'path' && p.name === name);
    const sqlText = FIXTURES[`${segment}/{${name}}`] ?? FIXTURES[`{${name}}`];
    let value: string | undefined;
    if (param?.schema?.enum) value = String(param.schema.enum[0]);
    else if (sqlText)
      value = firstValue((await sql<Record<string, string>>`${sql.raw(sqlText)}`.execute(db)).rows[0]);
    if (value === undefined) missing.push(`${segment}/{${name}}`);
    else url = url.replace(`{${name}}`, encodeURIComponent(value));
  }
  return missing.length ? { missing } : { url };
}

const firstValue = (row: Record<string, string> | undefined) => (row ? Object.values(row)[0] : undefined);

async function send(url: string, method: string, v: Variant, cookie: string) {
  const res = await app.inject({
    method: method as 'POST',
    url: url + (v.query ?? ''),
    headers: { cookie, 'content-type': v.contentType },
    payload: v.raw,
  });
  return res;
}

interface Finding {
  op: string;
  variant: string;
  status: number;
  problem: string;
}

describe('bad-input matrix', () => {
  it('the digest detects a change of one row (self-check)', async () => {
    const before = await digest();
    await sql`update household set head_name = head_name || 'x' where id = (select min(id) from household)`.execute(
      db,
    );
    const after = await digest();
    expect(changed(before, after)).toEqual(['household']);
    await sql`update household set head_name = left(head_name, -1) where id = (select min(id) from household)`.execute(
      db,
    );
    expect(changed(before, await digest())).toEqual([]);
  });

  it('every write operation refuses malformed input with a 4xx, a named field and no change', async () => {
    const findings: Finding[] = [];
    const uncovered: string[] = [];
    let sent = 0;
    const tally: Record<string, Record<number, number>> = {};
    for (const o of writeOperations()) {
      const name = `${o.method} ${o.path}`;
      if (NO_INPUT.has(name)) continue;
      const filled = await fillPath(o);
      if ('missing' in filled) {
        uncovered.push(`${name} (${filled.missing.join(', ')})`);
        continue;
      }
      const schema = o.op.requestBody?.content['application/json']?.schema;
      const variants = variantsFor(schema);
      let before = await digest();
      for (const v of variants) {
        const res = await send(filled.url, o.method, v, cookies.admin!);
        sent++;
        const kind = v.name.split(':')[0]!;
        tally[kind] = { ...tally[kind], [res.statusCode]: (tally[kind]?.[res.statusCode] ?? 0) + 1 };
        if (res.statusCode < 300 && ACCEPTED.has(`${name} ${kind}`)) {
          before = await digest();
          continue;
        }
        const problem = judge(res.statusCode, res.body, v);
        if (problem) findings.push({ op: name, variant: v.name, status: res.statusCode, problem });
      }
      const diff = changed(before, await digest());
      if (diff.length)
        findings.push({ op: name, variant: '(batch)', status: 0, problem: `changed ${diff.join(', ')}` });
    }
    const fiveXX = findings.filter((f) => f.status >= 500).length;
    console.log(
      `[bad-input] ${sent} requests, ${findings.length} findings (${fiveXX} 5xx), uncovered operations: ${uncovered.length ? uncovered.join('; ') : 'none'}`,
    );
    for (const [k, t] of Object.entries(tally)) console.log(`[bad-input] ${k}: ${JSON.stringify(t)}`);
    for (const f of findings) console.log(`[bad-input] ${f.status} ${f.op} ${f.variant}: ${f.problem}`);
    expect(uncovered.map((u) => u.split(' (')[0])).toEqual(UNCOVERED);
    expect(findings).toEqual([]);
  }, 600_000);
});

/** The problem with one response, or null when it is a proper refusal. */
function judge(status: number, body: string, v: Variant): string | null {
  if (!ALLOWED.has(status)) return `status ${status}: ${body.slice(0, 160)}`;
  let parsed: { code?: unknown; message?: unknown; details?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return `body is not JSON: ${body.slice(0, 80)}`;
  }
  if (typeof parsed.code !== 'string' || typeof parsed.message !== 'string')
    return `body ${body.slice(0, 120)}`;
  if (parsed.message === SAFETY_NET)
    return 'reached the database: a schema lacks a bound (the safety net answered)';
  if (status === 400 && parsed.code === 'E_VALIDATION' && v.field && !namesField(parsed, v.field))
    return `validation error does not name ${v.field}: ${body.slice(0, 160)}`;
  return null;
}

/** The refusal names the field itself, or a container of it (a union's root, an array). */
function namesField(parsed: { message?: unknown; details?: unknown }, field: string): boolean {
  const key = field
    .split('.')
    .filter((k) => !/^\d+$/.test(k))
    .pop()!;
  if (String(parsed.message).includes(key)) return true;
  const details = Array.isArray(parsed.details)
    ? (parsed.details as { field?: unknown; code?: unknown }[])
    : [];
  // the base body is imperfect where a server-side rule the JSON schema cannot express (a code list, a
  // format) refused one of its sample values first: the variant's own field is then not reached
  if (details.some((d) => d.code === 'E_CODE' || d.code === 'E_FORMAT')) return true;
  return details.some(
    (d) =>
      typeof d.field === 'string' &&
      (field === d.field || field.startsWith(`${d.field}.`) || d.field.endsWith(key)),
  );
}
