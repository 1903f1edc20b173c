import { parseIdNumber, isIdProblem, type IdNumberProblem, type Sex } from '../id-number.js';
import type { ColumnDef } from './columns.js';
import { cellText, parseCell, type Cell } from './values.js';

/**
 * A problem of a row: its row, its column as written in the file, a stable code, and what is wrong in
 * English (the import's report) and Chinese (the app shows it inside Chinese text). The row parser
 * and the household checks give both; the registry checks of the import's writer give English only.
 */
export interface ImportError {
  row: number;
  column: string;
  code: string;
  message: string;
  messageZh?: string;
}

const SEX_ZH = { '1': '男', '2': '女' } as const;

/** An ID number's problem (src/domain/id-number.ts) in Chinese. */
function idProblemZh(p: IdNumberProblem, id: string): string {
  switch (p.code) {
    case 'E_ID_FORMAT':
      return '身份证号码应为 17 位数字加 1 位数字或 X';
    case 'E_ID_CHECK_DIGIT':
      return `身份证号码校验位为 ${id[17] ?? ''}，应为 ${p.expected}`;
    case 'E_ID_BIRTH_DATE':
      return `身份证号码中的出生日期 ${id.slice(6, 14)} 不是有效的过去日期`;
    case 'E_ID_BIRTH_MISMATCH':
      return `出生日期与身份证号码中的 ${p.encoded} 不一致`;
    case 'E_ID_SEX_MISMATCH':
      return `性别与身份证号码（${SEX_ZH[p.encoded]}）不一致`;
    default: {
      const never: never = p;
      return never;
    }
  }
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
  /** Who collected the year's figures and when (optional columns 采集人, 采集日期). */
  provenance: { recorded_by?: string; collected_on?: string };
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
  today: string,
): { value: ImportRow | null; errors: ImportError[] } {
  let parser = parsers.get(columns);
  if (!parser || parser.headers !== headers || parser.today !== today) {
    parser = { headers, today, parse: makeRowParser(columns, headers, today) };
    parsers.set(columns, parser);
  }
  return parser.parse(cells, row);
}

/**
 * A copy of a string that does not keep the text it was cut from alive: V8 slices of 13+ characters
 * (an ID number) point into their parent — here the block of the file the row came from — and parsed
 * rows live until their batch is written.
 */
const ownCopy = (s: string): string => (s.length < 13 ? s : (s + ' ').slice(0, -1));

const parsers = new WeakMap<
  (ColumnDef | null)[],
  { headers: string[]; today: string; parse: ReturnType<typeof makeRowParser> }
>();

/**
 * parseRow for one file's columns, with the per-file work (which column is where, its header) done
 * once: the import calls this a million times.
 */
export function makeRowParser(
  columns: (ColumnDef | null)[],
  headers: string[],
  /** Today in China (YYYY-MM-DD, from the clock): bounds birth dates and ages. */
  today: string,
): (cells: Cell[], row: number) => { value: ImportRow | null; errors: ImportError[] } {
  const active: { i: number; col: ColumnDef; header: string }[] = [];
  const headerOf = new Map<string, string>();
  columns.forEach((col, i) => {
    if (!col) return;
    const header = headers[i] ?? col.zh;
    headerOf.set(col.key, header);
    active.push({ i, col, header });
  });
  const idCol = headerOf.get('id_number') ?? '公民身份号码';
  const sexCol = headerOf.get('sex') ?? '性别';
  const birthCol = headerOf.get('birth_date') ?? '出生日期';
  const collectedCol = headerOf.get('collected_on') ?? '采集日期';
  const noErrors: ImportError[] = [];
  const thisYear = Number(today.slice(0, 4));

  return (cells, row) => {
    let errors = noErrors;
    const household: Record<string, unknown> = {};
    const member: Record<string, unknown> = {};
    const income: Record<string, unknown> = {};
    const provenance: Record<string, unknown> = {};
    for (const { i, col, header } of active) {
      const raw = cells[i];
      const text = cellText(raw);
      if (text === '') {
        if (col.required) {
          if (errors === noErrors) errors = [];
          errors.push({
            row,
            column: header,
            code: 'E_REQUIRED',
            message: `${col.zh} is required`,
            messageZh: `${col.zh}必须填写`,
          });
        }
        continue;
      }
      const p = parseCell(col.kind, raw, text);
      if (!p.ok) {
        if (errors === noErrors) errors = [];
        errors.push({
          row,
          column: header,
          code: p.code,
          message: p.message,
          messageZh: `${col.zh}：${p.messageZh}`,
        });
      } else
        (col.level === 'member'
          ? member
          : col.level === 'income'
            ? income
            : col.level === 'provenance'
              ? provenance
              : household)[col.key] = typeof p.value === 'string' ? ownCopy(p.value) : p.value;
    }
    const idNumber = typeof member.id_number === 'string' ? member.id_number.toUpperCase() : undefined;
    if (idNumber) {
      member.id_number = idNumber;
      const parsed = parseIdNumber(idNumber, today);
      if (isIdProblem(parsed)) {
        if (errors === noErrors) errors = [];
        errors.push({
          row,
          column: idCol,
          code: parsed.code,
          message: `ID number ${parsed.message}`,
          messageZh: idProblemZh(parsed, idNumber),
        });
      } else {
        // as validateIdNumber(idNumber, { birthDate, sex }), without parsing the number again
        const birthDate = member.birth_date as string | undefined;
        const sex = member.sex as Sex | undefined;
        if (birthDate && birthDate !== parsed.birthDate) {
          if (errors === noErrors) errors = [];
          errors.push({
            row,
            column: birthCol,
            code: 'E_ID_BIRTH_MISMATCH',
            message: `birth date ${birthDate} does not match ${parsed.birthDate} encoded in the ID number`,
            messageZh: `出生日期 ${birthDate} 与身份证号码中的 ${parsed.birthDate} 不一致`,
          });
        } else if (sex && sex !== parsed.sex) {
          if (errors === noErrors) errors = [];
          errors.push({
            row,
            column: sexCol,
            code: 'E_ID_SEX_MISMATCH',
            message: `sex ${sex === '1' ? 'male' : 'female'} does not match the ID number (${parsed.sex === '1' ? 'male' : 'female'})`,
            messageZh: `性别${SEX_ZH[sex]}与身份证号码（${SEX_ZH[parsed.sex]}）不一致`,
          });
        }
        member.birth_date = parsed.birthDate;
        member.sex = parsed.sex;
        const year = typeof income.year === 'number' ? income.year : thisYear;
        const age = year - Number(parsed.birthDate.slice(0, 4));
        if (age < 0 || age > 120) {
          if (errors === noErrors) errors = [];
          errors.push({
            row,
            column: idCol,
            code: 'E_AGE_RANGE',
            message: `age ${age} in ${year} is outside 0–120`,
            messageZh: `${year} 年年龄 ${age} 岁，超出 0–120 岁`,
          });
        }
      }
    }
    const collectedOn = provenance.collected_on as string | undefined;
    if (collectedOn !== undefined && collectedOn > today) {
      if (errors === noErrors) errors = [];
      errors.push({
        row,
        column: collectedCol,
        code: 'E_DATE_FUTURE',
        message: `collection date ${collectedOn} is in the future (today is ${today})`,
        messageZh: `采集日期 ${collectedOn} 晚于今天（${today}）`,
      });
    }
    if (errors.length) return { value: null, errors };
    return {
      value: { row, household, member, income, provenance } as unknown as ImportRow,
      errors: [],
    };
  };
}
