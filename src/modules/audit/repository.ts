import { sql, type Insertable, type Kysely } from 'kysely';
import type { AuditEventTable, DB } from '../../db/types.js';
import { GENESIS_HASH, headsDigest } from '../../domain/audit-chain.js';
import { inRegion } from '../../kernel/scope.js';

export interface AuditFilter {
  scope: string;
  /** The actions the reader may read and the action families (prefixes) it may read (readability.ts). */
  readable: { actions: string[]; prefixes: string[] };
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  limit: number;
  offset: number;
}

export interface HeadRow {
  segment: string;
  headHash: string;
  events: number;
}

export const auditRepository = {
  /**
   * Lock a segment's head row for the rest of the transaction (created at genesis on the segment's
   * first event) and read it: the segment's writers are serialised, other segments' are not.
   * The upsert takes the row lock even when the row exists; waiting for another writer, it returns
   * the head that writer committed.
   */
  async lockSegment(db: Kysely<DB>, segment: string): Promise<HeadRow> {
    const row = await db
      .insertInto('audit_segment')
      .values({ segment, head_hash: GENESIS_HASH, events: 0 })
      .onConflict((oc) => oc.column('segment').doUpdateSet({ segment: (eb) => eb.ref('excluded.segment') }))
      .returning(['head_hash', 'events'])
      .executeTakeFirstOrThrow();
    return { segment, headHash: row.head_hash, events: Number(row.events) };
  },
  async setHead(db: Kysely<DB>, head: HeadRow) {
    await db
      .updateTable('audit_segment')
      .set({ head_hash: head.headHash, events: head.events, updated_at: sql<Date>`now()` })
      .where('segment', '=', head.segment)
      .execute();
  },
  /** Every segment's head (segments created but never committed to do not exist). */
  async heads(db: Kysely<DB>): Promise<HeadRow[]> {
    const rows = await db
      .selectFrom('audit_segment')
      .select(['segment', 'head_hash', 'events'])
      .where('events', '>', '0')
      .orderBy('segment')
      .execute();
    return rows.map((r) => ({ segment: r.segment, headHash: r.head_hash, events: Number(r.events) }));
  },
  /**
   * @deprecated for callers outside this module that predate segments: the digest over all segment
   * heads (null while the chain is empty). Use `chainHeadHash` from the audit service.
   */
  async headHash(db: Kysely<DB>): Promise<string | null> {
    const heads = await auditRepository.heads(db);
    return heads.length ? headsDigest(heads) : null;
  },
  async head(db: Kysely<DB>, segment: string): Promise<HeadRow | null> {
    const r = await db
      .selectFrom('audit_segment')
      .select(['segment', 'head_hash', 'events'])
      .where('segment', '=', segment)
      .executeTakeFirst();
    return r ? { segment: r.segment, headHash: r.head_hash, events: Number(r.events) } : null;
  },
  async insert(db: Kysely<DB>, rows: Insertable<AuditEventTable>[]) {
    if (rows.length) await db.insertInto('audit_event').values(rows).execute();
  },
  list(db: Kysely<DB>, f: AuditFilter) {
    const { actions, prefixes } = f.readable;
    let q = db
      .selectFrom('audit_event')
      .where(inRegion('region_code', f.scope, true))
      .where((eb) =>
        eb.or([
          eb('action', '=', sql<string>`any(${actions}::text[])`),
          ...prefixes.map((p) => eb('action', 'like', `${p}%`)),
        ]),
      );
    if (f.entityType) q = q.where('entity_type', '=', f.entityType);
    if (f.entityId) q = q.where('entity_id', '=', f.entityId);
    if (f.action) q = q.where('action', '=', f.action);
    return Promise.all([
      q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      q.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    ]);
  },
  /** Every event in (segment, sequence) order, read in keyset pages so memory stays flat. */
  async *streamBySegment(db: Kysely<DB>, pageSize = 2000) {
    let after: { segment: string; seq: string } | null = null;
    for (;;) {
      let q = db.selectFrom('audit_event').selectAll();
      if (after) {
        const a: { segment: string; seq: string } = after;
        q = q.where((eb) => eb(eb.refTuple('segment', 'seq'), '>', eb.tuple(a.segment, a.seq)));
      }
      const rows = await q.orderBy('segment').orderBy('seq').limit(pageSize).execute();
      yield* rows;
      if (rows.length < pageSize) return;
      const last = rows.at(-1)!;
      after = { segment: last.segment, seq: last.seq };
    }
  },
};
