import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { heapingSignal } from '../../domain/projects/targets.js';
import { monitoringLine, povertyLine } from '../../domain/policy/defaults.js';
import {
  INDICATOR_VALUE,
  isIndicatorKind,
  progressOf,
  type IndicatorFigures,
  type IndicatorKind,
} from '../../domain/targets/indicators.js';
import { notFound } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { indicatorRepository as figuresRepo } from './indicator-repository.js';
import { targetsRepository as repo, type ExitRow } from './repository.js';
import { createSplitService, splitProblems, type IndicatorKindRow } from './split-service.js';

export type { SplitRequest } from './split-service.js';

/** Width of the "just above the line" band: +10 %. */
export const HEAP_BAND = 0.1;

type Region = { code: string; name: string };

/** Add one sub-region's figures into a sum (every figure is a count over disjoint villages). */
function addFigures(into: IndicatorFigures, f: IndicatorFigures) {
  for (const k of ['count', 'part', 'whole', 'income', 'persons', 'incomeBefore', 'personsBefore'] as const)
    if (f[k] !== undefined && f[k] !== null) into[k] = (into[k] ?? 0) + Number(f[k]);
  return into;
}

/** The kinds shown for a year: its era's (after 2020: post-2020), and every kind with a stored target. */
function shownKinds(kinds: readonly IndicatorKindRow[], year: number, withTargets: ReadonlySet<string>) {
  const era = year <= 2020 ? 'pre2020' : 'post2020';
  return kinds.filter((k) => isIndicatorKind(k.kind) && (k.era === era || withTargets.has(k.kind)));
}

/** Targets (任务分解): the tree of a region with progress computed from the registry, and splits. */
export function createTargetService(db: Kysely<DB>) {
  /** Figures per kind for the node and each child (the node's are the children's sums). */
  async function figuresOf(kinds: readonly IndicatorKindRow[], year: number, code: string, len: number) {
    const q = { year, region: code, len, monitoringLine: monitoringLine(year) };
    const out = new Map<string, Map<string, IndicatorFigures>>();
    for (const k of kinds) {
      const rows = await figuresRepo.figures(db, k.kind as IndicatorKind, q);
      const byCode = new Map<string, IndicatorFigures>(rows.map((r) => [r.code, r]));
      byCode.set(`=${code}`, rows.reduce(addFigures, {}));
      out.set(k.kind, byCode);
    }
    return out;
  }

  /** Exit quality signals (heaping just above the line, exits without measures) per node code. */
  async function quality(year: number, region: string, len: number) {
    const measures = await repo.planMeasureExists(db);
    const line = povertyLine(year);
    const [exits, ref] = await Promise.all([
      repo.exits(db, { year, region, len, line, band: HEAP_BAND, measures }),
      repo.reference(db, { year, region, line, band: HEAP_BAND }),
    ]);
    return { exits: new Map(exits.map((e) => [e.code, e])), ref, measures, line };
  }

  function qualityDto(exit: ExitRow | undefined, ref: { total: number; in_band: number }) {
    const exits = exit?.households ?? 0;
    const without = exit?.without_measures ?? null;
    return {
      exits,
      heaping: heapingSignal(exit?.in_band ?? 0, exit?.with_income ?? 0, ref.in_band, ref.total),
      exitsWithoutMeasures: without,
      withoutMeasuresShare: without === null || exits === 0 ? null : without / exits,
    };
  }

  function indicatorsOf(
    kinds: readonly IndicatorKindRow[],
    figures: Map<string, Map<string, IndicatorFigures>>,
    targets: ReadonlyMap<string, number>,
    key: string,
    code: string,
  ) {
    return kinds.map((k) => {
      const target = targets.get(`${k.kind}:${code}`) ?? null;
      const actual = INDICATOR_VALUE[k.kind as IndicatorKind](figures.get(k.kind)?.get(key) ?? {});
      return { indicator: k.kind, target, actual, ...progressOf(k, actual, target) };
    });
  }

  async function tree(user: AuthUser, q: { region?: string | undefined; year: number }) {
    const code = scopeFor(user, q.region);
    const region = await repo.region(db, code);
    if (!region) throw notFound('region', code);
    const children: Region[] = await repo.children(db, code);
    const codes = [code, ...children.map((c) => c.code)];
    const stored = await repo.targets(db, q.year, codes);
    const targets = new Map(stored.map((t) => [`${t.indicator}:${t.region_code}`, t.value]));
    const kinds = shownKinds(await figuresRepo.kinds(db), q.year, new Set(stored.map((t) => t.indicator)));
    const len = children[0]?.code.length ?? code.length;
    const figures = await figuresOf(kinds, q.year, code, len);
    const own = await quality(q.year, code, code.length);
    const sub = children.length ? await quality(q.year, code, len) : own;
    const node = (r: Region, key: string, exit: ExitRow | undefined) => ({
      code: r.code,
      name: r.name,
      indicators: indicatorsOf(kinds, figures, targets, key, r.code),
      quality: qualityDto(exit, own.ref),
    });
    return {
      year: q.year,
      povertyLine: own.line,
      monitoringLine: monitoringLine(q.year),
      heapBand: HEAP_BAND,
      measuresAvailable: own.measures,
      indicatorKinds: kinds,
      reference: {
        share: own.ref.total > 0 ? own.ref.in_band / own.ref.total : null,
        households: own.ref.total,
      },
      node: node(region, `=${code}`, own.exits.get(code)),
      children: children.map((c) => node(c, c.code, sub.exits.get(c.code))),
      splitProblems: splitProblems(kinds, code, children, targets),
      years: await repo.years(db, code),
    };
  }

  return { tree, ...createSplitService(db) };
}
export type TargetService = ReturnType<typeof createTargetService>;
