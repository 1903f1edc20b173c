import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { TARGET_INDICATORS, type TargetIndicator } from '../../domain/projects/kinds.js';
import { checkSplit, heapingSignal, progressPct } from '../../domain/projects/targets.js';
import { povertyLine } from '../../domain/policy/defaults.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { assertManager } from '../projects/access.js';
import { targetsRepository as repo, type ExitRow } from './repository.js';

/** Width of the "just above the line" band: +10 %. */
export const HEAP_BAND = 0.1;

export interface SplitRequest {
  year: number;
  indicator: TargetIndicator;
  regionCode: string;
  /** Set (or change) the parent's own value too; otherwise its stored target is split. */
  value?: number | undefined;
  children: { regionCode: string; value: number }[];
}

interface Node {
  code: string;
  name: string;
}

type Region = { code: string; name: string };

/** Stored child targets that do not add up to their parent's (per indicator). */
function splitProblems(code: string, children: readonly Region[], targets: ReadonlyMap<string, number>) {
  return TARGET_INDICATORS.flatMap((k) => {
    const parent = targets.get(`${k}:${code}`);
    const kids = children.filter((c) => targets.has(`${k}:${c.code}`));
    if (parent === undefined || kids.length === 0) return [];
    const problem = checkSplit(
      { regionCode: code, value: parent },
      kids.map((c) => ({ regionCode: c.code, value: targets.get(`${k}:${c.code}`)! })),
    );
    return problem ? [{ indicator: k, ...problem }] : [];
  });
}

/** Every child a direct sub-region of the parent; returns the parent's stored target of the indicator. */
async function checkChildren(db: Kysely<DB>, r: SplitRequest, parent: Region) {
  const children = new Map((await repo.children(db, r.regionCode)).map((c) => [c.code, c]));
  const stranger = r.children.find((c) => !children.has(c.regionCode));
  if (stranger)
    throw new AppError(
      'E_VALIDATION',
      `${stranger.regionCode} is not a sub-region of ${parent.name} (${parent.code})`,
      {
        field: 'children',
        region: stranger.regionCode,
      },
    );
  return (await repo.targets(db, r.year, [r.regionCode])).find((t) => t.indicator === r.indicator);
}

/**
 * The parent's value to split: the request's, or the stored one. A target set by the level above is
 * split as it is; the children's sum must equal it.
 */
function splitValue(user: AuthUser, r: SplitRequest, parent: Region, stored: number | undefined) {
  const value = r.value ?? stored;
  const fromAbove = user.scopeCode.length >= r.regionCode.length;
  if (stored !== undefined && r.value !== undefined && r.value !== stored && fromAbove)
    throw new AppError(
      'E_FORBIDDEN',
      `The ${r.indicator} target of ${parent.name} (${parent.code}) for ${r.year} is set by the level above; split it as it is (${stored})`,
      { field: 'value' },
    );
  if (value === undefined)
    throw new AppError(
      'E_VALIDATION',
      `${parent.name} (${parent.code}) has no ${r.indicator} target for ${r.year}: give value`,
      {
        field: 'value',
      },
    );
  const problem = checkSplit({ regionCode: r.regionCode, value }, r.children);
  if (problem)
    throw new AppError(
      'E_VALIDATION',
      `Targets of the sub-regions of ${parent.name} (${parent.code}) add up to ${problem.childSum}: ` +
        `${problem.difference} ${problem.kind === 'shortfall' ? 'short of' : 'more than'} its ${r.indicator} target ${value} for ${r.year}`,
      { field: 'children', ...problem },
    );
  return value;
}

/** Targets (任务分解): the tree of a region with progress computed from the registry, and splits. */
export function createTargetService(db: Kysely<DB>) {
  /** Actual values, computed from the registry, per node code (prefix length `len`). */
  async function actuals(year: number, region: string, len: number) {
    const measures = await repo.planMeasureExists(db);
    const line = povertyLine(year);
    const [exits, ref, withMeasures] = await Promise.all([
      repo.exits(db, { year, region, len, line, band: HEAP_BAND, measures }),
      repo.reference(db, { year, region, line, band: HEAP_BAND }),
      measures ? repo.measureHouseholds(db, region, len) : Promise.resolve(null),
    ]);
    return { exits: new Map(exits.map((e) => [e.code, e])), ref, withMeasures, measures, line };
  }

  function nodeDto(
    node: Node,
    targets: Map<string, number>,
    exit: ExitRow | undefined,
    measured: number | null,
    ref: { total: number; in_band: number },
  ) {
    const actual: Record<TargetIndicator, number | null> = {
      exit_households: exit?.households ?? 0,
      exit_persons: exit?.persons ?? 0,
      measure_households: measured,
    };
    const heaping = heapingSignal(exit?.in_band ?? 0, exit?.with_income ?? 0, ref.in_band, ref.total);
    const exits = exit?.households ?? 0;
    const without = exit?.without_measures ?? null;
    return {
      code: node.code,
      name: node.name,
      indicators: TARGET_INDICATORS.map((k) => {
        const target = targets.get(`${k}:${node.code}`) ?? null;
        const a = actual[k];
        return { indicator: k, target, actual: a, pct: a === null ? null : progressPct(a, target) };
      }),
      quality: {
        exits,
        heaping,
        exitsWithoutMeasures: without,
        withoutMeasuresShare: without === null || exits === 0 ? null : without / exits,
      },
    };
  }

  return {
    async tree(user: AuthUser, q: { region?: string | undefined; year: number }) {
      const code = scopeFor(user, q.region);
      const region = await repo.region(db, code);
      if (!region) throw notFound('region', code);
      const children = await repo.children(db, code);
      const codes = [code, ...children.map((c) => c.code)];
      const targets = new Map(
        (await repo.targets(db, q.year, codes)).map((t) => [`${t.indicator}:${t.region_code}`, t.value]),
      );
      const own = await actuals(q.year, code, code.length);
      const sub = children.length ? await actuals(q.year, code, children[0]!.code.length) : own;
      const measuredOf = (a: typeof own, c: string) =>
        a.withMeasures ? (a.withMeasures.find((m) => m.code === c)?.n ?? 0) : null;
      return {
        year: q.year,
        povertyLine: own.line,
        heapBand: HEAP_BAND,
        measuresAvailable: own.measures,
        reference: {
          share: own.ref.total > 0 ? own.ref.in_band / own.ref.total : null,
          households: own.ref.total,
        },
        node: nodeDto(region, targets, own.exits.get(code), measuredOf(own, code), own.ref),
        children: children.map((c) =>
          nodeDto(c, targets, sub.exits.get(c.code), measuredOf(sub, c.code), own.ref),
        ),
        splitProblems: splitProblems(code, children, targets),
        years: await repo.years(db, code),
      };
    },

    /** Save a split: every child a direct sub-region, the children's sum equal to the parent's value. */
    async split(user: AuthUser, r: SplitRequest) {
      assertManager(user, 'set targets');
      assertInScope(user, r.regionCode);
      const parent = await repo.region(db, r.regionCode);
      if (!parent) throw notFound('region', r.regionCode);
      const stored = await checkChildren(db, r, parent);
      const value = splitValue(user, r, parent, stored?.value);
      return db.transaction().execute(async (trx) => {
        const rows = [{ regionCode: r.regionCode, value }, ...r.children].map((c) => ({
          year: r.year,
          indicator: r.indicator,
          region_code: c.regionCode,
          value: c.value,
          set_by: user.username,
        }));
        await repo.upsertTargets(trx, rows);
        await recordAudit(trx, actorOf(user), {
          action: 'target.split',
          entityType: 'assist_target',
          entityId: `${r.year}:${r.indicator}:${r.regionCode}`,
          regionCode: r.regionCode,
          before: stored ? { value: stored.value } : null,
          after: { value, children: r.children },
        });
        return { saved: rows.length };
      });
    },
  };
}
export type TargetService = ReturnType<typeof createTargetService>;
