import { z } from 'zod';
import { codesOf } from '../../domain/code-lists.js';
import { REQUIRED_KEYS } from '../../domain/import/columns.js';
import { Id, Version } from '../../kernel/schema.js';
import type { FieldSpec } from '../../domain/registry-edit/fields.js';
import { HOUSEHOLD_FIELDS, INCOME_FIELDS, MEMBER_FIELDS } from '../../domain/registry-edit/fields.js';
import { DetailResponse } from './schema.js';

/**
 * Bodies of the edit endpoints. The schemas check shapes (types, unknown fields); values are checked by
 * the import's validators in the service, so an edit meets exactly the rules of an import.
 */
function typeOf(spec: FieldSpec): z.ZodType {
  const k = spec.kind;
  const t =
    k.type === 'bool'
      ? z.boolean()
      : k.type === 'number' || k.type === 'money'
        ? z.number().describe(k.type === 'money' ? 'yuan, ≥ 0' : `${k.min}–${k.max}`)
        : k.type === 'code'
          ? k.multi
            ? z.array(z.string()).describe(`codes of ${k.list} (at most 2)`)
            : z.string().describe(`a code of ${k.list}: ${codesOf(k.list).join(', ')}`)
          : z.string().max(200);
  return spec.nullable ? t.nullable() : t;
}

const fieldsOf = (specs: readonly FieldSpec[]) =>
  Object.fromEntries(specs.map((s) => [s.field, typeOf(s).optional()]));

const HouseholdVersion = Version.min(1).describe("the household's version as read; a stale one gives 409");
const Reason = z.string().trim().min(2).max(500);
const Relation = z.string().describe('relation the present head takes when this member becomes head');

export const HouseholdPatch = z.strictObject({
  ...fieldsOf(HOUSEHOLD_FIELDS),
  version: HouseholdVersion,
  reason: Reason.optional(),
});

export const MemberPatch = z.strictObject({
  ...fieldsOf(MEMBER_FIELDS),
  version: HouseholdVersion,
  reason: Reason.optional(),
  formerHeadRelation: Relation.optional(),
});

export const MemberNew = MemberPatch.extend({ name: z.string(), idNumber: z.string(), relation: z.string() });

export const MemberRemove = z.strictObject({
  version: HouseholdVersion,
  reason: Reason,
  memberStatus: z.enum(['moved_out', 'deceased']),
  newHeadId: Id.optional().describe('when the head leaves: the present member who becomes head'),
});

export const YearPut = z.strictObject({
  ...fieldsOf(INCOME_FIELDS),
  ...Object.fromEntries(
    INCOME_FIELDS.filter((s) => REQUIRED_KEYS.includes(s.column)).map((s) => [s.field, typeOf(s)]),
  ),
  size: z
    .number()
    .int()
    .min(1)
    .max(99)
    .optional()
    .describe("persons counted for the year's per-capita income"),
  version: HouseholdVersion,
  reason: Reason,
});

export const StatusPost = z.strictObject({
  status: z.enum(codesOf('household_status') as [string, ...string[]]),
  changedOn: z.string().optional().describe('date of the change, YYYY-MM-DD (default today)'),
  version: HouseholdVersion,
  reason: Reason,
});

export const HouseholdParams = z.object({ id: Id });
export const MemberParams = z.object({ id: Id, memberId: Id });
export const YearParams = z.object({ id: Id, year: z.coerce.number().int().min(2010).max(2100) });

/** What every edit answers: the household as it now is (masked). 409 carries the same in `details.current`. */
export const EditResult = DetailResponse.pick({
  household: true,
  members: true,
  years: true,
  statusHistory: true,
});
