import type { Selectable } from 'kysely';
import type {
  IncentiveEntryTable,
  MemberEmploymentTable,
  MemberTrainingTable,
  ShopItemTable,
  WorkReliefWageTable,
} from '../../db/types.js';

/** Rows to answers (before the visibility table: `shown` in access.ts). */

type Named = { member_name: string | null };
const day = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));

export const employmentDto = (r: Selectable<MemberEmploymentTable> & Named) => ({
  id: r.id,
  memberId: r.member_id,
  memberName: r.member_name,
  year: r.year,
  workPlace: r.place,
  employer: r.employer,
  reach: r.reach,
  months: r.months,
  income: Number(r.income),
  observedOn: day(r.observed_on),
  source: r.source,
  sourceRef: r.source_ref,
});

export const trainingDto = (r: Selectable<MemberTrainingTable> & Named) => ({
  id: r.id,
  memberId: r.member_id,
  memberName: r.member_name,
  course: r.course,
  organiser: r.organiser,
  startedOn: day(r.started_on),
  endedOn: day(r.ended_on),
  certificate: r.certificate,
});

export const wageDto = (r: Selectable<WorkReliefWageTable> & Named & { project_name?: string | null }) => ({
  id: r.id,
  projectId: r.project_id,
  projectName: r.project_name ?? null,
  householdId: r.household_id,
  memberId: r.member_id,
  memberName: r.member_name,
  period: r.period,
  days: r.days,
  amount: Number(r.amount),
  paidOn: day(r.paid_on),
  factId: r.fact_id,
});

export const entryDto = (r: Selectable<IncentiveEntryTable> & { item_name?: string | null }) => ({
  id: r.id,
  kind: r.kind as 'earn' | 'redeem',
  points: r.points,
  ruleCode: r.rule_code,
  itemId: r.item_id,
  itemName: r.item_name ?? null,
  quantity: r.quantity,
  note: r.note,
  balanceAfter: r.balance_after,
  recordedAt: new Date(r.recorded_at).toISOString(),
});

export const shopItemDto = (r: Selectable<ShopItemTable>) => ({
  id: r.id,
  regionCode: r.region_code,
  name: r.name,
  points: r.points,
  active: r.active,
});
