import { sql, type Kysely } from 'kysely';
import type { DB, PolicyDocumentTable } from '../../db/types.js';
import type { Insertable, Selectable } from 'kysely';

/** The policy library: documents and what they ground (rows only; migration 037). */
export type DocumentRow = Selectable<PolicyDocumentTable>;

/** Documents on a scope's line: national and the regions above the scope, and every region within it. */
const onLine = (scope: string) =>
  scope === ''
    ? sql<boolean>`true`
    : sql<boolean>`(${scope} like region_code || '%' or region_code like ${scope} || '%')`;

/** The text a query is looked up in (the same as the bigrams are made of). */
const HAYSTACK = sql`lower(title || ' ' || coalesce(doc_no, '') || ' ' || issuer || ' ' || body)`;

export const libraryRepository = {
  /**
   * Documents on the scope's line matching every term of `terms` (a term of two characters or more
   * narrows by the bigram index first; each term must occur as written), title hits first.
   */
  async search(db: Kysely<DB>, scope: string, terms: readonly string[], limit: number) {
    const joined = terms.join(' ');
    let q = db
      .selectFrom('policy_document')
      .select([
        'id',
        'key',
        'region_code',
        'title',
        'issuer',
        'doc_no',
        'issued_on',
        'effective_from',
        'effective_to',
        'body_is_summary',
        'attachment_id',
        sql<string>`left(body, 160)`.as('excerpt'),
      ])
      .where(onLine(scope));
    if (terms.length) q = q.where(sql<boolean>`bigrams @> policy_bigrams(${joined})`);
    for (const t of terms) q = q.where(sql<boolean>`strpos(${HAYSTACK}, lower(${t})) > 0`);
    if (terms.length)
      q = q.orderBy(sql`case when strpos(lower(title), lower(${terms[0]})) > 0 then 0 else 1 end`);
    return q
      .orderBy(sql`length(region_code)`, 'desc')
      .orderBy('issued_on', (ob) => ob.desc().nullsLast())
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  document: (db: Kysely<DB>, id: string) =>
    db.selectFrom('policy_document').selectAll().where('id', '=', id).executeTakeFirst(),

  byKeys: (db: Kysely<DB>, keys: readonly string[]) =>
    keys.length
      ? db
          .selectFrom('policy_document')
          .select(['id', 'key', 'title', 'doc_no', 'issuer', 'region_code'])
          .where('key', 'in', [...keys])
          .execute()
      : Promise.resolve([]),

  /** Rules and parameters a document grounds. */
  linksOf: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('policy_link')
      .select(['target_kind', 'target_key'])
      .where('document_id', '=', id)
      .orderBy('target_kind')
      .orderBy('target_key')
      .execute(),

  /** Every link with its document (the library is small: tens to hundreds of documents). */
  allLinks: (db: Kysely<DB>, scope: string) =>
    db
      .selectFrom('policy_link as l')
      .innerJoin('policy_document as d', 'd.id', 'l.document_id')
      .select(['l.target_kind', 'l.target_key', 'd.id', 'd.title', 'd.doc_no', 'd.region_code'])
      .where(onLine(scope))
      .orderBy('l.target_kind')
      .orderBy('l.target_key')
      .orderBy('d.id')
      .execute(),

  /** Catalogue entries (national and regional rows) that cite a document key. */
  citingEntries: async (db: Kysely<DB>, key: string) => {
    const res = await sql<{ code: string; name_zh: string; name_en: string; region_code: string }>`
      select code, name_zh, name_en, '' as region_code from measure_catalogue where ${key} = any(policy_basis)
      union all
      select code, name_zh, name_en, region_code from measure_catalogue_local where ${key} = any(policy_basis)
      order by 4, 1`.execute(db);
    return res.rows;
  },

  insert: (db: Kysely<DB>, row: Insertable<PolicyDocumentTable>) =>
    db
      .insertInto('policy_document')
      .values({
        ...row,
        bigrams: sql`policy_bigrams(${row.title} || ' ' || coalesce(${row.doc_no ?? null}::text, '') || ' ' || ${row.issuer} || ' ' || ${row.body ?? ''})`,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
};
