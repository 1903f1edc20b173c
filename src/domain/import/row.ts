import { parseIdNumber, isIdProblem, validateIdNumber, type Sex } from '../id-number.js';
import type { ColumnDef } from './columns.js';
import { cellText, parseCell, type Cell } from './values.js';

export interface ImportError {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface ImportRow {
  row: number;
  household: Record<string, unknown> & { household_no: string; village_code: string };
  member: Record<string, unknown> & {
    id_number: string;
    name: string;
    relation: string;
    sex: Sex;
    birth_date: string;
  };
  income: Record<string, number> & { year: number };
}

/**
 * Parse and check one data row (row-local checks only; household-level checks follow). Returns the
 * typed row or the list of errors, each naming the row and the column as written in the file.
 */
export function parseRow(
  cells: Cell[],
  columns: (ColumnDef | null)[],
  headers: string[],
  row: number,
): { value: ImportRow | null; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const out: {
    household: Record<string, unknown>;
    member: Record<string, unknown>;
    income: Record<string, unknown>;
  } = {
    household: {},
    member: {},
    income: {},
  };
  const headerOf = new Map<string, string>();
  columns.forEach((col, i) => {
    if (!col) return;
    headerOf.set(col.key, headers[i] ?? col.zh);
    const raw = cells[i];
    if (cellText(raw) === '') {
      if (col.required)
        errors.push({
          row,
          column: headers[i] ?? col.zh,
          code: 'E_REQUIRED',
          message: `${col.zh} is required`,
        });
      return;
    }
    const p = parseCell(col.kind, raw);
    if (!p.ok) errors.push({ row, column: headers[i] ?? col.zh, code: p.code, message: p.message });
    else out[col.level][col.key] = p.value;
  });
  const idCol = headerOf.get('id_number') ?? '公民身份号码';
  const idNumber = typeof out.member.id_number === 'string' ? out.member.id_number.toUpperCase() : undefined;
  if (idNumber) {
    out.member.id_number = idNumber;
    const parsed = parseIdNumber(idNumber);
    if (isIdProblem(parsed)) {
      errors.push({ row, column: idCol, code: parsed.code, message: `ID number ${parsed.message}` });
    } else {
      const given = {
        birthDate: out.member.birth_date as string | undefined,
        sex: out.member.sex as Sex | undefined,
      };
      const mismatch = validateIdNumber(idNumber, given);
      if (mismatch) {
        const column =
          mismatch.code === 'E_ID_SEX_MISMATCH'
            ? (headerOf.get('sex') ?? '性别')
            : (headerOf.get('birth_date') ?? '出生日期');
        errors.push({ row, column, code: mismatch.code, message: mismatch.message });
      }
      out.member.birth_date = parsed.birthDate;
      out.member.sex = parsed.sex;
      const year = typeof out.income.year === 'number' ? out.income.year : new Date().getFullYear();
      const age = year - Number(parsed.birthDate.slice(0, 4));
      if (age < 0 || age > 120) {
        errors.push({
          row,
          column: idCol,
          code: 'E_AGE_RANGE',
          message: `age ${age} in ${year} is outside 0–120`,
        });
      }
    }
  }
  if (errors.length) return { value: null, errors };
  return { value: { row, ...(out as Omit<ImportRow, 'row'>) }, errors };
}
