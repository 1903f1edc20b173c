import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { SYSTEM_ACTOR } from '../../kernel/user.js';
import type { RuleRun, RunSummary } from '../worklists/rule-run.js';
import { latestRuleRun } from '../worklists/service.js';

/**
 * Worklists never empty (issue 19 item 6): the batch evaluation (the rule run of
 * src/modules/worklists/rule-run.ts) runs as the system actor after the demo is created, on a
 * schedule inside the server (JZ_RULE_RUN_INTERVAL_HOURS) and on demand (POST /api/worklists/runs).
 */
export interface RuleRunDeps {
  run: RuleRun;
  /** The latest income year with data; null when the registry is empty. */
  latestYear: () => Promise<number | null>;
  /** Whether a finished run covers the region (worklists' latestRuleRun). */
  hasRun: (region: string) => Promise<boolean>;
}

type Log = { info(msg: string): void; error(msg: string): void };

/** Run the rules over `region` for the latest year now; null when there is no year to evaluate. */
export async function runRulesNow(deps: RuleRunDeps, region: string): Promise<RunSummary | null> {
  const year = await deps.latestYear();
  if (year === null) return null;
  return deps.run({ year, region, actor: SYSTEM_ACTOR });
}

/** Run the rules over `region` unless a finished run already covers it (a fresh demo: none does). */
export async function ensureRuleRun(deps: RuleRunDeps, region: string): Promise<RunSummary | null> {
  if (await deps.hasRun(region)) return null;
  return runRulesNow(deps, region);
}

/**
 * Every `hours` (0 = off) the rules run over the whole registry; the first run comes one interval
 * after start-up, so a restart does not delay serving. Returns a stop function.
 */
export function startRuleRunSchedule(deps: RuleRunDeps, hours: number, log: Log): () => void {
  if (!(hours > 0)) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runRulesNow(deps, '')
      .then((r) => r && log.info(`worklists: scheduled rule run ${r.runId}, ${r.items} items`))
      .catch((e: unknown) => log.error(`worklists: scheduled rule run failed: ${String(e)}`))
      .finally(() => (running = false));
  }, hours * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** The dependencies of the rule runs from the services (the worklists' latest run, the latest year). */
export function ruleRunDeps(
  db: Kysely<DB>,
  run: RuleRun,
  latestYear: () => Promise<number | null>,
): RuleRunDeps {
  return { run, latestYear, hasRun: async (region) => (await latestRuleRun(db, region)) !== undefined };
}

/**
 * After the demo is created (`serve --demo`, `jingzhun demo`): the rules over the demo county, so a
 * village cadre's worklists hold rule-derived candidates from the first sign-in. `always`: even when
 * a run covers the county (the demo was generated again).
 */
export async function fillDemoWorklists(
  db: Kysely<DB>,
  s: { ruleRun: RuleRun; regions: { latestYear: () => Promise<number | null> } },
  county: string,
  log: (line: string) => void,
  always = false,
): Promise<void> {
  const deps = ruleRunDeps(db, s.ruleRun, s.regions.latestYear);
  const t0 = performance.now();
  const r = always ? await runRulesNow(deps, county) : await ensureRuleRun(deps, county);
  if (r)
    log(
      `worklists: rule run ${r.runId} over ${county} for ${r.year}: ${r.items} items in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
}
