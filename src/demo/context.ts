import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';

/**
 * Demo extensions (seeders): the parts of the demo county that build on its households (cadres,
 * visits, plans, projects, warnings, planted anomalies, organisations, …). Each capability owns one
 * seeder in src/demo/seeders/; the registry (registry.ts) lists them in the order they run, after the
 * households exist, on the first start and again on a later start whenever a seeder is new or its
 * version changed — so an existing data folder gains the demo data of capabilities added since.
 *
 * A seeder must be deterministic from `ctx.seed` and must tolerate a partial earlier run: the
 * runner (extensions.ts) calls `clear` before `seed` unless the seeder's completion marker (app_meta
 * key `demo-ext:<county>:<name>`) names the current version.
 */
export interface DemoContext {
  db: Kysely<DB>;
  countyCode: string;
  seed: number;
  scale: number;
  /**
   * The demo's "today": an instant read once from the caller's Clock (the CLI passes systemClock)
   * and fixed for the whole run; seeders date visits, deadlines, … relative to it.
   */
  today: Date;
  log: (line: string) => void;
  /** The demo password (JZ_DEMO_PASSWORD), for demo sign-ins a seeder sets up (portal: the demo household's code). */
  password?: string | undefined;
}

export interface DemoExtension {
  /** Stable name, e.g. 'cadres'. */
  name: string;
  /** Bump to regenerate this seeder's data in existing data folders. */
  version: number;
  /** Remove this seeder's demo data for the county (called before seed on a rerun). */
  clear(ctx: DemoContext): Promise<void>;
  /** Write this seeder's demo data for the county. */
  seed(ctx: DemoContext): Promise<void>;
}
