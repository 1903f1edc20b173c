import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { chinaDate } from '../../domain/calendar.js';
import { addMonths, monthOf } from '../../domain/safety-net/month.js';
import { reviewOutcome } from '../../domain/safety-net/review.js';
import { nextReviewOn } from '../../domain/safety-net/schedule.js';
import { notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { audit } from './audit.js';
import { dibaoComputation } from './computation.js';
import type { MeansTest } from './means.js';
import { notAfterToday, refuse } from './rights.js';
import { rollRepository, type RollRow } from './roll-repository.js';

export type CessationReason = 'income' | 'death' | 'moved' | 'refusal' | 'fraud' | 'other';

async function lockInScope(trx: Kysely<DB>, user: AuthUser, id: string): Promise<RollRow> {
  const row = await rollRepository.lock(trx, id);
  if (!row) throw notFound('roll entry', id);
  assertObjectInScope(user, row.village_code, 'roll entry', id);
  return row;
}

const notCeased = (row: RollRow) => {
  if (row.state === 'ceased')
    throw refuse('E_CONFLICT', `roll entry ${row.id} has ceased`, `名册记录 #${row.id} 已停发`, {
      rollId: row.id,
    });
};

/**
 * A dibao review: the means test re-run on the current facts; raise, lower, keep, gradual exit or
 * stop from the effective month (default: next month), the next review scheduled, the change stored
 * with its reasons and computation, audited.
 */
export async function reviewEntry(
  db: Kysely<DB>,
  meansTest: MeansTest,
  user: AuthUser,
  id: string,
  input: { effectiveMonth?: string | undefined; note?: string | undefined },
  now: Date,
) {
  const today = chinaDate(now);
  const effective = input.effectiveMonth ?? addMonths(monthOf(today), 1);
  if (effective < monthOf(today))
    throw refuse(
      'E_VALIDATION',
      'body.effectiveMonth: a review takes effect this month or later',
      '复核结果只能从本月或以后生效',
      { field: 'body.effectiveMonth' },
    );
  return db.transaction().execute(async (trx) => {
    const row = await lockInScope(trx, user, id);
    notCeased(row);
    if (row.programme !== 'dibao')
      throw refuse(
        'E_CONFLICT',
        'only dibao entries are reviewed by the means test',
        '只有低保对象按家庭经济状况复核',
        { rollId: id },
      );
    const m = await meansTest(row.household_id, today);
    const state = row.state === 'gradual_exit' ? 'gradual_exit' : 'active';
    const o = reviewOutcome(
      { state, monthly: Number(row.monthly_amount), gradualExitUntil: row.gradual_exit_until },
      m.benefit,
      m.params,
      effective,
    );
    const computation = JSON.stringify(dibaoComputation(m));
    await rollRepository.update(trx, id, {
      state: o.state,
      ...(o.state !== 'ceased' && {
        monthly_amount: String(o.monthly),
        persons: m.benefit.eligible ? m.benefit.persons : row.persons,
      }),
      ...(m.benefit.eligible && {
        category: m.benefit.category ?? row.category,
        member_id: m.benefit.memberId,
      }),
      computation,
      gradual_exit_until: o.gradualExitUntil,
      end_month: o.endMonth,
      cessation_reason: o.state === 'ceased' ? 'income' : null,
      ceased_on: o.state === 'ceased' ? today : null,
      review_kind: m.reviewKind,
      next_review_on: o.state === 'ceased' ? null : nextReviewOn(today, m.reviewKind, m.params),
      updated_at: now,
    });
    await rollRepository.insertChange(trx, {
      roll_id: id,
      village_code: row.village_code,
      kind: 'review',
      decision: o.decision,
      effective_month: effective,
      amount_before: row.monthly_amount,
      amount_after: String(o.monthly),
      reasons: JSON.stringify(o.reasons),
      computation,
      note: input.note ?? null,
      decided_by: user.id,
      decided_at: now,
    });
    await audit(trx, user, 'review', {
      entityType: 'assistance_roll',
      entityId: id,
      regionCode: row.village_code,
      before: { state: row.state, monthly: Number(row.monthly_amount) },
      after: {
        state: o.state,
        monthly: o.monthly,
        decision: o.decision,
        effectiveMonth: effective,
        gradualExitUntil: o.gradualExitUntil,
      },
      reason: input.note ?? null,
    });
    return { decision: o.decision, effectiveMonth: effective };
  });
}

/** Cessation with its reason: paid through `lastMonth` (default: this month). */
export async function ceaseEntry(
  db: Kysely<DB>,
  user: AuthUser,
  id: string,
  input: { reason: CessationReason; note: string; lastMonth?: string | undefined },
  now: Date,
) {
  const today = chinaDate(now);
  const last = input.lastMonth ?? monthOf(today);
  return db.transaction().execute(async (trx) => {
    const row = await lockInScope(trx, user, id);
    notCeased(row);
    if (last < row.start_month)
      throw refuse('E_VALIDATION', 'body.lastMonth is before the entry started', '停发月份早于开始发放月份', {
        field: 'body.lastMonth',
      });
    await rollRepository.update(trx, id, {
      state: 'ceased',
      cessation_reason: input.reason,
      ceased_on: today,
      end_month: last,
      next_review_on: null,
      updated_at: now,
    });
    await rollRepository.insertChange(trx, {
      roll_id: id,
      village_code: row.village_code,
      kind: 'cease',
      decision: 'stop',
      effective_month: addMonths(last, 1),
      amount_before: row.monthly_amount,
      amount_after: '0',
      reasons: JSON.stringify([{ criterion: `cessation.${input.reason}` }]),
      computation: JSON.stringify({}),
      note: input.note,
      decided_by: user.id,
      decided_at: now,
    });
    await audit(trx, user, 'cease', {
      entityType: 'assistance_roll',
      entityId: id,
      regionCode: row.village_code,
      before: { state: row.state, monthly: Number(row.monthly_amount) },
      after: { state: 'ceased', reason: input.reason, lastMonth: last },
      reason: input.note,
    });
  });
}

/**
 * An appeal against a decision on the entry: filed (recorded on the entry), then decided — upheld
 * reinstates a ceased entry at its amount before the cessation from the month after its last paid
 * month; dismissed leaves it.
 */
export async function appealEntry(
  db: Kysely<DB>,
  user: AuthUser,
  id: string,
  input: {
    filedOn: string;
    grounds: string;
    outcome?: 'upheld' | 'dismissed' | undefined;
    note?: string | undefined;
  },
  now: Date,
) {
  const today = chinaDate(now);
  notAfterToday('body.filedOn', input.filedOn, today);
  return db.transaction().execute(async (trx) => {
    const row = await lockInScope(trx, user, id);
    const appeal = {
      filedOn: input.filedOn,
      grounds: input.grounds,
      outcome: input.outcome ?? null,
      decidedOn: input.outcome ? today : null,
      note: input.note ?? null,
    };
    const reinstate = input.outcome === 'upheld' && row.state === 'ceased';
    const changes = reinstate ? await rollRepository.changes(trx, id) : [];
    const before =
      changes.filter((c) => c.kind === 'cease' || c.decision === 'stop').at(-1)?.amount_before ??
      row.monthly_amount;
    const from = row.end_month ? addMonths(row.end_month, 1) : monthOf(today);
    await rollRepository.update(trx, id, {
      appeal: JSON.stringify(appeal),
      ...(reinstate && {
        state: 'active',
        end_month: null,
        cessation_reason: null,
        ceased_on: null,
        monthly_amount: before,
        next_review_on: today,
      }),
      updated_at: now,
    });
    await rollRepository.insertChange(trx, {
      roll_id: id,
      village_code: row.village_code,
      kind: 'appeal',
      decision: input.outcome ?? 'filed',
      effective_month: reinstate ? from : monthOf(today),
      amount_before: row.state === 'ceased' ? '0' : row.monthly_amount,
      amount_after: reinstate ? before : row.state === 'ceased' ? '0' : row.monthly_amount,
      reasons: JSON.stringify([]),
      computation: JSON.stringify({}),
      note: input.note ?? input.grounds,
      decided_by: user.id,
      decided_at: now,
    });
    await audit(trx, user, 'appeal', {
      entityType: 'assistance_roll',
      entityId: id,
      regionCode: row.village_code,
      before: { state: row.state },
      after: { appeal, reinstated: reinstate },
      reason: input.note ?? input.grounds,
    });
  });
}

/** Gradual exits over by `month` cease (reason income), their last paid month the exit's last. */
export async function endGradualExits(
  trx: Kysely<DB>,
  user: AuthUser | null,
  scope: string,
  month: string,
  now: Date,
) {
  const over = await rollRepository.gradualExitsOver(trx, scope, month);
  for (const r of over) {
    await rollRepository.update(trx, r.id, {
      state: 'ceased',
      cessation_reason: 'income',
      ceased_on: chinaDate(now),
      end_month: r.gradual_exit_until,
      next_review_on: null,
      updated_at: now,
    });
    await rollRepository.insertChange(trx, {
      roll_id: r.id,
      village_code: r.village_code,
      kind: 'gradual_exit_end',
      decision: 'stop',
      effective_month: addMonths(r.gradual_exit_until!, 1),
      amount_before: r.monthly_amount,
      amount_after: '0',
      reasons: JSON.stringify([]),
      computation: JSON.stringify({}),
      note: '渐退期满，停发低保金',
      decided_by: user?.id ?? null,
      decided_at: now,
    });
    await audit(trx, user, 'gradual_exit_end', {
      entityType: 'assistance_roll',
      entityId: r.id,
      regionCode: r.village_code,
      after: { state: 'ceased', lastMonth: r.gradual_exit_until },
    });
  }
  return over.length;
}
