import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/**
 * SQL of the quality checks (catalogue: src/domain/quality/catalogue.ts). Each rule query returns
 * finding rows; the signals return the raw material of their statistic (./signals.ts).
 */

export interface FindingRow {
  household_id: string | null;
  region_code: string;
  subject: string | null;
  detail: Record<string, unknown>;
  statistic?: Record<string, unknown> | null;
}

export interface YearLines {
  year: number;
  line: number;
  monitoringLine: number;
}

type Db = Kysely<DB>;

const rows = async <T>(db: Db, q: RawBuilder<T>): Promise<T[]> => (await q.execute(db)).rows;

/** A VALUES table of the poverty and monitoring lines by year: lines(year, line, mline). */
function linesTable(lines: readonly YearLines[]): RawBuilder<unknown> {
  const values = sql.join(
    lines.map((l) => sql`(${l.year}::int, ${l.line}::numeric, ${l.monitoringLine}::numeric)`),
  );
  return sql`(values ${values}) as lines (year, line, mline)`;
}

const present = (alias: string) => sql.raw(`${alias}.member_status = 'present'`);
const ageOn = (on: string, alias: string) =>
  sql`extract(year from age(${on}::date, ${sql.ref(`${alias}.birth_date`)}))::int`;
const hasCause = (cause: string) => sql`(h.main_cause = ${cause} or ${cause} = any (h.other_causes))`;
const latestYear = sql`join lateral (select y.year, y.medical_cost, y.transfer_income from household_year y
  where y.household_id = h.id order by y.year desc limit 1) ly on true`;

export const qualityRepository = {
  duplicateIdNumbers: (db: Db, region: string) =>
    rows<FindingRow>(
      db,
      sql`select m.household_id::text as household_id, h.village_code as region_code, null as subject,
        jsonb_build_object('member_id', m.id::text, 'member', m.name, 'other_households',
          (select jsonb_agg(distinct o.household_id::text) from member o
            where o.id_number = m.id_number and o.household_id <> m.household_id and ${present('o')})) as detail
      from member m join household h on h.id = m.household_id
      where ${inRegion('h.village_code', region)} and ${present('m')}
        and exists (select 1 from member o where o.id_number = m.id_number
          and o.household_id <> m.household_id and ${present('o')})`,
    ),

  headSpouseSameSex: (db: Db, region: string) =>
    rows<FindingRow>(
      db,
      sql`select h.id::text as household_id, h.village_code as region_code, null as subject,
        jsonb_build_object('head', hd.name, 'spouse', sp.name, 'sex', hd.sex) as detail
      from household h
      join member hd on hd.household_id = h.id and hd.relation = 'head' and ${present('hd')}
      join member sp on sp.household_id = h.id and sp.relation = 'spouse' and ${present('sp')} and sp.sex = hd.sex
      where ${inRegion('h.village_code', region)}`,
    ),

  welfareJobAge: (db: Db, region: string, on: string, minAge: number, maxAge: number) =>
    rows<FindingRow>(
      db,
      sql`select h.id::text as household_id, h.village_code as region_code, null as subject,
        jsonb_build_object('member', m.name, 'age', ${ageOn(on, 'm')}, 'welfare_job_months', m.welfare_job_months) as detail
      from member m join household h on h.id = m.household_id
      where ${inRegion('h.village_code', region)} and ${present('m')} and m.welfare_job_months > 0
        and (${ageOn(on, 'm')} < ${minAge} or ${ageOn(on, 'm')} >= ${maxAge})`,
    ),

  healthyWeakLabour: (db: Db, region: string, on: string, minAge: number, maxAge: number) =>
    rows<FindingRow>(
      db,
      sql`select h.id::text as household_id, h.village_code as region_code, null as subject,
        jsonb_build_object('member', m.name, 'age', ${ageOn(on, 'm')}, 'labour_capacity', m.labour_capacity) as detail
      from member m join household h on h.id = m.household_id
      where ${inRegion('h.village_code', region)} and ${present('m')} and m.health = 'healthy'
        and m.labour_capacity in ('weak', 'lost', 'none')
        and ${ageOn(on, 'm')} between ${minAge} and ${maxAge}`,
    ),

  labourCauseCanWork: (db: Db, region: string, maxShare: number) =>
    rows<FindingRow>(
      db,
      sql`select h.id::text as household_id, h.village_code as region_code, null as subject,
        jsonb_build_object('able', a.able, 'present', a.present) as detail
      from household h
      join lateral (select count(*) filter (where m.labour_capacity in ('ordinary', 'skilled'))::int as able,
        count(*)::int as present from member m where m.household_id = h.id and ${present('m')}) a on true
      where ${inRegion('h.village_code', region)} and ${hasCause('labour')} and a.able > a.present * ${maxShare}::float8`,
    ),

  illnessNoMedical: (db: Db, region: string) =>
    rows<FindingRow>(
      db,
      sql`select h.id::text as household_id, h.village_code as region_code, null as subject,
        jsonb_build_object('year', ly.year, 'medical_cost', ly.medical_cost) as detail
      from household h ${latestYear}
      where ${inRegion('h.village_code', region)} and ${hasCause('illness')} and ly.medical_cost = 0`,
    ),

  riskRemovedEarly: (db: Db, region: string, months: number) =>
    rows<FindingRow>(
      db,
      sql`select s.household_id::text as household_id, h.village_code as region_code, null as subject,
        jsonb_build_object('identified', i.changed_on, 'removed', s.changed_on,
          'days', s.changed_on - i.changed_on, 'min_months', ${months}::int) as detail
      from status_history s join household h on h.id = s.household_id
      join lateral (select i.changed_on from status_history i where i.household_id = s.household_id
        and i.village_code = s.village_code and i.to_status = 'monitored' and i.changed_on <= s.changed_on order by i.changed_on desc, i.id desc limit 1) i on true
      where ${inRegion('h.village_code', region)} and ${inRegion('s.village_code', region)}
        and s.to_status = 'risk_removed' and s.changed_on < i.changed_on + make_interval(months => ${months}::int)`,
    ),

  removedBelowRange: (db: Db, region: string, lines: readonly YearLines[]) =>
    rows<FindingRow>(
      db,
      sql`select s.household_id::text as household_id, h.village_code as region_code, null as subject,
        jsonb_build_object('removed', s.changed_on, 'year', y.year, 'per_capita_income', y.per_capita_income,
          'monitoring_line', lines.mline) as detail
      from status_history s join household h on h.id = s.household_id
      join household_year y on y.household_id = s.household_id and y.year = extract(year from s.changed_on)::int
      join ${linesTable(lines)} on lines.year = y.year
      where ${inRegion('h.village_code', region)} and ${inRegion('s.village_code', region)}
        and s.to_status = 'risk_removed' and y.per_capita_income < lines.mline`,
    ),

  dibaoNoTransfer: (db: Db, region: string) =>
    rows<FindingRow>(
      db,
      sql`select h.id::text as household_id, h.village_code as region_code, null as subject,
        jsonb_build_object('year', ly.year, 'household_type', h.household_type, 'transfer_income', ly.transfer_income) as detail
      from household h ${latestYear}
      where ${inRegion('h.village_code', region)} and ly.transfer_income = 0
        and (h.household_type in ('dibao', 'dibao_poor', 'tekun') or exists (select 1 from member m
          where m.household_id = h.id and ${present('m')} and (m.is_dibao or m.is_tekun)))`,
    ),

  implausibleLand: (db: Db, region: string, p: Readonly<Record<string, number>>) =>
    rows<FindingRow>(
      db,
      sql`select h.id::text as household_id, h.village_code as region_code, null as subject,
        jsonb_strip_nulls(jsonb_build_object('land_cultivated_mu', h.land_cultivated_mu, 'land_forest_mu', h.land_forest_mu,
          'road_distance_km', h.road_distance_km, 'market_distance_km', h.market_distance_km)) as detail
      from household h
      where ${inRegion('h.village_code', region)} and (h.land_cultivated_mu > ${p.cultivated} or h.land_forest_mu > ${p.forest}
        or h.road_distance_km > ${p.road} or h.market_distance_km > ${p.market})`,
    ),

  /** Exit-year rows (exited this year, poor or returned the year before) in [line, line × (1 + 2·band)). */
  exitYearIncomes: (db: Db, region: string, lines: readonly YearLines[], band: number) =>
    rows<{ household_id: string; village_code: string; year: number; pc: number; line: number }>(
      db,
      sql`select y.household_id::text as household_id, y.village_code, y.year,
        y.per_capita_income::float8 as pc, lines.line::float8 as line
      from household_year y
      join household_year p on p.household_id = y.household_id and p.year = y.year - 1
      join ${linesTable(lines)} on lines.year = y.year
      where ${inRegion('y.village_code', region)} and y.status = 'exited' and p.status in ('poor', 'returned')
        and y.per_capita_income >= lines.line and y.per_capita_income < lines.line * ${1 + 2 * band}::numeric`,
    ),

  /** Edits per account and region in the window before each evaluation date, and in the baseline before it. */
  editWindows: (db: Db, region: string, windowDays: number, baselineDays: number) =>
    rows<{
      eval_id: string;
      eval_date: string;
      eval_name: string;
      actor_name: string;
      region_code: string;
      k: number;
      baseline: number;
    }>(
      db,
      sql`select e.id::text as eval_id, to_char(e.eval_date, 'YYYY-MM-DD') as eval_date, e.name as eval_name,
        a.actor_name, a.region_code,
        count(*) filter (where a.at >= e.eval_date - ${windowDays}::int)::int as k,
        count(*) filter (where a.at < e.eval_date - ${windowDays}::int)::int as baseline
      from quality_evaluation_date e
      join audit_event a on a.region_code >= e.region_code and a.region_code < e.region_code || '~'
        and a.at >= e.eval_date - ${windowDays + baselineDays}::int and a.at < e.eval_date
      where ${inRegion('a.region_code', region)}
        and (a.action like 'household.%' or a.action like 'member.%')
        and a.action not like '%unmask%' and a.action not like '%export%' and a.actor_name <> 'system'
      group by e.id, e.eval_date, e.name, a.actor_name, a.region_code`,
    ),
};
