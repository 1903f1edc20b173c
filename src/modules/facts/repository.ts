import type { Kysely, Selectable } from 'kysely';
import type { DB, HouseholdYearTable, Member } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/** The registry rows a household's facts are built from (SQL only; the mapper interprets them). */

const HOUSEHOLD_COLUMNS = [
  'id',
  'household_no',
  'village_code',
  'status',
  'household_type',
  'registered_year',
  'status_date',
  'house_grade',
  'relocated',
  'safe_water',
  'coop_member',
  'enterprise_tie',
  'industry_type',
] as const;

export type FactsHousehold = Pick<Selectable<DB['household']>, (typeof HOUSEHOLD_COLUMNS)[number]>;
export type YearRow = Selectable<HouseholdYearTable>;

export interface RegistryRows {
  household: FactsHousehold;
  members: Member[];
  /** Income rows from three years before the evaluation year on (later ones tell the latest year), oldest first. */
  years: YearRow[];
  /** Date the household last became monitored (status history), if ever. */
  monitoredSince: string | null;
}

/** Years of income rows read before the evaluation year (exit trend, income collapse). */
const YEARS_BACK = 3;

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export const factsRepository = {
  /** Up to `limit` households of a region after `afterId` in id order (keyset pages). */
  households(db: Kysely<DB>, scope: string, afterId: string, limit: number): Promise<FactsHousehold[]> {
    return db
      .selectFrom('household')
      .select(HOUSEHOLD_COLUMNS)
      .where(inRegion('village_code', scope))
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  householdById: (db: Kysely<DB>, id: string): Promise<FactsHousehold | undefined> =>
    db.selectFrom('household').select(HOUSEHOLD_COLUMNS).where('id', '=', id).executeTakeFirst(),

  /** Latest year with an income row for a household, up to `maxYear`. */
  async latestYear(db: Kysely<DB>, id: string, maxYear: number): Promise<number | null> {
    const r = await db
      .selectFrom('household_year')
      .select((eb) => eb.fn.max('year').as('y'))
      .where('household_id', '=', id)
      .where('year', '<=', maxYear)
      .executeTakeFirst();
    return r?.y ?? null;
  },

  /** Members, income rows and monitoring start of the given households for an evaluation year. */
  async rowsFor(db: Kysely<DB>, households: FactsHousehold[], year: number): Promise<RegistryRows[]> {
    if (households.length === 0) return [];
    const ids = households.map((h) => h.id);
    const [members, years, monitored] = await Promise.all([
      db.selectFrom('member').selectAll().where('household_id', 'in', ids).orderBy('id').execute(),
      db
        .selectFrom('household_year')
        .selectAll()
        .where('household_id', 'in', ids)
        .where('year', '>=', year - YEARS_BACK)
        .orderBy('year')
        .execute(),
      db
        .selectFrom('status_history')
        .select(['household_id', (eb) => eb.fn.max('changed_on').as('since')])
        .where('household_id', 'in', ids)
        .where('to_status', '=', 'monitored')
        .groupBy('household_id')
        .execute(),
    ]);
    const m = group(members, (r) => r.household_id);
    const y = group(years, (r) => r.household_id);
    const since = new Map(monitored.map((r) => [r.household_id, r.since]));
    return households.map((h) => ({
      household: h,
      members: m.get(h.id) ?? [],
      years: y.get(h.id) ?? [],
      monitoredSince: since.get(h.id) ?? null,
    }));
  },
};
