import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { actorOf, type Actor, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { organisationOf, requireEditor, requireOfficer } from './access.js';
import { needRepository as repo } from './need-repository.js';
import { step } from './need-step.js';

export interface ConfirmInput {
  by: 'household' | 'village';
  householdId?: string | undefined;
  note: string;
  rating?: number | undefined;
  /** Set when a village cadre confirms a household's need for the household. */
  onBehalfReason?: string | undefined;
  actor?: Actor | undefined;
  /** The instant of the confirmation (the caller's clock). */
  at: Date;
}

function checkConfirmer(need: { source: string; household_id: string | null }, id: string, c: ConfirmInput) {
  if (c.by === 'household') {
    if (need.source !== 'household' || !c.householdId || need.household_id !== c.householdId)
      throw new AppError('E_FORBIDDEN', `need ${id} is not a need of household ${c.householdId ?? '?'}`);
  } else if (need.source === 'household' && !c.onBehalfReason?.trim()) {
    throw new AppError(
      'E_VALIDATION',
      'a household need confirmed by the village needs the reason (onBehalfReason)',
      { field: 'onBehalfReason' },
    );
  }
  if (c.rating !== undefined && (!Number.isInteger(c.rating) || c.rating < 1 || c.rating > 5))
    throw new AppError('E_VALIDATION', 'rating must be 1–5', { field: 'rating' });
}

/**
 * Confirm that a need was delivered: by the household (the household portal calls this with the
 * household's id) or by the village (village needs, or a household need on the household's behalf
 * with a reason). Call inside a transaction; records the audit event in it.
 */
export async function confirmDelivery(trx: Kysely<DB>, needId: string, input: ConfirmInput): Promise<void> {
  const need = await repo.needForUpdate(trx, needId);
  if (!need) throw notFound('need', needId);
  checkConfirmer(need, needId, input);
  const status = step(need.status, 'confirm', needId);
  const onBehalf = input.by === 'village' && need.source === 'household';
  await repo.updateNeed(trx, needId, {
    status,
    confirmed_at: input.at,
    confirmed_by: input.by,
    confirm_note: input.note,
    confirm_rating: input.rating ?? null,
    on_behalf_reason: onBehalf ? input.onBehalfReason!.trim() : null,
  });
  await recordAudit(trx, input.actor ?? { id: null, name: `household:${input.householdId ?? '?'}` }, {
    action: 'need.confirm',
    entityType: 'need',
    entityId: needId,
    regionCode: need.village_code,
    before: { status: need.status },
    after: { status, by: input.by, rating: input.rating ?? null },
    reason: input.onBehalfReason ?? input.note,
  });
}

export interface PledgeInput {
  amount: number;
  quantity?: number | undefined;
  expectedDate?: string | undefined;
  note?: string | undefined;
}

/** Pledges and delivery: an organisation pledges to an open need and delivers; the village confirms. */
export function createPledgeService(db: Kysely<DB>, clock: Clock) {
  return {
    async pledge(user: AuthUser, needId: string, p: PledgeInput) {
      const org = await organisationOf(db, user);
      return db.transaction().execute(async (trx) => {
        const need = await repo.needForUpdate(trx, needId);
        if (!need) throw notFound('need', needId);
        const status = step(need.status, 'pledge', needId);
        await repo.insertPledge(trx, {
          need_id: needId,
          organisation_id: org.id,
          amount: p.amount,
          quantity: p.quantity ?? null,
          expected_date: p.expectedDate ?? null,
          note: p.note ?? null,
        });
        await repo.updateNeed(trx, needId, { status, matched_at: clock.now() });
        await recordAudit(trx, actorOf(user), {
          action: 'need.pledge',
          entityType: 'need',
          entityId: needId,
          regionCode: need.township_code,
          before: { status: need.status },
          after: { status, organisationId: org.id, amount: p.amount, expectedDate: p.expectedDate ?? null },
        });
        return { status };
      });
    },

    async deliver(user: AuthUser, needId: string, note: string) {
      const org = await organisationOf(db, user);
      return db.transaction().execute(async (trx) => {
        const need = await repo.needForUpdate(trx, needId);
        if (!need) throw notFound('need', needId);
        const status = step(need.status, 'deliver', needId);
        const pledge = await repo.pledgeOf(trx, needId);
        if (!pledge || pledge.organisation_id !== org.id)
          throw new AppError('E_FORBIDDEN', `need ${needId} is not pledged by your organisation`);
        const now = clock.now();
        await repo.updateNeed(trx, needId, { status, delivered_at: now });
        await repo.markPledgeDelivered(trx, needId, note, now);
        await recordAudit(trx, actorOf(user), {
          action: 'need.deliver',
          entityType: 'need',
          entityId: needId,
          regionCode: need.township_code,
          before: { status: need.status },
          after: { status },
          reason: note,
        });
        return { status };
      });
    },

    /** A village cadre (or officer above) confirms a village need, or a household need on its behalf. */
    async confirmByVillage(
      user: AuthUser,
      needId: string,
      c: { note: string; rating?: number | undefined; onBehalfReason?: string | undefined },
    ) {
      requireOfficer(user);
      return db.transaction().execute(async (trx) => {
        const need = await repo.needForUpdate(trx, needId);
        if (!need) throw notFound('need', needId);
        requireEditor(user, need.village_code);
        await confirmDelivery(trx, needId, { by: 'village', ...c, actor: actorOf(user), at: clock.now() });
        return { status: 'confirmed' };
      });
    },
  };
}
export type PledgeService = ReturnType<typeof createPledgeService>;
