import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { monitoringLine } from '../../domain/policy/defaults.js';
import { apportion } from '../../domain/projects/targets.js';
import { Rng } from '../../domain/random.js';
import type { IndicatorKind } from '../../domain/targets/indicators.js';
import { indicatorRepository } from '../../modules/targets/indicator-repository.js';
import type { DemoContext, DemoExtension } from '../context.js';

/**
 * Post-2020 targets (任务分解, issue 21 item 6) of the demo county for 2021 to the demo's year, split
 * county → township → village. Counted kinds (risks removed, employed labour) start near the
 * registry's own figure and are apportioned by each sub-region's share, so the parts add up; rates
 * are the policy's: coverage and linkage 100 % (应纳尽纳、应保尽保), income growth a county rate of
 * 7–10 % set for every level. A kind is seeded for a year only where the registry has a base for it
 * (employment records exist for the demo's current year only). Deterministic from the seed.
 */
const SUMMED: readonly IndicatorKind[] = ['risks_removed', 'employed_labour'];
const RATES: readonly IndicatorKind[] = [
  'monitoring_coverage',
  'measure_coverage',
  'dibao_linkage',
  'exited_income_growth',
];
const FIRST_YEAR = 2021;

type Row = { year: number; indicator: string; region_code: string; value: number; set_by: string };
type Region = { code: string; parent_code: string | null };

async function regionsOf(db: Kysely<DB>, county: string) {
  const all: Region[] = await db
    .selectFrom('region')
    .select(['code', 'parent_code'])
    .where('code', 'like', `${county}%`)
    .where('level', 'in', [4, 5])
    .orderBy('code')
    .execute();
  const townships = all.filter((r) => r.parent_code === county);
  const villagesOf = (t: string) => all.filter((r) => r.parent_code === t);
  return { townships, villagesOf };
}

/** Village-level figures of one kind and year: the counted figure, or the share's base. */
async function villageFigures(db: Kysely<DB>, county: string, kind: IndicatorKind, year: number) {
  const rows = await indicatorRepository.figures(db, kind, {
    year,
    region: county,
    len: 12,
    monitoringLine: monitoringLine(year),
  });
  return new Map(
    rows.map((r) => [r.code, { count: Number(r.count ?? 0), base: Number(r.whole ?? r.persons ?? 0) }]),
  );
}

const sumUnder = (m: Map<string, { count: number; base: number }>, prefix: string, key: 'count' | 'base') =>
  [...m].reduce((s, [code, v]) => (code.startsWith(prefix) ? s + v[key] : s), 0);

export const post2020TargetsDemo: DemoExtension = {
  name: 'post2020-targets',
  version: 1,
  async clear({ db, countyCode }) {
    await db
      .deleteFrom('assist_target')
      .where('region_code', 'like', `${countyCode}%`)
      .where('indicator', 'in', [...SUMMED, ...RATES])
      .execute();
  },
  async seed(ctx: DemoContext) {
    const { db, countyCode } = ctx;
    const rng = new Rng(`post2020-targets:${countyCode}:${ctx.seed}`);
    const { townships, villagesOf } = await regionsOf(db, countyCode);
    if (townships.length === 0) return;
    const rows: Row[] = [];
    const put = (year: number, indicator: string, region_code: string, value: number) =>
      rows.push({ year, indicator, region_code, value, set_by: 'demo' });
    for (let year = FIRST_YEAR; year <= ctx.today.getUTCFullYear(); year++) {
      for (const kind of SUMMED) {
        const f = await villageFigures(db, countyCode, kind, year);
        const actual = sumUnder(f, countyCode, 'count');
        if (actual === 0) continue;
        const total = Math.round(actual * rng.uniform(0.92, 1.1));
        put(year, kind, countyCode, total);
        const parts = apportion(
          total,
          townships.map((t) => sumUnder(f, t.code, 'count')),
        );
        townships.forEach((t, i) => {
          put(year, kind, t.code, parts[i]!);
          const villages = villagesOf(t.code);
          const vparts = apportion(
            parts[i]!,
            villages.map((v) => f.get(v.code)?.count ?? 0),
          );
          villages.forEach((v, j) => put(year, kind, v.code, vparts[j]!));
        });
      }
      for (const kind of RATES) {
        const f = await villageFigures(db, countyCode, kind, year);
        if (sumUnder(f, countyCode, 'base') === 0) continue;
        const rate = kind === 'exited_income_growth' ? rng.int(7, 10) : 100;
        for (const code of [
          countyCode,
          ...townships.flatMap((t) => [t.code, ...villagesOf(t.code).map((v) => v.code)]),
        ])
          put(year, kind, code, rate);
      }
    }
    for (let k = 0; k < rows.length; k += 1000)
      await db
        .insertInto('assist_target')
        .values(rows.slice(k, k + 1000))
        .execute();
    ctx.log(`demo: ${rows.length} post-2020 targets, ${FIRST_YEAR}–${ctx.today.getUTCFullYear()}`);
  },
};
