import { z } from 'zod';
import { MEMBER_FACT_KINDS } from '../../domain/registration/form.js';
import { Version } from '../../kernel/schema.js';

const Id = z.string().regex(/^\d{1,18}$/, 'an id');
const Value = z.union([
  z.string().max(200),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string().max(40)).max(5),
]);
/** A fact value as typed: checked by its kind's schema on check and submit (src/domain/facts/kinds.ts). */
const FactInput = z.record(
  z.string().regex(/^[a-zA-Z]{1,40}$/),
  z.union([z.string().max(100), z.number(), z.boolean(), z.null()]),
);
const Part = z.record(z.string().regex(/^[a-z_]{1,40}$/), Value);

/** The form as typed (keys of the import's columns; checked only by check and submit). */
export const RegistrationFormBody = z.strictObject({
  household: Part.default({}),
  members: z.array(Part).max(30).default([]),
  income: Part.default({}),
  facts: z
    .strictObject({
      foodClothingSecure: z.boolean().nullable().optional(),
      declaredVehicles: z.number().int().min(0).max(1000).nullable().optional(),
      declaredHouses: z.number().int().min(0).max(1000).nullable().optional(),
      declaredDeposits: z.number().min(0).max(100_000_000).nullable().optional(),
      members: z
        .array(z.partialRecord(z.enum(MEMBER_FACT_KINDS), FactInput.nullable()).nullable())
        .max(30)
        .optional(),
      spending: z.array(FactInput).max(20).optional(),
    })
    .default({}),
});

export const DraftCreate = z.strictObject({
  villageCode: z.string().regex(/^\d{12}$/, '12 digits'),
  payload: RegistrationFormBody.optional(),
  /** A key made on the device (the offline outbox): the same key again answers the stored draft. */
  clientKey: z.uuid().optional(),
});
export const DraftPut = z.strictObject({ version: Version.min(1), payload: RegistrationFormBody });
export const DraftVersion = z.strictObject({ version: Version.min(1) });
export const DraftSubmit = z.strictObject({
  version: Version.min(1),
  /** The cadre confirms the near duplicates the check showed (same name and birth date in the county). */
  confirmNearDuplicates: z.boolean().optional(),
});
export const DraftParams = z.strictObject({ id: Id });

export const Draft = z.object({
  id: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  version: z.number(),
  state: z.enum(['open', 'submitted', 'discarded']),
  householdId: z.string().nullable(),
  payload: RegistrationFormBody,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const DraftList = z.object({
  items: z.array(
    Draft.omit({ payload: true }).extend({ headName: z.string().nullable(), members: z.number() }),
  ),
});

const FormError = z.object({
  field: z.string(),
  row: z.number(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
  messageZh: z.string(),
});
const RedLineReason = z.object({
  key: z.string(),
  effect: z.enum(['block', 'exception']),
  memberIndex: z.number().nullable(),
  source: z.string(),
  label_zh: z.string(),
  label_en: z.string(),
  rests: z.array(z.string()),
});
const NearDuplicate = z.object({
  memberIndex: z.number(),
  name: z.string(),
  birthDate: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  householdNo: z.string().nullable(),
});
export const CheckResult = z.object({
  ok: z.boolean(),
  errors: z.array(FormError),
  redLines: z.array(RedLineReason),
  nearDuplicates: z.array(NearDuplicate),
});
export const SubmitResult = z.object({
  householdId: z.string(),
  householdNo: z.string(),
  caseId: z.string().nullable(),
  caseError: z.string().nullable(),
  redLines: z.array(RedLineReason),
});

export const MEMBER_EVENT_KINDS = [
  'birth',
  'marriage_in',
  'move_in',
  'marriage_out',
  'move_out',
  'death',
] as const;
export const HouseholdParams = z.strictObject({ id: Id });
export const MemberEventBody = z.strictObject({
  version: Version.min(1),
  kind: z.enum(MEMBER_EVENT_KINDS),
  date: z.iso.date(),
  note: z.string().trim().max(500).default(''),
  /** The member who leaves (marriage out, moving out, death). */
  memberId: Id.optional(),
  /** The member who joins (birth, marriage in, moving in): the member fields of the edit form. */
  member: z
    .strictObject({
      name: z.string().trim().min(1).max(30),
      idNumber: z.string().trim().max(18),
      relation: z.string().max(30),
    })
    .optional(),
  /** A departing head: the present member who takes over. */
  newHeadId: Id.optional(),
});
export const MemberEvent = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string().nullable(),
  kind: z.enum(MEMBER_EVENT_KINDS),
  date: z.string(),
  note: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
});
export const MemberEventList = z.object({ items: z.array(MemberEvent) });

export type RegistrationFormInput = z.infer<typeof RegistrationFormBody>;
export type MemberEventInput = z.infer<typeof MemberEventBody>;
export type MemberEventKind = (typeof MEMBER_EVENT_KINDS)[number];
