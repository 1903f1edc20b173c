import { COLUMNS, type ColumnKind } from '../import/columns.js';

/**
 * Fields that an edit may change, each with the kind that checks its value. Where the import file
 * has a column for the field, its kind is taken from there (src/domain/import/columns.ts), so an
 * edit through the API is checked exactly as an import; the few fields the import file does not
 * carry get kinds of their own here.
 */
export interface FieldSpec {
  /** Name in the API (camelCase). */
  field: string;
  /** Column in the database. */
  column: string;
  kind: ColumnKind;
  nullable: boolean;
}

const importKind = (key: string): ColumnKind => {
  const col = COLUMNS.find((c) => c.key === key);
  if (!col) throw new Error(`no import column ${key}`);
  return col.kind;
};

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A field checked like the import column of the same name. */
const fromImport = (column: string, nullable = true): FieldSpec => ({
  field: camel(column),
  column,
  kind: importKind(column),
  nullable,
});
const own = (column: string, kind: ColumnKind, nullable = true): FieldSpec => ({
  field: camel(column),
  column,
  kind,
  nullable,
});
const bool: ColumnKind = { type: 'bool' };
const year = (min: number): ColumnKind => ({ type: 'number', min, max: 2100, integer: true });

/** Household fields editable with PATCH (status has its own endpoint; number and village do not change). */
export const HOUSEHOLD_FIELDS: readonly FieldSpec[] = [
  fromImport('group_no'),
  fromImport('address'),
  fromImport('phone'),
  fromImport('bank_name'),
  fromImport('bank_account'),
  fromImport('id_standard'),
  fromImport('household_type', false),
  own('monitoring_category', { type: 'code', list: 'monitoring_category' }),
  fromImport('main_cause'),
  fromImport('other_causes', false),
  own('registered_year', year(1990)),
  own('exit_year', year(2014)),
  fromImport('land_cultivated_mu'),
  fromImport('land_forest_mu'),
  fromImport('house_area_m2'),
  own('house_structure', { type: 'code', list: 'house_structure' }),
  own('house_year', year(1900)),
  fromImport('house_grade'),
  fromImport('relocated', false),
  fromImport('electricity', false),
  own('fuel', { type: 'code', list: 'fuel' }),
  fromImport('safe_water', false),
  fromImport('sanitary_toilet', false),
  own('paved_access', bool, false),
  fromImport('road_distance_km'),
  own('market_distance_km', { type: 'number', min: 0, max: 500 }),
  own('coop_member', bool, false),
  own('enterprise_tie', bool, false),
  own('industry_type', { type: 'code', list: 'industry_type' }),
];

/** Member fields editable with PATCH / POST (member status changes through DELETE). */
export const MEMBER_FIELDS: readonly FieldSpec[] = [
  fromImport('name', false),
  fromImport('id_number', false),
  fromImport('relation', false),
  fromImport('sex', false),
  fromImport('birth_date', false),
  fromImport('ethnicity'),
  fromImport('education'),
  fromImport('student_status'),
  fromImport('out_of_school_reason'),
  fromImport('health'),
  fromImport('disability_grade'),
  fromImport('labour_capacity'),
  fromImport('migrant_place'),
  fromImport('migrant_months'),
  fromImport('migrant_monthly_wage'),
  fromImport('welfare_job_months'),
  fromImport('ins_basic_medical', false),
  fromImport('ins_critical_illness', false),
  fromImport('ins_medical_assistance', false),
  fromImport('ins_pension', false),
  fromImport('is_dibao', false),
  fromImport('is_tekun', false),
];

/** Income components of a year (PUT replaces them all; the optional ones default to 0). */
export const INCOME_FIELDS: readonly FieldSpec[] = [
  fromImport('wage_income', false),
  fromImport('business_income', false),
  fromImport('property_income', false),
  fromImport('transfer_income', false),
  fromImport('production_cost', false),
  fromImport('transfer_dibao', false),
  fromImport('transfer_pension', false),
  fromImport('transfer_eco', false),
  fromImport('medical_cost', false),
];

/** The year of an income row, checked as the import's 年度 column. */
export const YEAR_FIELD: FieldSpec = fromImport('year', false);

/** A year's row as written in the audit: the components, the size and what follows from them. */
export const YEAR_AUDIT_FIELDS: readonly FieldSpec[] = [
  ...INCOME_FIELDS,
  own('size', { type: 'number', min: 1, max: 99, integer: true }, false),
  own('net_income', { type: 'money' }, false),
  own('per_capita_income', { type: 'money' }, false),
];

/** Household status and its date, as written in the audit of a status change. */
export const STATUS_FIELDS: readonly FieldSpec[] = [
  own('status', { type: 'code', list: 'household_status' }, false),
  own('status_date', { type: 'date' }),
];
