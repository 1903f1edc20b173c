import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { redact } from '../../domain/explanations.js';
import { checkById, QUALITY_CHECKS, type QualityCheck } from '../../domain/quality/catalogue.js';
import { permissionsOf, type Role } from '../../domain/roles.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import { actorOf, type Actor } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { nationalDefaults, type ParamsFor } from '../matching/run.js';
import { runCheck, type CheckContext } from './checks.js';
import { qualityResults } from './results-repository.js';
import { reviewDto, createFindingReview } from './review-service.js';
import { keyOf, reviewRepository } from './review-repository.js';
import type { FindingRow, YearLines } from './repository.js';
import type { Clock } from '../../kernel/clock.js';

/** Run the check catalogue over a region, store the findings, and read the latest run back. */

export interface QualityDeps {
  paramsFor?: ParamsFor;
  clock: Clock;
}

export interface QualityUser {
  id: string;
  username: string;
  role: Role;
  scopeCode: string;
}

export type Trigger = 'manual' | 'schedule' | 'cli';

export interface CheckSummary {
  id: string;
  findings: number;
  households: number;
  tested?: number;
  flagged?: { group: string; statistic: Record<string, unknown> }[];
  /** Signals: the villages and households named, each with its statistic (the JSON of `quality run`). */
  named?: {
    villages: string[];
    households: { id: string; village: string; statistic: Record<string, unknown> | null }[];
  };
}

const FIRST_YEAR = 2010;

const namedBy = (findings: readonly FindingRow[]): NonNullable<CheckSummary['named']> => {
  const households = new Map<
    string,
    { id: string; village: string; statistic: Record<string, unknown> | null }
  >();
  for (const f of findings)
    if (f.household_id && !households.has(f.household_id))
      households.set(f.household_id, {
        id: f.household_id,
        village: f.region_code,
        statistic: f.statistic ?? null,
      });
  return {
    villages: [...new Set(findings.map((f) => f.region_code))].sort(),
    households: [...households.values()],
  };
};

/**
 * The checks whose findings a role may read: a finding of a check resting on a class the role may not
 * see (a member recorded healthy) is withheld without a trace — its mere presence would tell — from
 * the drill-down, the counts and the run's answer (explanations.ts).
 */
const readableChecks = (role: Role): readonly QualityCheck[] =>
  redact(QUALITY_CHECKS, { role }, { neutral: null });
const withheldChecks = (role: Role): string[] => {
  const readable = new Set(readableChecks(role).map((c) => c.id));
  return QUALITY_CHECKS.filter((c) => !readable.has(c.id)).map((c) => c.id);
};
const forReader = <T extends { id: string }>(role: Role, checks: readonly T[]): T[] => {
  const withheld = new Set(withheldChecks(role));
  return checks.filter((c) => !withheld.has(c.id));
};
const runForReader = (role: Role, out: { runId: string; checks: CheckSummary[] }) => {
  const checks = forReader(role, out.checks);
  return { runId: out.runId, findings: checks.reduce((s, c) => s + c.findings, 0), checks };
};
const CHILD_LENGTH: Record<number, number> = { 0: 2, 2: 4, 4: 6, 6: 9, 9: 12, 12: 12 };

/** A run as a reader sees it: its total less the findings withheld from the reader (`readable` given). */
const presentRun = (
  run: Awaited<ReturnType<typeof qualityResults.latestRunCovering>> & object,
  readable: readonly CheckSummary[] | null,
) => ({
  id: run.id,
  regionCode: run.region_code,
  trigger: run.trigger,
  actorName: run.actor_name,
  startedAt: run.started_at.toISOString(),
  finishedAt: run.finished_at?.toISOString() ?? null,
  findings: readable ? readable.reduce((s, c) => s + c.findings, 0) : run.findings,
});

/** What the checks of a run read: the region's lines of every year since 2010 and today's parameters. */
async function checkContext(
  db: Kysely<DB>,
  paramsFor: ParamsFor,
  region: string,
  today: string,
): Promise<CheckContext> {
  const lines: YearLines[] = [];
  for (let year = FIRST_YEAR; year <= Number(today.slice(0, 4)); year++) {
    const p = await paramsFor(region, `${year}-12-31`);
    lines.push({ year, line: p.povertyLine, monitoringLine: p.monitoringLine });
  }
  const { riskRemovalMinMonths, factMaxAgeMonths } = await paramsFor(region, today);
  return { db, region, today, lines, riskRemovalMinMonths, factMaxAgeMonths };
}

export function createQualityService(db: Kysely<DB>, deps: QualityDeps) {
  const paramsFor = deps.paramsFor ?? nationalDefaults;
  const clock = deps.clock;

  /**
   * Run every check over `region` as `actor`; one audit event per run. Returns the run id and summary.
   * `onStep` hears each check as it finishes (the background job's progress, src/modules/jobs).
   */
  async function runAll(
    region: string,
    actor: Actor,
    trigger: Trigger,
    onStep?: (done: number, total: number, checkId: string) => void,
  ) {
    const startedAt = clock.now();
    const ctx = await checkContext(db, paramsFor, region, clock.today());
    const results: { check: QualityCheck; out: Awaited<ReturnType<typeof runCheck>> }[] = [];
    for (const check of QUALITY_CHECKS) {
      results.push({ check, out: await runCheck(check, ctx) });
      onStep?.(results.length, QUALITY_CHECKS.length, check.id);
    }
    return db.transaction().execute(async (trx) => {
      const runId = await qualityResults.insertRun(trx, {
        region,
        trigger,
        actorId: actor.id,
        actorName: actor.name,
        startedAt,
      });
      const summary: CheckSummary[] = [];
      let total = 0;
      for (const { check, out } of results) {
        await qualityResults.insertFindings(trx, runId, check.id, out.findings);
        const households = new Set(out.findings.map((f) => f.household_id).filter((h) => h !== null)).size;
        summary.push({
          id: check.id,
          findings: out.findings.length,
          households,
          tested: out.tested,
          flagged: out.flagged,
          ...(check.kind === 'signal' ? { named: namedBy(out.findings) } : {}),
        });
        total += out.findings.length;
      }
      await qualityResults.finishRun(trx, runId, clock.now(), summary, total);
      await recordAudit(trx, actor, {
        action: 'quality.run',
        entityType: 'quality_run',
        entityId: runId,
        regionCode: region || null,
        after: {
          trigger,
          findings: total,
          checks: Object.fromEntries(summary.map((s) => [s.id, s.findings])),
        },
        reason: `data-quality checks (${trigger})`,
      });
      return { runId, findings: total, checks: summary };
    });
  }

  return {
    catalogue: () => QUALITY_CHECKS,
    runAll,
    ...createFindingReview(db, clock, withheldChecks),

    async run(user: QualityUser, region: string) {
      const scope = scopeFor(user, region);
      if (!permissionsOf(user.role).runQualityChecks)
        throw new AppError('E_FORBIDDEN', 'Only township officers and above run the quality checks');
      return runForReader(user.role, await runAll(scope, actorOf(user), 'manual'));
    },

    /** Counts per check for the region and each child region, from the latest run covering it. */
    async summary(user: QualityUser, region: string) {
      const scope = scopeFor(user, region);
      const run = await qualityResults.latestRunCovering(db, scope);
      if (!run) return { region: scope, run: null, checks: [], children: [] };
      const childLength = CHILD_LENGTH[scope.length] ?? 12;
      const all = await qualityResults.countsByChild(db, run.id, scope, childLength);
      const counts = forReader(
        user.role,
        all.map((x) => ({ ...x, id: x.check_id })),
      );
      const childCodes = [...new Set(counts.map((c) => c.child))].sort();
      const names = new Map((await qualityResults.regionNames(db, childCodes)).map((r) => [r.code, r.name]));
      const stored = forReader(user.role, (run.checks as CheckSummary[]) ?? []);
      const checks = readableChecks(user.role).map((c) => {
        const mine = counts.filter((x) => x.check_id === c.id);
        return {
          id: c.id,
          findings: mine.reduce((s, x) => s + x.findings, 0),
          households: mine.reduce((s, x) => s + x.households, 0),
          tested: stored.find((s) => s.id === c.id)?.tested ?? null,
        };
      });
      const children = childCodes.map((code) => ({
        code,
        name: names.get(code) ?? code,
        counts: Object.fromEntries(
          counts.filter((x) => x.child === code).map((x) => [x.check_id, x.findings]),
        ),
      }));
      return {
        region: scope,
        run: presentRun(run, withheldChecks(user.role).length ? stored : null),
        checks,
        children,
      };
    },

    /** The findings of the latest run in a region (optionally one check), for the drill-down. */
    async findings(
      user: QualityUser,
      q: { region: string; check?: string | undefined; page: number; pageSize: number },
    ) {
      const scope = scopeFor(user, q.region);
      if (q.check && !checkById(q.check)) throw notFound('quality check', q.check);
      const run = await qualityResults.latestRunCovering(db, scope);
      if (!run) return { total: 0, runId: null, items: [] };
      const page = await qualityResults.findings(db, {
        runId: run.id,
        region: scope,
        checkId: q.check,
        withheld: withheldChecks(user.role),
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const reviews = await reviewRepository.reviewsOf(db, page.items);
      return {
        total: page.total,
        runId: run.id,
        items: page.items.map((f) => ({
          review: ((r) => (r ? reviewDto(r) : null))(reviews.get(keyOf(f))),
          id: f.id,
          checkId: f.check_id,
          householdId: f.household_id,
          householdNo: f.household_no,
          headName: f.head_name,
          regionCode: f.region_code,
          regionName: f.region_name,
          subject: f.subject,
          detail: (f.detail ?? {}) as Record<string, unknown>,
          statistic: (f.statistic ?? null) as Record<string, unknown> | null,
        })),
      };
    },
  };
}
export type QualityService = ReturnType<typeof createQualityService>;
