import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import {
  INDICATOR_LABELS,
  LINKAGE_INDICATORS,
  emptyCounts,
  householdLinkage,
  standardComparison,
  tally,
  type HouseholdLinkage,
  type IndicatorCounts,
  type LinkageIndicator,
} from '../../domain/safety-net/linkage-board.js';
import { seen, sees, viewerOf } from '../../domain/visibility.js';
import type { Clock } from '../../kernel/clock.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import type { FactsLoader } from '../facts/loader.js';
import { asOfFor } from '../rules/service.js';
import { supportersOf } from '../safety-net/index.js';
import { withSupporters } from '../safety-net/means.js';
import { linkageBoardRepository as repo } from './repository.js';

export interface BoardQuery {
  region?: string;
  year?: number;
  nearFactor?: number;
}

interface Scanned {
  id: string;
  villageCode: string;
  linkage: HouseholdLinkage;
}

/** The length of a region's children's codes (village: none below). */
const CHILD_LENGTH: Record<number, number> = { 0: 2, 2: 4, 4: 6, 6: 9, 9: 12 };
const PAGE = 1000;
/** A region's assessment is kept this long (ms) and for this many regions: a drill-down after the board reads no fact again. */
const MEMO_MS = 120_000;
const MEMO_SIZE = 8;

interface Scan {
  region: string;
  year: number | null;
  asOf: string;
  params: Map<string, PolicyParams>;
  withoutIncomeRow: number;
  rows: Scanned[];
}

/**
 * The linkage board (docs/safety-net.md "Linkage board"): every household of the region with an
 * income row for the year is assessed by the pure rules of src/domain/safety-net/linkage-board.ts —
 * registry facts, obliged relatives' support (the safety net's supporters), open roll entries —
 * under its county's parameters, in keyset pages; nothing is stored. The last regions' assessments
 * are kept in memory for two minutes (a board, its drill-downs and their pages read the facts once);
 * a decision made meanwhile shows at the latest two minutes later.
 */
export function createLinkageBoardService(deps: {
  db: Kysely<DB>;
  facts: FactsLoader;
  paramsFor: (region: string, date: string) => Promise<PolicyParams>;
  clock: Clock;
}) {
  const { db, facts, paramsFor, clock } = deps;

  const memo = new Map<string, { at: number; scan: Promise<Scan> }>();

  /** The region's assessment (the reader's scope checked first), from the memo when fresh. */
  function scanned(user: AuthUser, q: BoardQuery): Promise<Scan> {
    const region = scopeFor(user, q.region);
    const key = `${region}|${q.year ?? ''}|${q.nearFactor ?? ''}`;
    const hit = memo.get(key);
    if (hit && performance.now() - hit.at < MEMO_MS) return hit.scan;
    const rows: Scanned[] = [];
    const scan = assess(region, q, (s) => rows.push(s)).then((s) => ({ ...s, rows }));
    memo.delete(key);
    memo.set(key, { at: performance.now(), scan });
    scan.catch(() => memo.delete(key));
    while (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
    return scan;
  }

  async function assess(region: string, q: BoardQuery, visit: (s: Scanned) => void) {
    const today = clock.today();
    const year = q.year ?? (await repo.latestYear(db, region, Number(today.slice(0, 4))));
    const asOf = year === null ? today : asOfFor(year, today);
    const params = new Map<string, PolicyParams>();
    let withoutIncomeRow = 0;
    for (let after = '0'; year !== null;) {
      const page = await facts.page(region, after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      for (const c of new Set(page.map((h) => h.village_code.slice(0, 6))))
        if (!params.has(c)) params.set(c, await paramsFor(c, asOf));
      const ids = page.map((h) => h.id);
      const [loaded, rolls, supporters] = await Promise.all([
        facts.load(page, year, asOf, (h) => params.get(h.village_code.slice(0, 6))!),
        repo.openRolls(db, ids),
        supportersOf(db, ids, asOf),
      ]);
      withoutIncomeRow += page.length - loaded.filter((l) => l.built).length;
      for (const { household: h, built } of loaded) {
        if (!built) continue;
        const p = params.get(h.village_code.slice(0, 6))!;
        const f = withSupporters(built.facts, supporters.get(h.id) ?? []);
        const linkage = householdLinkage(f, p, rolls.get(h.id) ?? null, q.nearFactor ?? p.nearDibaoFactor);
        visit({ id: h.id, villageCode: h.village_code, linkage });
      }
    }
    return { region, year, asOf, params, withoutIncomeRow };
  }

  return {
    /** The board of a region: totals, one row per child region, the counties' standards against the lines. */
    async board(user: AuthUser, q: BoardQuery) {
      const totals = emptyCounts();
      const byChild = new Map<string, IndicatorCounts>();
      const s = await scanned(user, q);
      const region = s.region;
      const childLength = CHILD_LENGTH[region.length];
      for (const { villageCode, linkage } of s.rows) {
        tally(totals, linkage);
        if (childLength === undefined) continue;
        const code = villageCode.slice(0, childLength);
        const c = byChild.get(code) ?? emptyCounts();
        tally(c, linkage);
        byChild.set(code, c);
      }
      const names = await repo.names(db, [region, ...byChild.keys(), ...s.params.keys()]);
      return {
        region,
        regionName: names.get(region) ?? (region === '' ? '全国' : region),
        year: s.year,
        asOf: s.asOf,
        withoutIncomeRow: s.withoutIncomeRow,
        totals,
        children: [...byChild]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([code, counts]) => ({ code, name: names.get(code) ?? code, counts })),
        standards: [...s.params].map(([county, p]) => ({
          county,
          countyName: names.get(county) ?? county,
          ...standardComparison(p),
          nearFactor: q.nearFactor ?? p.nearDibaoFactor,
        })),
        indicators: LINKAGE_INDICATORS.map((key) => ({ key, ...INDICATOR_LABELS[key] })),
      };
    },

    /** The households behind one count (drill-down), by village and id, a page at a time. */
    async households(
      user: AuthUser,
      q: BoardQuery & { indicator: LinkageIndicator; page: number; pageSize: number },
    ) {
      const s = await scanned(user, q);
      const found = s.rows.filter((h) => h.linkage.indicators.includes(q.indicator));
      found.sort((a, b) =>
        a.villageCode === b.villageCode
          ? Number(a.id) - Number(b.id)
          : a.villageCode < b.villageCode
            ? -1
            : 1,
      );
      const slice = found.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      const heads = new Map(
        (
          await repo.heads(
            db,
            slice.map((h) => h.id),
          )
        ).map((r) => [r.id, r]),
      );
      const villages = await repo.names(db, [...new Set(slice.map((h) => h.villageCode))]);
      const viewer = viewerOf(user.role, false, clock.today());
      const seesIncome = sees(user.role, 'health') && sees(user.role, 'disability');
      return {
        region: s.region,
        indicator: q.indicator,
        year: s.year,
        total: found.length,
        page: q.page,
        pageSize: q.pageSize,
        items: slice.map((h) => {
          const r = heads.get(h.id);
          return {
            householdId: h.id,
            householdNo: r?.household_no ?? '',
            headName: seen(viewer, 'name', r?.head_name ?? null),
            villageCode: h.villageCode,
            villageName: villages.get(h.villageCode) ?? h.villageCode,
            status: r?.status ?? '',
            perCapitaMonthly: seesIncome ? h.linkage.perCapitaMonthly : null,
            standardMonthly: h.linkage.standardMonthly,
            developmentMeasures: h.linkage.development,
            onDibao: h.linkage.onDibao,
            onTekun: h.linkage.onTekun,
          };
        }),
      };
    },
  };
}
export type LinkageBoardService = ReturnType<typeof createLinkageBoardService>;
