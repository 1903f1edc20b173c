import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import {
  FACT_SOURCES,
  isFactKind,
  parseFactValue,
  subjectOf,
  type FactSource,
} from '../../domain/facts/kinds.js';
import type { AuthUser } from '../../kernel/user.js';
import type { FactServiceDeps } from './decisions.js';
import { factRepository } from './repository.js';
import type { FieldProblem } from './rules.js';
import { checkFact, settingFor, writeFact, type CheckedFact } from './service.js';

/** The columns, in the order the export writes them; the import reads them by name (Chinese or English). */
export const FACT_COLUMNS = [
  { key: 'householdNo', zh: '户编号', en: 'household_no' },
  { key: 'memberId', zh: '成员编号', en: 'member_id' },
  { key: 'idNumber', zh: '成员身份证号', en: 'member_id_number' },
  { key: 'kind', zh: '事实类型', en: 'kind' },
  { key: 'observedOn', zh: '日期', en: 'observed_on' },
  { key: 'value', zh: '值', en: 'value' },
  { key: 'source', zh: '来源', en: 'source' },
  { key: 'sourceRef', zh: '来源文号', en: 'source_ref' },
] as const;
type Key = (typeof FACT_COLUMNS)[number]['key'];
const REQUIRED: Key[] = ['householdNo', 'kind', 'value'];
const colName = (k: Key) => {
  const c = FACT_COLUMNS.find((x) => x.key === k)!;
  return `${c.zh} (${c.en})`;
};

/** One data row: its row number in the file (the header is row 1) and its cells as text. */
export interface ImportRow {
  row: number;
  cells: string[];
}

/** A bad row: its number, the column (and the field inside the value), in English and Chinese. */
export interface RowProblem {
  row: number;
  column: string;
  message: string;
  messageZh: string;
}

export interface ImportReport {
  rows: number;
  recorded: number;
  proposed: number;
  /** Rows equal to a confirmed or pending fact: not recorded again. */
  unchanged: number;
  errors: RowProblem[];
}

/** The column a checkFact problem names: `x.value.items.wage` → 值 (value) items.wage. */
function columnOf(field: string): string {
  const rest = field.replace(/^x\./, '');
  if (rest.startsWith('value')) return `${colName('value')}${rest.slice(5) ? ` ${rest.slice(6)}` : ''}`;
  if (rest === 'memberId') return `${colName('idNumber')} / ${colName('memberId')}`;
  if (rest === 'observedOn') return colName('observedOn');
  return rest;
}

function headerOf(header: string[]): { index: Map<Key, number>; problems: RowProblem[] } {
  const index = new Map<Key, number>();
  const problems: RowProblem[] = [];
  header.forEach((h, i) => {
    const t = h.trim();
    const c = FACT_COLUMNS.find((x) => x.zh === t || x.en === t);
    if (c) index.set(c.key, i);
    else if (t !== '')
      problems.push({ row: 1, column: t, message: 'unknown column', messageZh: `未知的列「${t}」` });
  });
  for (const k of REQUIRED)
    if (!index.has(k))
      problems.push({
        row: 1,
        column: colName(k),
        message: 'column missing',
        messageZh: `缺少列「${colName(k)}」`,
      });
  return { index, problems };
}

interface Planned {
  row: number;
  household: { id: string; village_code: string };
  fact: CheckedFact;
}

type Bad = (column: string, message: string, messageZh: string) => void;

/** A row's cells to a body the service checks; problems of the cells themselves reported through `bad`. */
function parseCells(get: (k: Key) => string, bad: Bad, sourceRef: string | null) {
  const kind = get('kind');
  if (!isFactKind(kind))
    bad(colName('kind'), `unknown kind ${kind || '(empty)'}`, `未知的事实类型「${kind}」`);
  let value: unknown = undefined;
  try {
    value = JSON.parse(get('value'));
  } catch {
    /* reported below */
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    bad(colName('value'), 'must be a JSON object ({"field": …})', '须为 JSON 对象（{"字段": …}）');
  const day = get('observedOn');
  if (day !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(day))
    bad(colName('observedOn'), `${day} is not a date YYYY-MM-DD`, `${day} 不是日期（YYYY-MM-DD）`);
  const src = get('source');
  const source = src === '' ? 'import' : (FACT_SOURCES as readonly string[]).includes(src) ? src : null;
  if (source === null)
    bad(colName('source'), `unknown source ${src}`, `未知的来源「${src}」（${FACT_SOURCES.join('、')}）`);
  if (!isFactKind(kind) || source === null || typeof value !== 'object' || value === null) return null;
  return {
    kind,
    source: source as FactSource,
    sourceRef: get('sourceRef') || sourceRef,
    observedOn: day === '' ? undefined : day,
    value: value as Record<string, unknown>,
  };
}

type MemberRow = Awaited<ReturnType<typeof factRepository.membersOf>>[number];

/**
 * The member a row names: by 成员编号, or by a full ID number within the household (a masked one
 * names nobody); both given must name the same member. null: none named.
 */
function memberOf(
  get: (k: Key) => string,
  h: { id: string } | undefined,
  members: MemberRow[],
  bad: Bad,
): string | null {
  const idNo = get('idNumber').toUpperCase();
  const given = get('memberId');
  if (given !== '' && !/^\d{1,18}$/.test(given)) {
    bad(colName('memberId'), `${given} is not a member number`, `${given} 不是成员编号`);
    return null;
  }
  const full = idNo !== '' && !idNo.includes('*');
  const byId = full
    ? members.find((m) => m.household_id === h?.id && m.id_number.toUpperCase() === idNo)
    : undefined;
  if (given !== '') {
    if (h && full && byId?.id !== given)
      bad(
        colName('idNumber'),
        `not the ID number of member ${given}`,
        `身份证号与成员编号 ${given} 不是同一人`,
      );
    return given;
  }
  if (idNo === '') return null;
  if (!full)
    bad(
      colName('idNumber'),
      'a masked ID number: give 成员编号 or the full number',
      '身份证号已脱敏：请填成员编号或完整号码',
    );
  else if (h && !byId)
    bad(colName('idNumber'), 'no member of this household has this ID number', '本户没有该身份证号的成员');
  return byId?.id ?? null;
}

/**
 * Check every row (household by number within the user's scope, member by 成员编号 or a full ID
 * number, the value as the API checks it), then — only when all are good — write each new or
 * changed fact through writeFact; an equal one is counted unchanged.
 */
export async function importRows(
  trx: Kysely<DB>,
  deps: FactServiceDeps,
  user: AuthUser,
  header: string[],
  rows: ImportRow[],
  o: { sourceRef: string | null },
): Promise<ImportReport> {
  const today = deps.clock.today();
  const report: ImportReport = { rows: rows.length, recorded: 0, proposed: 0, unchanged: 0, errors: [] };
  const { index, problems } = headerOf(header);
  report.errors.push(...problems);
  if (problems.length) return report;
  const cell = (r: ImportRow, k: Key) => {
    const i = index.get(k);
    return i === undefined ? '' : (r.cells[i] ?? '').trim();
  };
  const households = new Map(
    (
      await factRepository.householdsByNo(trx, user.scopeCode, [
        ...new Set(rows.map((r) => cell(r, 'householdNo'))),
      ])
    ).map((h) => [h.household_no, h]),
  );
  const members = await factRepository.membersOf(
    trx,
    [...households.values()].map((h) => h.id),
  );
  const plan: Planned[] = [];
  const seenKeys = new Map<string, number>();
  for (const r of rows) {
    const bad: Bad = (column, message, messageZh) =>
      report.errors.push({ row: r.row, column, message, messageZh });
    const get = (k: Key) => cell(r, k);
    const h = households.get(get('householdNo'));
    if (!h)
      bad(
        colName('householdNo'),
        `no household ${get('householdNo')} in your region`,
        `您的辖区内没有户编号 ${get('householdNo')}`,
      );
    const body = parseCells(get, bad, o.sourceRef);
    const memberId = memberOf(get, h, members, bad);
    if (!h || !body) continue;
    const checked = await checkFact(trx, h.id, { ...body, memberId }, today, 'x');
    if (!checked.ok) {
      for (const p of checked.problems as FieldProblem[]) bad(columnOf(p.field), p.message, p.messageZh);
      continue;
    }
    const f = checked.fact;
    const key = [h.id, f.kv.kind, f.memberId, subjectOf(f.kv), f.observedOn].join('|');
    const first = seenKeys.get(key);
    if (first !== undefined)
      bad(
        colName('kind'),
        `the same fact as row ${first}`,
        `与第 ${first} 行是同一事实（同户、同类型、同成员、同日期）`,
      );
    seenKeys.set(key, r.row);
    plan.push({ row: r.row, household: h, fact: f });
  }
  if (report.errors.length) return report;
  const now = deps.clock.now();
  const settings = new Map<string, Awaited<ReturnType<typeof settingFor>>>();
  for (const p of plan) {
    const f = p.fact;
    const same = await factRepository.sameKey(trx, {
      householdId: p.household.id,
      kind: f.kv.kind,
      memberId: f.memberId,
      subject: subjectOf(f.kv),
      observedOn: f.observedOn,
    });
    const stored = (v: unknown) => {
      const parsed = parseFactValue(f.kv.kind, v);
      return canonical(parsed.ok ? parsed.value : v);
    };
    if (same.some((s) => stored(s.value) === canonical(f.kv.value))) {
      report.unchanged++;
      continue;
    }
    const county = p.household.village_code.slice(0, 6);
    if (!settings.has(county)) settings.set(county, await settingFor(deps, p.household.village_code, today));
    const row = await writeFact(trx, user, p.household, f, {
      setting: settings.get(county)!,
      now,
      supersedes: same.find((s) => s.state === 'proposed') ?? same[0] ?? null,
      note: `import row ${p.row}`,
    });
    if (row.state === 'proposed') report.proposed++;
    else report.recorded++;
  }
  return report;
}

/** A JSON value with its object keys sorted (jsonb reorders keys). */
function canonical(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : x !== null && typeof x === 'object'
        ? Object.fromEntries(
            Object.entries(x as Record<string, unknown>)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, y]) => [k, sort(y)]),
          )
        : x;
  return JSON.stringify(sort(v));
}
