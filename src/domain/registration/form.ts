import { COLUMNS, type ColumnDef } from '../import/columns.js';
import { checkHousehold } from '../import/household.js';
import { makeRowParser, type ImportError, type ImportRow } from '../import/row.js';
import type { Cell } from '../import/values.js';

/**
 * The 农户信息采集表 as the registration form sends it: the household's fields, one entry per member
 * and the year's income, each keyed by the import's column keys (src/domain/import/columns.ts) and
 * holding what was typed (text, number, yes/no, or a list for the other causes). A draft keeps it as
 * it is; on check and submit it is turned into the rows of an import file — one per member, the
 * household and income fields repeated — and checked by the import's own row parser and household
 * checks: one validation, two doors, the same codes and texts.
 */
export type FormValue = string | number | boolean | null | string[];
export interface RegistrationForm {
  household: Record<string, FormValue>;
  members: Record<string, FormValue>[];
  income: Record<string, FormValue>;
  /** Facts the rules need beyond the import's columns (src/domain/facts/kinds.ts). */
  facts: {
    foodClothingSecure?: boolean | null;
    declaredVehicles?: number | null;
    declaredHouses?: number | null;
    declaredDeposits?: number | null;
    /**
     * Facts about each member, by the member's place in `members`: the values of the fact kinds
     * `schooling`, `insurance` and `disability` (src/domain/facts/kinds.ts), as the facts API takes them.
     */
    members?: (MemberFacts | null)[];
    /** Rigid spending of the household (schooling, medical after reimbursement, …): `rigid_spending` values. */
    spending?: FactInput[];
  };
}

/** A fact value as typed (checked by its kind's own schema on check and submit). */
export type FactInput = Record<string, string | number | boolean | null>;
/** The member fact kinds a registration records. */
export const MEMBER_FACT_KINDS = ['schooling', 'insurance', 'disability'] as const;
export type MemberFacts = Partial<Record<(typeof MEMBER_FACT_KINDS)[number], FactInput | null>>;

/** A problem of the form, named by its place (`members.1.id_number`) and by the import's column and code. */
export interface FormError extends ImportError {
  /** Where in the form: `household.<key>`, `members.<i>.<key>` (0-based) or `income.<key>`. */
  field: string;
  messageZh: string;
}

/**
 * The Chinese of an import error: the row parser's and household checks' own, or — for the import
 * writer's registry checks, which give English only — by their code.
 */
export function zhOf(e: ImportError): string {
  if (e.messageZh) return e.messageZh;
  switch (e.code) {
    case 'E_PERSON_IN_OTHER_HOUSEHOLD': {
      const no = /household (\S+)$/.exec(e.message)?.[1];
      return no ? `此人已登记在户 ${no}` : '此人已登记在您辖区以外的另一户';
    }
    case 'E_REGION':
      return '村代码不在区划代码中';
    case 'E_OUT_OF_SCOPE':
      return '该村不在您的辖区内';
    case 'E_DUPLICATE_ID_IN_FILE':
      return '身份证号码重复';
    default:
      return `${e.column}：填写有误（${e.code}）`;
  }
}

const BY_ZH = new Map(COLUMNS.map((c) => [c.zh, c]));
const LEVEL_OF: Record<ColumnDef['level'], keyof RegistrationForm | null> = {
  household: 'household',
  member: 'members',
  income: 'income',
  provenance: null,
};
const HEADERS = COLUMNS.map((c) => c.zh);
const MEMBER_KEYS = new Set(COLUMNS.filter((c) => c.level === 'member').map((c) => c.key));
const HOUSEHOLD_KEYS = new Set(COLUMNS.filter((c) => c.level === 'household').map((c) => c.key));
const INCOME_KEYS = new Set(COLUMNS.filter((c) => c.level === 'income').map((c) => c.key));

/** Which keys each part of the form may carry (the import's columns of that level). */
export const FORM_KEYS = { household: HOUSEHOLD_KEYS, members: MEMBER_KEYS, income: INCOME_KEYS };

/** An empty form (a new draft). */
export const emptyForm = (): RegistrationForm => ({
  household: {},
  members: [{ relation: 'head' }],
  income: {},
  facts: {},
});

/** A form value as an import cell: yes/no as 是/否, lists joined with 、 as the file would. */
function cellOf(v: FormValue | undefined): Cell {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'boolean') return v ? '是' : '否';
  return v;
}

/** The form as the import file's rows: one per member, household and income fields on each. */
export function formCells(form: RegistrationForm, villageCode: string, householdNo: string): Cell[][] {
  const members = form.members.length ? form.members : [{}];
  return members.map((m) =>
    COLUMNS.map((col) => {
      if (col.key === 'village_code') return villageCode;
      if (col.key === 'household_no') return householdNo;
      const part = col.level === 'member' ? m : col.level === 'income' ? form.income : form.household;
      return col.level === 'provenance' ? '' : cellOf(part[col.key]);
    }),
  );
}

/** The form place of an import error (row n is member n − 1). */
function fieldOf(e: ImportError): string {
  const col = BY_ZH.get(e.column);
  if (!col) return 'members';
  const level = LEVEL_OF[col.level];
  if (level === 'members') return `members.${e.row - 1}.${col.key}`;
  return `${level ?? 'household'}.${col.key}`;
}

/**
 * Check the form as the import checks a household of a file: every row (member) by the import's
 * row parser, then the household checks (one head, no ID number twice, income ceiling). Returns
 * the parsed rows (null when there is an error) and the errors with their form places.
 */
export function checkForm(
  form: RegistrationForm,
  o: { villageCode: string; householdNo: string; today: string; incomeCeiling: number },
): { rows: ImportRow[] | null; errors: FormError[] } {
  const parse = makeRowParser(COLUMNS as ColumnDef[], HEADERS, o.today);
  const errors: ImportError[] = [];
  const rows: ImportRow[] = [];
  formCells(form, o.villageCode, o.householdNo).forEach((cells, i) => {
    const r = parse(cells, i + 1);
    errors.push(...r.errors);
    if (r.value) rows.push(r.value);
  });
  if (!errors.length) errors.push(...checkHousehold(rows, { incomeCeiling: o.incomeCeiling }));
  return {
    rows: errors.length ? null : rows,
    errors: withFields(errors),
  };
}

/** Import errors (e.g. of the registry checks) with their form places. */
export const withFields = (errors: ImportError[]): FormError[] =>
  errors.map((e) => ({ ...e, field: fieldOf(e), messageZh: zhOf(e) }));
