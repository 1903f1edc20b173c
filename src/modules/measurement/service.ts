import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { labelOf, type CodeListName } from '../../domain/code-lists.js';
import { DEFAULT_S80S20, type S80S20Convention } from '../../domain/measurement/inequality.js';
import type { GroupBy, Population, RegistryFrame } from '../../domain/measurement/registry.js';
import {
  passiveExitRows,
  registryGroups,
  registryMeasures,
} from '../../domain/measurement/registry-report.js';
import { AppError } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import type { RegionService } from '../regions/service.js';
import { FrameCache, type Source } from './cache.js';
import { createChangeSync } from './changes.js';
import { PartCache } from './part-cache.js';
import { ABOVE_COUNTY, createRegional } from './regional.js';
import { memo, type State } from './snapshot.js';
import { measuresRepository as repo } from './repository.js';

export interface MeasuresQuery {
  region: string;
  year: number;
  line?: number;
  by?: GroupBy;
  population: Population;
  /** S80/S20 convention; default Eurostat (laeken's `qsr`). */
  s80s20?: S80S20Convention;
}

export interface MeasuresDeps {
  /** The absolute poverty line of a region in a year (the policy engine's `povertyLine`). */
  lineFor(region: string, year: number): Promise<number>;
  /** Memory budget of the cached region stores (bytes); unbounded when absent (tests). */
  cacheBytes?: number | undefined;
  /**
   * Memory budget of the per-county parts above county level (bytes), apart from the stores': a
   * county's store read after a province's parts must not push them out. Unbounded when absent.
   */
  partsBytes?: number | undefined;
  /** The server a region's whole store is read from (a replica when configured); else `db`. */
  pick?: () => Kysely<DB>;
  /**
   * Regions above county level from per-county parts (default); false: from the whole region's
   * store, as before (the yardstick of the tests and of bench/measures-parts.ts).
   */
  parts?: boolean;
}

const GROUP_LIST: Partial<Record<GroupBy, CodeListName>> = {
  household_type: 'household_type',
  cause: 'poverty_cause',
};

/** The measures of a region's groups (household type, cause, or child region), labelled. */
async function labelledGroups(
  db: Kysely<DB>,
  state: State,
  q: MeasuresQuery & { by: GroupBy },
  line: number,
) {
  const rows = memo(state, `g|${q.region}|${line}|${q.population}|${q.by}`, () =>
    registryGroups(state.frame, q.region, q.population, line, q.by),
  );
  const list = GROUP_LIST[q.by];
  const names = list
    ? new Map<string, string>()
    : await memo(state, `names|${q.region}|${q.by}`, () =>
        repo.names(
          db,
          rows.map((r) => r.key),
        ),
      );
  return rows.map((r) => ({
    ...r,
    label: list ? labelOf(list, r.key, 'zh') : (names.get(r.key) ?? r.key),
    labelEn: list ? labelOf(list, r.key, 'en') : (names.get(r.key) ?? r.key),
  }));
}

/** The passive-exit rows of a frame as listed households (number, head, incomes per person). */
async function passiveExitItems(db: Kysely<DB>, f: RegistryFrame, rows: number[]) {
  const info = new Map(
    (
      await repo.households(
        db,
        rows.map((i) => f.id[i]!),
      )
    ).map((h) => [Number(h.id), h]),
  );
  return rows.map((i) => {
    const h = info.get(f.id[i]!);
    return {
      id: String(f.id[i]),
      householdNo: h?.household_no ?? '',
      headName: h?.head_name ?? '',
      villageCode: f.villages[f.village[i]!]!,
      size: f.size[i]!,
      perCapitaIncome: f.income[i]! / f.size[i]!,
      perCapitaTransfer: f.transfer[i]! / f.size[i]!,
      perCapitaWithoutTransfer: (f.income[i]! - f.transfer[i]!) / f.size[i]!,
    };
  });
}

/** The promise of `key` in `map`, made by `f` once (a failed one is forgotten). */
function once<T>(map: Map<string, Promise<T>>, key: string, f: () => Promise<T>): Promise<T> {
  let p = map.get(key);
  if (!p) {
    p = f();
    map.set(key, p);
    p.catch(() => map.get(key) === p && map.delete(key));
  }
  return p;
}

/** `f` of each item: one after another when `sequential`, else all at once. */
async function mapYears<T>(ys: number[], sequential: boolean, f: (y: number) => Promise<T>): Promise<T[]> {
  if (!sequential) return Promise.all(ys.map(f));
  const out: T[] = [];
  for (const y of ys) out.push(await f(y));
  return out;
}

/**
 * Poverty, inequality and MPI measures of the live registry by region and year. The registry of a
 * region is read once for every year (cache.ts) and year frames are built from it in memory; when
 * a trigger marks villages changed (migrations 010, 033) only their households are re-read and the
 * cached frames patched (changes.ts), so answers are never stale and repeated requests cost no SQL
 * scan.
 */
export function createMeasuresService(db: Kysely<DB>, regions: RegionService, deps: MeasuresDeps) {
  const cache = new FrameCache(6, deps.cacheBytes ?? Infinity);
  // small per-process caches: lines dropped by a policy change mark, region refs never change
  const lines = new Map<string, Promise<number>>();
  const refs = new Map<string, Promise<Awaited<ReturnType<RegionService['refOf']>>>>();

  const partCache = new PartCache(deps.partsBytes ?? Infinity);
  const regional = createRegional(partCache, () => deps.pick?.() ?? db);
  const byParts = (region: string) => deps.parts !== false && ABOVE_COUNTY(region);
  const sync = createChangeSync(db, cache, () => lines.clear(), partCache);

  /** A region's store: read whole from the picked server, its position first; changes from `db`. */
  const sourceOf = (region: string): Source => {
    let server: Kysely<DB> | undefined;
    const from = () => (server ??= deps.pick?.() ?? db);
    return {
      position: () => repo.position(from()),
      load: (only) => (only ? repo.data(db, only) : repo.data(from(), { region })),
    };
  };

  /** The cached store covering `region` (read in one pass over every year when none does). */
  async function snapshotFor(region: string) {
    await sync();
    return cache.get(region, sourceOf(region)).snapshot;
  }

  const stateFor = async (region: string, year: number): Promise<State> => {
    if (!byParts(region)) return (await snapshotFor(region)).state(year);
    await sync();
    return regional.state(region, year);
  };

  const lineFor = (region: string, year: number) =>
    once(lines, `${region}|${year}`, () => deps.lineFor(region, year));

  async function scopeOf(user: AuthUser, region: string) {
    const code = scopeFor(user, region);
    return once(refs, code, () => regions.refOf(code));
  }

  /** Years with a yearly row in the region, from the cached store. */
  const yearsOf = async (region: string) =>
    byParts(region) ? regional.yearsOf(region) : (await snapshotFor(region)).yearsOf(region);

  async function checkYear(region: string, year: number) {
    const ys = await yearsOf(region);
    if (!ys.includes(year))
      throw new AppError(
        'E_VALIDATION',
        ys.length ? `no data for year ${year}; years with data: ${ys[0]}–${ys.at(-1)}` : 'no data',
        {
          field: 'year',
          messageZh: ys.length ? `${year}年没有数据；有数据的年份：${ys[0]}–${ys.at(-1)}年` : '没有数据',
        },
      );
  }

  /** Measures of one region with the same for each child region (drill-down). */
  async function compute(
    region: string,
    year: number,
    line: number,
    population: Population,
    s80s20: S80S20Convention = DEFAULT_S80S20,
  ) {
    const state = await stateFor(region, year);
    const children = await memo(state, `children|${region}`, () => repo.children(db, region));
    const key = `m|${region}|${line}|${population}${s80s20 === DEFAULT_S80S20 ? '' : `|${s80s20}`}`;
    return memo(state, key, () => ({
      ...registryMeasures(state.frame, region, population, line, s80s20),
      children: children
        .map((c) => ({ ...c, ...registryMeasures(state.frame, c.code, population, line, s80s20) }))
        .filter((c) => c.households > 0),
    }));
  }

  async function groups(q: MeasuresQuery & { by: GroupBy }, line: number) {
    return labelledGroups(db, await stateFor(q.region, q.year), q, line);
  }

  return {
    cache,
    parts: partCache,

    /**
     * Read the store of each county with households (at most the cache's capacity) and compute
     * each year's default answer (policy line, all households) — the dashboard's first requests —
     * one after another, yielding to requests between years. `stopped()` ends it early.
     */
    /** The stores of the counties with households and their default answers, if all fit (warm.ts). */
    async warm(stopped: () => boolean = () => false): Promise<string[]> {
      const counties = await repo.countiesIn(db, '');
      if (counties.length > cache.capacity) return [];
      for (const region of counties) {
        if (stopped()) break;
        const snap = await snapshotFor(region);
        for (const year of snap.yearsOf(region)) {
          if (stopped()) break;
          await compute(region, year, await lineFor(region, year), 'all');
          await new Promise((r) => setImmediate(r));
        }
      }
      return counties;
    },

    async measures(user: AuthUser, query: MeasuresQuery) {
      const region = await scopeOf(user, query.region);
      const q = { ...query, region: region.code };
      await checkYear(q.region, q.year);
      const line = q.line ?? (await lineFor(q.region, q.year));
      const result = await compute(q.region, q.year, line, q.population, q.s80s20);
      const by = q.by ? { by: q.by, groups: await groups({ ...q, by: q.by }, line) } : null;
      const lineSource = q.line ? ('query' as const) : ('policy' as const);
      return { region, year: q.year, line, lineSource, population: q.population, ...result, by };
    },

    async series(
      user: AuthUser,
      query: { region: string; from?: number; to?: number; population: Population },
    ) {
      const region = await scopeOf(user, query.region);
      const ys = (await yearsOf(region.code)).filter(
        (y) => (query.from === undefined || y >= query.from) && (query.to === undefined || y <= query.to),
      );
      const point = async (year: number) => {
        const line = await lineFor(region.code, year);
        const m = await compute(region.code, year, line, query.population);
        const { children: _children, ...rest } = m;
        return { year, line, ...rest };
      };
      // above county level a year at a time: one year's parts in memory, not every year's
      const points = await mapYears(ys, byParts(region.code), point);
      return { region, population: query.population, years: points };
    },

    async passiveExits(
      user: AuthUser,
      query: { region: string; year: number; line?: number; population: Population },
    ) {
      const region = await scopeOf(user, query.region);
      await checkYear(region.code, query.year);
      const line = query.line ?? (await lineFor(region.code, query.year));
      const f = (await stateFor(region.code, query.year)).frame;
      const rows = passiveExitRows(f, region.code, query.population, line);
      const items = await passiveExitItems(db, f, rows);
      return { region, year: query.year, line, total: items.length, items };
    },
  };
}
export type MeasuresService = ReturnType<typeof createMeasuresService>;
