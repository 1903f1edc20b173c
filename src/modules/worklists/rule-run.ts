import type { Insertable, Kysely } from 'kysely';
import type { DB, WorklistItemTable } from '../../db/types.js';
import { chinaDate } from '../../domain/calendar.js';
import { evaluateHousehold, type PolicyParams } from '../../domain/rules/index.js';
import { recordAudit, type Actor } from '../audit/service.js';
import { pendingReasons } from '../../domain/rules/fact-use.js';
import { gapsFor } from '../facts/data-gaps.js';
import type { FactsHousehold, FactsLoader, LoadedFacts } from '../facts/loader.js';
import type { PolicyService } from '../policy/service.js';
import { asOfFor } from '../rules/service.js';
import { worklistRepository } from './repository.js';
import { decisionKeys, worklistEntries } from './selection.js';
import type { Clock } from '../../kernel/clock.js';

/**
 * The rule run (`jingzhun evaluate`, "batch evaluation" in the UI and the audit log; not the
 * third-party evaluation of modules/evaluation): every household rule over every household of a region for
 * a year, in keyset pages; the worklist items and the run's counts are written in one transaction
 * with one audit event, so a run is all or nothing.
 */
export interface RunOptions {
  year: number;
  region: string;
  actor: Actor;
  pageSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface RunSummary {
  runId: string;
  year: number;
  region: string;
  asOf: string;
  households: number;
  evaluated: number;
  withoutIncomeRow: number;
  items: number;
  /** Households by rule and decision (all evaluated households). */
  decisions: Record<string, Record<string, number>>;
  /** Worklist items by rule and decision. */
  worklist: Record<string, Record<string, number>>;
  /** Counties whose dibao standard is below the poverty line (region-wide linkage gap). */
  standardBelowLine: string[];
  /** Decisions (household × rule) that could not be taken, by the missing fact that blocked them. */
  blockedBy: Record<string, number>;
  /** Households with at least one rule answering "verify". */
  toVerify: number;
  ruleMs: number;
  totalMs: number;
}

const bump = (m: Record<string, Record<string, number>>, rule: string, key: string) => {
  const r = (m[rule] ??= {});
  r[key] = (r[key] ?? 0) + 1;
};

export function createRuleRun(deps: {
  db: Kysely<DB>;
  policy: PolicyService;
  facts: FactsLoader;
  clock: Clock;
}) {
  const { db, policy, facts, clock } = deps;

  /** Parameters per county (they vary by region prefix up to the county), read once per run. */
  async function paramsByCounty(households: FactsHousehold[], asOf: string, memo: Map<string, PolicyParams>) {
    for (const code of new Set(households.map((h) => h.village_code.slice(0, 6))))
      if (!memo.has(code)) memo.set(code, await policy.paramsFor(code, asOf));
  }

  /** Evaluate one page; returns its worklist rows and the time spent in the pure rule layer. */
  function evaluatePage(
    loaded: LoadedFacts[],
    runId: string,
    memo: Map<string, PolicyParams>,
    s: RunSummary,
  ) {
    const rows: Insertable<WorklistItemTable>[] = [];
    const t0 = performance.now();
    for (const { household: h, built } of loaded) {
      if (!built) {
        s.withoutIncomeRow++;
        continue;
      }
      const params = memo.get(h.village_code.slice(0, 6))!;
      const results = evaluateHousehold(built.facts, params);
      const entries = worklistEntries(built.facts, results);
      s.evaluated++;
      let verify = false;
      for (const r of results)
        for (const m of r.missing ?? []) {
          s.blockedBy[m.fact] = (s.blockedBy[m.fact] ?? 0) + 1;
          verify = true;
        }
      if (verify) s.toVerify++;
      for (const r of results) for (const k of decisionKeys(r)) bump(s.decisions, r.rule, k);
      for (const e of entries) {
        bump(s.worklist, e.rule, e.decision);
        const reasons = [
          ...e.reasons,
          ...gapsFor(e.rule, built.gaps),
          ...pendingReasons(e.rule, built.facts),
        ];
        rows.push({
          run_id: runId,
          household_id: h.id,
          village_code: h.village_code,
          rule: e.rule,
          decision: e.decision,
          reasons: JSON.stringify(reasons),
        });
      }
    }
    s.ruleMs += performance.now() - t0;
    return rows;
  }

  return async function run(o: RunOptions): Promise<RunSummary> {
    const started = performance.now();
    const now = clock.now();
    const asOf = asOfFor(o.year, chinaDate(now));
    const total = await worklistRepository.countHouseholds(db, o.region);
    const memo = new Map<string, PolicyParams>();
    return db.transaction().execute(async (trx) => {
      const runId = await worklistRepository.insertRun(trx, {
        year: o.year,
        region_prefix: o.region,
        as_of: asOf,
        started_at: now,
        started_by: o.actor.name,
        counts: JSON.stringify({}),
      });
      const s: RunSummary = {
        runId,
        year: o.year,
        region: o.region,
        asOf,
        households: 0,
        evaluated: 0,
        withoutIncomeRow: 0,
        items: 0,
        decisions: {},
        worklist: {},
        standardBelowLine: [],
        blockedBy: {},
        toVerify: 0,
        ruleMs: 0,
        totalMs: 0,
      };
      for (let after = '0'; ;) {
        const page = await facts.page(o.region, after, o.pageSize ?? 1000);
        if (page.length === 0) break;
        after = page[page.length - 1]!.id;
        await paramsByCounty(page, asOf, memo);
        const loaded = await facts.load(page, o.year, asOf, (h) => memo.get(h.village_code.slice(0, 6))!);
        const rows = evaluatePage(loaded, runId, memo, s);
        await worklistRepository.insertItems(trx, rows);
        s.households += page.length;
        s.items += rows.length;
        o.onProgress?.(s.households, total);
      }
      s.standardBelowLine = [...memo]
        .filter(([, p]) => p.ruralDibaoStandardMonthly * 12 < p.povertyLine)
        .map(([code]) => code);
      s.ruleMs = Math.round(s.ruleMs * 10) / 10;
      s.totalMs = Math.round((performance.now() - started) * 10) / 10;
      const counts = {
        evaluated: s.evaluated,
        withoutIncomeRow: s.withoutIncomeRow,
        decisions: s.decisions,
        worklist: s.worklist,
        standardBelowLine: s.standardBelowLine,
        blockedBy: s.blockedBy,
        toVerify: s.toVerify,
      };
      await worklistRepository.finishRun(trx, runId, {
        finished_at: clock.now(),
        households: s.households,
        items: s.items,
        counts: JSON.stringify(counts),
        rule_ms: s.ruleMs,
        total_ms: s.totalMs,
      });
      await recordAudit(trx, o.actor, {
        action: 'evaluation.run',
        entityType: 'evaluation_run',
        entityId: runId,
        regionCode: o.region || null,
        after: {
          year: o.year,
          asOf,
          households: s.households,
          items: s.items,
          worklist: s.worklist,
          blockedBy: s.blockedBy,
        },
        reason: `batch evaluation of ${o.year}`,
      });
      return s;
    });
  };
}
export type RuleRun = ReturnType<typeof createRuleRun>;
