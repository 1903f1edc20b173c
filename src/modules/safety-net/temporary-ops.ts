import type { Kysely, Updateable } from 'kysely';
import type { DB, TemporaryAssistanceTable } from '../../db/types.js';
import { addDays, chinaDate } from '../../domain/calendar.js';
import { monthOf } from '../../domain/safety-net/month.js';
import { temporaryCheck, type TemporaryType } from '../../domain/safety-net/temporary.js';
import { notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { audit } from './audit.js';
import type { SafetyNetParamsFor } from './params-service.js';
import { notAfterToday, refuse, requireRight } from './rights.js';

export interface TemporaryInput {
  householdId: string;
  type: TemporaryType;
  cause: string;
  amount: number;
  fastTrack: boolean;
  appliedOn?: string | undefined;
  note?: string | undefined;
}

export interface TemporaryDecision {
  action: 'approve' | 'deny' | 'regularise';
  amount?: number | undefined;
  note: string;
}

/** Temporary assistance granted to a household in a calendar year (aided, approved or regularised). */
async function grantedInYear(db: Kysely<DB>, householdId: string, year: number, except?: string) {
  let q = db
    .selectFrom('temporary_assistance')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount'), eb.val('0')).as('s'))
    .where('household_id', '=', householdId)
    .where('state', 'in', ['aided', 'approved', 'regularised'])
    .where('applied_on', '>=', `${year}-01-01`)
    .where('applied_on', '<=', `${year}-12-31`);
  if (except) q = q.where('id', '<>', except);
  return Number((await q.executeTakeFirstOrThrow()).s);
}

export async function createTemporary(
  db: Kysely<DB>,
  paramsFor: SafetyNetParamsFor,
  now: Date,
  user: AuthUser,
  input: TemporaryInput,
): Promise<string> {
  const today = chinaDate(now);
  const appliedOn = input.appliedOn ?? today;
  notAfterToday('body.appliedOn', appliedOn, today); // a later day would also escape this year's ceiling
  const id = await db.transaction().execute(async (trx) => {
    const h = await trx
      .selectFrom('household')
      .select(['id', 'village_code'])
      .where('id', '=', input.householdId)
      .forUpdate()
      .executeTakeFirst();
    if (!h) throw notFound('household', input.householdId);
    assertObjectInScope(user, h.village_code, 'household', input.householdId);
    const { params } = await paramsFor(h.village_code, appliedOn);
    const granted = await grantedInYear(trx, h.id, Number(appliedOn.slice(0, 4)));
    const check = temporaryCheck(
      { type: input.type, amount: input.amount, fastTrack: input.fastTrack, grantedThisYear: granted },
      params,
    );
    if (!check.allowed)
      throw refuse(
        'E_CONFLICT',
        'the amount is outside the limits of temporary assistance',
        '救助金额超出临时救助的限额',
        { reasons: check.reasons, roomThisYear: check.roomThisYear },
      );
    const r = await trx
      .insertInto('temporary_assistance')
      .values({
        household_id: h.id,
        village_code: h.village_code,
        type: input.type,
        cause: input.cause,
        fast_track: input.fastTrack,
        state: input.fastTrack ? 'aided' : 'applied',
        requested_amount: String(input.amount),
        amount: input.fastTrack ? String(input.amount) : null,
        approval_level: check.level,
        applied_on: appliedOn,
        decided_on: input.fastTrack ? today : null,
        pay_month: input.fastTrack ? monthOf(today) : null,
        regularise_by: input.fastTrack ? addDays(today, params.temporary.regulariseDays) : null,
        reasons: JSON.stringify(check.reasons),
        note: input.note ?? null,
        created_by: user.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, user, 'temporary', {
      entityType: 'temporary_assistance',
      entityId: r.id,
      regionCode: h.village_code,
      after: {
        state: input.fastTrack ? 'aided' : 'applied',
        amount: input.amount,
        type: input.type,
        fastTrack: input.fastTrack,
      },
      reason: input.note ?? null,
    });
    return r.id;
  });
  return id;
}

/** approve (within limits; the county above the township's), deny, or regularise a fast-tracked aid. */
export async function decideTemporary(
  db: Kysely<DB>,
  paramsFor: SafetyNetParamsFor,
  now: Date,
  user: AuthUser,
  id: string,
  input: TemporaryDecision,
): Promise<void> {
  const today = chinaDate(now);
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .selectFrom('temporary_assistance')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!r) throw notFound('temporary assistance', id);
    assertObjectInScope(user, r.village_code, 'temporary assistance', id);
    const from = input.action === 'regularise' ? 'aided' : 'applied';
    if (r.state !== from)
      throw refuse(
        'E_CONFLICT',
        `a ${r.state} case cannot be ${input.action}d`,
        `当前状态（${r.state}）不能执行此操作`,
        { state: r.state },
      );
    let set: Updateable<TemporaryAssistanceTable> = { state: 'denied', decided_on: today };
    if (input.action === 'regularise') set = { state: 'regularised', regularised_on: today };
    if (input.action === 'approve') {
      const amount = input.amount ?? Number(r.requested_amount);
      const { params } = await paramsFor(r.village_code, today);
      const granted = await grantedInYear(trx, r.household_id, Number(r.applied_on.slice(0, 4)), id);
      const check = temporaryCheck(
        { type: r.type as TemporaryType, amount, fastTrack: false, grantedThisYear: granted },
        params,
      );
      if (!check.allowed)
        throw refuse(
          'E_CONFLICT',
          'the amount is outside the limits of temporary assistance',
          '救助金额超出临时救助的限额',
          { reasons: check.reasons, roomThisYear: check.roomThisYear },
        );
      if (check.level === 'county') requireRight(user, 'decideSafetyNet');
      set = {
        state: 'approved',
        amount: String(amount),
        approval_level: check.level,
        decided_on: today,
        pay_month: monthOf(today),
        reasons: JSON.stringify(check.reasons),
      };
    }
    await trx
      .updateTable('temporary_assistance')
      .set({ ...set, note: input.note, updated_at: now })
      .where('id', '=', id)
      .execute();
    await audit(trx, user, 'temporary', {
      entityType: 'temporary_assistance',
      entityId: id,
      regionCode: r.village_code,
      before: { state: r.state },
      after: { state: set.state, amount: set.amount ?? r.amount },
      reason: input.note,
    });
  });
}
