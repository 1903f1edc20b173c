import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { FrameHousehold, FrameVillage, Sample, Stratum } from '../../domain/evaluation/design.js';
import { POOR_STATUSES } from '../../domain/code-lists.js';
import { inRegion } from '../../kernel/scope.js';

/** SQL of evaluation samples: the sampling frame, the drawn sample, field checks. */

const INSERT_CHUNK = 2000;

export const evaluationRepository = {
  /** The villages of a county with their township (level 5 regions under level 4). */
  frameVillages: async (db: Kysely<DB>, county: string): Promise<FrameVillage[]> =>
    (
      await db
        .selectFrom('region')
        .select(['code', 'parent_code'])
        .where('level', '=', 5)
        .where(inRegion('code', county))
        .orderBy('code')
        .execute()
    ).map((r) => ({ code: r.code, township: r.parent_code ?? r.code.slice(0, 9) })),

  /**
   * Households of the frame: exited registered households, and households outside the registry
   * split into the vulnerable (dibao / special hardship, dangerous house, serious illness, nobody
   * able to work — every member with a recorded capacity has lost it or has none —, only members
   * aged 60+) and the others. `year` dates the age test.
   */
  frameHouseholds: async (db: Kysely<DB>, county: string, year: number): Promise<FrameHousehold[]> => {
    const elderBorn = `${year - 60}-12-31`;
    const r = await sql<{ id: string; village: string; stratum: Stratum }>`
      select h.id::text as id, h.village_code as village,
        case
          when h.status = 'exited' then 'exited'
          when h.household_type in ('dibao', 'tekun') or h.house_grade in ('C', 'D')
            or coalesce(bool_or(m.is_dibao or m.is_tekun), false)
            or coalesce(bool_or(m.health = 'serious'), false)
            or coalesce(bool_and(m.labour_capacity in ('lost', 'none')), false)
            or coalesce(bool_and(m.birth_date <= ${elderBorn}::date), false)
          then 'outside_vulnerable'
          else 'outside_other'
        end as stratum
      from household h
      left join member m on m.household_id = h.id and m.member_status = 'present'
      where ${inRegion('h.village_code', county)} and h.status in ('exited', 'none')
      group by h.id, h.village_code`.execute(db);
    return r.rows;
  },

  /** Registered poor persons and all persons of the county's households in a year (incidence). */
  incidence: async (db: Kysely<DB>, county: string, year: number) => {
    const r = await sql<{ poor: string | null; total: string | null }>`
      select sum(size) filter (where status in (${sql.join([...POOR_STATUSES])})) as poor, sum(size) as total
      from household_year where year = ${year} and ${inRegion('village_code', county)}`.execute(db);
    return { poorPersons: Number(r.rows[0]?.poor ?? 0), ruralPopulation: Number(r.rows[0]?.total ?? 0) };
  },

  insertSample: async (
    trx: Kysely<DB>,
    head: {
      region_code: string;
      year: number;
      seed: string;
      villages_per_township: number;
      exited_per_village: number;
      other_per_village: number;
      note: string | null;
      created_by: string | null;
    },
    s: Sample,
  ): Promise<string> => {
    const { id } = await trx
      .insertInto('evaluation_sample')
      .values(head)
      .returning('id')
      .executeTakeFirstOrThrow();
    if (s.villages.length)
      await trx
        .insertInto('evaluation_sample_village')
        .values(
          s.villages.map((v) => ({
            sample_id: id,
            village_code: v.code,
            township_code: v.township,
            township_villages: v.townshipVillages,
            township_sampled: v.townshipSampled,
          })),
        )
        .execute();
    if (s.cells.length)
      await trx
        .insertInto('evaluation_sample_cell')
        .values(
          s.cells.map((c) => ({
            sample_id: id,
            village_code: c.village,
            stratum: c.stratum,
            frame: c.frame,
            sampled: c.sampled,
          })),
        )
        .execute();
    for (let i = 0; i < s.households.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('evaluation_sample_household')
        .values(
          s.households.slice(i, i + INSERT_CHUNK).map((h) => ({
            sample_id: id,
            household_id: h.id,
            village_code: h.village,
            township_code: h.township,
            stratum: h.stratum,
            weight: h.weight,
          })),
        )
        .execute();
    }
    return id;
  },

  samples: (db: Kysely<DB>, scope: string) =>
    db
      .selectFrom('evaluation_sample as s')
      .innerJoin('region as r', 'r.code', 's.region_code')
      .leftJoin('app_user as u', 'u.id', 's.created_by')
      .select([
        's.id',
        's.region_code',
        'r.name as region_name',
        's.year',
        's.seed',
        's.villages_per_township',
        's.exited_per_village',
        's.other_per_village',
        's.note',
        's.created_at',
        'u.display_name as created_by_name',
        (eb) =>
          eb
            .selectFrom('evaluation_sample_household as h')
            .select((e) => e.fn.countAll<string>().as('n'))
            .whereRef('h.sample_id', '=', 's.id')
            .as('households'),
        (eb) =>
          eb
            .selectFrom('evaluation_sample_household as h')
            .select((e) => e.fn.countAll<string>().as('n'))
            .whereRef('h.sample_id', '=', 's.id')
            .where('h.check_status', '<>', 'pending')
            .as('done'),
        (eb) =>
          eb
            .selectFrom('evaluation_sample_household as h')
            .select((e) => e.fn.countAll<string>().as('n'))
            .whereRef('h.sample_id', '=', 's.id')
            .where('h.check_status', '=', 'checked')
            .as('checked'),
      ])
      .where(inRegion('s.region_code', scope))
      .orderBy('s.id', 'desc')
      .limit(100)
      .execute(),

  sample: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('evaluation_sample as s')
      .innerJoin('region as r', 'r.code', 's.region_code')
      .selectAll('s')
      .select('r.name as region_name')
      .where('s.id', '=', id)
      .executeTakeFirst(),

  villages: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('evaluation_sample_village as v')
      .innerJoin('region as r', 'r.code', 'v.village_code')
      .leftJoin('region as t', 't.code', 'v.township_code')
      .select([
        'v.village_code',
        'r.name as village_name',
        'v.township_code',
        't.name as township_name',
        'v.township_villages',
        'v.township_sampled',
      ])
      .where('v.sample_id', '=', id)
      .orderBy('v.village_code')
      .execute(),

  cells: (db: Kysely<DB>, id: string) =>
    db.selectFrom('evaluation_sample_cell').selectAll().where('sample_id', '=', id).execute(),

  /** Every sampled household's answers (for the estimates). */
  answers: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('evaluation_sample_household')
      .select([
        'village_code',
        'township_code',
        'stratum',
        'check_status',
        'wrongly_exited',
        'eligible_unregistered',
        'approves',
      ])
      .where('sample_id', '=', id)
      .execute(),

  households: async (
    db: Kysely<DB>,
    id: string,
    q: {
      scope: string;
      village?: string | undefined;
      stratum?: string | undefined;
      status?: string | undefined;
      limit: number;
      offset: number;
    },
  ) => {
    let base = db
      .selectFrom('evaluation_sample_household as e')
      .innerJoin('household as h', 'h.id', 'e.household_id')
      .innerJoin('region as r', 'r.code', 'e.village_code')
      .where('e.sample_id', '=', id)
      .where(inRegion('e.village_code', q.scope));
    if (q.village) base = base.where('e.village_code', '=', q.village);
    if (q.stratum) base = base.where('e.stratum', '=', q.stratum);
    if (q.status) base = base.where('e.check_status', '=', q.status);
    const [{ n }, rows] = await Promise.all([
      base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      base
        .select([
          'e.household_id',
          'h.household_no',
          'h.head_name',
          'h.status',
          'h.household_type',
          'e.village_code',
          'r.name as village_name',
          'e.stratum',
          'e.weight',
          'e.check_status',
          'e.wrongly_exited',
          'e.eligible_unregistered',
          'e.approves',
          'e.note',
          'e.checked_at',
          'e.version',
        ])
        .orderBy('e.village_code')
        .orderBy('e.stratum')
        .orderBy('e.household_id')
        .limit(q.limit)
        .offset(q.offset)
        .execute(),
    ]);
    return { total: Number(n), rows };
  },

  sampledHousehold: (db: Kysely<DB>, sampleId: string, householdId: string) =>
    db
      .selectFrom('evaluation_sample_household')
      .selectAll()
      .where('sample_id', '=', sampleId)
      .where('household_id', '=', householdId)
      .executeTakeFirst(),

  recordCheck: (
    trx: Kysely<DB>,
    sampleId: string,
    householdId: string,
    version: number,
    values: {
      check_status: string;
      wrongly_exited: boolean | null;
      eligible_unregistered: boolean | null;
      approves: boolean | null;
      note: string | null;
      checked_by: string;
    },
  ) =>
    trx
      .updateTable('evaluation_sample_household')
      .set({ ...values, checked_at: sql`now()`, version: sql`version + 1` })
      .where('sample_id', '=', sampleId)
      .where('household_id', '=', householdId)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst(),
};
