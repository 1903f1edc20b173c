import { z } from 'zod';
import { EMPLOYMENT_REACH } from '../../domain/effort/ledger.js';
import { Amount, Id, IsoDate, RegionCode, Year } from '../../kernel/schema.js';

/** Requests and answers of the household's own effort (docs/effort.md). */

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
const Source = z.enum(['home_visit', 'self_report', 'department_list', 'document', 'import']);

export const EmploymentBody = z.strictObject({
  memberId: Id,
  year: Year,
  place: text(1, 200),
  employer: text(1, 200).nullable().optional(),
  reach: z.enum(EMPLOYMENT_REACH),
  months: z.number().int().min(0).max(12),
  income: Amount(12, 2),
  observedOn: IsoDate,
  source: Source,
  sourceRef: text(1, 200).nullable().optional(),
});

export const TrainingBody = z.strictObject({
  memberId: Id,
  course: text(1, 200),
  organiser: text(1, 200),
  startedOn: IsoDate,
  endedOn: IsoDate,
  certificate: text(1, 200).nullable().optional(),
  source: Source,
});

export const EarnBody = z.strictObject({
  ruleCode: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
  note: text(0, 500).optional(),
});
export const RedeemBody = z.strictObject({
  itemId: Id,
  quantity: z.number().int().min(1).max(100).default(1),
  note: text(0, 500).optional(),
});

export const RuleBody = z.strictObject({
  countyCode: z.string().regex(/^\d{6}$/, 'must be a county code (6 digits)'),
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'a code: lower-case letters, digits, _'),
  labelZh: text(1, 100),
  labelEn: text(1, 100),
  points: z.number().int().min(1).max(10000),
  active: z.boolean().default(true),
});

export const ShopItemBody = z.strictObject({
  regionCode: z.string().regex(/^(\d{9}|\d{12})$/, 'a township (9 digits) or village (12 digits) code'),
  name: text(1, 100),
  points: z.number().int().min(1).max(100000),
});

export const WageBody = z.strictObject({
  memberId: Id,
  period: Month,
  days: z.number().int().min(1).max(31),
  amount: Amount(12, 2).refine((n) => n > 0, 'must be above 0'),
  paidOn: IsoDate,
});

export const WorkReliefFlag = z.strictObject({ workRelief: z.boolean() });
export const RegionQuery = z.object({ region: RegionCode.optional() });

export const Employment = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string().nullable(),
  year: z.number(),
  workPlace: z.string().nullable(),
  employer: z.string().nullable(),
  reach: z.string(),
  months: z.number(),
  income: z.number(),
  observedOn: z.string(),
  source: z.string(),
  sourceRef: z.string().nullable(),
});

export const Training = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string().nullable(),
  course: z.string(),
  organiser: z.string(),
  startedOn: z.string(),
  endedOn: z.string(),
  certificate: z.string().nullable(),
});

export const LedgerEntry = z.object({
  id: z.string(),
  kind: z.enum(['earn', 'redeem']),
  points: z.number(),
  ruleCode: z.string().nullable(),
  itemId: z.string().nullable(),
  itemName: z.string().nullable(),
  quantity: z.number().nullable(),
  note: z.string().nullable(),
  balanceAfter: z.number(),
  recordedAt: z.string(),
});

export const Ledger = z.object({
  householdId: z.string(),
  balance: z.number(),
  entries: z.array(LedgerEntry),
});

export const Rule = z.object({
  code: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  points: z.number(),
  active: z.boolean(),
  own: z.boolean(),
});
export const Rules = z.object({ countyCode: z.string(), rules: z.array(Rule) });

export const ShopItem = z.object({
  id: z.string(),
  regionCode: z.string(),
  name: z.string(),
  points: z.number(),
  active: z.boolean(),
});

export const Wage = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string().nullable(),
  householdId: z.string(),
  memberId: z.string(),
  memberName: z.string().nullable(),
  period: z.string(),
  days: z.number(),
  amount: z.number(),
  paidOn: z.string(),
  factId: z.string().nullable(),
});

export const WorkReliefProject = z.object({
  id: z.string(),
  name: z.string(),
  villageCode: z.string(),
  startYear: z.number(),
  wages: z.number(),
  paid: z.number(),
  workers: z.number(),
});

const Reason = z.object({
  criterion: z.string(),
  label_zh: z.string(),
  label_en: z.string(),
  value: z.unknown(),
  threshold: z.unknown(),
  passed: z.boolean(),
  binding: z.boolean(),
});

export const PassiveExit = z.object({
  year: z.number(),
  passive: z.boolean(),
  perCapita: z.number(),
  perCapitaWithoutTransfers: z.number(),
  line: z.number(),
  reasons: z.array(Reason),
});

export const Commitment = z.object({
  id: z.string(),
  planId: z.string().nullable(),
  text: z.string(),
  dueOn: z.string().nullable(),
  state: z.string(),
  progress: z.array(
    z.object({
      id: z.string(),
      reportedOn: z.string(),
      text: z.string(),
      reportedVia: z.string(),
      confirmed: z.boolean(),
      confirmedAt: z.string().nullable(),
      pointsEarned: z.number().nullable(),
    }),
  ),
});

export const CommitmentBody = z.strictObject({ text: text(2, 500), dueOn: IsoDate.nullable().optional() });
export const ProgressBody = z.strictObject({ commitmentId: Id, text: text(1, 500) });
export const ConfirmBody = z.strictObject({ progressId: Id, kept: z.boolean().default(false) });

export const Effort = z.object({
  householdId: z.string(),
  employment: z.array(Employment),
  training: z.array(Training),
  wages: z.array(Wage),
  commitments: z.array(Commitment),
  ledger: Ledger,
  passiveExit: PassiveExit.nullable(),
});

/** The cadre's confirmation screen: reported progress not yet confirmed, in scope. */
export const PendingProgress = z.object({
  truncated: z.boolean(),
  items: z.array(
    z.object({
      progressId: z.string(),
      commitmentId: z.string(),
      commitment: z.string(),
      dueOn: z.string().nullable(),
      householdId: z.string(),
      householdNo: z.string(),
      headName: z.string().nullable(),
      villageCode: z.string(),
      reportedOn: z.string(),
      reportedVia: z.string(),
      text: z.string(),
    }),
  ),
});

/** The portal's points: balance, ledger, the household's own shops' items, the county's rules in words. */
export const PortalPoints = z.object({
  balance: z.number(),
  entries: z.array(LedgerEntry),
  shop: z.array(ShopItem),
  rules: z.array(
    z.object({ code: z.string(), labelZh: z.string(), labelEn: z.string(), points: z.number() }),
  ),
});
export const PortalRedeemBody = z.strictObject({
  itemId: Id,
  quantity: z.number().int().min(1).max(100).default(1),
});
export const PortalRedeemed = PortalPoints.extend({ entry: LedgerEntry });
