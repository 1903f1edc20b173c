import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, HouseholdYearTable, Member } from '../../db/types.js';
import { isFactKind } from '../../domain/facts/catalogue.js';
import { parseFactValue } from '../../domain/facts/kinds.js';
import type { PlanMeasureFact } from '../../domain/rules/facts.js';
import { inRegion } from '../../kernel/scope.js';
import type { RecordedFact, RecordedSet } from './recorded.js';

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
  /** The household's plans (一户一策) of the evaluation year and the two before, with their measures. */
  plans: PlanRow[];
}

export interface PlanRow {
  year: number;
  measures: PlanMeasureFact[];
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

  /**
   * The confirmed facts (latest per kind, member and subject observed by `asOf`; every income
   * month) and pending proposals of the households — the reading contract of issue 16, read here
   * for the rules in the same set-based way as the facts module's own loader.
   */
  async recordedFor(db: Kysely<DB>, ids: readonly string[], asOf: string): Promise<Map<string, RecordedSet>> {
    const out = new Map<string, { facts: RecordedFact[]; pending: { kind: string; since: string }[] }>(
      ids.map((id) => [id, { facts: [], pending: [] }]),
    );
    if (ids.length === 0) return out;
    const arr = sql`${[...ids]}::bigint[]`;
    const [confirmed, pending] = await Promise.all([
      sql<{
        household_id: string;
        kind: string;
        member_id: string | null;
        observed_on: string;
        source: string;
        source_ref: string | null;
        value: unknown;
      }>`select distinct on (household_id, kind, member_id, subject)
          household_id, kind, member_id, observed_on::text as observed_on, source, source_ref, value
        from household_fact
        where household_id = any(${arr}) and state = 'confirmed' and observed_on <= ${asOf}::date
        order by household_id, kind, member_id, subject, observed_on desc, id desc`.execute(db),
      db
        .selectFrom('household_fact')
        .select(['household_id', 'kind', 'recorded_at'])
        .where(sql<boolean>`household_id = any(${arr})`)
        .where('state', '=', 'proposed')
        .orderBy('id')
        .execute(),
    ]);
    for (const r of confirmed.rows) {
      if (!isFactKind(r.kind)) continue;
      const parsed = parseFactValue(r.kind, r.value);
      if (!parsed.ok) continue;
      out.get(r.household_id)?.facts.push({
        kind: r.kind,
        value: parsed.value,
        memberId: r.member_id,
        observedOn: r.observed_on,
        source: r.source,
        sourceRef: r.source_ref,
      } as RecordedFact);
    }
    for (const p of pending)
      out.get(p.household_id)?.pending.push({ kind: p.kind, since: new Date(p.recorded_at).toISOString() });
    return out;
  },

  /** Members, income rows, monitoring start and plans of the given households for an evaluation year. */
  async rowsFor(db: Kysely<DB>, households: FactsHousehold[], year: number): Promise<RegistryRows[]> {
    if (households.length === 0) return [];
    const ids = households.map((h) => h.id);
    const [members, years, monitored, plans] = await Promise.all([
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
      db
        .selectFrom('household_plan as hp')
        .leftJoin('plan_measure as pm', 'pm.plan_id', 'hp.id')
        .select([
          'hp.household_id',
          'hp.year',
          'pm.id',
          'pm.catalogue_code',
          'pm.measure_type',
          'pm.status',
          'pm.start_date',
          'pm.deadline',
        ])
        .where('hp.household_id', 'in', ids)
        .where('hp.year', '>=', year - 2)
        .where('hp.year', '<=', year)
        .orderBy('hp.year')
        .orderBy('pm.id')
        .execute(),
    ]);
    const m = group(members, (r) => r.household_id);
    const y = group(years, (r) => r.household_id);
    const since = new Map(monitored.map((r) => [r.household_id, r.since]));
    const planned = new Map<string, PlanRow[]>();
    for (const r of plans) {
      const list = planned.get(r.household_id) ?? [];
      if (!planned.has(r.household_id)) planned.set(r.household_id, list);
      let plan = list.find((x) => x.year === r.year);
      if (!plan) list.push((plan = { year: r.year, measures: [] }));
      if (r.id !== null)
        plan.measures.push({
          id: r.id,
          catalogueCode: r.catalogue_code ?? '',
          type: r.measure_type ?? '',
          status: r.status ?? '',
          startDate: r.start_date,
          deadline: r.deadline,
        });
    }
    return households.map((h) => ({
      household: h,
      members: m.get(h.id) ?? [],
      years: y.get(h.id) ?? [],
      monitoredSince: since.get(h.id) ?? null,
      plans: planned.get(h.id) ?? [],
    }));
  },
};
