import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { chainHash, findBrokenLink, GENESIS_HASH, type ChainContent } from '../../domain/audit-chain.js';
import type { Actor } from '../../kernel/user.js';
import { auditRepository } from './repository.js';

export { SYSTEM_ACTOR, type Actor } from '../../kernel/user.js';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Record one audit event. Call inside the transaction of the write it describes: the chain lock is
 * held until that transaction ends, so events are chained in commit order.
 */
export async function recordAudit(trx: Kysely<DB>, actor: Actor, input: AuditInput): Promise<string> {
  return appendEvents(trx, [{ actor, input, at: new Date() }]);
}

/**
 * Append events to the chain in order under the chain lock; returns the new head hash. `at` is the
 * event's time: now for every real write (recordAudit); an earlier time only for demo data that
 * needs a history (src/modules/quality/demo-audit.ts) — the chain still verifies, in id order.
 */
export async function appendEvents(
  trx: Kysely<DB>,
  events: readonly { actor: Actor; input: AuditInput; at: Date }[],
): Promise<string> {
  await auditRepository.lockChain(trx);
  let prevHash = (await auditRepository.headHash(trx)) ?? GENESIS_HASH;
  for (const { actor, input, at } of events) {
    const content: ChainContent = {
      at: at.toISOString(),
      actorId: actor.id,
      actorName: actor.name,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      regionCode: input.regionCode ?? null,
      before: input.before ?? null,
      after: input.after ?? null,
      reason: input.reason ?? null,
    };
    const hash = chainHash(prevHash, content);
    await auditRepository.insert(trx, {
      at: content.at,
      actor_id: content.actorId,
      actor_name: content.actorName,
      action: content.action,
      entity_type: content.entityType,
      entity_id: content.entityId,
      region_code: content.regionCode,
      before: content.before === null ? null : JSON.stringify(content.before),
      after: content.after === null ? null : JSON.stringify(content.after),
      reason: content.reason,
      prev_hash: prevHash,
      hash,
    });
    prevHash = hash;
  }
  return prevHash;
}

export function createAuditService(db: Kysely<DB>) {
  return {
    async list(
      scope: string,
      f: { entityType?: string; entityId?: string; action?: string; page: number; pageSize: number },
    ) {
      const [count, rows] = await auditRepository.list(db, {
        scope,
        entityType: f.entityType,
        entityId: f.entityId,
        action: f.action,
        limit: f.pageSize,
        offset: (f.page - 1) * f.pageSize,
      });
      const headHash = (await auditRepository.headHash(db)) ?? GENESIS_HASH;
      return { total: Number(count.n), rows, headHash };
    },

    headHash: async () => (await auditRepository.headHash(db)) ?? GENESIS_HASH,

    /** Walk the whole chain in id order; report the first event whose link or content was altered. */
    async verify(): Promise<{
      events: number;
      broken: { id: string; problem: string } | null;
      headHash: string;
    }> {
      let events = 0;
      let prev = GENESIS_HASH;
      for await (const r of auditRepository.streamAll(db)) {
        events++;
        const link = {
          id: r.id,
          prevHash: r.prev_hash,
          hash: r.hash,
          at: new Date(r.at).toISOString(),
          actorId: r.actor_id,
          actorName: r.actor_name,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          regionCode: r.region_code,
          before: r.before,
          after: r.after,
          reason: r.reason,
        };
        const broken = findBrokenLink([link], prev);
        if (broken) return { events, broken, headHash: prev };
        prev = r.hash;
      }
      return { events, broken: null, headHash: prev };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
