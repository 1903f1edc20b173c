import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, HouseholdFactTable } from '../../db/types.js';
import { parseFactValue, type FactKind, type KindValue } from '../../domain/facts/kinds.js';
import { isFactKind } from '../../domain/facts/catalogue.js';
import { inRegion } from '../../kernel/scope.js';

export type FactRow = Selectable<HouseholdFactTable>;

/** A confirmed fact as the rules read it: kind and value (typed, defaults filled), member, date, source. */
export type RecordedFact = KindValue & {
  id: string;
  memberId: string | null;
  subject: string;
  observedOn: string;
  source: string;
  sourceRef: string | null;
};

/** A proposal waiting for confirmation: rules say it is pending and do not use it. */
export interface PendingFact {
  id: string;
  kind: FactKind;
  memberId: string | null;
  /** When it was proposed (ISO instant). */
  since: string;
}

export interface HouseholdRecordedFacts {
  /** The latest confirmed fact per (kind, member, subject) observed on or before asOf (every income month). */
  facts: RecordedFact[];
  pending: PendingFact[];
}

/** A row's value as its kind's type; a row that no longer parses (a schema change) is left out. */
function recorded(r: FactRow): RecordedFact | null {
  if (!isFactKind(r.kind)) return null;
  const parsed = parseFactValue(r.kind, r.value);
  if (!parsed.ok) return null;
  return {
    kind: r.kind,
    value: parsed.value,
    id: r.id,
    memberId: r.member_id,
    subject: r.subject,
    observedOn: r.observed_on,
    source: r.source,
    sourceRef: r.source_ref,
  } as RecordedFact;
}

/**
 * The reading contract of the rules (issue 16): per household, the latest CONFIRMED fact per (kind,
 * member, subject) observed on or before `asOf` — so every confirmed income month, each risk code —
 * and the pending proposals. Two set-based queries whatever the number of households; every
 * household asked for has an entry (empty when it has no facts).
 */
export async function loadRecordedFacts(
  db: Kysely<DB>,
  householdIds: readonly string[],
  asOf: string,
): Promise<Map<string, HouseholdRecordedFacts>> {
  const out = new Map<string, HouseholdRecordedFacts>(
    householdIds.map((id) => [id, { facts: [], pending: [] }]),
  );
  if (householdIds.length === 0) return out;
  const ids = sql`${[...householdIds]}::bigint[]`;
  const [confirmed, pending] = await Promise.all([
    sql<FactRow>`select distinct on (household_id, kind, member_id, subject) *
      from household_fact
      where household_id = any(${ids}) and state = 'confirmed' and observed_on <= ${asOf}::date
      order by household_id, kind, member_id, subject, observed_on desc, id desc`.execute(db),
    db
      .selectFrom('household_fact')
      .select(['id', 'household_id', 'kind', 'member_id', 'recorded_at'])
      .where(sql<boolean>`household_id = any(${ids})`)
      .where('state', '=', 'proposed')
      .orderBy('id')
      .execute(),
  ]);
  for (const r of confirmed.rows) {
    const f = recorded(r);
    if (f) out.get(r.household_id)?.facts.push(f);
  }
  for (const p of pending) {
    if (!isFactKind(p.kind)) continue;
    out.get(p.household_id)?.pending.push({
      id: p.id,
      kind: p.kind,
      memberId: p.member_id,
      since: new Date(p.recorded_at).toISOString(),
    });
  }
  return out;
}

/** SQL of the facts module's writes and lists (the service holds the rules). */
export const factRepository = {
  /** Every row of a household, newest observation first (history included). */
  ofHousehold: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('household_fact as f')
      .leftJoin('app_user as r', 'r.id', 'f.recorded_by')
      .leftJoin('app_user as c', 'c.id', 'f.confirmed_by')
      .leftJoin('member as m', 'm.id', 'f.member_id')
      .selectAll('f')
      .select([
        'r.display_name as recorded_by_name',
        'c.display_name as confirmed_by_name',
        'm.name as member_name',
      ])
      .where('f.household_id', '=', householdId)
      .orderBy('f.kind')
      .orderBy('f.observed_on', 'desc')
      .orderBy('f.id', 'desc')
      .execute(),

  /** One row, locked for a decision or a correction. */
  lock: (db: Kysely<DB>, id: string) =>
    db.selectFrom('household_fact').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

  insert: (db: Kysely<DB>, row: Omit<FactRow, 'id' | 'recorded_at'> & { recorded_at: Date }) =>
    db
      .insertInto('household_fact')
      .values({ ...row, value: JSON.stringify(row.value) })
      .returningAll()
      .executeTakeFirstOrThrow(),

  setState: (
    db: Kysely<DB>,
    id: string,
    patch: Partial<Pick<FactRow, 'state' | 'confirmed_by' | 'confirmed_at' | 'decision_note'>>,
  ) =>
    db.updateTable('household_fact').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow(),

  /** Pending proposals in a region (a township's or a county's queue), oldest first. */
  queue: (db: Kysely<DB>, region: string, limit: number) =>
    db
      .selectFrom('household_fact as f')
      .innerJoin('household as h', 'h.id', 'f.household_id')
      .leftJoin('member as m', 'm.id', 'f.member_id')
      .leftJoin('app_user as r', 'r.id', 'f.recorded_by')
      .selectAll('f')
      .select([
        'h.household_no',
        'h.head_name',
        'm.name as member_name',
        'r.display_name as recorded_by_name',
      ])
      .where(inRegion('f.village_code', region))
      .where('f.state', '=', 'proposed')
      .orderBy('f.id')
      .limit(limit)
      .execute(),

  /**
   * The current confirmed facts of a region as of a day (the reading contract's choice: the latest
   * per kind, member and subject), with the household's number and the member's ID number, for the
   * export; by household number, kind, member, subject.
   */
  currentOfRegion: async (db: Kysely<DB>, region: string, asOf: string, kind: FactKind | null) =>
    (
      await sql<FactRow & { household_no: string; id_number: string | null }>`select * from (
        select distinct on (f.household_id, f.kind, f.member_id, f.subject) f.*, h.household_no, m.id_number
        from household_fact f
        join household h on h.id = f.household_id
        left join member m on m.id = f.member_id
        where f.state = 'confirmed' and f.observed_on <= ${asOf}::date
          and ${inRegion('f.village_code', region)} ${kind === null ? sql`` : sql`and f.kind = ${kind}`}
        order by f.household_id, f.kind, f.member_id, f.subject, f.observed_on desc, f.id desc) x
      order by household_no, kind, member_id nulls first, subject`.execute(db)
    ).rows,

  /** The confirmed or pending rows of a household, kind, member, subject and day (an import's equal or corrected fact). */
  sameKey: (
    db: Kysely<DB>,
    k: { householdId: string; kind: string; memberId: string | null; subject: string; observedOn: string },
  ) =>
    db
      .selectFrom('household_fact')
      .selectAll()
      .where('household_id', '=', k.householdId)
      .where('kind', '=', k.kind)
      .where(sql<boolean>`member_id is not distinct from ${k.memberId}::bigint`)
      .where('subject', '=', k.subject)
      .where('observed_on', '=', k.observedOn)
      .where('state', 'in', ['confirmed', 'proposed'])
      .orderBy('id', 'desc')
      .forUpdate()
      .execute(),

  /** Households by number within a region (an import's rows), locked. */
  householdsByNo: (db: Kysely<DB>, region: string, numbers: readonly string[]) =>
    numbers.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('household')
          .select(['id', 'village_code', 'household_no'])
          .where('household_no', 'in', [...numbers])
          .where(inRegion('village_code', region))
          .forUpdate()
          .execute(),

  /** The members of households (id, household, ID number), to find an import row's member. */
  membersOf: (db: Kysely<DB>, householdIds: readonly string[]) =>
    householdIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('member')
          .select(['id', 'household_id', 'id_number'])
          .where('household_id', 'in', [...householdIds])
          .execute(),

  /** An active account by login name, as the CLI acts for it. */
  activeUser: (db: Kysely<DB>, username: string) =>
    db
      .selectFrom('app_user')
      .select(['id', 'username', 'display_name', 'role', 'scope_code'])
      .where('username', '=', username)
      .where('disabled', '=', false)
      .executeTakeFirst(),

  /** A member's household (null: no such member). */
  memberHousehold: (db: Kysely<DB>, memberId: string) =>
    db.selectFrom('member').select(['household_id']).where('id', '=', memberId).executeTakeFirst(),
};
