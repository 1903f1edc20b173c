import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { generateCounty, planVillages } from './generator/generator.js';
import { POOR_VILLAGE_SHARE } from './generator/parameters.js';
import { collectorOf, type DemoHousehold, type DemoInput } from './generator/types.js';
import * as repo from './repository.js';

/**
 * Writes a synthetic demo county (src/demo/generator) into the registry tables. Households are written
 * in transactions of BATCH_SIZE, up to IN_FLIGHT at once on separate connections, while the next
 * batch is generated. No audit events here: the caller records one summary event.
 */

export interface GenerateDemoOptions {
  countyCode: string;
  seed: number;
  scale: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateDemoResult {
  households: number;
  persons: number;
  ms: number;
}

export const DEMO_FIRST_YEAR = 2014;
export const DEMO_LAST_YEAR = 2025;
const BATCH_SIZE = 500;
const IN_FLIGHT = 2;

async function demoInput(db: Kysely<DB>, o: GenerateDemoOptions): Promise<DemoInput> {
  const county = await repo.findCounty(db, o.countyCode);
  if (!county) throw new Error(`county ${o.countyCode} is not in the region table`);
  const villages = await repo.countyVillages(db, o.countyCode);
  if (villages.length === 0) throw new Error(`county ${o.countyCode} has no villages in the region table`);
  if (await repo.countyHasHouseholds(db, o.countyCode)) {
    throw new Error(`county ${o.countyCode} already has households; delete them before generating`);
  }
  return {
    seed: o.seed,
    scale: o.scale,
    county: { code: county.code, name: county.name },
    villages,
    firstYear: DEMO_FIRST_YEAR,
    lastYear: DEMO_LAST_YEAR,
  };
}

/** One transaction: households with pre-allocated ids, then their members, years and history. */
async function writeBatch(db: Kysely<DB>, batch: readonly DemoHousehold[], written: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.relaxCommitDurability(trx);
    const ids = await repo.nextHouseholdIds(trx, batch.length);
    written.push(...ids);
    const idOf = (i: number) => ids[i]!;
    await repo.insertColumns(
      trx,
      'household',
      repo.householdColumns(batch.map((h, i) => ({ ...h.household, id: idOf(i) }))),
    );
    const members = batch.flatMap((h, i) => h.members.map((m) => ({ ...m, household_id: idOf(i) })));
    await repo.insertColumns(trx, 'member', repo.memberColumns(members));
    const years = batch.flatMap((h, i) =>
      h.years.map((y) => ({ ...y, household_id: idOf(i), recorded_by: collectorOf(y.village_code, y.year) })),
    );
    await repo.insertColumns(trx, 'household_year', repo.yearColumns(years));
    const history = batch.flatMap((h, i) => h.history.map((e) => ({ ...e, household_id: idOf(i) })));
    await repo.insertColumns(trx, 'status_history', repo.historyColumns(history));
  });
}

export async function generateDemo(db: Kysely<DB>, opts: GenerateDemoOptions): Promise<GenerateDemoResult> {
  const started = performance.now();
  const input = await demoInput(db, opts);
  const total = planVillages(input).reduce((sum, p) => sum + p.households, 0);
  const written: string[] = [];
  const poorVillages: string[] = [];
  const done = { households: 0, persons: 0 };
  const inFlight: Promise<void>[] = [];
  let batch: DemoHousehold[] = [];
  const flush = async () => {
    if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
    const rows = batch;
    batch = [];
    const write = writeBatch(db, rows, written).then(() => {
      done.households += rows.length;
      done.persons += rows.reduce((sum, h) => sum + h.members.length, 0);
      opts.onProgress?.(done.households, total);
    });
    write.catch(() => undefined); // observed when awaited
    inFlight.push(write);
  };
  try {
    for (const village of generateCounty(input)) {
      if (village.registeredFirstYear >= POOR_VILLAGE_SHARE * village.households.length) {
        poorVillages.push(village.village.code);
      }
      for (const h of village.households) {
        batch.push(h);
        if (batch.length >= BATCH_SIZE) await flush();
      }
    }
    if (batch.length > 0) await flush();
    await Promise.all(inFlight);
  } catch (err) {
    await Promise.allSettled(inFlight);
    await repo.deleteHouseholds(db, written).catch(() => undefined);
    throw err;
  }
  await repo.markPovertyCounty(db, input.county.code);
  await repo.markPoorVillages(db, poorVillages);
  return { ...done, ms: Math.round(performance.now() - started) };
}
