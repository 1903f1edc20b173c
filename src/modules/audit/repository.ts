import { sql, type Insertable, type Kysely } from 'kysely';
import type { AuditEventTable, DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

export interface AuditFilter {
  scope: string;
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  limit: number;
  offset: number;
}

export const auditRepository = {
  /** Serialise writers of the chain for the rest of the transaction. */
  async lockChain(db: Kysely<DB>) {
    await sql`select pg_advisory_xact_lock(7340002)`.execute(db);
  },
  async headHash(db: Kysely<DB>): Promise<string | null> {
    const row = await db
      .selectFrom('audit_event')
      .select('hash')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.hash ?? null;
  },
  async insert(db: Kysely<DB>, row: Insertable<AuditEventTable>) {
    await db.insertInto('audit_event').values(row).execute();
  },
  list(db: Kysely<DB>, f: AuditFilter) {
    let q = db.selectFrom('audit_event').where(inRegion('region_code', f.scope, true));
    if (f.entityType) q = q.where('entity_type', '=', f.entityType);
    if (f.entityId) q = q.where('entity_id', '=', f.entityId);
    if (f.action) q = q.where('action', '=', f.action);
    return Promise.all([
      q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      q.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    ]);
  },
  /** Every event in id order, read in keyset pages so memory stays flat. */
  async *streamAll(db: Kysely<DB>, pageSize = 2000) {
    let after = '0';
    for (;;) {
      const rows = await db
        .selectFrom('audit_event')
        .selectAll()
        .where('id', '>', after)
        .orderBy('id')
        .limit(pageSize)
        .execute();
      yield* rows;
      if (rows.length < pageSize) return;
      after = rows.at(-1)!.id;
    }
  },
};
