import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/** SQL of grievances: rows, events, the overdue scan and the satisfaction figures. */
export interface GrievanceFilter {
  scope: string;
  state?: string | undefined;
  overdueAt?: Date | undefined;
  escalated?: boolean | undefined;
  page: number;
  pageSize: number;
}

export const grievanceRepository = {
  region: (db: Kysely<DB>, code: string) =>
    db.selectFrom('region').select(['code', 'name', 'level']).where('code', '=', code).executeTakeFirst(),
  children: (db: Kysely<DB>, parent: string) =>
    db
      .selectFrom('region')
      .select(['code', 'name', 'level'])
      .where('parent_code', '=', parent)
      .orderBy('code')
      .execute(),
  insert: (db: Kysely<DB>, v: Insertable<DB['grievance']>) =>
    db.insertInto('grievance').values(v).returningAll().executeTakeFirstOrThrow(),
  update: (db: Kysely<DB>, id: string, v: Updateable<DB['grievance']>) =>
    db.updateTable('grievance').set(v).where('id', '=', id).returningAll().executeTakeFirstOrThrow(),
  byId: (db: Kysely<DB>, id: string) =>
    db.selectFrom('grievance').selectAll().where('id', '=', id).executeTakeFirst(),
  forUpdate: (db: Kysely<DB>, id: string) =>
    db.selectFrom('grievance').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
  byTrackingCode: (db: Kysely<DB>, code: string) =>
    db.selectFrom('grievance').selectAll().where('tracking_code', '=', code).executeTakeFirst(),
  ofHousehold: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('grievance')
      .selectAll()
      .where('household_id', '=', householdId)
      .orderBy('filed_at', 'desc')
      .execute(),
  householdNo: (db: Kysely<DB>, id: string) =>
    db.selectFrom('household').select(['household_no', 'id']).where('id', '=', id).executeTakeFirst(),
  addEvent: (db: Kysely<DB>, v: Insertable<DB['grievance_event']>) =>
    db.insertInto('grievance_event').values(v).execute(),
  events: (db: Kysely<DB>, grievanceId: string) =>
    db
      .selectFrom('grievance_event')
      .selectAll()
      .where('grievance_id', '=', grievanceId)
      .orderBy('id')
      .execute(),

  list: async (db: Kysely<DB>, f: GrievanceFilter) => {
    let q = db
      .selectFrom('grievance as g')
      .innerJoin('region as t', 't.code', 'g.township_code')
      .innerJoin('region as r', 'r.code', 'g.region_code')
      .leftJoin('household as h', 'h.id', 'g.household_id')
      .where(inRegion('g.township_code', f.scope));
    if (f.state) q = q.where('g.state', '=', f.state);
    if (f.escalated !== undefined) q = q.where('g.escalated_at', f.escalated ? 'is not' : 'is', null);
    if (f.overdueAt) {
      const now = f.overdueAt;
      q = q.where((eb) =>
        eb.or([
          eb.and([eb('g.state', '=', 'received'), eb('g.ack_due_at', '<', now)]),
          eb.and([eb('g.state', 'in', ['received', 'acknowledged']), eb('g.resolve_due_at', '<', now)]),
        ]),
      );
    }
    const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .select([
        'g.id',
        'g.tracking_code',
        'g.channel',
        'g.kind',
        'g.state',
        'g.region_code',
        'r.name as region_name',
        'g.township_code',
        't.name as township_name',
        'h.household_no',
        'g.filed_at',
        'g.ack_due_at',
        'g.resolve_due_at',
        'g.escalated_at',
        'g.feedback',
        'g.description',
      ])
      .orderBy('g.filed_at', 'desc')
      .orderBy('g.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { total: Number(total.n), rows };
  },

  /** Open grievances past a deadline and not yet escalated (locked, skipped when another run holds them). */
  overdueForEscalation: (db: Kysely<DB>, now: Date, limit = 500) =>
    db
      .selectFrom('grievance')
      .selectAll()
      .where('escalated_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'received'), eb('ack_due_at', '<', now)]),
          eb.and([eb('state', 'in', ['received', 'acknowledged']), eb('resolve_due_at', '<', now)]),
        ]),
      )
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute(),

  /** Grievance feedback and ratings of help, per child region of `region` (by code prefix), in `year`. */
  satisfaction: async (db: Kysely<DB>, region: string, year: number) => {
    const len =
      region.length === 0
        ? 2
        : region.length === 2
          ? 4
          : region.length === 4
            ? 6
            : region.length === 6
              ? 9
              : 12;
    const from = `${year}-01-01`;
    const to = `${year + 1}-01-01`;
    const g = await sql<{
      key: string;
      filed: string;
      resolved: string;
      with_feedback: string;
      satisfied: string;
    }>`
      select left(region_code, ${len}) as key, count(*) as filed,
        count(*) filter (where state in ('resolved', 'closed')) as resolved,
        count(feedback) as with_feedback,
        count(*) filter (where feedback = 'satisfied') as satisfied
      from grievance
      where ${inRegion('region_code', region)} and filed_at >= ${from}::date and filed_at < ${to}::date
      group by 1 order by 1`.execute(db);
    const r = await sql<{ key: string; ratings: string; mean: string | null }>`
      select left(village_code, ${len}) as key, count(*) as ratings, avg(rating)::float8 as mean
      from help_rating
      where ${inRegion('village_code', region)} and year = ${year}
      group by 1 order by 1`.execute(db);
    return { grievances: g.rows, ratings: r.rows };
  },
  regionNames: (db: Kysely<DB>, codes: string[]) =>
    codes.length
      ? db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute()
      : Promise.resolve([]),
};
