import type { RollRow } from './roll-repository.js';

const num = (v: string | number | null) => (v === null ? null : Number(v));

export type RollListRow = Pick<
  RollRow,
  | 'id'
  | 'programme'
  | 'household_id'
  | 'village_code'
  | 'member_id'
  | 'case_id'
  | 'category'
  | 'care_level'
  | 'persons'
  | 'monthly_amount'
  | 'state'
  | 'start_month'
  | 'end_month'
  | 'gradual_exit_until'
  | 'review_kind'
  | 'next_review_on'
  | 'cessation_reason'
  | 'ceased_on'
  | 'version'
> & { household_no: string; head_name: string | null; village_name: string | null };

/** A roll entry as the API answers it (no personal data beyond the household number and head's name). */
export const rollItem = (r: RollListRow, today: string) => ({
  id: r.id,
  programme: r.programme,
  householdId: r.household_id,
  householdNo: r.household_no,
  headName: r.head_name ?? '',
  villageCode: r.village_code,
  villageName: r.village_name ?? '',
  memberId: r.member_id,
  caseId: r.case_id,
  category: r.category,
  careLevel: r.care_level,
  persons: r.persons,
  monthlyAmount: Number(r.monthly_amount),
  state: r.state,
  startMonth: r.start_month,
  endMonth: r.end_month,
  gradualExitUntil: r.gradual_exit_until,
  reviewKind: r.review_kind,
  nextReviewOn: r.next_review_on,
  reviewDue: r.state !== 'ceased' && r.next_review_on !== null && r.next_review_on <= today,
  cessationReason: r.cessation_reason,
  ceasedOn: r.ceased_on,
  version: r.version,
});

export const changeItem = (c: {
  id: string;
  kind: string;
  decision: string;
  effective_month: string;
  amount_before: string | null;
  amount_after: string;
  reasons: unknown;
  computation: unknown;
  note: string | null;
  decided_at: Date;
}) => ({
  id: c.id,
  kind: c.kind,
  decision: c.decision,
  effectiveMonth: c.effective_month,
  amountBefore: num(c.amount_before),
  amountAfter: Number(c.amount_after),
  reasons: (c.reasons ?? []) as unknown[],
  computation: (c.computation ?? {}) as Record<string, unknown>,
  note: c.note,
  decidedAt: c.decided_at.toISOString(),
});
