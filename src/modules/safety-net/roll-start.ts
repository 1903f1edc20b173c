import type { Insertable, Kysely } from 'kysely';
import type { AssistanceRollTable, DB } from '../../db/types.js';
import { chinaDate } from '../../domain/calendar.js';
import { addMonths, monthOf } from '../../domain/safety-net/month.js';
import { nextReviewOn } from '../../domain/safety-net/schedule.js';
import { tekunSupport } from '../../domain/safety-net/tekun.js';
import type { AuthUser } from '../../kernel/user.js';
import type { DecisionHook } from '../cases/context.js';
import { audit } from './audit.js';
import { dibaoComputation, tekunComputation } from './computation.js';
import type { MeansTest } from './means.js';
import { refuse } from './rights.js';
import { rollRepository, type RollRow } from './roll-repository.js';

type Decision = {
  dibaoCategory?: string | undefined;
  supportMode?: 'centralised' | 'dispersed' | undefined;
  careLevel?: 'self_care' | 'partly_dependent' | 'fully_dependent' | undefined;
};

/** A 特困 decision ends an open dibao entry (they exclude each other) the month before it starts. */
async function endDibaoForTekun(
  trx: Kysely<DB>,
  user: AuthUser,
  open: RollRow,
  startMonth: string,
  now: Date,
) {
  const endMonth = addMonths(startMonth, -1);
  const set = {
    state: 'ceased',
    cessation_reason: 'other',
    ceased_on: chinaDate(now),
    end_month: endMonth,
    next_review_on: null,
    updated_at: now,
  };
  await rollRepository.update(trx, open.id, set);
  await rollRepository.insertChange(trx, {
    roll_id: open.id,
    village_code: open.village_code,
    kind: 'cease',
    decision: 'stop',
    effective_month: startMonth,
    amount_before: open.monthly_amount,
    amount_after: '0',
    reasons: JSON.stringify([]),
    computation: JSON.stringify({}),
    note: '认定为特困人员，低保停发（低保与特困不重复享受）',
    decided_by: user.id,
    decided_at: now,
  });
  await audit(trx, user, 'cease', {
    entityType: 'assistance_roll',
    entityId: open.id,
    regionCode: open.village_code,
    before: { state: open.state },
    after: { state: 'ceased', endMonth, reason: 'tekun' },
    reason: '转为特困供养',
  });
}

/**
 * The safety net's part of a case decision (wired into the cases module by the composition root):
 * an approved dibao or 特困 case enters the roll in the decision's transaction — the benefit computed
 * by the means test with its computation stored, the category, the start month (the decision's),
 * the next review (dibao). A refusal (not eligible by the means test, already on a roll) rolls the
 * whole step back.
 */
export function createRollStart(meansTest: MeansTest): DecisionHook {
  return async (trx, user, c, step) => {
    if (step.to !== 'approved' || (c.kind !== 'dibao' && c.kind !== 'tekun')) return;
    const today = chinaDate(step.now);
    const startMonth = monthOf(today);
    const m = await meansTest(c.householdId, today);
    const d: Decision = step.payload.decision ?? {};
    const open = await rollRepository.openOf(trx, c.householdId);
    if (open && !(c.kind === 'tekun' && open.programme === 'dibao'))
      throw refuse(
        'E_CONFLICT',
        `the household is already on the ${open.programme} roll (entry ${open.id}); dibao and 特困 exclude each other`,
        `该户已在${open.programme === 'dibao' ? '低保' : '特困'}名册中（#${open.id}），低保与特困不能重复享受`,
        { rollId: open.id },
      );
    let row: Insertable<AssistanceRollTable> & {
      monthly_amount: string;
      computation: string;
      persons: number;
      category: string;
      programme: string;
    };
    const base = {
      household_id: c.householdId,
      village_code: c.villageCode,
      case_id: c.id,
      start_month: startMonth,
      end_month: null,
      gradual_exit_until: null,
      cessation_reason: null,
      ceased_on: null,
      appeal: null,
      created_by: user.id,
      created_at: step.now,
      updated_at: step.now,
    };
    if (c.kind === 'dibao') {
      const b = m.benefit;
      if (!b.eligible)
        throw refuse(
          'E_CONFLICT',
          'the means test finds the household not eligible for dibao: deny the case',
          '家庭经济状况核对结果不符合低保条件，请作出不予批准的决定',
          { reasons: b.reasons },
        );
      row = {
        ...base,
        programme: 'dibao',
        member_id: b.memberId,
        category: d.dibaoCategory ?? b.category ?? 'C',
        care_level: null,
        persons: b.persons,
        monthly_amount: String(b.monthly),
        computation: JSON.stringify(dibaoComputation(m)),
        state: 'active',
        review_kind: m.reviewKind,
        next_review_on: nextReviewOn(today, m.reviewKind, m.params),
      };
    } else {
      if (m.hardship.decision.status !== 'eligible')
        throw refuse(
          'E_CONFLICT',
          'the 特困 rule finds the household not eligible: deny the case',
          '不符合特困人员认定条件，请作出不予批准的决定',
          { reasons: m.hardship.reasons },
        );
      const t = tekunSupport(
        m.params,
        d.supportMode ?? 'dispersed',
        d.careLevel ?? 'self_care',
        m.hardship.decision.persons,
      );
      row = {
        ...base,
        programme: 'tekun',
        member_id: null,
        category: t.mode,
        care_level: t.careLevel,
        persons: t.persons,
        monthly_amount: String(t.monthly),
        computation: JSON.stringify(tekunComputation(m, t)),
        state: 'active',
        review_kind: null,
        next_review_on: null,
      };
      if (open) await endDibaoForTekun(trx, user, open, startMonth, step.now);
    }
    const id = await rollRepository.insert(trx, row);
    await rollRepository.insertChange(trx, {
      roll_id: id,
      village_code: c.villageCode,
      kind: 'start',
      decision: 'start',
      effective_month: startMonth,
      amount_before: null,
      amount_after: row.monthly_amount,
      reasons: JSON.stringify([]),
      computation: row.computation,
      note: step.payload.note ?? null,
      decided_by: user.id,
      decided_at: step.now,
    });
    await audit(trx, user, 'roll_start', {
      entityType: 'assistance_roll',
      entityId: id,
      regionCode: c.villageCode,
      after: {
        programme: row.programme,
        caseId: c.id,
        category: row.category,
        monthly: Number(row.monthly_amount),
        startMonth,
        persons: row.persons,
      },
      reason: step.payload.note ?? null,
    });
  };
}
