import { sql, type Insertable, type Kysely } from 'kysely';
import { APP_ROLE } from '../../db/app-role.js';
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
  /** The segment's first keyed event (null: none yet). */
  keyedFrom: number | null;
}

/** A registry change (row_change) whose transaction wrote no audit event. */
export interface UnauditedChange {
  id: string;
  txid: string;
  at: Date;
  tbl: string;
  op: string;
  rows: string;
  regions: string[];
  dbUser: string;
}

const headOf = (r: { segment: string; head_hash: string; events: string; keyed_from: string | null }) => ({
  segment: r.segment,
  headHash: r.head_hash,
  events: Number(r.events),
  keyedFrom: r.keyed_from === null ? null : Number(r.keyed_from),
});

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
      .returning(['segment', 'head_hash', 'events', 'keyed_from'])
      .executeTakeFirstOrThrow();
    return headOf(row);
  },
  async setHead(db: Kysely<DB>, head: HeadRow) {
    await db
      .updateTable('audit_segment')
      .set({
        head_hash: head.headHash,
        events: head.events,
        keyed_from: head.keyedFrom,
        updated_at: sql<Date>`now()`,
      })
      .where('segment', '=', head.segment)
      .execute();
  },
  /** Every segment's head (segments created but never committed to do not exist). */
  async heads(db: Kysely<DB>): Promise<HeadRow[]> {
    const rows = await db
      .selectFrom('audit_segment')
      .select(['segment', 'head_hash', 'events', 'keyed_from'])
      .where('events', '>', '0')
      .orderBy('segment')
      .execute();
    return rows.map(headOf);
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
      .select(['segment', 'head_hash', 'events', 'keyed_from'])
      .where('segment', '=', segment)
      .executeTakeFirst();
    return r ? headOf(r) : null;
  },
  /** The event at a segment's place (the checkpoint writer's check that the chain still reaches it). */
  eventAt(db: Kysely<DB>, segment: string, seq: number) {
    return db
      .selectFrom('audit_event')
      .select(['id', 'hash'])
      .where('segment', '=', segment)
      .where('seq', '=', String(seq))
      .executeTakeFirst();
  },
  /**
   * Registry changes (row_change, written by the registry tables' triggers) whose transaction wrote
   * no audit event and that no bulk event names among its `txids` (its `after`): changes made
   * outside the application. Oldest first, at most `limit`.
   */
  async unauditedChanges(db: Kysely<DB>, limit = 100): Promise<{ total: number; rows: UnauditedChange[] }> {
    const rows = await sql<UnauditedChange & { total: string }>`
      with covered as (
        select (jsonb_array_elements_text(after -> 'txids'))::bigint as txid
        from audit_event where jsonb_typeof(after -> 'txids') = 'array'
      )
      select r.id, r.txid, r.at, r.tbl, r.op, r.rows, r.regions, r.db_user as "dbUser",
             count(*) over () as total
      from row_change r
      where not exists (select 1 from audit_event e where e.txid = r.txid)
        and not exists (select 1 from covered c where c.txid = r.txid)
      order by r.id
      limit ${limit}`.execute(db);
    return { total: Number(rows.rows[0]?.total ?? 0), rows: rows.rows.map(({ total: _, ...r }) => r) };
  },
  /**
   * Whether the server's role can rewrite the evidence: a superuser, or a role that may update,
   * delete or truncate audit events or registry changes (or owns them, and so may disable their
   * triggers). The server's role is the least-privilege `jingzhun_app` where it exists (the embedded
   * cluster, db/app-role.ts), else the connected one (an external `DATABASE_URL`).
   */
  async canRewriteAudit(db: Kysely<DB>): Promise<{ role: string; canRewrite: boolean }> {
    const r = await sql<{ role: string; can: boolean }>`
      with r as (select coalesce((select rolname::text from pg_roles where rolname = ${APP_ROLE}), current_user::text) as name)
      select r.name as role,
        (select rolsuper from pg_roles where rolname = r.name)
        or has_table_privilege(r.name, 'audit_event', 'UPDATE') or has_table_privilege(r.name, 'audit_event', 'DELETE')
        or has_table_privilege(r.name, 'audit_event', 'TRUNCATE')
        or has_table_privilege(r.name, 'row_change', 'UPDATE') or has_table_privilege(r.name, 'row_change', 'DELETE')
        or has_table_privilege(r.name, 'row_change', 'TRUNCATE')
        or pg_has_role(r.name, (select tableowner from pg_tables where tablename = 'household' and schemaname = current_schema()), 'USAGE')
        as can
      from r`.execute(db);
    return { role: r.rows[0]!.role, canRewrite: r.rows[0]!.can };
  },
  /** The database's name: the key of its heads in the checkpoint file. */
  async databaseName(db: Kysely<DB>): Promise<string> {
    const r = await sql<{ name: string }>`select current_database() as name`.execute(db);
    return r.rows[0]!.name;
  },
  /** The newest registry change's id so far ('0': none). */
  async changeMark(db: Kysely<DB>): Promise<string> {
    const r = await sql<{ id: string }>`select coalesce(max(id), 0)::text as id from row_change`.execute(db);
    return r.rows[0]!.id;
  },
  /** The transactions after `mark`, changing only `county`, whose registry changes no audit event covers yet. */
  async unauditedTxidsSince(db: Kysely<DB>, mark: string, county: string): Promise<string[]> {
    const r = await sql<{ txid: string }>`
      with covered as (
        select (jsonb_array_elements_text(after -> 'txids'))::bigint as txid
        from audit_event where jsonb_typeof(after -> 'txids') = 'array'
      )
      select distinct r.txid::text as txid from row_change r
      where r.id > ${mark}
        and r.regions <@ array[${county}]::text[]
        and not exists (select 1 from audit_event e where e.txid = r.txid)
        and not exists (select 1 from covered c where c.txid = r.txid)
      order by 1`.execute(db);
    return r.rows.map((x) => x.txid);
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
