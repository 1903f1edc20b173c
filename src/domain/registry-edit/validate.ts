import { isCode, labelOf } from '../code-lists.js';
import { isIdProblem, parseIdNumber, validateIdNumber, type Sex } from '../id-number.js';
import { netIncome } from '../import/household.js';
import { cellText, parseCell, type Cell } from '../import/values.js';
import type { FieldSpec } from './fields.js';

/** One problem of an edit, named by the API field. `code` is the import's error code for the same problem. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * Check the given fields with the import's cell parser. Returns the parsed values keyed by database
 * column (null clears a nullable field; an empty string counts as null) and the errors.
 */
export function parseFields(
  specs: readonly FieldSpec[],
  input: Record<string, unknown>,
): { values: Record<string, unknown>; errors: FieldError[] } {
  const values: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const spec of specs) {
    if (!(spec.field in input)) continue;
    const raw = input[spec.field];
    const cell: Cell = Array.isArray(raw) ? raw.join('、') : (raw as Cell);
    if (cellText(cell) === '') {
      if (spec.kind.type === 'code' && spec.kind.multi) values[spec.column] = [];
      else if (spec.nullable) values[spec.column] = null;
      else errors.push({ field: spec.field, code: 'E_REQUIRED', message: `${spec.field} is required` });
      continue;
    }
    const p = parseCell(spec.kind, cell);
    if (p.ok) values[spec.column] = p.value;
    else errors.push({ field: spec.field, code: p.code, message: p.message });
  }
  return { values, errors };
}

export interface Identity {
  id_number: string;
  sex: string;
  birth_date: string;
}

/**
 * The identity of a member after an edit, checked as the import checks a row: a valid ID number
 * (check digit, real birth date), sex and birth date agreeing with it (taken from it when not given
 * with a new number), and an age of 0–120 in the year of `today` (China date, from the clock).
 */
export function resolveIdentity(
  before: Identity | null,
  patch: Partial<Identity>,
  today: string,
): { value: Identity; errors: FieldError[] } {
  const asOfYear = Number(today.slice(0, 4));
  const idNumber = (patch.id_number ?? before?.id_number ?? '').toUpperCase();
  const parsed = parseIdNumber(idNumber, today);
  const fallback = { id_number: idNumber, sex: '', birth_date: '', ...before, ...patch };
  if (isIdProblem(parsed))
    return {
      value: fallback,
      errors: [{ field: 'idNumber', code: parsed.code, message: `ID number ${parsed.message}` }],
    };
  const newNumber = patch.id_number !== undefined || !before;
  const value: Identity = {
    id_number: idNumber,
    sex: patch.sex ?? (newNumber ? parsed.sex : before.sex),
    birth_date: patch.birth_date ?? (newNumber ? parsed.birthDate : before.birth_date),
  };
  const errors: FieldError[] = [];
  const mismatch = validateIdNumber(idNumber, today, { sex: value.sex as Sex, birthDate: value.birth_date });
  if (mismatch) {
    const field = mismatch.code === 'E_ID_SEX_MISMATCH' ? 'sex' : 'birthDate';
    errors.push({ field, code: mismatch.code, message: mismatch.message });
  }
  const age = asOfYear - Number(parsed.birthDate.slice(0, 4));
  if (age < 0 || age > 120)
    errors.push({
      field: 'idNumber',
      code: 'E_AGE_RANGE',
      message: `age ${age} in ${asOfYear} is outside 0–120`,
    });
  return { value, errors };
}

export interface MemberLine {
  id: string;
  name: string;
  id_number: string;
  relation: string;
  member_status: string;
}

/**
 * Checks over the present members of a household after an edit: exactly one head (户主), and no ID
 * number twice.
 */
export function checkMembers(members: readonly MemberLine[]): FieldError[] {
  const present = members.filter((m) => m.member_status === 'present');
  const errors: FieldError[] = [];
  const heads = present.filter((m) => m.relation === 'head');
  const head = labelOf('relation', 'head');
  if (heads.length !== 1)
    errors.push({
      field: 'relation',
      code: 'E_HEAD_COUNT',
      message:
        heads.length === 0
          ? `the household would have no ${head}`
          : `the household would have ${heads.length} ${head} (${heads.map((h) => h.name).join(', ')}); exactly one is allowed`,
    });
  const seen = new Set<string>();
  for (const m of present) {
    if (seen.has(m.id_number))
      errors.push({
        field: 'idNumber',
        code: 'E_DUPLICATE_ID_IN_HOUSEHOLD',
        message: 'this ID number belongs to another member of the household',
      });
    seen.add(m.id_number);
  }
  return errors;
}

/** Per-capita net income of a year below the ceiling (the import's E_INCOME_CEILING). */
export function checkIncome(
  income: Record<string, number>,
  size: number,
  ceiling: number,
): { net: number; perCapita: number; errors: FieldError[] } {
  const net = Math.round(netIncome(income as Parameters<typeof netIncome>[0]) * 100) / 100;
  const perCapita = Math.round((net / Math.max(1, size)) * 100) / 100;
  const errors: FieldError[] =
    perCapita > ceiling
      ? [
          {
            field: 'wageIncome',
            code: 'E_INCOME_CEILING',
            message: `per-capita net income ${perCapita.toFixed(0)} exceeds the ceiling ${ceiling}`,
          },
        ]
      : [];
  return { net, perCapita, errors };
}

/**
 * Make `newHeadId` the head (户主). A present head other than it keeps the household valid only by
 * taking another relation, `formerHeadRelation`, in the same change.
 */
export function handOverHead(
  members: readonly MemberLine[],
  newHeadId: string,
  formerHeadRelation: string | undefined,
): { members: MemberLine[]; demotedId: string | null; errors: FieldError[] } {
  const old = members.find(
    (m) => m.member_status === 'present' && m.relation === 'head' && m.id !== newHeadId,
  );
  const promoted = members.map((m) => (m.id === newHeadId ? { ...m, relation: 'head' } : m));
  if (!old) return { members: promoted, demotedId: null, errors: [] };
  if (!formerHeadRelation || formerHeadRelation === 'head' || !isCode('relation', formerHeadRelation))
    return {
      members: promoted,
      demotedId: null,
      errors: [
        {
          field: 'formerHeadRelation',
          code: formerHeadRelation ? 'E_CODE' : 'E_HEAD_COUNT',
          message: `${old.name} is the ${labelOf('relation', 'head')} now: give the relation they take (formerHeadRelation, not ${labelOf('relation', 'head')})`,
        },
      ],
    };
  return {
    members: promoted.map((m) => (m.id === old.id ? { ...m, relation: formerHeadRelation } : m)),
    demotedId: old.id,
    errors: [],
  };
}
