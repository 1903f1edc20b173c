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
  const id = await warningRepository.insertSignal(trx, {
    household_id: h.id,
    channel: 'self_report',
    kind: input.kind,
    observed_on: input.observedOn,
    detail: JSON.stringify({ description: input.description }),
    source: null,
    created_by: onBehalfOf?.id ?? null,
  });
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
