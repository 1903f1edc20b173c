import { z } from 'zod';
import { Amount, CountyCode, Id, IsoDate, Page, PageSize, RegionCode } from '../../kernel/schema.js';

/** A month as the ISO date of its first day ('2026-03-01'), of the registry's years (2000–2100). */
export const Month = z
  .string()
  .regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])-01$/, 'must be a month YYYY-MM-01 of 2000–2100');
/** A sum of money that must not round to 0 yuan 0 fen (what the numeric(12, 2) column keeps). */
const fen = (v: number) => Math.round(v * 100);
const Note = z.string().trim().max(2000);
const Programme = z.enum(['dibao', 'tekun']);
const RollState = z.enum(['active', 'gradual_exit', 'ceased']);
export const CessationReason = z.enum(['income', 'death', 'moved', 'refusal', 'fraud', 'other']);

export const RollQuery = z.object({
  region: RegionCode.optional(),
  programme: Programme.optional(),
  state: RollState.optional(),
  category: z
    .string()
    .regex(/^[a-z_A-C]{1,20}$/)
    .optional(),
  householdId: Id.optional(),
  page: Page,
  pageSize: PageSize(200, 20),
});

/** Reviews due by a day (absent: today). */
export const ReviewsDueQuery = z.object({
  region: RegionCode.optional(),
  by: IsoDate.optional(),
  page: Page,
  pageSize: PageSize(200, 20),
});

export const RollParams = z.object({ id: Id });

export const RollItem = z.object({
  id: z.string(),
  programme: z.string(),
  householdId: z.string(),
  householdNo: z.string(),
  headName: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  memberId: z.string().nullable(),
  caseId: z.string().nullable(),
  category: z.string(),
  careLevel: z.string().nullable(),
  persons: z.number(),
  monthlyAmount: z.number(),
  state: z.string(),
  startMonth: z.string(),
  endMonth: z.string().nullable(),
  gradualExitUntil: z.string().nullable(),
  reviewKind: z.string().nullable(),
  nextReviewOn: z.string().nullable(),
  reviewDue: z.boolean(),
  cessationReason: z.string().nullable(),
  ceasedOn: z.string().nullable(),
  version: z.number(),
});

export const RollList = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(RollItem),
});

export const RollChange = z.object({
  id: z.string(),
  kind: z.string(),
  decision: z.string(),
  effectiveMonth: z.string(),
  amountBefore: z.number().nullable(),
  amountAfter: z.number(),
  reasons: z.array(z.unknown()),
  computation: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  decidedAt: z.string(),
});

export const RollDetail = RollItem.extend({
  computation: z.record(z.string(), z.unknown()),
  appeal: z.record(z.string(), z.unknown()).nullable(),
  changes: z.array(RollChange),
});

export const ReviewBody = z.object({ effectiveMonth: Month.optional(), note: Note.optional() });
export const ReviewResult = z.object({
  decision: z.enum(['raise', 'lower', 'keep', 'gradual_exit', 'stop']),
  effectiveMonth: z.string(),
  entry: RollDetail,
});

export const CeaseBody = z.object({
  reason: CessationReason,
  note: Note.min(1),
  lastMonth: Month.optional(),
});
export const AppealBody = z.object({
  filedOn: IsoDate,
  grounds: Note.min(1),
  outcome: z.enum(['upheld', 'dismissed']).optional(),
  note: Note.optional(),
});

/** The means test of a household now (what a review or an approval would compute). */
export const MeansParams = z.object({ id: Id });
export const MeansResponse = z.object({
  householdId: z.string(),
  asOf: z.string(),
  incomeYear: z.number(),
  dibao: z.record(z.string(), z.unknown()),
  tekun: z.object({ eligible: z.boolean(), reasons: z.array(z.unknown()) }),
  supporters: z.array(z.record(z.string(), z.unknown())),
});

// ── temporary assistance ────────────────────────────────────────────────────────────────────
export const TemporaryCreate = z.object({
  householdId: Id,
  type: z.enum(['emergency', 'expenditure']),
  cause: z.enum(['fire', 'accident', 'illness', 'disaster', 'medical', 'schooling', 'other']),
  amount: Amount(12, 2).refine((v) => fen(v) > 0, 'must be more than 0'),
  /** Aid first, procedure after (emergency only): paid in this month's list, regularised later. */
  fastTrack: z.boolean().default(false),
  appliedOn: IsoDate.optional(),
  note: Note.optional(),
});
export const TemporaryDecide = z.object({
  action: z.enum(['approve', 'deny', 'regularise']),
  amount: Amount(12, 2)
    .refine((v) => fen(v) > 0, 'must be more than 0')
    .optional(),
  note: Note.min(1),
});
export const TemporaryQuery = z.object({
  region: RegionCode.optional(),
  householdId: Id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  state: z.enum(['applied', 'aided', 'approved', 'denied', 'regularised']).optional(),
  page: Page,
  pageSize: PageSize(200, 20),
});
export const TemporaryItem = z.object({
  id: z.string(),
  householdId: z.string(),
  householdNo: z.string(),
  villageCode: z.string(),
  type: z.string(),
  cause: z.string(),
  fastTrack: z.boolean(),
  state: z.string(),
  requestedAmount: z.number(),
  amount: z.number().nullable(),
  approvalLevel: z.string().nullable(),
  appliedOn: z.string(),
  decidedOn: z.string().nullable(),
  payMonth: z.string().nullable(),
  regulariseBy: z.string().nullable(),
  regularisedOn: z.string().nullable(),
  reasons: z.array(z.unknown()),
  note: z.string().nullable(),
});
export const TemporaryList = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(TemporaryItem),
});

// ── sectoral assistance ─────────────────────────────────────────────────────────────────────
export const SectoralCreate = z.discriminatedUnion('sector', [
  z.object({
    sector: z.literal('medical'),
    householdId: Id,
    memberId: Id.optional(),
    occurredOn: IsoDate,
    /** Total cost, what basic medical and critical-illness insurance paid; assistance pays after them. */
    totalCost: Amount(12, 2),
    basicPaid: Amount(12, 2),
    criticalPaid: Amount(12, 2),
    amount: Amount(12, 2),
    sourceRef: z.string().trim().max(100).optional(),
  }),
  z.object({
    sector: z.literal('education'),
    householdId: Id,
    memberId: Id.optional(),
    occurredOn: IsoDate,
    stage: z.enum(['preschool', 'primary', 'junior', 'senior', 'vocational', 'higher']),
    amount: Amount(12, 2),
    sourceRef: z.string().trim().max(100).optional(),
  }),
  z.object({
    sector: z.literal('housing'),
    householdId: Id,
    occurredOn: IsoDate,
    grade: z.enum(['C', 'D']),
    amount: Amount(12, 2),
    done: z.boolean(),
    sourceRef: z.string().trim().max(100).optional(),
  }),
]);
export const SectoralQuery = z.object({
  region: RegionCode.optional(),
  householdId: Id.optional(),
  sector: z.enum(['medical', 'education', 'housing']).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: Page,
  pageSize: PageSize(200, 20),
});
export const SectoralItem = z.object({
  id: z.string(),
  householdId: z.string(),
  householdNo: z.string(),
  villageCode: z.string(),
  memberId: z.string().nullable(),
  sector: z.string(),
  occurredOn: z.string(),
  amount: z.number(),
  details: z.record(z.string(), z.unknown()),
  source: z.string(),
  sourceRef: z.string().nullable(),
});
export const SectoralList = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(SectoralItem),
});

// ── payments ────────────────────────────────────────────────────────────────────────────────
export const PaymentCreate = z.object({ county: CountyCode, month: Month });
export const PaymentListParams = z.object({ id: Id });
export const PaymentListQuery = z.object({
  county: CountyCode.optional(),
  page: Page,
  pageSize: PageSize(100, 24),
});
export const PaymentLineQuery = z.object({
  village: RegionCode.optional(),
  programme: z.enum(['dibao', 'tekun', 'temporary']).optional(),
  state: z.enum(['due', 'returned', 'correction']).optional(),
  page: Page,
  pageSize: PageSize(500, 50),
});
const Totals = z.object({
  programme: z.string(),
  expected: z.number(),
  listed: z.number(),
  returned: z.number(),
  corrections: z.number(),
  paid: z.number(),
  lines: z.number(),
});
export const PaymentListSummary = z.object({
  id: z.string(),
  countyCode: z.string(),
  month: z.string(),
  state: z.string(),
  exports: z.number(),
  totals: z.array(Totals),
  createdAt: z.string(),
});
export const PaymentLists = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(PaymentListSummary),
});
export const PaymentLine = z.object({
  id: z.string(),
  villageCode: z.string(),
  householdId: z.string(),
  householdNo: z.string(),
  payee: z.string(),
  programme: z.string(),
  rollId: z.string().nullable(),
  temporaryId: z.string().nullable(),
  amount: z.number(),
  state: z.string(),
  corrects: z.string().nullable(),
  note: z.string().nullable(),
});
export const PaymentLines = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(PaymentLine),
});
export const PaymentExportQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });
export const LineParams = z.object({ id: Id, lineId: Id });
export const ReturnBody = z.object({ note: Note.min(1) });
export const CorrectBody = z.object({
  /** Signed: a back payment (+) or a claw-back (−) of the line's entry this month. */
  amount: z
    .number()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((v) => fen(v) !== 0, 'must not be 0'),
  note: Note.min(1),
});
export const Reconciliation = z.object({
  listId: z.string(),
  month: z.string(),
  ok: z.boolean(),
  totals: z.array(Totals),
  mismatches: z.array(
    z.object({ key: z.string(), programme: z.string(), expected: z.number(), listed: z.number() }),
  ),
});
