import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { povertyLine } from '../../domain/policy/defaults.js';
import { Rng } from '../../domain/random.js';
import { collectorOf } from '../generator/types.js';
import { inRegion } from '../../kernel/scope.js';
import type { DemoContext, DemoExtension } from '../context.js';
import { recordDatedAudit } from './quality-audit.js';

/**
 * Demo extension 'quality': who entered each year's incomes (household_year.recorded_by), one
 * evaluation date, and PLANTED anomalies for the fabrication signals to find (docs/demo-data.md):
 * exit-year incomes heaped just above the line in one village, copied income vectors in a few
 * villages, unexplained income jumps, one collector whose numbers are invented, and an edit burst
 * by one account before the evaluation date. What was planted is labelled in app_meta
 * (`demo-quality:<county>`), never in the registry.
 */

export const plantsKey = (county: string) => `demo-quality:${county}`;
const DEMO_REASON = '演示：补录收入 (demo: income entry)';
export { collectorOf };

export interface QualityPlants {
  heaping: { village: string; households: string[] };
  copies: { village: string; year: number; households: string[] }[];
  jumps: { household: string; year: number }[];
  collector: { name: string; village: string; rows: number };
  burst: { actor: string; region: string; evalDate: string; edits: number };
  /** Villages where nothing was planted (false-positive reference). */
  clean: string[];
}

interface YearRow {
  household_id: string;
  year: number;
  size: number;
  status: string;
  wage_income: number;
  business_income: number;
  production_cost: number;
  property_income: number;
  transfer_income: number;
  net_income: number;
}

type Db = Kysely<DB>;

const yearRows = async (db: Db, where: ReturnType<typeof sql>) =>
  (
    await sql<YearRow>`select y.household_id::text as household_id, y.year, y.size, y.status,
      y.wage_income::float8 as wage_income, y.business_income::float8 as business_income,
      y.production_cost::float8 as production_cost, y.property_income::float8 as property_income,
      y.transfer_income::float8 as transfer_income, y.net_income::float8 as net_income
    from household_year y where ${where} order by y.household_id, y.year`.execute(db)
  ).rows;

/** Scale the self-reported items so that net income becomes (about) `targetNet`; null if impossible. */
function rescaled(r: YearRow, targetNet: number): YearRow | null {
  const self = r.net_income - r.transfer_income;
  if (self <= 0 || targetNet - r.transfer_income <= 0) return null;
  const f = (targetNet - r.transfer_income) / self;
  const out = {
    ...r,
    wage_income: Math.round(r.wage_income * f),
    business_income: Math.round(r.business_income * f),
    production_cost: Math.round(r.production_cost * f),
    property_income: Math.round(r.property_income * f),
  };
  out.net_income =
    out.wage_income + out.business_income - out.production_cost + out.property_income + r.transfer_income;
  return out;
}

async function writeRows(db: Db, rows: readonly YearRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const values = sql.join(
      rows.slice(i, i + 1000).map(
        (r) =>
          sql`(${r.household_id}::bigint, ${r.year}::int, ${r.wage_income}::numeric, ${r.business_income}::numeric,
            ${r.production_cost}::numeric, ${r.property_income}::numeric, ${r.transfer_income}::numeric,
            ${r.net_income}::numeric, ${Math.round((r.net_income / r.size) * 100) / 100}::numeric)`,
      ),
    );
    await sql`update household_year as y set wage_income = v.w, business_income = v.b, production_cost = v.c,
        property_income = v.p, transfer_income = v.t, net_income = v.n, per_capita_income = v.pc
      from (values ${values}) as v (hid, year, w, b, c, p, t, n, pc)
      where y.household_id = v.hid and y.year = v.year`.execute(db);
  }
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

async function plantHeaping(db: Db, rng: Rng, village: string): Promise<string[]> {
  const rows = await yearRows(
    db,
    sql`y.village_code = ${village} and y.status = 'exited' and exists (select 1 from household_year p
      where p.household_id = y.household_id and p.year = y.year - 1 and p.status in ('poor', 'returned'))`,
  );
  const out = rows
    .map((r) => rescaled(r, povertyLine(r.year) * rng.uniform(1.01, 1.08) * r.size))
    .filter((r): r is YearRow => r !== null);
  await writeRows(db, out);
  return out.map((r) => r.household_id);
}

async function plantCopies(db: Db, rng: Rng, village: string, year: number) {
  const rows = (await yearRows(db, sql`y.village_code = ${village} and y.year = ${year}`)).filter(
    (r) =>
      [r.wage_income, r.business_income, r.production_cost, r.property_income].filter((v) => v !== 0)
        .length >= 2,
  );
  shuffle(rng, rows);
  const used = new Set<string>();
  const clusters: string[][] = [];
  for (const source of rows) {
    if (clusters.length >= 2) break;
    if (used.has(source.household_id)) continue;
    const targets = rows
      .filter(
        (r) =>
          !used.has(r.household_id) && r.household_id !== source.household_id && r.status === source.status,
      )
      .slice(0, rng.int(1, 2));
    if (targets.length === 0) continue;
    const copies = targets.map((t) => ({ ...source, household_id: t.household_id, size: t.size }));
    await writeRows(db, copies);
    for (const h of [source, ...targets]) used.add(h.household_id);
    clusters.push([source.household_id, ...targets.map((t) => t.household_id)]);
  }
  return clusters;
}

async function plantJumps(db: Db, rng: Rng, county: string, exclude: string, n: number, year: number) {
  const candidates = (
    await sql<{ id: string }>`select h.id::text as id from household h
      where ${inRegion('h.village_code', county)} and h.village_code <> ${exclude}
        and h.registered_year is null and h.status = 'none' order by h.id`.execute(db)
  ).rows.map((r) => r.id);
  const chosen = shuffle(rng, candidates).slice(0, n);
  const jumps: { household: string; year: number }[] = [];
  for (const id of chosen) {
    const [prev, cur] = await yearRows(db, sql`y.household_id = ${id} and y.year in (${year - 1}, ${year})`);
    if (!prev || !cur) continue;
    const pc = prev.net_income / prev.size;
    const row = rescaled(cur, Math.max(pc * rng.uniform(2.2, 2.8), pc + 3500) * cur.size);
    if (!row) continue;
    await writeRows(db, [row]);
    jumps.push({ household: id, year });
  }
  return jumps;
}

/** A number with the magnitude of v and a uniformly drawn leading digit (invented, not measured). */
function invent(rng: Rng, v: number): number {
  if (v < 10) return v;
  const m = 10 ** Math.floor(Math.log10(v));
  return Math.round(((rng.int(1, 9) + rng.next()) * m) / 10) * 10;
}

async function plantCollector(db: Db, rng: Rng, village: string): Promise<number> {
  const rows = await yearRows(db, sql`y.village_code = ${village} and y.year >= 2020`);
  const out: YearRow[] = [];
  for (const r of rows) {
    const available = r.net_income - r.transfer_income;
    if (available <= 0) continue;
    const property = Math.min(invent(rng, r.property_income), Math.floor(available * 0.3));
    let wage = invent(rng, r.wage_income);
    while (wage > available - property) wage = Math.floor(wage / 10);
    const cost = invent(rng, r.production_cost);
    out.push({
      ...r,
      wage_income: wage,
      property_income: property,
      production_cost: cost,
      business_income: available - property - wage + cost,
    });
  }
  await writeRows(db, out);
  return out.length;
}

async function plantBurst(
  db: Db,
  rng: Rng,
  ctx: DemoContext,
  villages: readonly string[],
  burstVillage: string,
) {
  const evalDay = new Date(
    Date.UTC(ctx.today.getUTCFullYear(), ctx.today.getUTCMonth(), ctx.today.getUTCDate() - 30),
  );
  const evalDate = evalDay.toISOString().slice(0, 10);
  await db
    .insertInto('quality_evaluation_date')
    .values({
      region_code: ctx.countyCode,
      eval_date: evalDate,
      name: `${evalDay.getUTCFullYear()}年度第三方评估（演示）`,
      synthetic: true,
    })
    .onConflict((oc) => oc.columns(['region_code', 'eval_date']).doNothing())
    .execute();
  const actor = collectorOf(burstVillage, 2025);
  const done = await db
    .selectFrom('audit_event')
    .select('id')
    .where('reason', '=', DEMO_REASON)
    .where(inRegion('region_code', ctx.countyCode))
    .limit(1)
    .executeTakeFirst();
  if (done) return { actor, region: burstVillage, evalDate, edits: 0 };
  const day = 86_400_000;
  const events: { at: Date; village: string; name: string }[] = [];
  const at = (from: number, to: number) =>
    new Date(evalDay.getTime() - from * day + rng.next() * (from - to) * day);
  for (const v of villages.slice(0, 8)) {
    const name = collectorOf(v, 2025);
    const baseline = v === burstVillage ? 12 : rng.int(15, 30);
    for (let i = 0; i < baseline; i++)
      events.push({ at: at(194, v === burstVillage ? 14 : 0), village: v, name });
  }
  const edits = 40;
  for (let i = 0; i < edits; i++) events.push({ at: at(10, 0), village: burstVillage, name: actor });
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  const households = new Map<string, string[]>();
  for (const v of villages.slice(0, 8)) {
    const ids = await db
      .selectFrom('household')
      .select('id')
      .where('village_code', '=', v)
      .orderBy('id')
      .limit(50)
      .execute();
    households.set(
      v,
      ids.map((r) => r.id),
    );
  }
  await db.transaction().execute((trx) =>
    recordDatedAudit(
      trx,
      events.map((e) => ({
        at: e.at,
        actor: { id: null, name: e.name },
        input: {
          action: 'household.income',
          entityType: 'household',
          entityId: rng.pick(households.get(e.village) ?? ['0']),
          regionCode: e.village,
          after: {
            year: e.at.getUTCFullYear() - 1,
            field: rng.pick(['wage_income', 'business_income', 'property_income']),
          },
          reason: DEMO_REASON,
        },
      })),
    ),
  );
  return { actor, region: burstVillage, evalDate, edits };
}

async function seed(ctx: DemoContext): Promise<void> {
  const { db, countyCode: county } = ctx;
  const rng = new Rng(`${ctx.seed}:quality`);
  // the census records its collectors (collectorOf); a county generated before it did gets them here
  await sql`update household_year set recorded_by = ${sql.lit('采集员')} || substr(village_code, 7)
      || case when year < 2020 then '-1' else '-2' end
    where ${inRegion('village_code', county)} and recorded_by is null`.execute(db);
  const villages = (
    await sql<{ code: string; exits: number }>`select y.village_code as code,
        count(*) filter (where y.status = 'exited' and p.status in ('poor', 'returned'))::int as exits
      from household_year y left join household_year p on p.household_id = y.household_id and p.year = y.year - 1
      where ${inRegion('y.village_code', county)} group by 1 order by 1`.execute(db)
  ).rows;
  if (villages.length < 4) return ctx.log('demo: quality — fewer than 4 villages, nothing planted');
  const order = shuffle(
    rng,
    villages.map((v) => v.code),
  );
  const heapVillage = order.find((c) => (villages.find((v) => v.code === c)?.exits ?? 0) >= 20) ?? order[0]!;
  const rest = order.filter((c) => c !== heapVillage);
  const copyVillages = rest.slice(0, ctx.scale >= 0.5 ? 4 : Math.min(3, rest.length - 2));
  const collectorVillage = rest[copyVillages.length]!;
  const burstVillage = rest[copyVillages.length + 1]!;
  const heaped = await plantHeaping(db, rng, heapVillage);
  const copies = [];
  for (const v of copyVillages)
    for (const households of await plantCopies(db, rng, v, 2024))
      copies.push({ village: v, year: 2024, households });
  const jumps = await plantJumps(db, rng, county, heapVillage, Math.max(3, Math.round(12 * ctx.scale)), 2023);
  const collectorRows = await plantCollector(db, rng, collectorVillage);
  const burst = await plantBurst(db, rng, ctx, order, burstVillage);
  const planted = new Set([heapVillage, ...copyVillages, collectorVillage, burstVillage]);
  const plants: QualityPlants = {
    heaping: { village: heapVillage, households: heaped },
    copies,
    jumps,
    collector: { name: collectorOf(collectorVillage, 2025), village: collectorVillage, rows: collectorRows },
    burst,
    clean: order.filter((c) => !planted.has(c)).sort(),
  };
  await db
    .insertInto('app_meta')
    .values({ key: plantsKey(county), value: JSON.stringify(plants) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
    .execute();
  ctx.log(
    `demo: quality — heaping in ${heapVillage} (${heaped.length}), ${copies.length} copied clusters, ${jumps.length} jumps, collector ${plants.collector.name}, burst by ${burst.actor}`,
  );
}

/** Planted income changes stay (the originals are gone; a rerun plants them again deterministically);
 *  audit events cannot be removed from the chain, so a rerun does not write the burst twice. */
async function clear(ctx: DemoContext): Promise<void> {
  await ctx.db
    .deleteFrom('quality_evaluation_date')
    .where('synthetic', '=', true)
    .where(inRegion('region_code', ctx.countyCode))
    .execute();
  await ctx.db.deleteFrom('app_meta').where('key', '=', plantsKey(ctx.countyCode)).execute();
}

export const qualityDemo: DemoExtension = { name: 'quality', version: 1, clear, seed };
