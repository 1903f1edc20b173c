import { isIdProblem, parseIdNumber } from '../id-number.js';
import type { ImportError } from '../import/row.js';
import { cellText, parseCell, type Cell } from '../import/values.js';

/**
 * Columns of a department list: the ID number and the name are required, the birth date optional
 * (taken from the ID number when absent); every other column is kept as an attribute, under a
 * canonical key when it is a known one (plate number, property address, …), else under its header.
 */
interface ListColumn {
  key: string;
  zh: string;
  aliases: string[];
}

const col = (key: string, zh: string, ...aliases: string[]): ListColumn => ({
  key,
  zh,
  aliases: [key, ...aliases],
});

export const KEY_COLUMNS = [
  col('id_number', '公民身份号码', '身份证号', '身份证号码', '证件号码'),
  col('name', '姓名'),
  col('birth_date', '出生日期'),
] as const;

export const ATTRIBUTE_COLUMNS: readonly ListColumn[] = [
  col('plate_number', '车牌号', '车牌号码', '号牌号码'),
  col('vehicle_type', '车辆类型', '车型'),
  col('property_address', '房产地址', '房屋坐落', '房产坐落'),
  col('company', '企业名称', '公司名称', '市场主体名称'),
  col('employer', '工作单位', '单位名称', '任职单位'),
  col('position', '职务'),
  col('death_date', '死亡日期'),
  col('medical_amount', '医疗费用', '自付费用', '个人自付金额', '自付金额'),
  col('school', '学校', '学校名称'),
  col('house_grade', '危房等级', '房屋安全等级'),
];

const norm = (s: string) =>
  s
    .replace(/[\s\uFEFF]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();

const INDEX = new Map<string, ListColumn>();
for (const c of [...KEY_COLUMNS, ...ATTRIBUTE_COLUMNS])
  for (const n of [c.zh, ...c.aliases]) INDEX.set(norm(n), c);

/** Where each header goes: a key column, a canonical attribute, or an attribute named by its header. */
export interface ListLayout {
  headers: string[];
  /** Index of the ID number, name and birth date columns (-1: absent). */
  idIndex: number;
  nameIndex: number;
  birthIndex: number;
  /** Attribute key of every other non-empty header. */
  attributes: { index: number; key: string }[];
}

export function resolveListHeaders(headers: string[]): { layout: ListLayout; errors: ImportError[] } {
  const seen = new Map<string, string>();
  const errors: ImportError[] = [];
  const layout: ListLayout = { headers, idIndex: -1, nameIndex: -1, birthIndex: -1, attributes: [] };
  headers.forEach((h, index) => {
    if (!h.trim()) return;
    const c = INDEX.get(norm(h));
    const key = c?.key ?? h.trim();
    if (seen.has(key)) {
      errors.push({ row: 1, column: h, code: 'E_DUPLICATE_COLUMN', message: `column ${h} appears twice` });
      return;
    }
    seen.set(key, h);
    if (key === 'id_number') layout.idIndex = index;
    else if (key === 'name') layout.nameIndex = index;
    else if (key === 'birth_date') layout.birthIndex = index;
    else layout.attributes.push({ index, key });
  });
  for (const [key, index] of [
    ['id_number', layout.idIndex],
    ['name', layout.nameIndex],
  ] as const) {
    if (index >= 0) continue;
    const c = KEY_COLUMNS.find((k) => k.key === key)!;
    errors.push({
      row: 1,
      column: c.zh,
      code: 'E_MISSING_COLUMN',
      message: `required column ${c.zh} (${key}) is missing`,
    });
  }
  return { layout, errors };
}

export interface ListRecord {
  row: number;
  /** As written, upper-cased and without spaces ('' when empty). */
  idNumber: string;
  /** Passes GB 11643 (format, check character, birth date): only such numbers are matched by ID. */
  idValid: boolean;
  name: string;
  birthDate: string | null;
  attributes: Record<string, string>;
}

/** The birth date encoded in an ID number whose check character may be wrong (typos elsewhere). */
function encodedBirthDate(id: string): string | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(id);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/**
 * One data row. A row with an invalid ID number is kept (it can still match on name and birth
 * date) and reported; a row with neither ID number nor name is reported and dropped.
 */
export function parseListRow(
  cells: Cell[],
  layout: ListLayout,
  row: number,
  /** Today in China (YYYY-MM-DD, from the clock). */
  today: string,
): { record: ListRecord | null; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const header = (i: number) => layout.headers[i] ?? '';
  const idNumber = cellText(cells[layout.idIndex]).replace(/\s/g, '').toUpperCase().slice(0, 32);
  const name = cellText(cells[layout.nameIndex]).slice(0, 60);
  if (!idNumber && !name) {
    errors.push({
      row,
      column: header(layout.idIndex),
      code: 'E_REQUIRED',
      message: 'neither ID number nor name',
    });
    return { record: null, errors };
  }
  let idValid = false;
  let birthDate: string | null = null;
  if (!idNumber) {
    errors.push({ row, column: header(layout.idIndex), code: 'E_REQUIRED', message: 'ID number is empty' });
  } else {
    const parsed = parseIdNumber(idNumber, today);
    if (isIdProblem(parsed)) {
      errors.push({ row, column: header(layout.idIndex), code: parsed.code, message: parsed.message });
      birthDate = encodedBirthDate(idNumber);
    } else {
      idValid = true;
      birthDate = parsed.birthDate;
    }
  }
  const rawBirth = layout.birthIndex >= 0 ? cells[layout.birthIndex] : undefined;
  if (cellText(rawBirth) !== '') {
    const parsed = parseCell({ type: 'date' }, rawBirth);
    if (parsed.ok) birthDate = parsed.value as string;
    else errors.push({ row, column: header(layout.birthIndex), code: parsed.code, message: parsed.message });
  }
  const attributes: Record<string, string> = {};
  for (const a of layout.attributes) {
    const v = cellText(cells[a.index]);
    if (v) attributes[a.key] = v.slice(0, 500);
  }
  return { record: { row, idNumber, idValid, name, birthDate, attributes }, errors };
}
