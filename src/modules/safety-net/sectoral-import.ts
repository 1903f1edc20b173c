import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { isIdProblem, parseIdNumber } from '../../domain/id-number.js';
import { isRole } from '../../domain/roles.js';
import { cellText, parseCell, type Cell } from '../../domain/import/values.js';
import { withinScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { readSheet } from '../import/reader.js';
import { sectoralProblem, type SectoralInput } from './sectoral-service.js';

/**
 * A department's list of sectoral assistance (medical, education, housing) read from CSV or XLSX
 * (docs/safety-net.md "Importing a department list"): every row checked and resolved to its member and
 * household by ID number before anything is written; the rows then go to `importRows` in one transaction.
 */
export interface SectoralRowError {
  row: number;
  column: string;
  code: string;
  message: string;
  messageZh: string;
}
export type SectoralImportRow = SectoralInput & { line: number; villageCode: string };

export type SectoralColumnKey =
  | 'idNumber'
  | 'name'
  | 'sector'
  | 'occurredOn'
  | 'amount'
  | 'totalCost'
  | 'basicPaid'
  | 'criticalPaid'
  | 'stage'
  | 'grade'
  | 'done'
  | 'sourceRef';

/** The columns: Chinese header first (the one the template uses), then accepted aliases. */
export const SECTORAL_COLUMNS: Record<
  SectoralColumnKey,
  { headers: string[]; required: boolean; en: string }
> = {
  idNumber: { headers: ['身份证号', '公民身份号码', 'id_number'], required: true, en: 'ID number' },
  name: { headers: ['姓名', 'name'], required: false, en: 'name' },
  sector: { headers: ['类别', '救助类别', 'sector'], required: true, en: 'sector' },
  occurredOn: { headers: ['日期', '救助日期', 'date'], required: true, en: 'date' },
  amount: { headers: ['金额', '救助金额', 'amount'], required: true, en: 'amount' },
  totalCost: { headers: ['医疗总费用', '总费用', 'total_cost'], required: false, en: 'total cost' },
  basicPaid: { headers: ['基本医保报销', 'basic_paid'], required: false, en: 'basic insurance paid' },
  criticalPaid: { headers: ['大病保险报销', 'critical_paid'], required: false, en: 'critical-illness paid' },
  stage: { headers: ['学段', 'stage'], required: false, en: 'stage' },
  grade: { headers: ['危房等级', 'grade'], required: false, en: 'dangerous-house grade' },
  done: { headers: ['是否竣工', 'done'], required: false, en: 'done' },
  sourceRef: { headers: ['文号', '备注', 'source_ref'], required: false, en: 'reference' },
};

const SECTORS: Record<string, SectoralInput['sector']> = {
  医疗: 'medical',
  医疗救助: 'medical',
  medical: 'medical',
  教育: 'education',
  教育救助: 'education',
  education: 'education',
  住房: 'housing',
  住房救助: 'housing',
  危房改造: 'housing',
  housing: 'housing',
};
const STAGES: Record<string, string> = {
  学前: 'preschool',
  学前教育: 'preschool',
  小学: 'primary',
  初中: 'junior',
  高中: 'senior',
  中职: 'vocational',
  职业教育: 'vocational',
  高等教育: 'higher',
  大学: 'higher',
};
for (const v of Object.values(STAGES)) STAGES[v] = v;
const GRADES: Record<string, 'C' | 'D'> = { C: 'C', C级: 'C', D: 'D', D级: 'D' };

/** The user the rows are recorded by: an active account, by login name. */
export async function importUser(db: Kysely<DB>, username: string): Promise<AuthUser | null> {
  const u = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'role', 'scope_code'])
    .where('username', '=', username)
    .where('disabled', '=', false)
    .executeTakeFirst();
  if (!u || !isRole(u.role)) return null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    scopeCode: u.scope_code,
  };
}

type Ctx = {
  row: number;
  cells: Cell[];
  at: Partial<Record<SectoralColumnKey, number>>;
  errors: SectoralRowError[];
};

function problem(
  c: Ctx,
  key: SectoralColumnKey,
  code: string,
  message: string,
  messageZh: string,
): undefined {
  const column = SECTORAL_COLUMNS[key].headers[0]!;
  c.errors.push({ row: c.row, column: `${column} (${SECTORAL_COLUMNS[key].en})`, code, message, messageZh });
  return undefined;
}

const text = (c: Ctx, key: SectoralColumnKey) => {
  const i = c.at[key];
  return i === undefined ? '' : cellText(c.cells[i]);
};

function value<T>(c: Ctx, key: SectoralColumnKey, kind: Parameters<typeof parseCell>[0]): T | undefined {
  const i = c.at[key];
  const t = text(c, key);
  if (t === '') return problem(c, key, 'E_REQUIRED', 'is empty', '不能为空');
  const p = parseCell(kind, i === undefined ? null : c.cells[i], t);
  return p.ok ? (p.value as T) : problem(c, key, p.code, p.message, `“${t}”格式不正确`);
}

function pick<T>(c: Ctx, key: SectoralColumnKey, table: Record<string, T>, zh: string): T | undefined {
  const t = text(c, key);
  if (t === '') return problem(c, key, 'E_REQUIRED', 'is empty', '不能为空');
  const v = table[t] ?? table[t.toLowerCase()] ?? table[t.toUpperCase()];
  if (v === undefined)
    return problem(
      c,
      key,
      'E_CODE',
      `"${t}" is not one of ${Object.keys(table).join(', ')}`,
      `“${t}”不是${zh}`,
    );
  return v;
}

const money = { type: 'money' } as const;

/** One row's own checks (no database): the input without its household, or undefined with errors. */
function parseRow(c: Ctx, today: string) {
  const sector = pick(c, 'sector', SECTORS, '医疗救助、教育救助或住房救助');
  const occurredOn = value<string>(c, 'occurredOn', { type: 'date' });
  if (occurredOn && occurredOn > today)
    problem(
      c,
      'occurredOn',
      'E_FUTURE',
      `${occurredOn} is after today (${today})`,
      `${occurredOn} 晚于今天（${today}）`,
    );
  const amount = value<number>(c, 'amount', money);
  const sourceRef = text(c, 'sourceRef') || undefined;
  if (sourceRef && sourceRef.length > 100)
    problem(c, 'sourceRef', 'E_TOO_LONG', 'longer than 100 characters', '超过100个字符');
  if (!sector || !occurredOn || amount === undefined) return undefined;
  const base = { occurredOn, amount, sourceRef };
  if (sector === 'medical') {
    const totalCost = value<number>(c, 'totalCost', money);
    const basicPaid = value<number>(c, 'basicPaid', money);
    const criticalPaid = value<number>(c, 'criticalPaid', money);
    if (totalCost === undefined || basicPaid === undefined || criticalPaid === undefined) return undefined;
    const i = { sector, ...base, totalCost, basicPaid, criticalPaid };
    const p = sectoralProblem({ ...i, householdId: '' });
    if (p)
      return problem(c, 'amount', 'E_RANGE', p, '医疗救助应在基本医保和大病保险报销之后、不超过个人负担部分');
    return i;
  }
  if (sector === 'education') {
    const stage = pick(c, 'stage', STAGES, '学段（学前、小学、初中、高中、中职、高等教育）');
    return stage ? { sector, ...base, stage } : undefined;
  }
  const grade = pick(c, 'grade', GRADES, '危房等级 C 或 D');
  const done = value<boolean>(c, 'done', { type: 'bool' });
  return grade && done !== undefined ? { sector, ...base, grade, done } : undefined;
}

async function resolve(db: Kysely<DB>, c: Ctx, user: AuthUser, today: string) {
  const raw = text(c, 'idNumber');
  if (raw === '') return problem(c, 'idNumber', 'E_REQUIRED', 'is empty', '不能为空');
  const parsed = parseIdNumber(raw, today);
  if (isIdProblem(parsed)) return problem(c, 'idNumber', parsed.code, parsed.message, '身份证号无效');
  const found = await db
    .selectFrom('member as m')
    .innerJoin('household as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.name', 'm.member_status', 'h.id as household_id', 'h.village_code'])
    .where('m.id_number', '=', raw.trim().toUpperCase())
    .execute();
  const present = found.filter((m) => m.member_status === 'present');
  const m = present.length === 1 ? present[0] : found.length === 1 ? found[0] : undefined;
  if (!m)
    return found.length === 0
      ? problem(c, 'idNumber', 'E_NOT_FOUND', `${raw} is nobody in the registry`, '登记系统中查无此人')
      : problem(
          c,
          'idNumber',
          'E_AMBIGUOUS',
          `${raw} is a member of several households`,
          '此身份证号属于多户',
        );
  const name = text(c, 'name');
  if (name && name !== m.name)
    return problem(
      c,
      'name',
      'E_MISMATCH',
      `the registry names ${raw} ${m.name}`,
      `登记系统中此身份证号的姓名为${m.name}`,
    );
  if (!withinScope(user, m.village_code))
    return problem(
      c,
      'idNumber',
      'E_SCOPE',
      `not in the region of user ${user.username}`,
      '不在该用户的管辖范围内',
    );
  return m;
}

/**
 * The same person, sector, day and amount already on file (any source) or earlier in the list: a list
 * imported twice, or a case entered by hand and then listed, would count the care twice (a second medical
 * record of a day adds to the day's rigid spending).
 */
async function recordedTwin(db: Kysely<DB>, r: SectoralImportRow, earlier: readonly SectoralImportRow[]) {
  const memberOf = (x: SectoralImportRow) => ('memberId' in x ? (x.memberId ?? null) : null);
  const inList = earlier.find(
    (x) =>
      x.householdId === r.householdId &&
      x.sector === r.sector &&
      x.occurredOn === r.occurredOn &&
      x.amount === r.amount &&
      memberOf(x) === memberOf(r),
  );
  if (inList) return { en: `row ${inList.line} of this list`, zh: `本名单第${inList.line}行` };
  const memberId = memberOf(r);
  const old = await db
    .selectFrom('sectoral_assistance')
    .select(['id', 'source_ref'])
    .where('household_id', '=', r.householdId)
    .where('sector', '=', r.sector)
    .where('occurred_on', '=', r.occurredOn)
    .where('amount', '=', String(r.amount))
    .where((eb) => (memberId ? eb('member_id', '=', memberId) : eb('member_id', 'is', null)))
    .executeTakeFirst();
  return old
    ? { en: `record #${old.id}, ${old.source_ref ?? 'entered by hand'}`, zh: `记录#${old.id}` }
    : null;
}

/** Read, check and resolve a department's list; `rows` are to be imported only if `errors` is empty. */
export async function readSectoralList(
  db: Kysely<DB>,
  file: string,
  user: AuthUser,
  today: string,
): Promise<{ rows: SectoralImportRow[]; errors: SectoralRowError[]; read: number }> {
  const rows: SectoralImportRow[] = [];
  const errors: SectoralRowError[] = [];
  let at: Partial<Record<SectoralColumnKey, number>> | null = null;
  let read = 0;
  for await (const r of readSheet(file)) {
    if (!at) {
      at = {};
      const heads = r.cells.map((h) => cellText(h).toLowerCase());
      for (const [key, col] of Object.entries(SECTORAL_COLUMNS) as [
        SectoralColumnKey,
        (typeof SECTORAL_COLUMNS)[SectoralColumnKey],
      ][]) {
        const i = heads.findIndex((h) => col.headers.some((x) => x.toLowerCase() === h));
        if (i >= 0) at[key] = i;
        else if (col.required)
          errors.push({
            row: r.row,
            column: `${col.headers[0]} (${col.en})`,
            code: 'E_MISSING_COLUMN',
            message: 'column missing from the header',
            messageZh: '表头缺少此列',
          });
      }
      if (errors.length) return { rows, errors, read };
      continue;
    }
    read++;
    const c: Ctx = { row: r.row, cells: r.cells, at, errors: [] };
    const input = parseRow(c, today);
    const m = await resolve(db, c, user, today);
    if (input && m && !c.errors.length) {
      const memberId = input.sector === 'housing' ? {} : { memberId: m.id };
      const row = {
        ...input,
        ...memberId,
        householdId: m.household_id,
        line: r.row,
        villageCode: m.village_code,
      };
      const twin = await recordedTwin(db, row, rows);
      if (twin)
        problem(c, 'amount', 'E_DUPLICATE', `already recorded (${twin.en})`, `已有相同记录（${twin.zh}）`);
      else rows.push(row);
    }
    errors.push(...c.errors);
  }
  if (!at)
    errors.push({
      row: 1,
      column: '',
      code: 'E_EMPTY',
      message: 'the file has no header',
      messageZh: '文件没有表头',
    });
  return { rows, errors, read };
}
