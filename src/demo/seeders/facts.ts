import { sql } from 'kysely';
import { chinaDate } from '../../domain/calendar.js';
import { defaultParams } from '../../domain/rules/params.js';
import { asOfFor } from '../../modules/rules/service.js';
import { monthsEnding, shiftMonth, windowEnd } from '../../modules/facts/recorded.js';
import { DEMO_LAST_YEAR } from '../service.js';
import type { DemoContext, DemoExtension } from '../context.js';
import { hashOf, seedRecentRound } from './facts-recent.js';

/**
 * Demo: the recorded facts (household_fact, issue 16; docs/demo-data.md "Recorded facts"), set-based,
 * deterministic from the seed. Dated around the evaluation date E (the end of the demo's last income
 * year, or today when earlier): the round of E is the quarter before E.
 *  - income by month for the 24 months ending at E of monitored, risk-removed, returned, roll and low-income
 *    households (the others' income is the year row, collected once a year), each item the year
 *    row's item split over the months (business and production cost by season), so that the months
 *    add up to the year row to the cent;
 *  - the last round's screening of food and clothing for every household; for the checked ones
 *    (registered, monitored, on a roll): housing safety and drinking water from the registry fields,
 *    rigid spending (medical as the year row where it matters — monitored, roll, or 5,000 yuan or
 *    more — and schooling for students beyond compulsory school),
 *    schooling and insurance of the members, land by type; risks and shocks of monitored and
 *    risk-removed households; legal supporters of roll households with an elderly member; the dibao
 *    means test of roll households and candidates; disability type beside grade;
 *  - realistic gaps: 3 % of households were not visited in the last round (their latest screening is
 *    13–15 months old and the last three months' income was not collected), 4 % of the means tests
 *    are declared but not yet verified, and 1 % of the checked households have a change pending;
 *  - when today is later than E: a recent visit round dated from today (facts-recent.ts). */
const NOTE = '演示数据';

/** Cumulative monthly weights (business income peaks at harvest; production cost in spring). */
const BUSINESS_CW = [0, 0.04, 0.08, 0.13, 0.19, 0.26, 0.34, 0.43, 0.55, 0.69, 0.82, 0.92, 1];
const COST_CW = [0, 0.06, 0.14, 0.28, 0.42, 0.52, 0.6, 0.67, 0.74, 0.82, 0.9, 0.95, 1];

interface Dates {
  /** The evaluation date the facts are dated for (E). */
  asOf: string;
  year: number;
  /** The months of the income records, oldest first ('YYYY-MM'), 24 of them. */
  months: string[];
  county: string;
  /** With a seriously ill or severely disabled member (single-person coverage): the near-dibao line + 0.2 × the standard a year. */
  candidateBelow: number;
  /** 1.1 × the standard a year: below it, a household is a dibao candidate. */
  belowStandard: number;
}

/** The households of the county with what the seeder reads (a temporary table, dropped on commit). */
async function stage(ctx: DemoContext, d: Dates) {
  const h = hashOf(sql`h.household_no`, 'gap', ctx.seed);
  await sql`drop table if exists demo_fact_hh`.execute(ctx.db);
  await sql`
    create temporary table demo_fact_hh as
    with roll as (
      select distinct household_id from assistance_roll where state <> 'ceased' and village_code like ${d.county}
    ), mem as (
      select m.household_id, bool_or(m.is_tekun) as tekun, count(m.disability_grade)::int as disabled,
        max(extract(year from age(${d.asOf}::date, m.birth_date)))::int as oldest,
        bool_or(m.health = 'serious' or m.disability_grade <= 2) as severe
      from member m join household h on h.id = m.household_id
      where h.village_code like ${d.county} and m.member_status = 'present' group by m.household_id
    ), mon as (
      select distinct on (s.household_id) s.household_id, s.changed_on as since,
        substring(s.reason from '风险类型([^；]+)') as risk_label
      from status_history s join household h on h.id = s.household_id
      where h.village_code like ${d.county} and s.to_status = 'monitored'
      order by s.household_id, s.changed_on desc
    )
    select h.id, h.village_code, h.household_no, h.status, h.main_cause, h.monitoring_category,
      h.house_grade, h.relocated, h.safe_water, h.house_year, h.house_structure, h.house_area_m2,
      h.land_cultivated_mu, h.land_forest_mu, h.industry_type, h.registered_year, h.status_date,
      greatest(h.size, 1) as size, y.wages,
      h.status in ('poor', 'returned', 'exited', 'monitored', 'risk_removed') or roll.household_id is not null as checked,
      roll.household_id is not null as on_roll,
      coalesce(mem.tekun, false) as tekun, coalesce(mem.disabled, 0) as disabled, mem.oldest,
      ${h} < 30 as gap,
      -- the visit of the last round: 5–95 days before E (the gap households: 13–15 months before)
      case when ${h} < 30 then ${d.asOf}::date - 395 - ${h} * 2
           else ${d.asOf}::date - 5 - (${hashOf(sql`h.household_no`, 'visit', ctx.seed)} % 91) end as visited_on,
      mon.since, mon.risk_label, y.per_capita_income as pc,
      -- a dibao candidate (低收入人口监测): after medical costs and without the payments received, below
      -- 1.1 × the standard, or below the near-dibao line (+ 0.2 × the standard) with a seriously ill or
      -- severely disabled member (single-person coverage)
      y.assessed - y.medical < ${d.belowStandard}
        or y.assessed - y.medical < ${d.candidateBelow} and coalesce(mem.severe, false) as candidate,
      -- low income (低收入人口动态监测): below twice the standard a year, income reported by month
      y.assessed - y.medical < ${d.belowStandard} / 1.1 * 2 and y.wages > 0 as low_income
    from household h
    left join roll on roll.household_id = h.id
    left join mem on mem.household_id = h.id
    left join mon on mon.household_id = h.id
    left join (select household_id, per_capita_income,
        -- as the dibao test sees it: without the dibao and 特困 payments received
        (net_income - transfer_dibao) / greatest(size, 1) as assessed, medical_cost / greatest(size, 1) as medical,
        wage_income as wages
      from household_year where year = ${d.year}) y on y.household_id = h.id
    where h.village_code like ${d.county}`.execute(ctx.db);
  await sql`create index on demo_fact_hh (id)`.execute(ctx.db);
  await sql`analyze demo_fact_hh`.execute(ctx.db);
}

/** jsonb of one month's items from a year row `y` (month number `src.k`; `x`: the split-off transfers). */
function monthItems() {
  const part = (expr: string, w: 'b' | 'c') => `(round(${expr} * w.${w}1, 2) - round(${expr} * w.${w}0, 2))`;
  const even = (expr: string) =>
    `(round(${expr} * src.k / 12.0, 2) - round(${expr} * (src.k - 1) / 12.0, 2))`;
  const business = part('y.business_income', 'b');
  return sql.raw(`jsonb_build_object(
      'wage', ${even('y.wage_income')},
      'businessPlanting', case when src.industry_type in ('livestock', 'tourism', 'processing') then 0 else ${business} end,
      'businessBreeding', case when src.industry_type = 'livestock' then ${business} else 0 end,
      'businessOther', case when src.industry_type in ('tourism', 'processing') then ${business} else 0 end,
      'productionCost', ${part('y.production_cost', 'c')},
      'property', ${even('y.property_income')},
      'transferTekun', case when src.tekun then ${even('y.transfer_dibao')} else 0 end,
      'transferDibao', case when src.tekun then 0 else ${even('y.transfer_dibao')} end,
      'transferDisability', ${even('x.disab')},
      'transferSupport', 0,
      'transferPension', ${even('y.transfer_pension')},
      'transferEco', ${even('y.transfer_eco')},
      'transferOther', ${even('(x.rest - x.disab)')},
      'employmentCost', ${even('round(y.wage_income * 0.08, 2)')})`);
}

/** Income by month (see the header); employment costs 8 % of the wages; the gap households lack the last three. */
async function seedIncome(ctx: DemoContext, d: Dates) {
  const lastMonths = d.months.slice(12);
  const cutoff = shiftMonth(lastMonths[11]!, -2);
  await sql`
    with src as (
      select hh.id, hh.village_code, hh.checked, hh.industry_type, hh.tekun, hh.disabled, mm,
        to_date(mm, 'YYYY-MM') as d, substr(mm, 6, 2)::int as k, substr(mm, 1, 4)::int as yy
      from demo_fact_hh hh cross join unnest(${d.months}::text[]) mm
      where (hh.status in ('monitored', 'risk_removed', 'returned') or (hh.on_roll or hh.low_income) and mm >= ${lastMonths[0]!})
        and not (hh.gap and mm >= ${cutoff})
    )
    insert into household_fact (village_code, household_id, kind, subject, value, observed_on, source, source_ref,
      state, recorded_at, confirmed_at, decision_note)
    select src.village_code, src.id, 'income_month', src.mm,
      jsonb_build_object('month', src.mm, 'items', ${monthItems()}),
      src.d, case when src.checked then 'home_visit' else 'self_report' end,
      case when src.checked then src.yy || '年逐月收入核查（帮扶责任人走访）' else src.yy || '年防返贫监测排查收入申报' end,
      'confirmed', least(src.d + interval '1 month' + (src.id % 20) * interval '1 day', ${ctx.today}::timestamptz),
      least(src.d + interval '1 month' + (5 + src.id % 20) * interval '1 day', ${ctx.today}::timestamptz), ${NOTE}
    from src join household_year y on y.household_id = src.id and y.year = src.yy
    join (select k::int, b0, b1, c0, c1 from unnest(${BUSINESS_CW.slice(0, 12)}::numeric[], ${BUSINESS_CW.slice(1)}::numeric[],
      ${COST_CW.slice(0, 12)}::numeric[], ${COST_CW.slice(1)}::numeric[]) with ordinality as w(b0, b1, c0, c1, k)) w on w.k = src.k
    cross join lateral (
      select r.rest, least(r.rest, 1200 * src.disabled) as disab
      from (select greatest(y.transfer_income - y.transfer_dibao - y.transfer_pension - y.transfer_eco, 0) as rest) r
    ) x`.execute(ctx.db);
}

const FACT_COLUMNS = sql.raw(
  'village_code, household_id, member_id, kind, subject, value, observed_on, source, source_ref, state, recorded_at, confirmed_at, decision_note',
);
/** recorded_at and confirmed_at of a fact observed on `on` (a SQL date expression), never after today. */
const stamps = (ctx: DemoContext, on: string) =>
  sql.raw(
    `least(${on} + interval '2 days', '${ctx.today.toISOString()}'::timestamptz), least(${on} + interval '6 days', '${ctx.today.toISOString()}'::timestamptz), '${NOTE}'`,
  );

/** The last round's screening: food and clothing, housing, water, rigid spending. */
async function seedScreening(ctx: DemoContext, d: Dates) {
  const from = `${monthsEnding(windowEnd(d.asOf))[0]}-01`;
  const r = hashOf(sql`hh.household_no`, 'food', ctx.seed);
  const q = sql.raw(`to_char(hh.visited_on, 'YYYY"年第"Q"季度入户走访"')`);
  await sql`
    insert into household_fact (${FACT_COLUMNS})
    select village_code, id, null::bigint, 'food_clothing', '', jsonb_build_object('secure', not (status = 'monitored' and ${r} < 20)),
      visited_on, 'home_visit', ${q}, 'confirmed', ${stamps(ctx, 'hh.visited_on')}
    from demo_fact_hh hh
    union all
    select village_code, id, null::bigint, 'housing_safety', '', jsonb_build_object('grade', house_grade,
        'rebuilt', registered_year is not null and house_year between 2015 and 2020 and house_structure = 'brick_concrete',
        'relocated', relocated, 'areaPerPerson', round(house_area_m2 / size, 1)),
      visited_on, case when checked then 'document' else 'department_list' end,
      case when checked then '农村住房安全等级鉴定（县住建局）' else '农村住房安全排查台账（县住建局）' end,
      'confirmed', ${stamps(ctx, 'hh.visited_on')}
    from demo_fact_hh hh where house_grade is not null and (checked or house_grade in ('C', 'D'))
    union all
    select village_code, id, null::bigint, 'drinking_water', '', jsonb_build_object('safe', safe_water),
      visited_on, 'department_list', '农村饮水安全台账（县水利局）', 'confirmed', ${stamps(ctx, 'hh.visited_on')}
    from demo_fact_hh hh where checked or not safe_water
    union all
    select hh.village_code, hh.id, null::bigint, 'rigid_spending', 'medical:' || ${from},
      jsonb_build_object('category', 'medical', 'amount', y.medical_cost, 'periodFrom', ${from}::text, 'periodTo', ${d.asOf}::text),
      ${d.asOf}::date, 'department_list', '县医保局一站式结算清单（报销后自付）', 'confirmed', ${stamps(ctx, `'${d.asOf}'::date`)}
    from demo_fact_hh hh join household_year y on y.household_id = hh.id and y.year = ${d.year}
    where y.medical_cost > 0 and hh.checked
      and (hh.status in ('poor', 'monitored', 'risk_removed', 'returned') or hh.on_roll or y.medical_cost >= 5000)
    union all
    select hh.village_code, hh.id, null::bigint, 'rigid_spending', 'disability:' || ${from},
      jsonb_build_object('category', 'disability', 'amount', 600 + (${r} % 25) * 100, 'periodFrom', ${from}::text,
        'periodTo', ${d.asOf}::text),
      hh.visited_on, 'document', '残疾人康复和辅具费用票据', 'confirmed', ${stamps(ctx, 'hh.visited_on')}
    from demo_fact_hh hh where hh.checked and hh.disabled > 0 and not hh.gap and ${r} < 400
    union all
    select hh.village_code, hh.id, null::bigint, 'rigid_spending', 'schooling:' || ${from},
      jsonb_build_object('category', 'schooling', 'amount', s.amount, 'periodFrom', ${from}::text, 'periodTo', ${d.asOf}::text),
      hh.visited_on, 'home_visit', '学费、住宿费票据', 'confirmed', ${stamps(ctx, 'hh.visited_on')}
    from demo_fact_hh hh join lateral (
      select round(sum(case m.student_status when 'senior' then 2500 when 'vocational' then 1500 else 6000 end)
        * (0.8 + ${r} / 2500.0), 0) as amount
      from member m where m.household_id = hh.id and m.member_status = 'present'
        and m.student_status in ('senior', 'vocational', 'higher_vocational', 'university')
      having count(*) > 0) s on true
    where not hh.gap`.execute(ctx.db);
}
/** Schooling and insurance of the members of checked households; disability type; land by type. */
async function seedMembers(ctx: DemoContext, d: Dates) {
  const r = hashOf(sql`m.id::text`, 'member', ctx.seed);
  const age = sql.raw(`extract(year from age('${d.asOf}'::date, m.birth_date))::int`);
  await sql`
    insert into household_fact (${FACT_COLUMNS})
    select hh.village_code, hh.id, m.id, 'schooling', '', jsonb_build_object(
        'status', case when m.student_status in ('preschool', 'primary', 'junior', 'senior', 'vocational',
                         'higher_vocational', 'university') then 'in_school'
                       when m.student_status = 'exempt' then 'exempt'
                       when ${age} between 6 and 15 then 'out_of_school' else 'not_school_age' end,
        'stage', case m.student_status when 'preschool' then 'preschool' when 'primary' then 'primary'
                       when 'junior' then 'junior' when 'senior' then 'senior' when 'vocational' then 'vocational'
                       when 'higher_vocational' then 'higher' when 'university' then 'higher' else 'none' end),
      hh.visited_on, 'department_list', '控辍保学台账（县教育局）', 'confirmed', ${stamps(ctx, 'hh.visited_on')}
    from demo_fact_hh hh join member m on m.household_id = hh.id and m.member_status = 'present'
    where hh.checked and ${age} between 3 and 18
    union all
    select hh.village_code, hh.id, m.id, 'insurance', '', jsonb_build_object('basicMedical', m.ins_basic_medical,
        'criticalIllness', m.ins_critical_illness, 'medicalAssistance', m.ins_medical_assistance),
      hh.visited_on, 'department_list', '城乡居民医保参保名单（县医保局）', 'confirmed', ${stamps(ctx, 'hh.visited_on')}
    from demo_fact_hh hh join member m on m.household_id = hh.id and m.member_status = 'present'
    where hh.checked
    union all
    select hh.village_code, hh.id, m.id, 'disability', '', jsonb_build_object(
        'disabilityType', case when ${r} < 290 then 'physical' when ${r} < 530 then 'hearing' when ${r} < 690 then 'multiple'
          when ${r} < 840 then 'visual' when ${r} < 910 then 'mental' when ${r} < 980 then 'intellectual' else 'speech' end,
        'disabilityGrade', m.disability_grade),
      ${d.asOf}::date - 200 - ${r} * 2, 'document', '第二代残疾人证（县残联）', 'confirmed',
      ${stamps(ctx, `'${d.asOf}'::date - 200`)}
    from demo_fact_hh hh join member m on m.household_id = hh.id and m.member_status <> 'deceased'
    where m.disability_grade is not null
    union all
    select hh.village_code, hh.id, null::bigint, 'land', '', jsonb_build_object(
        'cultivated', coalesce(hh.land_cultivated_mu, 0), 'forest', coalesce(hh.land_forest_mu, 0),
        'garden', case when hh.industry_type = 'tea_fruit' then round(0.5 + (hh.id % 16) / 10.0, 1) else 0 end,
        'grassland', 0, 'water', case when hh.id % 200 = 0 then 0.3 else 0 end),
      make_date(2017 + (hh.id % 3)::int, 6, 30), 'department_list', '农村土地承包经营权确权登记', 'confirmed',
      ${stamps(ctx, 'make_date(2017 + (hh.id % 3)::int, 6, 30)')}
    from demo_fact_hh hh where hh.checked and coalesce(hh.land_cultivated_mu, 0) + coalesce(hh.land_forest_mu, 0) > 0`.execute(
    ctx.db,
  );
}

const RISK_OF_LABEL = sql.raw(`case risk_label when '因病' then 'illness' when '因残' then 'disability'
  when '因学' then 'schooling' when '因灾' then 'disaster' when '因意外事故' then 'accident'
  when '务工就业不稳' then 'employment' when '产业项目失败' then 'industry_failure' when '缺劳动力' then 'labour'
  else 'other' end`);
const EVIDENCE = sql.raw(`case code when 'illness' then '县人民医院诊断证明及住院费用清单'
  when 'disability' then '残疾人证及评定材料' when 'schooling' then '在读证明及学费票据'
  when 'disaster' then '乡镇灾情核查表' when 'accident' then '事故认定书及医疗费用票据'
  when 'employment' then '务工单位停工证明、社保断缴记录' when 'industry_failure' then '产业项目受损核查表'
  when 'labour' then '劳动能力评估（村民小组评议）' when 'spending_income' then '收入下降核查表'
  else '村委会走访核查记录' end`);

/** Monitoring risks (the reason of inclusion, a second one, a few new after inclusion) and shocks. */
async function seedRisks(ctx: DemoContext, d: Dates) {
  const r = hashOf(sql`household_no`, 'risk', ctx.seed);
  await sql`
    with risks as (
      select village_code, id, since, ${RISK_OF_LABEL} as code, since as started,
        case when status = 'risk_removed' then greatest(status_date, since) end as removed, false as after
      from demo_fact_hh where status in ('monitored', 'risk_removed') and since is not null
      union all
      select village_code, id, since, case when ${r} % 2 = 0 then 'spending_income' else 'employment' end,
        since + 20, case when status = 'risk_removed' then greatest(status_date, since + 20) end, false
      from demo_fact_hh where status in ('monitored', 'risk_removed') and since is not null and ${r} < 250
        and ${RISK_OF_LABEL} not in ('spending_income', 'employment')
      union all
      select village_code, id, since, case when ${r} % 3 = 0 then 'accident' else 'illness' end,
        ${d.asOf}::date - 20 - ${r} % 100, null, true
      from demo_fact_hh where status = 'monitored' and since is not null and ${r} >= 960
        and ${RISK_OF_LABEL} not in ('accident', 'illness')
    )
    insert into household_fact (${FACT_COLUMNS})
    select village_code, id, null::bigint, 'risk', code, jsonb_build_object('code', code, 'startedOn', started,
        'evidence', ${EVIDENCE}, 'removedOn', removed, 'afterInclusion', after),
      coalesce(removed, started), 'home_visit', '防返贫监测风险研判（村级评议、乡镇审核）', 'confirmed',
      ${stamps(ctx, 'coalesce(removed, started)')}
    from risks
    union all
    select village_code, id, null::bigint, 'shock', c.category || ':' || (since - 7),
      jsonb_build_object('category', c.category, 'date', since - 7, 'amount', 8000 + ${r} * 40,
        'evidence', case c.category when 'illness' then '县人民医院住院费用清单' when 'disaster' then '乡镇灾情核查表'
          else '事故认定书及医疗费用票据' end),
      since - 7, 'document', '突发严重困难户申报材料', 'confirmed', ${stamps(ctx, 'since')}
    from demo_fact_hh cross join lateral (select case when risk_label = '因病' then 'illness'
      when risk_label = '因灾' then 'disaster' else 'accident' end as category) c
    where monitoring_category = 'sudden' and since is not null`.execute(ctx.db);
}

/** Legal supporters of roll households with an elderly member; the means test of roll households and candidates. */
async function seedSafetyNet(ctx: DemoContext, d: Dates, standardMonthly: number) {
  const r = hashOf(sql`household_no`, 'means', ctx.seed);
  const cap = sql.raw(
    `case when tekun then 'none' when (id % 100) < 35 then 'able' when (id % 100) < 80 then 'limited' else 'none' end`,
  );
  await sql`
    with s as (select *, ${cap} as capacity from demo_fact_hh where on_roll and oldest >= 60 and ${r} < 600)
    insert into household_fact (${FACT_COLUMNS})
    select village_code, id, null::bigint, 'legal_supporter', 'child:', jsonb_build_object('relation', 'child',
        'supporterName', null, 'capacity', capacity,
        'agreedMonthly', case capacity when 'able' then 200 when 'limited' then 100 else 0 end,
        'paid12m', case capacity when 'able' then 200 * (10 + id % 3) when 'limited' then 100 * (8 + id % 5) else 0 end,
        'agreementRef', case when capacity <> 'none' then '赡养协议（村委会见证）' end),
      visited_on, 'civil_affairs', '低保审核入户调查（赡养义务人情况）', 'confirmed', ${stamps(ctx, 'visited_on')}
    from s`.execute(ctx.db);
  await sql`
    with c as (
      select *, round((0.2 + (${r} % 10) / 10.0) * 12 * ${standardMonthly}::numeric * size, 0) as deposits,
        round((0.6 + (${r} % 7) / 10.0) * 12 * ${standardMonthly}::numeric * size, 0) as spending
      from demo_fact_hh
      where on_roll or candidate
    )
    insert into household_fact (${FACT_COLUMNS})
    select village_code, id, null::bigint, 'dibao_means', '', jsonb_build_object(
        'declared', jsonb_build_object('vehicles', 0, 'houses', 1, 'deposits', deposits, 'spending12m', spending),
        'verified', case when ${r} < 40 then null
          else jsonb_build_object('vehicles', case when ${r} < 45 then 1 else 0 end, 'houses', 1,
            'deposits', deposits, 'spending12m', spending) end,
        'employmentCost12m', case when ${r} >= 40 then round(coalesce(wages, 0) * 0.08, 2) end),
      visited_on, 'civil_affairs', '居民家庭经济状况核对报告（县核对中心）', 'confirmed', ${stamps(ctx, 'visited_on')}
    from c`.execute(ctx.db);
}

/** 1 % of the checked households: a cadre's change of food and clothing or income awaiting confirmation. */
async function seedPending(ctx: DemoContext, d: Dates) {
  const r = hashOf(sql`household_no`, 'pending', ctx.seed);
  const last = d.months[23]!;
  await sql`
    insert into household_fact (village_code, household_id, kind, subject, value, observed_on, source, source_ref,
      state, recorded_at, decision_note)
    select hh.village_code, hh.id, 'food_clothing', '', jsonb_build_object('secure', true), ${d.asOf}::date,
      'home_visit', '补充走访', 'proposed', ${ctx.today}::timestamptz - (${r} % 10) * interval '1 day', ${NOTE}
    from demo_fact_hh hh where hh.checked and ${r} < 5
    union all
    select f.village_code, f.household_id, 'income_month', f.subject,
      jsonb_set(f.value, '{items,wage}', to_jsonb(round((f.value #>> '{items,wage}')::numeric * 1.1 + 300, 2))),
      f.observed_on, 'home_visit', '收入更正（务工工资）', 'proposed',
      ${ctx.today}::timestamptz - (${r} % 10) * interval '1 day', ${NOTE}
    from demo_fact_hh hh join household_fact f on f.household_id = hh.id and f.kind = 'income_month' and f.subject = ${last}
    where hh.checked and ${r} >= 5 and ${r} < 10`.execute(ctx.db);
}

export const factsDemo: DemoExtension = {
  name: 'facts',
  version: 5,
  async clear(ctx) {
    await sql`delete from household_fact where village_code like ${`${ctx.countyCode}%`}
      and recorded_by is null and decision_note = ${NOTE}`.execute(ctx.db);
  },
  async seed(ctx) {
    const today = chinaDate(ctx.today);
    const asOf = asOfFor(DEMO_LAST_YEAR, today);
    const params = defaultParams(Number(asOf.slice(0, 4)));
    const d: Dates = {
      asOf,
      year: Number(asOf.slice(0, 4)),
      months: monthsEnding(windowEnd(asOf), 24),
      county: `${ctx.countyCode}%`,
      candidateBelow: 12 * (params.nearDibaoFactor + 0.2) * params.ruralDibaoStandardMonthly,
      belowStandard: 12 * 1.1 * params.ruralDibaoStandardMonthly,
    };
    const t0 = performance.now();
    const steps: string[] = [];
    const step = async (name: string, f: () => Promise<void>) => {
      const t = performance.now();
      await f();
      steps.push(`${name} ${((performance.now() - t) / 1000).toFixed(1)}`);
    };
    await step('stage', () => stage(ctx, d));
    await step('income', () => seedIncome(ctx, d));
    await step('screening', () => seedScreening(ctx, d));
    await step('members', () => seedMembers(ctx, d));
    await step('risks', () => seedRisks(ctx, d));
    await step('safety-net', () => seedSafetyNet(ctx, d, params.ruralDibaoStandardMonthly));
    await step('pending', () => seedPending(ctx, d));
    await step('recent round', () => seedRecentRound(ctx, asOf, NOTE));
    await sql`drop table if exists demo_fact_hh`.execute(ctx.db);
    const n = await sql<{ kind: string; n: string }>`
      select kind, count(*)::text as n from household_fact where village_code like ${d.county} group by kind order by kind`.execute(
      ctx.db,
    );
    ctx.log(
      `demo: facts as of ${asOf} in ${((performance.now() - t0) / 1000).toFixed(1)} s (${steps.join(', ')}): ${n.rows.map((r) => `${r.kind} ${r.n}`).join(', ')}`,
    );
  },
};
