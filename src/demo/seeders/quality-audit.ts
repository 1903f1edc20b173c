import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Actor } from '../../kernel/user.js';
import { appendEvents, type AuditInput } from '../../modules/audit/service.js';

/**
 * Demo only: audit events dated in the past (the planted edit burst needs a history of edits).
 * recordAudit always stamps "now"; these go through the same chain writer, linked to the head in
 * id order, so `jingzhun audit verify` accepts the chain.
 */
export async function recordDatedAudit(
  trx: Kysely<DB>,
  events: readonly { actor: Actor; input: AuditInput; at: Date }[],
): Promise<void> {
  await appendEvents(trx, events);
}
