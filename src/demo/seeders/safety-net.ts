import { sql } from 'kysely';
import { chinaDate } from '../../domain/calendar.js';
import { defaultParams } from '../../domain/rules/params.js';
import { addMonths, monthOf } from '../../domain/safety-net/month.js';
import { safetyNetDefaults } from '../../domain/safety-net/params.js';
import { paymentRepository } from '../../modules/safety-net/payment-repository.js';
import type { DemoContext, DemoExtension } from '../context.js';

/**
 * Demo: the civil-affairs picture of the demo county (docs/demo-data.md "Safety net"). Set-based and
 * deterministic from the seed (an md5 hash of the household number and the seed):
 *  - the dibao roll: every household with a member on dibao at the end of the generated years and
 *    none on 特困; category A 20 % / B 30 % / C 50 %; benefit max(standard − per-capita income a
 *    month without the dibao and 特困 payments, 30) × persons, at most the standard × persons; started 3–74 months ago; next review
 *    within the interval of its category (A 12, B 6, C 3 months; about 15 days' worth already due);
 *    4 % in gradual exit (ending within 0–3 months), 5 % ceased (income 60 %, death 20 %, moved
 *    15 %, refusal 5 %);
 *  - the 特困 roll: every household with a member on 特困 (so no household is on both); centralised
 *    20 %; care self 55 % / partly 30 % / fully 15 %; (basic + care) × persons;
 *  - temporary assistance: 1.5 % of the county's households a year (this year to date and last year),
 *    60 % emergency (a tenth of them fast-tracked), 500–3,000 yuan;
 *  - medical assistance records for 3 % of the roll households this year;
 *  - last month's payment list of the county.
 */
const hash = (salt: string, seed: number) =>
  sql<number>`(('x' || substr(md5(h.household_no || ${`:${salt}:${seed}`}), 1, 7))::bit(28)::int % 1000)`;

async function seedRolls(ctx: DemoContext, today: string) {
  const year = Number(today.slice(0, 4));
  const p = safetyNetDefaults(defaultParams(year, { western: true }));
  const s = p.dibaoStandardMonthly;
  const month = monthOf(today);
  const r = hash('roll', ctx.seed);
  const r2 = hash('state', ctx.seed);
  const r3 = hash('review', ctx.seed);
  const county = `${ctx.countyCode}%`;
  const care = p.tekunCareMonthly;
  await sql`
    with hh as (
      select h.id, h.village_code, ${r} as r, ${r2} as r2, ${r3} as r3,
        count(*) filter (where m.member_status = 'present')::int as persons,
        bool_or(m.is_tekun and m.member_status = 'present') as tekun,
        -- the assessed income leaves out the dibao and 特困 payments themselves (as assessDibaoIncome does)
        (select greatest(y.net_income - y.transfer_dibao, 0) / greatest(y.size, 1) from household_year y
          where y.household_id = h.id order by y.year desc limit 1) as pc
      from household h join member m on m.household_id = h.id
      where h.village_code like ${county}
      group by h.id, h.village_code
      having bool_or((m.is_dibao or m.is_tekun) and m.member_status = 'present')
    ), d as (
      select hh.*, greatest(persons, 1) as n,
        case when tekun then (case when r < 200 then 'centralised' else 'dispersed' end)
             else (case when r < 200 then 'A' when r < 500 then 'B' else 'C' end) end as category,
        case when r % 100 < 55 then 'self_care' when r % 100 < 85 then 'partly_dependent' else 'fully_dependent' end as care,
        case when r < 200 then 12 when r < 500 then 6 else 3 end as review_months,
        case when tekun then 'active' when r2 < 40 then 'gradual_exit' when r2 < 90 then 'ceased' else 'active' end as state
      from hh
    )
    insert into assistance_roll (programme, household_id, village_code, category, care_level, persons, monthly_amount,
      computation, state, start_month, end_month, gradual_exit_until, review_kind, next_review_on,
      cessation_reason, ceased_on, created_at, updated_at)
    select
      case when tekun then 'tekun' else 'dibao' end, id, village_code, category,
      case when tekun then care end, n,
      case when tekun then round((${p.tekunBasicMonthly}::numeric + case care when 'self_care' then ${care.self_care}::numeric
             when 'partly_dependent' then ${care.partly_dependent}::numeric else ${care.fully_dependent}::numeric end) * n, 2)
           else round(least(${s}::numeric, greatest(${s}::numeric - coalesce(pc, 0) / 12, ${p.minimumBenefitPerPerson}::numeric)) * n, 2) end,
      jsonb_build_object('demo', true, 'standardMonthly', ${s}::numeric, 'perCapitaIncome', round(coalesce(pc, 0) / 12, 2)),
      state,
      (${month}::date - make_interval(months => 3 + r2 % 72))::date,
      case when state = 'ceased' then (${month}::date - make_interval(months => 1 + r3 % 12))::date end,
      case when state = 'gradual_exit' then (${month}::date + make_interval(months => r3 % 4))::date end,
      case when tekun then null when category = 'A' then 'noLabour' when category = 'B' then 'illOrDisabled' else 'withLabour' end,
      case when tekun or state = 'ceased' then null
           else (${today}::date + (r3 % (review_months * 30)) - 15) end,
      case when state = 'ceased' then (case when r % 100 < 60 then 'income' when r % 100 < 80 then 'death' when r % 100 < 95 then 'moved' else 'refusal' end) end,
      case when state = 'ceased' then (${month}::date - make_interval(months => r3 % 12))::date end,
      ${ctx.today}, ${ctx.today}
    from d`.execute(ctx.db);
  await sql`
    insert into assistance_roll_change (roll_id, village_code, kind, decision, effective_month, amount_before, amount_after, computation, note, decided_at)
    select id, village_code, 'start', 'start', start_month, null, monthly_amount, computation, '演示数据', ${ctx.today}
    from assistance_roll where village_code like ${county}`.execute(ctx.db);
  // a ceased entry's cessation decision, for its history
  await sql`
    insert into assistance_roll_change (roll_id, village_code, kind, decision, effective_month, amount_before, amount_after, note, decided_at)
    select id, village_code, 'cease', 'stop', (end_month + interval '1 month')::date, monthly_amount, 0, '演示数据', ${ctx.today}
    from assistance_roll where village_code like ${county} and state = 'ceased'`.execute(ctx.db);
}

async function seedTemporary(ctx: DemoContext, today: string) {
  const year = Number(today.slice(0, 4));
  const county = `${ctx.countyCode}%`;
  for (const y of [year - 1, year]) {
    const r = hash(`temp${y}`, ctx.seed);
    const r2 = hash(`temp-amount${y}`, ctx.seed);
    const days =
      y === year ? sql<number>`greatest(${today}::date - ${`${y}-01-01`}::date, 1)` : sql<number>`365`;
    await sql`
      with t as (
        select h.id, h.village_code, ${r} as r, ${r2} as r2, (${`${y}-01-01`}::date + (${r2} * 7919 % ${days})::int) as applied
        from household h where h.village_code like ${county} and ${r} < 15
      )
      insert into temporary_assistance (household_id, village_code, type, cause, fast_track, state, requested_amount, amount,
        approval_level, applied_on, decided_on, pay_month, regularise_by, regularised_on, note, created_at, updated_at)
      select id, village_code,
        case when r2 % 10 < 6 then 'emergency' else 'expenditure' end,
        case when r2 % 10 < 2 then 'fire' when r2 % 10 < 4 then 'accident' when r2 % 10 < 6 then 'illness' when r2 % 10 < 9 then 'medical' else 'schooling' end,
        r2 % 10 = 0,
        case when r2 % 10 = 0 then 'regularised' else 'approved' end,
        500 + (r2 * 37 % 26) * 100, 500 + (r2 * 37 % 26) * 100,
        case when 500 + (r2 * 37 % 26) * 100 <= 1200 then 'township' else 'county' end,
        applied, applied + 3, date_trunc('month', applied + 3)::date,
        case when r2 % 10 = 0 then applied + 10 end, case when r2 % 10 = 0 then applied + 6 end,
        '演示数据', ${ctx.today}, ${ctx.today}
      from t where applied + 3 <= ${today}::date`.execute(ctx.db);
  }
  // medical assistance this year for 3 % of the roll households (after the insurances)
  const r = hash('medical', ctx.seed);
  await sql`
    insert into sectoral_assistance (household_id, village_code, sector, occurred_on, amount, details, source, source_ref, recorded_at)
    select h.id, h.village_code, 'medical', (${`${year}-01-01`}::date + (${r} * 13 % 300))::date,
      round((2000 + ${r} * 40) * 0.3, 2),
      jsonb_build_object('totalCost', 2000 + ${r} * 40, 'basicPaid', round((2000 + ${r} * 40) * 0.55, 2),
        'criticalPaid', round((2000 + ${r} * 40) * 0.05, 2), 'selfPaid', round((2000 + ${r} * 40) * 0.1, 2)),
      'department_list', '县医保局一站式结算清单（演示）', ${ctx.today}
    from household h join assistance_roll a on a.household_id = h.id and a.state <> 'ceased'
    where h.village_code like ${county} and ${r} < 30
      and (${`${year}-01-01`}::date + (${r} * 13 % 300)) <= ${today}::date`.execute(ctx.db);
}

/** Last month's payment list of the county, from the rolls as seeded. */
async function seedPaymentList(ctx: DemoContext, today: string) {
  const month = addMonths(monthOf(today), -1);
  const due = await paymentRepository.due(ctx.db, ctx.countyCode, month);
  const list = await ctx.db
    .insertInto('payment_list')
    .values({ county_code: ctx.countyCode, month, state: 'exported', exports: 1, created_at: ctx.today })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < due.length; i += 1000)
    await ctx.db
      .insertInto('payment_line')
      .values(
        due.slice(i, i + 1000).map((d) => ({
          list_id: list.id,
          village_code: d.village_code,
          household_id: d.household_id,
          programme: d.programme,
          roll_id: d.roll_id,
          temporary_id: d.temporary_id,
          amount: d.amount,
          state: 'due',
          updated_at: ctx.today,
        })),
      )
      .execute();
  const totals = ['dibao', 'tekun', 'temporary'].map((programme) => {
    const mine = due.filter((d) => d.programme === programme);
    const sum = Math.round(mine.reduce((s, d) => s + Number(d.amount), 0) * 100) / 100;
    return {
      programme,
      expected: sum,
      listed: sum,
      returned: 0,
      corrections: 0,
      paid: sum,
      lines: mine.length,
    };
  });
  await ctx.db
    .updateTable('payment_list')
    .set({ totals: JSON.stringify({ totals }) })
    .where('id', '=', list.id)
    .execute();
  return due.length;
}

export const safetyNetDemo: DemoExtension = {
  name: 'safety-net',
  version: 2, // 2: the dibao benefit from the income without the dibao and 特困 payments
  async clear(ctx) {
    const county = `${ctx.countyCode}%`;
    await ctx.db.deleteFrom('payment_list').where('county_code', '=', ctx.countyCode).execute();
    await ctx.db.deleteFrom('sectoral_assistance').where('village_code', 'like', county).execute();
    await ctx.db.deleteFrom('temporary_assistance').where('village_code', 'like', county).execute();
    await ctx.db.deleteFrom('assistance_roll').where('village_code', 'like', county).execute();
  },
  async seed(ctx) {
    const today = chinaDate(ctx.today);
    await seedRolls(ctx, today);
    await seedTemporary(ctx, today);
    const lines = await seedPaymentList(ctx, today);
    const n = await ctx.db
      .selectFrom('assistance_roll')
      .select(['programme', 'state', (eb) => eb.fn.countAll<string>().as('n')])
      .where('village_code', 'like', `${ctx.countyCode}%`)
      .groupBy(['programme', 'state'])
      .execute();
    ctx.log(
      `demo: safety net ${n.map((x) => `${x.programme}/${x.state} ${x.n}`).join(', ')}; ${lines} payment lines`,
    );
  },
};
