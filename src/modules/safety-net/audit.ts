import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { actorOf, SYSTEM_ACTOR, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';

/** The safety net's audit events (`safety_net.*`), written in the write's own transaction. */
export type SafetyNetAction =
  | 'roll_start'
  | 'review'
  | 'cease'
  | 'appeal'
  | 'gradual_exit_end'
  | 'temporary'
  | 'sectoral'
  | 'payment_list'
  | 'payment_export'
  | 'payment_return'
  | 'payment_correct'
  | 'params';

export const audit = (
  trx: Kysely<DB>,
  user: AuthUser | null,
  action: SafetyNetAction,
  e: {
    entityType: string;
    entityId: string;
    regionCode: string;
    before?: unknown;
    after?: unknown;
    reason?: string | null;
  },
) =>
  recordAudit(trx, user ? actorOf(user) : SYSTEM_ACTOR, {
    action: `safety_net.${action}`,
    entityType: e.entityType,
    entityId: e.entityId,
    regionCode: e.regionCode,
    before: e.before ?? null,
    after: e.after ?? null,
    reason: e.reason ?? null,
  });
