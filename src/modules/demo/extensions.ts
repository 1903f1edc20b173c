import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { cadresDemo } from '../cadres/demo.js';
import { plansDemo } from '../plans/demo.js';
import { projectsDemo } from '../projects/demo.js';
import { warningsDemo } from '../warnings/demo.js';
import { evaluationDemo } from '../evaluation/demo.js';
import { participationDemo } from '../participation/demo.js';
import { qualityDemo } from '../quality/demo.js';
import { portalDemo } from '../portal/demo.js';
import { burdenDemo } from '../burden/demo.js';
import { passiveExitsDemo } from './passive-exits.js';

/**
 * Demo extensions: the parts of the demo county that build on its households (cadres, visits,
 * plans, projects, warnings, planted anomalies, organisations, …). Each feature owns one extension;
 * they run in the order of DEMO_EXTENSIONS after the households exist, on the first start and again
 * on a later start whenever an extension is new or its version changed — so an existing data folder
 * gains the demo data of features added since it was created.
 *
 * An extension must be deterministic from `ctx.seed` and must tolerate a partial earlier run: the
 * runner calls `clear` before `seed` unless the extension's completion marker (app_meta key
 * `demo-ext:<county>:<name>`) names the current version.
 */
export interface DemoContext {
  db: Kysely<DB>;
  countyCode: string;
  seed: number;
  scale: number;
  /** The demo's "today" (the server clock); extensions date visits, deadlines, … relative to it. */
  today: Date;
  log: (line: string) => void;
  /** The demo password (JZ_DEMO_PASSWORD), for demo sign-ins an extension sets up (portal: the demo household's code). */
  password?: string | undefined;
}

export interface DemoExtension {
  /** Stable name, e.g. 'cadres'. */
  name: string;
  /** Bump to regenerate this extension's data in existing data folders. */
  version: number;
  /** Remove this extension's demo data for the county (called before seed on a rerun). */
  clear(ctx: DemoContext): Promise<void>;
  /** Write this extension's demo data for the county. */
  seed(ctx: DemoContext): Promise<void>;
}

/**
 * Registered extensions, in dependency order (an extension may read what earlier ones wrote).
 * Add yours with one import and one line.
 */
export const DEMO_EXTENSIONS: DemoExtension[] = [
  passiveExitsDemo, // incomes first: later extensions read them
  cadresDemo, // later extensions read cadres and assignments
  plansDemo, // after 'cadres'
  projectsDemo, // keep after 'plans'
  warningsDemo, // after 'cadres' and 'plans'
  evaluationDemo, // reads exits and incomes only
  burdenDemo, // requests and inspections of the current year
  participationDemo, // organisations, needs, products; the demo account `org` is linked in setup
  qualityDemo, // last: plants anomalies in incomes and audit events for the quality signals
  portalDemo, // grievances, ratings, the demo household's portal code (ctx.password)
];

const markerKey = (county: string, name: string) => `demo-ext:${county}:${name}`;

/** Run every extension whose marker is missing or names another version. */
export async function runDemoExtensions(
  ctx: DemoContext,
  extensions: readonly DemoExtension[] = DEMO_EXTENSIONS,
): Promise<string[]> {
  const ran: string[] = [];
  for (const ext of extensions) {
    const key = markerKey(ctx.countyCode, ext.name);
    const row = await ctx.db.selectFrom('app_meta').select('value').where('key', '=', key).executeTakeFirst();
    const version = (row?.value as { version?: number } | undefined)?.version;
    if (version === ext.version) continue;
    const t0 = performance.now();
    await ext.clear(ctx);
    await ext.seed(ctx);
    await ctx.db
      .insertInto('app_meta')
      .values({ key, value: JSON.stringify({ version: ext.version }) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
      .execute();
    ctx.log(`demo: ${ext.name} (v${ext.version}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    ran.push(ext.name);
  }
  return ran;
}

/** Forget every extension marker of a county (its households were deleted or regenerated). */
export async function forgetDemoExtensions(db: Kysely<DB>, countyCode: string): Promise<void> {
  await db
    .deleteFrom('app_meta')
    .where('key', 'like', `${markerKey(countyCode, '')}%`)
    .execute();
}
