import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.js';
import { FACT_KINDS, isDecisionCritical } from '../../domain/facts/catalogue.js';
import { inRegion } from '../../kernel/scope.js';
import type { FindingRow } from './repository.js';

/**
 * SQL of the consistency checks (src/domain/quality/catalogue-consistency.ts, docs/facts.md): plan
 * measures against the dibao and 特困 rolls, facts older than the review interval, risks without
 * evidence. Set-based, one statement each, scoped by the household's village code.
 */

type Db = Kysely<DB>;

const rows = async <T>(db: Db, q: RawBuilder<T>): Promise<T[]> => (await q.execute(db)).rows;

/** An open (active or gradual-exit) roll entry of `programme` for household `h`. */
const onRoll = (programme: 'dibao' | 'tekun', h: string) =>
  sql`exists (select 1 from assistance_roll r where r.household_id = ${sql.ref(h)}
    and r.programme = ${programme} and r.state <> 'ceased')`;

/** A 特困 household: an open 特困 roll entry, the household type, or a present member flagged 特困. */
const isTekunHousehold = sql`(${onRoll('tekun', 'h.id')} or h.household_type = 'tekun'
  or exists (select 1 from member m where m.household_id = h.id and m.member_status = 'present' and m.is_tekun))`;

/** Kinds recording an event once (a shock, a period's spending): a later record is not expected. */
const ONE_OFF = new Set<string>(['shock', 'rigid_spending']);
/** The decision-critical kinds whose latest record must be re-checked within the review interval. */
export const REVIEWED_KINDS: readonly string[] = FACT_KINDS.filter(
  (k) => isDecisionCritical(k) && !ONE_OFF.has(k),
);

/** An in-progress measure of a plan the household did not decline. */
const openMeasure = (code: string) =>
  sql`pm.catalogue_code = ${code} and pm.status = 'in_progress' and p.status <> 'declined'`;

const measureDetail = sql`'measure_id', pm.id::text, 'measure', pm.catalogue_code, 'status', pm.status,
  'plan_year', p.year, 'start_date', pm.start_date`;

export const consistencyRepository = {
  /** A dibao measure in progress in a 特困 household, or a 特困 measure in one on the dibao roll. */
  planRollConflict: (db: Db, region: string) =>
    rows<FindingRow>(
      db,
      sql`select h.id::text as household_id, h.village_code as region_code, pm.catalogue_code as subject,
        jsonb_build_object(${measureDetail}, 'roll', case when pm.catalogue_code = 'dibao' then 'tekun' else 'dibao' end) as detail
      from plan_measure pm join household_plan p on p.id = pm.plan_id join household h on h.id = pm.household_id
      where ${inRegion('h.village_code', region)}
        and ((${openMeasure('dibao')} and ${isTekunHousehold})
          or (${openMeasure('tekun')} and ${onRoll('dibao', 'h.id')}))
      order by h.id, pm.id`,
    ),

  /** A dibao measure in progress, no open dibao roll entry (特困 households: planRollConflict). */
  planDibaoNoRoll: (db: Db, region: string) =>
    rows<FindingRow>(
      db,
      sql`select h.id::text as household_id, h.village_code as region_code, pm.catalogue_code as subject,
        jsonb_build_object(${measureDetail}) as detail
      from plan_measure pm join household_plan p on p.id = pm.plan_id join household h on h.id = pm.household_id
      where ${inRegion('h.village_code', region)} and ${openMeasure('dibao')}
        and not ${onRoll('dibao', 'h.id')} and not ${isTekunHousehold}
      order by h.id, pm.id`,
    ),

  /**
   * A present member whose ID number is on dibao and on 特困 — a member flag, or the open roll entry
   * of a household that has the person as a present member (the whole household, or the person alone)
   * — within one household or across households (the other household may lie outside the region).
   * Named in each household where the person is on one of the two (a third household where the person
   * is on neither is the duplicate check's).
   */
  dibaoTekunSamePerson: (db: Db, region: string) =>
    rows<FindingRow>(
      db,
      sql`select m.household_id::text as household_id, h.village_code as region_code, null as subject,
        jsonb_build_object('member_id', m.id::text, 'member', m.name, 'households', p.households) as detail
      from member m join household h on h.id = m.household_id
      join lateral (
        select bool_or(o.is_dibao or dr.id is not null) as dibao, bool_or(o.is_tekun or tr.id is not null) as tekun,
          jsonb_agg(distinct o.household_id::text) as households
        from member o
        left join assistance_roll dr on dr.household_id = o.household_id and dr.programme = 'dibao'
          and dr.state <> 'ceased' and (dr.member_id is null or dr.member_id = o.id)
        left join assistance_roll tr on tr.household_id = o.household_id and tr.programme = 'tekun'
          and tr.state <> 'ceased' and (tr.member_id is null or tr.member_id = o.id)
        where o.id_number = m.id_number and o.member_status = 'present') p on true
      where ${inRegion('h.village_code', region)} and m.member_status = 'present'
        and (m.is_dibao or m.is_tekun or exists (select 1 from assistance_roll r where r.household_id = m.household_id
          and r.state <> 'ceased' and (r.member_id is null or r.member_id = m.id)))
        and p.dibao and p.tekun
      order by m.household_id, m.id`,
    ),

  /**
   * Per household, the decision-critical facts whose latest confirmed record (income: the latest month
   * of any; a risk: only while open; a member's fact: only while the member is present) was observed
   * more than `months` months before `today`.
   */
  staleFacts: (db: Db, region: string, today: string, months: number) =>
    rows<FindingRow>(
      db,
      sql`with latest as (
        select distinct on (f.household_id, f.kind, f.member_id, f.subject)
          f.household_id, f.village_code, f.kind, f.member_id, f.subject, f.observed_on,
          (f.kind = 'risk' and f.value->>'removedOn' is not null) as removed
        from household_fact f
        where ${inRegion('f.village_code', region)} and f.state = 'confirmed' and f.observed_on <= ${today}::date
          and f.kind = any(${[...REVIEWED_KINDS]}::text[])
        order by f.household_id, f.kind, f.member_id, f.subject, f.observed_on desc, f.id desc
      ), current as (
        select l.household_id, l.village_code, l.kind, l.member_id,
          case when l.kind = 'income_month' then '' else l.subject end as subject, max(l.observed_on) as observed_on
        from latest l
        where not l.removed
        group by 1, 2, 3, 4, 5
      )
      select c.household_id::text as household_id, c.village_code as region_code, null as subject,
        jsonb_build_object('max_age_months', ${months}::int, 'facts', jsonb_agg(jsonb_build_object(
          'kind', c.kind, 'member', m.name, 'subject', nullif(c.subject, ''),
          'observed_on', to_char(c.observed_on, 'YYYY-MM-DD')) order by c.kind, c.observed_on)) as detail
      from current c left join member m on m.id = c.member_id
      where c.observed_on < ${today}::date - make_interval(months => ${months}::int)
        and (c.member_id is null or m.member_status = 'present')
      group by c.household_id, c.village_code
      order by c.household_id`,
    ),

  /** An open, confirmed monitoring risk (the latest record of its code) whose evidence is empty. */
  riskNoEvidence: (db: Db, region: string, today: string) =>
    rows<FindingRow>(
      db,
      sql`select r.household_id::text as household_id, r.village_code as region_code, r.subject,
        jsonb_build_object('fact_id', r.id::text, 'code', r.subject, 'started_on', r.value->>'startedOn',
          'observed_on', to_char(r.observed_on, 'YYYY-MM-DD'), 'source', r.source) as detail
      from (select distinct on (f.household_id, f.member_id, f.subject) f.*
        from household_fact f
        where ${inRegion('f.village_code', region)} and f.kind = 'risk' and f.state = 'confirmed'
          and f.observed_on <= ${today}::date
        order by f.household_id, f.member_id, f.subject, f.observed_on desc, f.id desc) r
      where r.value->>'removedOn' is null and btrim(coalesce(r.value->>'evidence', '')) = ''
      order by r.household_id, r.subject`,
    ),
};
