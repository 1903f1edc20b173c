import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/types.js';

/** The practice library (案例库; migration 042): rows only. */
export type PracticeRow = Selectable<DB['practice']>;

/** The text a query is looked up in (the same as the bigrams are made of). */
const HAYSTACK = sql`lower(title || ' ' || summary || ' ' || array_to_string(tags, ' ') || ' ' || body || ' ' || actions || ' ' || results || ' ' || lessons)`;
const BIGRAMS_OF = (r: {
  title: string;
  summary: string;
  tags: readonly string[];
  body: string;
  actions: string;
  results: string;
  lessons: string;
}) =>
  sql<
    string[]
  >`policy_bigrams(${[r.title, r.summary, r.tags.join(' '), r.body, r.actions, r.results, r.lessons].join(' ')})`;

/**
 * What a user reads: approved entries of the counties on the scope's line; the others (submitted,
 * returned) only within the author's unit and the levels above it (the county reviews them).
 */
export const readable = (scope: string) =>
  scope === ''
    ? sql<boolean>`true`
    : sql<boolean>`((${scope} like county_code || '%' or county_code like ${scope} || '%') and (state = 'approved' or ${scope} like author_scope || '%' or author_scope like ${scope} || '%'))`;

export interface ListFilter {
  scope: string;
  region: string | null;
  terms: readonly string[];
  kind?: string | undefined;
  cause?: string | undefined;
  measure?: string | undefined;
  state?: string | undefined;
  limit: number;
}

export const practiceRepository = {
  async list(db: Kysely<DB>, f: ListFilter) {
    let q = db.selectFrom('practice').selectAll().where(readable(f.scope));
    if (f.region)
      q = q.where(sql<boolean>`(region_code like ${f.region} || '%' or ${f.region} like region_code || '%')`);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.state) q = q.where('state', '=', f.state);
    if (f.cause) q = q.where(sql<boolean>`${f.cause} = any(causes)`);
    if (f.measure) q = q.where(sql<boolean>`${f.measure} = any(measure_codes)`);
    if (f.terms.length) q = q.where(sql<boolean>`bigrams @> policy_bigrams(${f.terms.join(' ')})`);
    for (const t of f.terms) q = q.where(sql<boolean>`strpos(${HAYSTACK}, lower(${t})) > 0`);
    if (f.terms.length)
      q = q.orderBy(sql`case when strpos(lower(title), lower(${f.terms[0]})) > 0 then 0 else 1 end`);
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  },

  /** Approved entries of a county (the candidates of "relevant practices"; a county holds hundreds). */
  approvedOfCounty: (db: Kysely<DB>, county: string) =>
    db
      .selectFrom('practice')
      .selectAll()
      .where('county_code', '=', county)
      .where('state', '=', 'approved')
      .orderBy('id')
      .limit(2000)
      .execute(),

  byId: (db: Kysely<DB>, id: string) =>
    db.selectFrom('practice').selectAll().where('id', '=', id).executeTakeFirst(),

  insert: (db: Kysely<DB>, row: Omit<Insertable<DB['practice']>, 'bigrams'>) =>
    db
      .insertInto('practice')
      .values({
        ...row,
        bigrams: BIGRAMS_OF({
          title: row.title,
          summary: row.summary,
          tags: (row.tags as string[] | undefined) ?? [],
          body: row.body ?? '',
          actions: row.actions ?? '',
          results: row.results ?? '',
          lessons: row.lessons ?? '',
        }),
      })
      .returningAll()
      .executeTakeFirstOrThrow(),

  review: (
    db: Kysely<DB>,
    id: string,
    version: number,
    v: { state: 'approved' | 'returned'; note: string | null; by: string },
  ) =>
    db
      .updateTable('practice')
      .set({
        state: v.state,
        review_note: v.note,
        reviewed_by: v.by,
        reviewed_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
        version: sql<number>`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('state', '=', 'submitted')
      .returningAll()
      .executeTakeFirst(),

  regionName: async (db: Kysely<DB>, code: string) =>
    (await db.selectFrom('region').select('name').where('code', '=', code).executeTakeFirst())?.name ?? null,

  /** Measure codes known to the catalogue (national entries and any region's own). */
  knownMeasures: async (db: Kysely<DB>, codes: readonly string[]) => {
    if (!codes.length) return new Set<string>();
    const res = await sql<{ code: string }>`
      select code from measure_catalogue where code = any(${[...codes]}::text[])
      union select code from measure_catalogue_local where code = any(${[...codes]}::text[])`.execute(db);
    return new Set(res.rows.map((r) => r.code));
  },

  projectVillages: (db: Kysely<DB>, ids: readonly string[]) =>
    ids.length
      ? db
          .selectFrom('project')
          .select(['id', 'village_code'])
          .where('id', 'in', [...ids])
          .execute()
      : Promise.resolve([]),

  sourceRegion: async (db: Kysely<DB>, kind: 'quality_finding' | 'grievance', id: string) => {
    const row =
      kind === 'grievance'
        ? await db.selectFrom('grievance').select('region_code').where('id', '=', id).executeTakeFirst()
        : await db
            .selectFrom('quality_finding')
            .select('region_code')
            .where('id', '=', id)
            .executeTakeFirst();
    return row?.region_code ?? null;
  },

  /** A household's village, causes and this year's (or latest) plan measures. */
  householdSubject: async (db: Kysely<DB>, id: string) => {
    const h = await db
      .selectFrom('household')
      .select(['id', 'village_code', 'main_cause', 'other_causes'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!h) return null;
    const measures = await db
      .selectFrom('plan_measure')
      .select('catalogue_code')
      .distinct()
      .where('household_id', '=', id)
      .execute();
    return {
      villageCode: h.village_code,
      causes: [...new Set([h.main_cause, ...h.other_causes].filter((c): c is string => !!c))],
      measureCodes: measures.map((m) => m.catalogue_code),
    };
  },

  /** A project's village and the causes of its beneficiary households (most frequent first). */
  projectSubject: async (db: Kysely<DB>, id: string) => {
    const p = await db
      .selectFrom('project')
      .select(['id', 'village_code'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!p) return null;
    const causes = await sql<{ cause: string }>`
      select c as cause from project_beneficiary b join household h on h.id = b.household_id,
        unnest(array_prepend(h.main_cause, h.other_causes)) as c
      where b.project_id = ${id} and c is not null group by c order by count(*) desc, c limit 5`.execute(db);
    return { villageCode: p.village_code, causes: causes.rows.map((r) => r.cause), measureCodes: [] };
  },
};
