import { z } from 'zod';
import { FACT_KINDS, FACT_SOURCES, FACT_STATES, FACT_CONFIRMATION } from '../../domain/facts/catalogue.js';
import { Id, IsoDate, RegionCode } from '../../kernel/schema.js';

/**
 * Requests and answers of the recorded facts (docs/facts.md). The body's `value` is checked against
 * its kind's schema in the service (src/domain/facts/kinds.ts), so that a 400 names the kind and the
 * field (`body.value.items.wage`), as the CSV import names its row and column.
 */

export const HouseholdParams = z.object({ id: Id });
export const HouseholdFactParams = z.object({ id: Id, factId: Id });
export const FactParams = z.object({ factId: Id });

const Note = z.string().trim().max(500);

export const FactBody = z.strictObject({
  kind: z.enum(FACT_KINDS),
  memberId: Id.nullable().optional().describe('the member, for kinds about one member'),
  observedOn: IsoDate.optional().describe(
    'the day the fact holds as of (not in the future); an income month: its first day, may be left out',
  ),
  source: z.enum(FACT_SOURCES),
  sourceRef: z.string().trim().max(200).nullable().optional(),
  value: z.record(z.string(), z.unknown()).describe("the kind's value (docs/facts.md)"),
  note: Note.optional(),
  basedOn: Id.nullable()
    .optional()
    .describe(
      'an update made offline: the newest fact of this kind, member and subject the device saw (null: none); a newer one recorded meanwhile → 409 with it (details.current)',
    ),
});
export type FactBody = z.infer<typeof FactBody>;

export const CorrectionBody = FactBody.omit({ kind: true, memberId: true, basedOn: true }).extend({
  note: Note.min(2).describe('why the recorded value was wrong'),
});
export type CorrectionBody = z.infer<typeof CorrectionBody>;

export const DecisionBody = z.strictObject({ note: Note.optional() });
export const RejectionBody = z.strictObject({ note: Note.min(2) });

export const FactDto = z.object({
  id: z.string(),
  householdId: z.string(),
  kind: z.enum(FACT_KINDS),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  subject: z.string(),
  /** null when the viewer may not see the value's data class (`withheld`). */
  value: z.record(z.string(), z.unknown()).nullable(),
  withheld: z.boolean(),
  observedOn: z.string(),
  source: z.enum(FACT_SOURCES),
  sourceRef: z.string().nullable(),
  state: z.enum(FACT_STATES),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  supersedes: z.string().nullable(),
});
export type FactDto = z.infer<typeof FactDto>;

export const HouseholdFactsResponse = z.object({
  householdId: z.string(),
  /** The county's maker–checker setting for this household's village. */
  confirmation: z.enum(FACT_CONFIRMATION),
  /** Every row, history included (state superseded/rejected), by kind and newest observation first. */
  facts: z.array(FactDto),
});

export const QueueQuery = z.object({ region: RegionCode.optional() });

export const QueueItem = FactDto.extend({
  householdNo: z.string(),
  headName: z.string().nullable(),
  confirmation: z.enum(FACT_CONFIRMATION),
  /** Whether the signed-in user may confirm or reject it (level, not their own proposal). */
  mayDecide: z.boolean(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const QueueResponse = z.object({ items: z.array(QueueItem), truncated: z.boolean() });
