import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../../kernel/user.js';
import { recordAudit } from '../../modules/audit/service.js';
import type { DemoContext, DemoExtension } from '../context.js';
import { hashAccessCode } from '../../modules/portal/service.js';

/**
 * Demo data of the household portal and grievances, set-based and deterministic from the seed (md5
 * of household number, tag and seed): grievances from ≈ 0.5 % of households over the last 18 months
 * in every state (recent ones received, some acknowledgements and resolutions overdue and escalated,
 * older ones resolved and mostly closed with the complainant's feedback, ≈ 80 % satisfied); ratings of
 * the help of the latest plan year by ≈ 25 % of planned households (mean ≈ 4.2); and the demo portal
 * sign-in: a registered household of 十八洞村 with a plan (poor, else returned, monitored, exited; or of the county) with the demo password as its code.
 */
export const DEMO_PORTAL_VILLAGE = '433124110226';

const u = (seed: number, tag: string, col = 'h.household_no') =>
  sql<number>`((get_byte(decode(md5(${sql.ref(col)} || ${`:${tag}:${seed}`}), 'hex'), 0) * 256
    + get_byte(decode(md5(${sql.ref(col)} || ${`:${tag}:${seed}`}), 'hex'), 1)) / 65536.0)`;

const inCounty = (county: string) => sql`h.village_code >= ${county} and h.village_code < ${county + '~'}`;

/** The demo household: a registered (poor, returned, monitored or exited) household with a plan, poorest status first. */
async function demoHousehold(ctx: DemoContext) {
  const pick = async (prefix: string) =>
    (
      await sql<{ id: string; household_no: string; village_code: string }>`
        select h.id, h.household_no, h.village_code from household h
        where h.village_code >= ${prefix} and h.village_code < ${prefix + '~'}
          and h.status in ('poor', 'returned', 'monitored', 'exited')
          and exists (select 1 from household_plan p where p.household_id = h.id)
        order by case h.status when 'poor' then 0 when 'returned' then 1 when 'monitored' then 2 else 3 end, h.household_no
        limit 1`.execute(ctx.db)
    ).rows[0];
  return (
    (DEMO_PORTAL_VILLAGE.startsWith(ctx.countyCode) ? await pick(DEMO_PORTAL_VILLAGE) : undefined) ??
    pick(ctx.countyCode)
  );
}

async function seedGrievances(ctx: DemoContext) {
  const { db, seed, countyCode } = ctx;
  const today = ctx.today.toISOString();
  await sql`
    with pick as (
      select h.id, h.household_no, h.village_code, ${u(seed, 'gd')} * 540 as age, ${u(seed, 'gs')} as s,
        ${u(seed, 'gk')} as k, ${u(seed, 'gc')} as c, ${u(seed, 'gf')} as f
      from household h where ${inCounty(countyCode)} and ${u(seed, 'g')} < 0.005
    ), g as (
      select p.*, ${today}::timestamptz - make_interval(secs => p.age * 86400) as filed,
        case when p.k < 0.22 then 'identification_unfair' when p.k < 0.34 then 'exit_unfair'
          when p.k < 0.66 then 'help_not_delivered' when p.k < 0.78 then 'cadre_conduct'
          when p.k < 0.86 then 'funds_misuse' else 'other' end as kind,
        case when p.age < 3 then 'received'
          when p.age < 15 then case when p.s < 0.15 then 'received' else 'acknowledged' end
          when p.s < 0.06 then 'acknowledged' when p.s < 0.16 then 'resolved' else 'closed' end as state
      from pick p
    )
    insert into grievance (tracking_code, channel, household_id, kind, region_code, township_code, county_code,
      description, anonymous, contact_name, contact_phone, state, filed_at, ack_due_at, resolve_due_at,
      acknowledged_at, resolved_at, outcome, feedback, feedback_at, escalated_at, escalation_reason, closed_at, synthetic)
    select translate(upper(substr(md5(g.household_no || ${`:gt:${seed}`}), 1, 12)), '01', 'XY'),
      case when g.c < 0.4 then 'portal' else 'public' end,
      case when g.c < 0.4 then g.id end,
      g.kind,
      case when g.c >= 0.4 and g.c < 0.5 then left(g.village_code, 9) else g.village_code end,
      left(g.village_code, 9), left(g.village_code, 6),
      case g.kind
        when 'identification_unfair' then '邻居家条件比我们好却被评为贫困户，评议不公开（演示数据）'
        when 'exit_unfair' then '家里还有病人要长期吃药，收入不稳，却被要求脱贫（演示数据）'
        when 'help_not_delivered' then '帮扶计划里说的产业补助和技能培训一直没有落实（演示数据）'
        when 'cadre_conduct' then '帮扶干部很少来，来了也只是拍照填表（演示数据）'
        when 'funds_misuse' then '村里的扶贫项目资金去向不明，没有公示（演示数据）'
        else '村里的饮水管道经常坏，反映多次没人修（演示数据）' end,
      g.c >= 0.4 and g.c < 0.7,
      case when g.c >= 0.7 then '群众（演示）' end,
      case when g.c >= 0.7 then '139' || lpad((floor(g.f * 1e8))::bigint::text, 8, '0') end,
      g.state, g.filed, g.filed + interval '3 days', g.filed + interval '15 days',
      case when g.state <> 'received' then g.filed + interval '1 day' + make_interval(secs => g.f * 86400) end,
      case when g.state in ('resolved', 'closed') then g.filed + interval '6 days' + make_interval(secs => g.f * 8 * 86400) end,
      case when g.state in ('resolved', 'closed') then case g.kind
        when 'identification_unfair' then '经乡镇复核并重新民主评议，结果已在村务公开栏公示'
        when 'exit_unfair' then '已入户核实，暂缓退出，纳入监测对象继续帮扶'
        when 'help_not_delivered' then '已督促责任单位落实，补助已发放到户'
        when 'cadre_conduct' then '已约谈帮扶干部，调整走访计划'
        when 'funds_misuse' then '已由县审计部门核查，资金使用情况已公示'
        else '已安排维修，并明确村级管护责任人' end end,
      case when g.state = 'closed' then case when g.f < 0.82 then 'satisfied' else 'not_satisfied' end end,
      case when g.state = 'closed' then g.filed + interval '18 days' end,
      case when g.state = 'received' and g.age >= 3 then g.filed + interval '3 days' + interval '1 hour'
        when g.state = 'acknowledged' and g.age >= 15 then g.filed + interval '15 days' + interval '1 hour' end,
      case when g.state = 'received' and g.age >= 3 then 'ack_overdue'
        when g.state = 'acknowledged' and g.age >= 15 then 'resolve_overdue' end,
      case when g.state = 'closed' then g.filed + interval '18 days' end,
      true
    from g
    on conflict (tracking_code) do nothing`.execute(db);
  await sql`
    insert into grievance_event (grievance_id, at, action, actor_name, note)
    select id, filed_at, 'file', case when channel = 'portal' then 'household' else 'public' end, null from grievance where synthetic and county_code = ${countyCode}
    union all select id, acknowledged_at, 'acknowledge', '乡镇干部（演示）', null from grievance where synthetic and county_code = ${countyCode} and acknowledged_at is not null
    union all select id, escalated_at, 'escalate', 'system', escalation_reason from grievance where synthetic and county_code = ${countyCode} and escalated_at is not null
    union all select id, resolved_at, 'resolve', '乡镇干部（演示）', outcome from grievance where synthetic and county_code = ${countyCode} and resolved_at is not null
    union all select id, feedback_at, feedback, 'complainant', null from grievance where synthetic and county_code = ${countyCode} and feedback is not null
    order by 1, 2`.execute(db);
}

async function seedRatings(ctx: DemoContext) {
  const { db, seed, countyCode } = ctx;
  await sql`
    insert into help_rating (household_id, village_code, year, measure_id, rating, comment, rated_at, synthetic)
    select h.id, h.village_code, p.year, null,
      case when ${u(seed, 'rv')} < 0.45 then 5 when ${u(seed, 'rv')} < 0.85 then 4 when ${u(seed, 'rv')} < 0.94 then 3
        when ${u(seed, 'rv')} < 0.98 then 2 else 1 end,
      case when ${u(seed, 'rc')} < 0.3 then '帮扶干部常来，措施落实了（演示数据）' end,
      least(make_date(p.year, 12, 31)::timestamptz, ${ctx.today.toISOString()}::timestamptz), true
    from household h
    join household_plan p on p.household_id = h.id
      and p.year = (select max(year) from household_plan q where q.household_id = h.id)
    where ${inCounty(countyCode)} and ${u(seed, 'r')} < 0.25
    on conflict do nothing`.execute(db);
}

export const portalDemo: DemoExtension = {
  name: 'portal',
  version: 1,
  async clear(ctx) {
    await ctx.db
      .deleteFrom('grievance')
      .where('synthetic', '=', true)
      .where('county_code', '=', ctx.countyCode)
      .execute();
    await ctx.db
      .deleteFrom('help_rating')
      .where('synthetic', '=', true)
      .where('village_code', '>=', ctx.countyCode)
      .where('village_code', '<', ctx.countyCode + '~')
      .execute();
  },
  async seed(ctx) {
    await seedGrievances(ctx);
    await seedRatings(ctx);
    const h = await demoHousehold(ctx);
    if (h && ctx.password) {
      const hash = await hashAccessCode(ctx.password);
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('portal_access')
          .values({ household_id: h.id, code_hash: hash })
          .onConflict((oc) =>
            oc.column('household_id').doUpdateSet({ code_hash: hash, failed_count: 0, retry_at: null }),
          )
          .execute();
        await recordAudit(trx, SYSTEM_ACTOR, {
          action: 'portal.code_issue',
          entityType: 'household',
          entityId: h.id,
          regionCode: h.village_code,
          reason: 'demo: the portal code of the demo household is the demo password',
        });
      });
      ctx.log(`demo: portal sign-in: household ${h.household_no}, access code = the demo password`);
    }
  },
};
