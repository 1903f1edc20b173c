import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { addDays, chinaDate } from '../../domain/calendar.js';
import { KIND_STATUSES, needsCadre, type UnitLevel } from '../../domain/cadres/rules.js';
import { Rng, weightedTable } from '../../domain/random.js';
import type { DemoContext, DemoExtension } from '../context.js';

/**
 * Demo responsibility data (docs/cadres.md): cadres of village, township, county and a few
 * prefecture/province units, about one per 5–8 registered or monitored households; assignments with
 * hand-overs in their history; ~3 % of the households that need a cadre left without one; work
 * teams rotated every three years in most poor villages (a few without a current team); visits over
 * the last two years at the plan's pace with ~8 % of households overdue. The demo account `village`
 * is linked to a cadre with households in its village.
 */

const SURNAMES = '龙 石 吴 麻 杨 田 彭 向 张 王 李 刘 滕 施 梁 黄 隆 时 龚 唐'.split(' ');
const GIVEN =
  '国 建 明 华 志 红 春 秀 英 海 军 平 文 丽 伟 勇 芳 玉 成 林 强 兰 金 云 光 辉 梅 德 新 永'.split(' ');
const COUNTY_UNITS = [
  '农业农村局',
  '乡村振兴局',
  '教育局',
  '卫生健康局',
  '人力资源和社会保障局',
  '水利局',
  '交通运输局',
  '住房和城乡建设局',
  '民政局',
  '财政局',
  '自然资源局',
  '林业局',
  '供销合作社',
  '县委组织部',
];
const TOWNSHIP_UNITS = ['人民政府', '党委', '农业综合服务中心', '财政所', '社会事务办'];
const UPPER_UNITS = ['州委组织部', '州乡村振兴局', '州农业农村局', '州交通运输局'];
const PROVINCE_UNITS = ['湖南省乡村振兴局', '湖南省农业农村厅', '湖南省财政厅', '湖南省交通运输厅'];

const name = (r: Rng) => r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.7) ? r.pick(GIVEN) : '');
const phone = (r: Rng) =>
  `1${r.pick(['39', '58', '87', '77', '36'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
const shuffle = <T>(r: Rng, xs: T[]) => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
};

async function chunked<T>(rows: T[], n: number, f: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += n) await f(rows.slice(i, i + n));
}

const countyHouseholds = (county: string) =>
  sql`(select id from household where village_code >= ${county} and village_code < ${county + '~'})`;

async function clear(ctx: DemoContext) {
  const { db, countyCode: c } = ctx;
  await sql`delete from visit where household_id in ${countyHouseholds(c)}`.execute(db);
  await sql`delete from cadre_assignment where household_id in ${countyHouseholds(c)}`.execute(db);
  await sql`delete from work_team where village_code >= ${c} and village_code < ${c + '~'}`.execute(db);
  await sql`delete from cadre c where region_code >= ${c} and region_code < ${c + '~'}
    and not exists (select 1 from cadre_assignment a where a.cadre_id = c.id)
    and not exists (select 1 from visit v where v.cadre_id = c.id)
    and not exists (select 1 from work_team_member m where m.cadre_id = c.id)`.execute(db);
}

async function seed(ctx: DemoContext) {
  const { db, countyCode } = ctx;
  const rng = new Rng(`cadres:${ctx.seed}:${countyCode}`);
  const today = chinaDate(ctx.today);
  const planned = [...KIND_STATUSES.poor, ...KIND_STATUSES.monitored, ...KIND_STATUSES.exited];
  const regions = await db
    .selectFrom('region')
    .select(['code', 'name', 'parent_code', 'level', 'is_poor_village'])
    .where('code', '>=', countyCode)
    .where('code', '<', countyCode + '~')
    .orderBy('code')
    .execute();
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const countyName = byCode.get(countyCode)?.name ?? '';
  const households = await db
    .selectFrom('household')
    .select(['id', 'village_code', 'status', 'registered_year'])
    .where('village_code', '>=', countyCode)
    .where('village_code', '<', countyCode + '~')
    .where('status', 'in', planned)
    .orderBy('village_code')
    .orderBy('id')
    .execute();
  const byVillage = new Map<string, typeof households>();
  for (const h of households) {
    const list = byVillage.get(h.village_code) ?? [];
    list.push(h);
    byVillage.set(h.village_code, list);
  }

  // cadres: per village ceil(n / 5..8), of village, township, county and upper units
  const assignments: Insertable<DB['cadre_assignment']>[] = [];
  let cadreCount = 0;
  let demoVillageCadre: string | null = null;
  const demoUser = await db
    .selectFrom('app_user')
    .select(['id', 'scope_code'])
    .where('username', '=', 'village')
    .where('role', '=', 'village_cadre')
    .executeTakeFirst();
  for (const [village, hh] of byVillage) {
    const v = byCode.get(village);
    const township = v?.parent_code ? byCode.get(v.parent_code) : undefined;
    const k = Math.max(1, Math.ceil(hh.length / rng.int(5, 8)));
    const cadreRows = Array.from({ length: k }, (_, i) => {
      const level: UnitLevel = i === 0 ? 'village' : rng.weighted(LEVELS);
      const unit =
        level === 'village'
          ? `${v?.name ?? village}村民委员会`
          : level === 'township'
            ? `${township?.name ?? ''}${rng.pick(TOWNSHIP_UNITS)}`
            : level === 'county'
              ? `${countyName}${rng.pick(COUNTY_UNITS)}`
              : level === 'prefecture'
                ? rng.pick(UPPER_UNITS)
                : rng.pick(PROVINCE_UNITS);
      const region =
        level === 'village' ? village : level === 'township' ? (township?.code ?? countyCode) : countyCode;
      return { name: name(rng), work_unit: unit, unit_level: level, phone: phone(rng), region_code: region };
    });
    const ids = (await db.insertInto('cadre').values(cadreRows).returning('id').execute()).map((r) =>
      String(r.id),
    );
    cadreCount += ids.length;
    if (demoUser && demoUser.scope_code === village) demoVillageCadre = ids[0]!;
    const order = shuffle(rng, [...hh]);
    order.forEach((h, i) => {
      const cadre = ids[i % ids.length]!;
      const need = needsCadre(h.status);
      const first = `${Math.max(h.registered_year ?? 2014, 2014)}-${String(rng.int(3, 11)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
      // gaps: ~3 % of those needing a cadre, ~8 % of exited households, have none now
      const without = rng.chance(need ? 0.03 : 0.08);
      const handover = ids.length > 1 && rng.chance(0.18);
      const start2 = `${rng.int(2021, 2024)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
      const pairStart = first < start2 ? first : addDays(start2, -400);
      if (handover || without) {
        const prev = handover ? ids[(i + 1) % ids.length]! : cadre;
        const end = without ? addDays(today, -rng.int(60, 500)) : addDays(start2, -1);
        assignments.push({
          household_id: String(h.id),
          cadre_id: prev,
          start_date: pairStart,
          end_date: end < pairStart ? pairStart : end,
          reason: '结对帮扶',
          end_reason: rng.pick(['帮扶责任人工作调动', '帮扶责任人退休', '调整结对关系', '驻村轮换']),
        });
      }
      if (without) return;
      assignments.push({
        household_id: String(h.id),
        cadre_id: cadre,
        start_date: handover ? start2 : pairStart,
        reason: handover ? '帮扶责任人调整，工作交接' : '结对帮扶',
      });
    });
  }
  await chunked(assignments, 3000, (c) => db.insertInto('cadre_assignment').values(c).execute());
  if (demoUser && demoVillageCadre)
    await db.updateTable('cadre').set({ user_id: demoUser.id }).where('id', '=', demoVillageCadre).execute();

  await seedTeams(db, rng, regions, countyName, today);
  const visits = await seedVisits(db, ctx.seed, countyCode, today);
  ctx.log(
    `demo: ${cadreCount} cadres, ${assignments.length} assignments, ${visits} visits` +
      (demoVillageCadre ? ', account village linked' : ''),
  );
}

const LEVELS = weightedTable<UnitLevel>([
  ['village', 40],
  ['township', 33],
  ['county', 22],
  ['prefecture', 3],
  ['province', 2],
]);

/** Teams rotated every three years since 2015 in poor villages; ~6 % lack a current team. */
async function seedTeams(
  db: Kysely<DB>,
  rng: Rng,
  regions: { code: string; name: string; level: number; is_poor_village: boolean }[],
  countyName: string,
  today: string,
) {
  const rotations = [
    ['2015-10-01', '2017-12-31'],
    ['2018-01-01', '2021-05-31'],
    ['2021-06-01', '2024-05-31'],
    ['2024-06-01', null],
  ] as const;
  for (const v of regions.filter((r) => r.level === 5 && r.is_poor_village)) {
    const missing = rng.chance(0.06);
    for (const [i, [start, end]] of rotations.entries()) {
      if (start > today) continue;
      const last = i === rotations.length - 1;
      if (last && missing) continue;
      const unit = rng.chance(0.15)
        ? rng.pick(PROVINCE_UNITS)
        : rng.chance(0.3)
          ? rng.pick(UPPER_UNITS)
          : `${countyName}${rng.pick(COUNTY_UNITS)}`;
      const { id } = await db
        .insertInto('work_team')
        .values({ village_code: v.code, sending_unit: unit, start_date: start, end_date: end })
        .returning('id')
        .executeTakeFirstOrThrow();
      const size = rng.int(2, 4);
      await db
        .insertInto('work_team_member')
        .values(
          Array.from({ length: size }, (_, j) => ({
            team_id: String(id),
            name: name(rng),
            role: j === 0 ? 'first_secretary' : j === 1 ? 'leader' : 'member',
            work_unit: unit,
            phone: phone(rng),
          })),
        )
        .execute();
    }
  }
}

/**
 * Visits of the last two years, set-based: every household with a visit plan is visited at its
 * plan's pace (with a few days' jitter) by its current cadre; ~8 % stopped being visited some
 * months ago and are overdue, as are households left without a cadre.
 */
async function seedVisits(db: Kysely<DB>, seed: number, county: string, today: string) {
  const r = await sql<{ n: string }>`
    with hh as (
      select h.id, a.cadre_id, h.village_code,
        case when h.status in ('poor', 'returned') then 'poor' when h.status = 'monitored' then 'monitored'
          else 'exited' end as kind,
        ('x' || substr(md5(${String(seed)} || ':' || h.id), 1, 7))::bit(28)::int as hsh
      from household h
      join cadre_assignment a on a.household_id = h.id and a.end_date is null
      where h.village_code >= ${county} and h.village_code < ${county + '~'}
        and h.status in ('poor', 'returned', 'monitored', 'exited', 'risk_removed')
    ), p as (
      select hh.*, ceil(365.0 / r.visits_per_year)::int as iv
      from hh cross join lateral (
        select visits_per_year from visit_plan_rule r
        where r.household_kind = hh.kind and starts_with(hh.village_code, r.region_prefix)
        order by length(r.region_prefix) desc limit 1) r
      where r.visits_per_year > 0
    ), dates as (
      select p.id, p.village_code, p.cadre_id, p.kind, p.hsh, g.n,
        (${today}::date - 730 + (p.hsh % p.iv) + g.n * p.iv + ((p.hsh / 7 + g.n * 13) % 11) - 5) as d,
        -- ~8 % stopped being visited 1–4 intervals ago
        case when p.hsh % 100 < 8 then ${today}::date - p.iv * (1 + (p.hsh / 100) % 4) - 20 else ${today}::date end as until
      from p cross join lateral generate_series(0, 730 / p.iv) g(n)
    ), ins as (
      insert into visit (household_id, village_code, cadre_id, visit_date, purpose, findings, follow_up, created_at)
      select id, village_code, cadre_id, d,
        (array['routine', 'routine', 'routine', 'policy', 'income', 'plan', 'risk'])[1 + (hsh + n) % 7],
        (array['家中生产生活正常，“两不愁三保障”无问题',
               '了解务工收入情况，主要劳动力在外务工',
               '宣讲产业奖补和小额信贷政策',
               '核对帮扶措施落实情况，猪苗已到户',
               '户主慢性病用药正常，已办理门诊慢特病',
               '住房安全，饮水正常，孩子按时上学',
               '收入较上年下降，需关注',
               '帮助填写产业补贴申报表'])[1 + (hsh / 3 + n) % 8],
        case when (hsh + n) % 5 = 0 then (array['下次走访核实务工收入', '联系镇农业服务中心技术指导',
          '协调医保报销', '跟进公益性岗位申请'])[1 + (hsh + n) % 4] end,
        d::timestamptz
      from dates where d <= until and d <= ${today}::date and d > ${today}::date - 731
      returning 1
    ) select count(*)::text as n from ins`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export const cadresDemo: DemoExtension = { name: 'cadres', version: 1, clear, seed };
