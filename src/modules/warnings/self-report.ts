import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { isReportKind, type ReportKind } from '../../domain/warnings/kinds.js';
import { AppError, notFound } from '../../kernel/errors.js';
import type { Actor } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { warningRepository } from './repository.js';

export interface SelfReportInput {
  kind: ReportKind;
  description: string;
  observedOn: string;
  /** Made on the device (offline outbox): the same key from the same user answers the stored report. */
  clientKey?: string | undefined;
}

/** The report a user already stored under a device key (an outbox sending again), or none. */
async function storedByKey(trx: Kysely<DB>, userId: string, key: string, householdId: string) {
  const r = await trx
    .selectFrom('warning_signal')
    .select(['id', 'household_id'])
    .where('created_by', '=', userId)
    .where('client_key', '=', key)
    .executeTakeFirst();
  if (r && String(r.household_id) !== householdId)
    throw new AppError('E_CONFLICT', 'This report key was already used for another household', {
      field: 'clientKey',
      messageZh: '此报告编号已用于另一户',
    });
  return r ? String(r.id) : undefined;
}

/**
 * A household's self-report (the household portal calls this inside its transaction). The actor is
 * the household unless a user records it on the household's behalf. Audited.
 */
export async function recordSelfReport(
  trx: Kysely<DB>,
  householdId: string,
  input: SelfReportInput,
  onBehalfOf?: Actor,
): Promise<string> {
  if (!isReportKind(input.kind))
    throw new AppError('E_VALIDATION', `kind: unknown risk kind "${input.kind}"`);
  const h = await warningRepository.household(trx, householdId);
  if (!h) throw notFound('household', householdId);
  const key = onBehalfOf?.id && input.clientKey ? { user: onBehalfOf.id, key: input.clientKey } : null;
  const stored = key && (await storedByKey(trx, key.user, key.key, householdId));
  if (stored) return stored;
  const inserted = await trx
    .insertInto('warning_signal')
    .values({
      household_id: h.id,
      village_code: h.village_code,
      channel: 'self_report',
      kind: input.kind,
      observed_on: input.observedOn,
      detail: JSON.stringify({ description: input.description }),
      source: null,
      created_by: onBehalfOf?.id ?? null,
      client_key: key?.key ?? null,
    })
    // two sends of one key racing each other: the second stores nothing and answers the first
    .onConflict((oc) =>
      oc
        .columns(['created_by', 'client_key', 'village_code'])
        .where('client_key', 'is not', null)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return (await storedByKey(trx, key!.user, key!.key, householdId))!;
  const id = inserted.id;
  const actor: Actor = onBehalfOf ?? { id: null, name: `household ${h.household_no}` };
  await recordAudit(trx, actor, {
    action: 'warning.self_report',
    entityType: 'warning_signal',
    entityId: id,
    regionCode: h.village_code,
    after: { householdId: h.id, kind: input.kind, observedOn: input.observedOn, onBehalf: !!onBehalfOf },
    reason: input.description,
  });
  return id;
}
