import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { chainHash, GENESIS_HASH, type ChainContent } from '../../domain/audit-chain.js';
import { auditRepository } from '../audit/repository.js';
import type { Actor, AuditInput } from '../audit/service.js';

/**
 * Demo only: audit events dated in the past (the planted edit burst needs a history of edits).
 * recordAudit always stamps "now", so this writes through the same chain function and lock:
 * each event is linked to the head in id order, and `jingzhun audit verify` accepts the chain.
 */
export async function recordDatedAudit(
  trx: Kysely<DB>,
  events: readonly { actor: Actor; input: AuditInput; at: Date }[],
): Promise<void> {
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
}
