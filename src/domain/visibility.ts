/**
 * What each role sees of a person and a household — the one table (DESIGN.md §6, PIPL's minimum
 * exposure). Every field that carries personal data belongs to a data class; each role has, per
 * class, a treatment in its everyday view and (roles that may unmask) in the unmasked view, which is
 * asked for explicitly and audited.
 *
 *  - `show`: the value as recorded;
 *  - `mask`: a fixed-form mask that keeps no more than the table below says (see `maskValue`);
 *  - `age`:  a birth date replaced by the age in whole years;
 *  - `hide`: nothing — the field is null, and anything derived from it (a rule's reason, a warning
 *            criterion, a quality finding, an audit diff, an error's details) is withheld too.
 *
 * The guarantee: no combination of what one role sees rebuilds a value hidden from it. An ID number is
 * region (6) + birth date (8) + sequence (3) + check character (1), and the birth date is shown to the
 * staff beside it; the mask therefore keeps the region only, which the household's address gives away
 * anyway, and never a character of the sequence or the check (500 candidates remain, sex known).
 */
import type { DocumentKind } from './attachments/kinds.js';
import type { Role } from './roles.js';

export const DATA_CLASSES = [
  'name',
  'idNumber',
  'birthDate',
  'phone',
  'bankAccount',
  'address',
  'health',
  'disability',
] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

export const TREATMENTS = ['show', 'mask', 'age', 'hide'] as const;
export type Treatment = (typeof TREATMENTS)[number];

export type View = 'default' | 'unmasked';

type ClassTable = Readonly<Record<DataClass, Treatment>>;

/** The staff's everyday view: enough to work with a household, no identifier whole, no health. */
const STAFF_DEFAULT: ClassTable = {
  name: 'show',
  idNumber: 'mask',
  birthDate: 'show',
  phone: 'mask',
  bankAccount: 'mask',
  address: 'show',
  health: 'hide',
  disability: 'hide',
};

/** The unmasked view of a role allowed to ask for it (`permissionsOf(role).unmask`); audited. */
const EVERYTHING: ClassTable = {
  name: 'show',
  idNumber: 'show',
  birthDate: 'show',
  phone: 'show',
  bankAccount: 'show',
  address: 'show',
  health: 'show',
  disability: 'show',
};

/** An organisation sees a household's need, not its members: a surname, an age, the village. */
const ORGANISATION: ClassTable = {
  name: 'mask',
  idNumber: 'hide',
  birthDate: 'age',
  phone: 'hide',
  bankAccount: 'hide',
  address: 'hide',
  health: 'hide',
  disability: 'hide',
};

/**
 * Civil affairs (county bureau, township assistant) decide dibao, 特困 and medical assistance on a
 * person's illness and disability (重病重残 single-person coverage, 特困 care level): they see both
 * whole. Names, birth dates and addresses as the staff; the ID number and phone masked as the staff;
 * no bank account at all — it appears only in the payment list's bank file (`exportPayments`, logged).
 * They may not unmask: their unmasked view is their everyday view.
 */
const CIVIL_AFFAIRS: ClassTable = {
  ...STAFF_DEFAULT,
  bankAccount: 'hide',
  health: 'show',
  disability: 'show',
};

export const VISIBILITY: Readonly<Record<Role, Readonly<Record<View, ClassTable>>>> = {
  admin: { default: STAFF_DEFAULT, unmasked: EVERYTHING },
  county_officer: { default: STAFF_DEFAULT, unmasked: EVERYTHING },
  township_officer: { default: STAFF_DEFAULT, unmasked: EVERYTHING },
  // The village cadre records health and disability (the edit form takes them) but does not read
  // them back: an officer's logged unmask does.
  village_cadre: { default: STAFF_DEFAULT, unmasked: STAFF_DEFAULT },
  organisation: { default: ORGANISATION, unmasked: ORGANISATION },
  civil_affairs_county: { default: CIVIL_AFFAIRS, unmasked: CIVIL_AFFAIRS },
  civil_affairs_township: { default: CIVIL_AFFAIRS, unmasked: CIVIL_AFFAIRS },
};

/** The treatment of one data class for a role in a view (a role that may not unmask gets its default). */
export function treatment(role: Role, cls: DataClass, view: View = 'default'): Treatment {
  return VISIBILITY[role][view][cls];
}

/** Whether a role sees a class's value in some form (shown, masked or as an age). */
export const sees = (role: Role, cls: DataClass, view: View = 'default'): boolean =>
  treatment(role, cls, view) !== 'hide';

/** Whether a role sees a class's value as recorded. */
export const seesWhole = (role: Role, cls: DataClass, view: View = 'default'): boolean =>
  treatment(role, cls, view) === 'show';

/** The masks, one per class that has one. Each keeps at most what its comment says. */
export function maskValue(cls: DataClass, value: string): string {
  switch (cls) {
    case 'idNumber': // the 6-digit region only
      return value.length < 6
        ? '*'.repeat(value.length)
        : `${value.slice(0, 6)}${'*'.repeat(Math.max(0, value.length - 6))}`;
    case 'phone': // the 3-digit carrier prefix and the last 4
      return value.length >= 7 ? `${value.slice(0, 3)}****${value.slice(-4)}` : '****';
    case 'bankAccount': // the last 4
      return value.length > 4 ? `${'*'.repeat(Math.min(12, value.length - 4))}${value.slice(-4)}` : '****';
    case 'name': // the surname (first character)
      return value.length === 0 ? value : `${[...value][0]}${'*'.repeat(Math.max(1, [...value].length - 1))}`;
    default: // classes without a partial form are shown whole or hidden
      return '***';
  }
}

/** Whole years between an ISO birth date and an ISO day (today in China, from the clock). */
export function ageOn(birthDate: string, today: string): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

/**
 * A value of a class as a role sees it: the value, its mask, an age (birth dates), or null. `today`
 * (ISO, from the clock) is needed only for ages.
 */
export function present(
  role: Role,
  cls: DataClass,
  value: string | null,
  opts: { view?: View; today?: string } = {},
): string | number | null {
  if (value === null) return null;
  const t = treatment(role, cls, opts.view);
  switch (t) {
    case 'show':
      return value;
    case 'hide':
      return null;
    case 'age':
      if (opts.today === undefined) throw new Error('present: an age needs today');
      return ageOn(value, opts.today);
    case 'mask':
      return maskValue(cls, value);
  }
}

/** Who is looking: a role, the view asked for (an unmasked one checked and logged by the caller), today (ISO). */
export interface Viewer {
  role: Role;
  view: View;
  today: string;
}

/** A viewer from a role, whether an unmasked view was granted, and today (ISO, from the clock). */
export const viewerOf = (role: Role, unmasked: boolean, today: string): Viewer => ({
  role,
  view: unmasked ? 'unmasked' : 'default',
  today,
});

/** A text value of a class as the viewer sees it (a birth date shown as an age becomes its digits). */
export function seen(v: Viewer, cls: DataClass, value: string | null | undefined): string | null {
  const r = present(v.role, cls, value ?? null, { view: v.view, today: v.today });
  return r === null ? null : String(r);
}

/** A value of a class without a partial form (health, disability) — kept only where shown whole. */
export const seenWhole = <T>(v: Viewer, cls: DataClass, value: T | null): T | null =>
  treatment(v.role, cls, v.view) === 'show' ? value : null;

/** A birth date as the viewer sees it: the date itself only where the table shows it whole. */
export const seenBirthDate = (v: Viewer, birthDate: string): string | null =>
  treatment(v.role, 'birthDate', v.view) === 'show' ? birthDate : null;

/** An age (from a birth date) for a viewer who sees the birth date in some form; null otherwise. */
export const seenAge = (v: Viewer, birthDate: string): number | null =>
  sees(v.role, 'birthDate', v.view) ? ageOn(birthDate, v.today) : null;

/**
 * The data class of a field, by the names fields carry in the database (snake case) and the API
 * (camel case): what `redactFields` masks in audit diffs, error details and other free-form records.
 * A bare `name` is not listed (a village, a project and an organisation have one too); the member
 * editors' records name their people under it and reach staff only, who see names.
 */
export const FIELD_CLASS: Readonly<Record<string, DataClass>> = {
  headName: 'name',
  head_name: 'name',
  memberName: 'name',
  member_name: 'name',
  idNumber: 'idNumber',
  id_number: 'idNumber',
  headIdNumber: 'idNumber',
  head_id_number: 'idNumber',
  memberIdNumber: 'idNumber',
  member_id_number: 'idNumber',
  birthDate: 'birthDate',
  birth_date: 'birthDate',
  memberBirthDate: 'birthDate',
  member_birth_date: 'birthDate',
  phone: 'phone',
  contactPhone: 'phone',
  contact_phone: 'phone',
  bankAccount: 'bankAccount',
  bank_account: 'bankAccount',
  address: 'address',
  health: 'health',
  disabilityGrade: 'disability',
  disability_grade: 'disability',
  // recorded facts (src/domain/facts): a disability's type, a supporter's name, and a value that as a
  // whole reveals illness (a medical spending record), kept in audit records under `healthFact`
  disabilityType: 'disability',
  supporterName: 'name',
  healthFact: 'health',
  // members' employment (src/modules/effort): where they work and for whom, as an address
  workPlace: 'address',
  employer: 'address',
};

/**
 * Attachments (src/modules/attachments): each document kind is `personal` (it concerns a household,
 * seen by the staff who see its owner) or `sensitive`; a sensitive one shows a data class whole (an ID
 * card copy the ID number, a medical record the health) or, with `cls: null`, personal circumstances
 * no class covers (income proof). A sensitive document is opened (content or thumbnail) only by a role
 * whose unmasked view shows its class whole, and every opening is written to the audit log.
 */
export const DOCUMENT_CLASS: Readonly<
  Record<DocumentKind, { sensitivity: 'personal' | 'sensitive'; cls: DataClass | null }>
> = {
  id_card_copy: { sensitivity: 'sensitive', cls: 'idNumber' },
  income_proof: { sensitivity: 'sensitive', cls: null },
  medical_record: { sensitivity: 'sensitive', cls: 'health' },
  disability_certificate: { sensitivity: 'sensitive', cls: 'disability' },
  signed_commitment: { sensitivity: 'personal', cls: null },
  notice_photo: { sensitivity: 'personal', cls: null },
  visit_photo: { sensitivity: 'personal', cls: null },
  project_photo: { sensitivity: 'personal', cls: null },
  other: { sensitivity: 'personal', cls: null },
};

/** Whether a role may open a document of a kind (its class shown whole in the role's unmasked view). */
export function mayOpenDocument(role: Role, kind: DocumentKind): boolean {
  const c = DOCUMENT_CLASS[kind];
  return c.cls === null || treatment(role, c.cls, 'unmasked') === 'show';
}

/**
 * A free-form record (an audit diff, a 409's `details.current`, nested objects and arrays included)
 * with every field of a data class as the role sees it: string values masked, hidden or turned into an
 * age (an age needs `today`; without it the birth date is withheld). Other fields are kept as they are.
 */
export function redactFields(
  role: Role,
  view: View,
  record: unknown,
  opts: { fieldClass?: Readonly<Record<string, DataClass>>; today?: string } = {},
): unknown {
  const fieldClass = opts.fieldClass ?? FIELD_CLASS;
  const walk = (value: unknown, cls: DataClass | undefined): unknown => {
    if (cls !== undefined && value !== null && value !== undefined && typeof value !== 'object') {
      const t = treatment(role, cls, view);
      if (t === 'show') return value;
      if (t === 'hide' || (t === 'age' && opts.today === undefined)) return null;
      return present(role, cls, String(value), { view, today: opts.today });
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, cls));
    if (value !== null && typeof value === 'object' && !(value instanceof Date))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, fieldClass[k])]));
    return value;
  };
  return walk(record, undefined);
}
