import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { FundSource, LinkageType, ProjectType } from '../../domain/projects/kinds.js';
import { apportion } from '../../domain/projects/targets.js';
import { Rng } from '../../domain/random.js';
import { countyVillages } from '../repository.js';
import type { DemoContext, DemoExtension } from '../context.js';

/**
 * Demo data of paired assistance, targets and projects for the demo county (all figures synthetic):
 * a few pairs with yearly commitments and partial delivery; exit targets 2016–2020 and a measure
 * coverage target split into townships (sums right; progress is then computed from the registry);
 * about 90 projects per 55,000 households with indicators, linkage, funds, beneficiaries, yearly
 * benefits and follow-ups — a few idle, a few "bonsai" outliers.
 */

const TYPES: {
  type: ProjectType;
  name: string;
  linkage: LinkageType;
  indicator: [string, number, string];
  cost: number;
}[] = [
  {
    type: 'planting',
    name: '黄金茶种植基地',
    linkage: 'land_rental',
    indicator: ['新增种植面积', 300, '亩'],
    cost: 4000,
  },
  {
    type: 'planting',
    name: '猕猴桃产业园',
    linkage: 'order_purchase',
    indicator: ['带动户均增收', 1500, '元'],
    cost: 5000,
  },
  {
    type: 'livestock',
    name: '湘西黄牛养殖合作社',
    linkage: 'cooperative',
    indicator: ['存栏', 200, '头'],
    cost: 6000,
  },
  {
    type: 'processing',
    name: '茶叶加工厂',
    linkage: 'order_purchase',
    indicator: ['年加工量', 50, '吨'],
    cost: 7000,
  },
  {
    type: 'workshop',
    name: '扶贫车间',
    linkage: 'jobs',
    indicator: ['吸纳脱贫劳动力就业', 30, '人'],
    cost: 8000,
  },
  {
    type: 'tourism',
    name: '乡村旅游接待中心',
    linkage: 'dividend',
    indicator: ['年接待游客', 20000, '人次'],
    cost: 9000,
  },
  {
    type: 'pv_power',
    name: '村级光伏电站',
    linkage: 'dividend',
    indicator: ['装机容量', 100, '千瓦'],
    cost: 5000,
  },
];
const SOURCES: FundSource[] = ['central', 'provincial', 'county', 'integrated', 'paired', 'social'];
const EXIT_YEARS = [2016, 2017, 2018, 2019, 2020];

async function seedPairs(ctx: DemoContext, rng: Rng, villages: { code: string }[]) {
  const { db, countyCode } = ctx;
  const last = ctx.today.getUTCFullYear();
  const poor = await db
    .selectFrom('region')
    .select('code')
    .where('code', 'like', `${countyCode}%`)
    .where('is_poor_village', '=', true)
    .orderBy('code')
    .execute();
  const pick = (i: number) => (poor[i] ?? villages[i] ?? { code: countyCode }).code;
  const pairs = [
    {
      kind: 'east_west',
      helper_name: '济南市',
      helper_level: 'city',
      recipient_code: countyCode,
      scale: 3000,
      start_year: 2017,
    },
    {
      kind: 'fixed_point',
      helper_name: '中央定点帮扶单位（示例）',
      helper_level: 'central_unit',
      recipient_code: countyCode,
      scale: 800,
      start_year: 2015,
    },
    {
      kind: 'counterpart',
      helper_name: '省直帮扶单位（示例）',
      helper_level: 'provincial_unit',
      recipient_code: villages.some((v) => v.code === '433124110226') ? '433124110226' : pick(0),
      scale: 120,
      start_year: 2016,
    },
    {
      kind: 'counterpart',
      helper_name: '县直帮扶单位（示例）',
      helper_level: 'county',
      recipient_code: pick(1),
      scale: 40,
      start_year: 2018,
    },
  ];
  for (const [i, p] of pairs.entries()) {
    const { id } = await db
      .insertInto('assist_pair')
      .values({
        kind: p.kind,
        helper_name: p.helper_name,
        helper_level: p.helper_level,
        recipient_code: p.recipient_code,
        start_year: p.start_year,
        synthetic: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lagging = i === 3; // one pair delivers well below its commitments
    const commitments = [];
    const deliveries = [];
    for (let year = p.start_year; year <= last; year++) {
      const cats: [string, number][] = [
        ['funds', Math.round(p.scale * rng.uniform(0.8, 1.2))],
        ['projects', Math.max(1, Math.round((p.scale / 300) * rng.uniform(0.5, 1.5)))],
        ['purchases', Math.round(p.scale * 0.6 * rng.uniform(0.7, 1.3))],
        ['jobs', Math.round((p.scale / 10) * rng.uniform(0.6, 1.4))],
        ['staff', Math.max(1, Math.round(p.scale / 500))],
      ];
      for (const [category, amount] of cats) {
        commitments.push({ pair_id: id, year, category, amount });
        const rate =
          year === last ? rng.uniform(0.2, 0.5) : lagging ? rng.uniform(0.4, 0.75) : rng.uniform(0.85, 1.12);
        const total = Math.round(amount * rate * 100) / 100;
        const parts = year === last ? 1 : 2;
        for (let k = 0; k < parts && total > 0; k++)
          deliveries.push({
            pair_id: id,
            year,
            category,
            amount: Math.round((total / parts) * 100) / 100,
            delivered_on:
              year === last
                ? ctx.today.toISOString().slice(0, 10)
                : `${year}-${k === 0 ? '06' : '11'}-${String(rng.int(1, 28)).padStart(2, '0')}`,
            note: '示例数据',
          });
      }
    }
    await db.insertInto('assist_commitment').values(commitments).execute();
    for (let k = 0; k < deliveries.length; k += 500)
      await db
        .insertInto('assist_delivery')
        .values(deliveries.slice(k, k + 500))
        .execute();
  }
}

/** County targets near the registry's own figures, split into townships by their share (sums right). */
async function seedTargets(ctx: DemoContext, rng: Rng) {
  const { db, countyCode } = ctx;
  const townships = await db
    .selectFrom('region')
    .select('code')
    .where('parent_code', '=', countyCode)
    .orderBy('code')
    .execute();
  if (townships.length === 0) return;
  const rows: { year: number; indicator: string; region_code: string; value: number; set_by: string }[] = [];
  const push = (year: number, indicator: string, weights: Map<string, number>) => {
    const actual = [...weights.values()].reduce((s, v) => s + v, 0);
    const total = Math.round(actual * rng.uniform(0.95, 1.08));
    rows.push({ year, indicator, region_code: countyCode, value: total, set_by: 'demo' });
    const parts = apportion(
      total,
      townships.map((t) => weights.get(t.code) ?? 0),
    );
    townships.forEach((t, i) =>
      rows.push({ year, indicator, region_code: t.code, value: parts[i]!, set_by: 'demo' }),
    );
  };
  for (const year of EXIT_YEARS) {
    const r = await sql<{ code: string; households: number; persons: number }>`
      with e as (select distinct h.id, h.village_code, h.size from status_history sh join household h on h.id = sh.household_id
        where sh.to_status = 'exited' and sh.changed_on >= ${`${year}-01-01`}::date and sh.changed_on < ${`${year + 1}-01-01`}::date
          and h.village_code like ${countyCode + '%'})
      select left(village_code, 9) as code, count(*)::int as households, sum(size)::int as persons from e group by 1`.execute(
      db,
    );
    if (r.rows.length === 0) continue;
    push(year, 'exit_households', new Map(r.rows.map((x) => [x.code, x.households])));
    push(year, 'exit_persons', new Map(r.rows.map((x) => [x.code, x.persons])));
  }
  const year = ctx.today.getUTCFullYear();
  const reg = await sql<{ code: string; n: number }>`
    select left(village_code, 9) as code, count(*)::int as n from household
    where village_code like ${countyCode + '%'} and status in ('poor', 'exited', 'returned', 'monitored') group by 1`.execute(
    db,
  );
  push(year, 'measure_households', new Map(reg.rows.map((x) => [x.code, x.n])));
  await db.insertInto('assist_target').values(rows).execute();
}

async function seedProjects(ctx: DemoContext, rng: Rng, villages: { code: string; name: string }[]) {
  const { db } = ctx;
  const last = ctx.today.getUTCFullYear() - 1;
  const poor = new Set(
    (
      await db
        .selectFrom('region')
        .select('code')
        .where('code', 'like', `${ctx.countyCode}%`)
        .where('is_poor_village', '=', true)
        .execute()
    ).map((r) => r.code),
  );
  const weighted = villages.flatMap((v) => (poor.has(v.code) ? [v, v, v] : [v]));
  const n = Math.max(8, Math.round(90 * ctx.scale));
  for (let i = 0; i < n; i++) {
    const t = rng.pick(TYPES);
    const v = rng.pick(weighted);
    const start = rng.int(2016, last);
    const completed =
      start < last || rng.chance(0.3)
        ? `${Math.min(start + 1, last)}-${String(rng.int(3, 12)).padStart(2, '0')}-15`
        : null;
    const bonsai = i % 31 === 7; // showcase projects: lavish, few beneficiaries
    const idle = !bonsai && completed !== null && Number(completed.slice(0, 4)) < last - 1 && i % 13 === 5;
    const beneficiaries = bonsai ? rng.int(4, 8) : rng.int(15, 80);
    const funds = Math.round(
      beneficiaries * t.cost * rng.uniform(0.7, 1.4) * (bonsai ? rng.uniform(8, 15) : 1),
    );
    const { id } = await db
      .insertInto('project')
      .values({
        name: `${v.name}${t.name}`,
        project_type: t.type,
        village_code: v.code,
        start_year: start,
        operator: t.linkage === 'cooperative' ? `${v.name}专业合作社` : `${v.name}村集体经济组织`,
        linkage_note: '示例：脱贫户以产业奖补资金入股，按年分红；优先吸纳脱贫劳动力务工',
        completed_on: completed,
        synthetic: true,
        created_by: 'demo',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('project_indicator')
      .values({ project_id: id, name: t.indicator[0], target_value: t.indicator[1], unit: t.indicator[2] })
      .execute();
    await db
      .insertInto('project_linkage')
      .values(
        [...new Set<LinkageType>([t.linkage, 'jobs'])].map((l) => ({ project_id: id, linkage_type: l })),
      )
      .execute();
    const sources = [rng.pick(['central', 'integrated'] as const), rng.pick(SOURCES)];
    const shares = sources[0] === sources[1] ? [1] : [0.7, 0.3];
    await db
      .insertInto('project_fund')
      .values(
        shares.map((s, k) => {
          const allocated = Math.round(funds * s);
          return {
            project_id: id,
            source: sources[k]!,
            year: start,
            allocated,
            disbursed: completed ? allocated : Math.round(allocated * rng.uniform(0.3, 0.8)),
          };
        }),
      )
      .execute();
    await sql`insert into project_beneficiary (project_id, household_id, linkage_type)
      select ${id}, h.id, ${t.linkage} from household h
      where h.village_code = ${v.code} and h.status in ('poor', 'exited', 'returned', 'monitored')
      order by md5(h.id::text || ${String(ctx.seed)}) limit ${beneficiaries}`.execute(db);
    if (completed === null) continue;
    const from = Number(completed.slice(0, 4)) + 1;
    const stopAfter = idle ? from + 1 : last; // idle assets paid for a year or two, then nothing
    await sql`insert into project_benefit (project_id, household_id, year, amount)
      select b.project_id, b.household_id, y, round((300 + (hashtext(b.household_id::text || y::text) & 1023))::numeric, 2)
      from project_beneficiary b cross join generate_series(${from}::int, ${Math.min(stopAfter, last)}::int) as y
      where b.project_id = ${id}`.execute(db);
    const followups = [];
    for (let y = from; y <= last; y++)
      followups.push({
        project_id: id,
        checked_on: `${y}-12-${String(rng.int(1, 20)).padStart(2, '0')}`,
        operating_status: idle && y > stopAfter ? 'idle' : 'operating',
        asset_status: idle && y > stopAfter ? 'damaged' : 'good',
        income_persists: !(idle && y > stopAfter),
        note: idle && y > stopAfter ? '示例：设施闲置，经营主体退出' : null,
        recorded_by: 'demo',
      });
    if (followups.length) await db.insertInto('project_followup').values(followups).execute();
  }
}

export const projectsDemo: DemoExtension = {
  name: 'projects',
  version: 1,
  async clear({ db, countyCode }) {
    const inCounty = `${countyCode}%`;
    await db.deleteFrom('project').where('village_code', 'like', inCounty).execute();
    await db.deleteFrom('assist_target').where('region_code', 'like', inCounty).execute();
    await db.deleteFrom('assist_pair').where('recipient_code', 'like', inCounty).execute();
  },
  async seed(ctx) {
    const rng = new Rng(`projects:${ctx.countyCode}:${ctx.seed}`);
    const villages = await countyVillages(ctx.db as Kysely<DB>, ctx.countyCode);
    if (villages.length === 0) return;
    await seedPairs(ctx, rng, villages);
    await seedTargets(ctx, rng);
    await seedProjects(ctx, rng, villages);
  },
};
