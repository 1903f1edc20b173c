import { sql } from 'kysely';
import { DEFAULT_INCENTIVE_RULES } from '../../domain/effort/ledger.js';
import type { DemoContext, DemoExtension } from '../context.js';

const inCounty = (ctx: DemoContext) => `${ctx.countyCode}%`;
/** A deterministic draw in [0, 1000) from a key and the seed. */
const draw = (key: string, seed: number) =>
  sql<number>`(('x' || substr(md5(${sql.raw(key)} || ${String(seed)}), 1, 7))::bit(28)::int % 1000)`;

const SHOP = [
  { name: '洗衣粉', points: 20 },
  { name: '食用油 5 升', points: 80 },
  { name: '学生书包', points: 60 },
];

/**
 * Demo: the households' own effort (docs/effort.md, docs/demo-data.md). Employment records from the
 * generator's migrant members (place, months, monthly wage; reach by the place: 湖南 in the province,
 * else out of province) and, for 15 % of the other working-age members with labour, local work of
 * 3–10 months at 1,800 yuan; skills training for 8 % of working-age members; the county adopts the
 * default incentive rules; each township keeps a points shop of three items; 20 % of the poor and
 * exited households earned points for training or hygiene, a quarter of them redeemed one item;
 * one infrastructure project in five villages is flagged as work relief with a month's wages for
 * two to four local members (rows only: the demo's income months are the facts seeder's).
 */
export const effortDemo: DemoExtension = {
  name: 'effort',
  version: 1,
  async clear(ctx) {
    const like = inCounty(ctx);
    for (const t of ['work_relief_wage', 'incentive_entry', 'member_training', 'member_employment'] as const)
      await ctx.db.deleteFrom(t).where('village_code', 'like', like).execute();
    await ctx.db.deleteFrom('shop_item').where('region_code', 'like', like).execute();
    await ctx.db.deleteFrom('incentive_rule').where('county_code', '=', ctx.countyCode).execute();
    await ctx.db
      .updateTable('project')
      .set({ work_relief: false })
      .where('village_code', 'like', like)
      .execute();
  },
  async seed(ctx) {
    const { db, seed } = ctx;
    const like = inCounty(ctx);
    const now = ctx.today;
    const year = now.getUTCFullYear();
    const day = now.toISOString().slice(0, 10);
    const emp = await sql`
      insert into member_employment (village_code, household_id, member_id, year, place, employer, reach, months, income, observed_on, source, recorded_at)
      select h.village_code, h.id, m.id, ${year}::smallint, m.migrant_place, null,
        case when m.migrant_place like '湖南%' then 'province' else 'out_of_province' end,
        m.migrant_months, m.migrant_months * coalesce(m.migrant_monthly_wage, 3000), ${day}::date, 'home_visit', ${now}::timestamptz
      from member m join household h on h.id = m.household_id
      where h.village_code like ${like} and m.member_status = 'present' and m.migrant_months > 0 and m.migrant_place is not null
      union all
      select h.village_code, h.id, m.id, ${year}::smallint, '本乡', '本地合作社', 'local',
        3 + ${draw('m.id::text', seed)} % 8, (3 + ${draw('m.id::text', seed)} % 8) * 1800, ${day}::date, 'home_visit', ${now}::timestamptz
      from member m join household h on h.id = m.household_id
      where h.village_code like ${like} and m.member_status = 'present' and coalesce(m.migrant_months, 0) = 0
        and m.labour_capacity in ('ordinary', 'skilled') and ${draw("m.id::text || 'l'", seed)} < 150`.execute(
      db,
    );
    const tr = await sql`
      insert into member_training (village_code, household_id, member_id, course, organiser, started_on, ended_on, certificate, source, recorded_at)
      select h.village_code, h.id, m.id,
        (array['电商技能', '家政服务', '种养技术', '电工'])[1 + ${draw("m.id::text || 'c'", seed)} % 4],
        '县人社局', make_date(${year}::int, 3 + ${draw("m.id::text || 'd'", seed)} % 6, 10), make_date(${year}::int, 3 + ${draw("m.id::text || 'd'", seed)} % 6, 14),
        case when ${draw("m.id::text || 'z'", seed)} < 600 then '结业证书' end, 'document', ${now}::timestamptz
      from member m join household h on h.id = m.household_id
      where h.village_code like ${like} and m.member_status = 'present'
        and m.labour_capacity in ('ordinary', 'skilled') and ${draw("m.id::text || 't'", seed)} < 80`.execute(
      db,
    );
    await db
      .insertInto('incentive_rule')
      .values(
        DEFAULT_INCENTIVE_RULES.map((r) => ({
          county_code: ctx.countyCode,
          code: r.code,
          label_zh: r.labelZh,
          label_en: r.labelEn,
          points: r.points,
          updated_at: now,
        })),
      )
      .execute();
    await sql`
      insert into shop_item (region_code, name, points, created_at)
      select r.code, s.name, s.points, ${now}::timestamptz
      from region r cross join (values ${sql.join(SHOP.map((s) => sql`(${s.name}, ${s.points}::int)`))}) as s(name, points)
      where r.level = 4 and r.code like ${like}`.execute(db);
    await sql`
      insert into incentive_entry (village_code, household_id, kind, points, rule_code, note, balance_after, recorded_at)
      select h.village_code, h.id, 'earn', case when ${draw("h.id::text || 'r'", seed)} < 500 then 20 else 10 end,
        case when ${draw("h.id::text || 'r'", seed)} < 500 then 'training_attended' else 'hygiene_met' end, '示例',
        case when ${draw("h.id::text || 'r'", seed)} < 500 then 20 else 10 end, ${now}::timestamptz
      from household h
      where h.village_code like ${like} and h.status in ('poor', 'exited') and ${draw("h.id::text || 'e'", seed)} < 200`.execute(
      db,
    );
    await sql`
      insert into incentive_entry (village_code, household_id, kind, points, item_id, quantity, note, balance_after, recorded_at)
      select e.village_code, e.household_id, 'redeem', -s.points, s.id, 1, '示例', e.balance_after - s.points, ${now}::timestamptz
      from incentive_entry e join shop_item s on s.region_code = left(e.village_code, 9) and s.name = '洗衣粉'
      where e.village_code like ${like} and e.balance_after >= s.points and ${draw("e.household_id::text || 'x'", seed)} < 250`.execute(
      db,
    );
    const projects = await sql<{ id: string }>`
      update project p set work_relief = true
      where p.id in (
        select min(id) from project where village_code like ${like} and project_type = 'infrastructure'
        group by village_code having ${draw('village_code', seed)} < 200)
      returning p.id`.execute(db);
    const wages = await sql`
      insert into work_relief_wage (project_id, village_code, household_id, member_id, period, days, amount, paid_on, recorded_at)
      select p.id, h.village_code, h.id, m.id, to_char(${now}::date - interval '1 month', 'YYYY-MM'),
        10 + ${draw("m.id::text || 'w'", seed)} % 12, (10 + ${draw("m.id::text || 'w'", seed)} % 12) * 120,
        ${day}::date - 20, ${now}::timestamptz
      from project p join household h on h.village_code = p.village_code
      join member m on m.household_id = h.id and m.relation = 'head' and m.member_status = 'present'
      where p.work_relief and p.village_code like ${like} and ${draw("h.id::text || 'p'", seed)} < 120`.execute(
      db,
    );
    ctx.log(
      `demo: effort — ${emp.numAffectedRows ?? 0} employment, ${tr.numAffectedRows ?? 0} training records, ${projects.rows.length} work-relief projects with ${wages.numAffectedRows ?? 0} wages`,
    );
  },
};
