import { CODE_LISTS, type CodeListName } from '../code-lists.js';
import type { ColumnKind } from './columns.js';

/** A cell as read from CSV (string) or XLSX (string, number, boolean, Date). */
export type Cell = string | number | boolean | Date | null | undefined;

/** A refused cell: its code and what is wrong, in English (the import's report) and Chinese (the app). */
export type Parsed =
  { ok: true; value: unknown } | { ok: false; code: string; message: string; messageZh: string };

const ok = (value: unknown): Parsed => ({ ok: true, value });
const bad = (code: string, message: string, messageZh: string): Parsed => ({
  ok: false,
  code,
  message,
  messageZh,
});

const codeIndex = new Map<CodeListName, Map<string, string>>();
function lookup(list: CodeListName, text: string): string | undefined {
  let idx = codeIndex.get(list);
  if (!idx) {
    idx = new Map();
    for (const e of CODE_LISTS[list]) {
      idx.set(e.zh, e.code);
      idx.set(e.code.toLowerCase(), e.code);
      idx.set(e.en.toLowerCase(), e.code);
    }
    codeIndex.set(list, idx);
  }
  return idx.get(text) ?? idx.get(text.toLowerCase());
}

export const cellText = (v: Cell): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
};

const TRUE = new Set(['是', '1', 'true', 'y', 'yes', '有']);
const FALSE = new Set(['否', '0', 'false', 'n', 'no', '无']);

/** Parse one non-empty cell according to its column kind (`text`: cellText(raw), when known). */
export function parseCell(kind: ColumnKind, raw: Cell, text = cellText(raw)): Parsed {
  switch (kind.type) {
    case 'text':
      if (text.length > kind.max)
        return bad('E_TOO_LONG', `longer than ${kind.max} characters`, `超过 ${kind.max} 个字`);
      if (kind.pattern && !kind.pattern.test(text))
        return bad(
          'E_FORMAT',
          `"${text}" is not ${kind.patternHint ?? 'valid'}`,
          `“${text}”格式不对${kind.patternHintZh ? `（应为${kind.patternHintZh}）` : ''}`,
        );
      return ok(text);
    case 'code': {
      const parts = kind.multi ? text.split(/[、;；,，\s]+/).filter(Boolean) : [text];
      const codes: string[] = [];
      for (const p of parts) {
        const code = lookup(kind.list, p);
        if (!code) {
          const allowed = CODE_LISTS[kind.list].map((e) => e.zh).join('、');
          return bad('E_CODE', `"${p}" is not in the list (${allowed})`, `“${p}”不在可选值中（${allowed}）`);
        }
        codes.push(code);
      }
      if (kind.multi && codes.length > 2)
        return bad('E_RANGE', 'at most 2 other causes', '其他致贫原因最多 2 项');
      return ok(kind.multi ? codes : codes[0]);
    }
    case 'number':
    case 'money': {
      const n = typeof raw === 'number' ? raw : Number(text.replace(/,/g, ''));
      if (!Number.isFinite(n) || text === '')
        return bad('E_NUMBER', `"${text}" is not a number`, `“${text}”不是数字`);
      const [min, max] = kind.type === 'money' ? [0, 100_000_000] : [kind.min, kind.max];
      if (n < min || n > max)
        return bad('E_RANGE', `${n} is outside ${min}–${max}`, `${n} 超出 ${min}–${max}`);
      if (kind.type === 'number' && kind.integer && !Number.isInteger(n))
        return bad('E_NUMBER', `${n} is not a whole number`, `${n} 不是整数`);
      return ok(kind.type === 'money' ? Math.round(n * 100) / 100 : n);
    }
    case 'bool': {
      const t = text.toLowerCase();
      if (TRUE.has(t)) return ok(true);
      if (FALSE.has(t)) return ok(false);
      return bad('E_CODE', `"${text}" is not 是 or 否`, `“${text}”应为“是”或“否”`);
    }
    case 'date': {
      if (raw instanceof Date) return ok(raw.toISOString().slice(0, 10));
      const m = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$/.exec(text);
      if (!m) return bad('E_DATE', `"${text}" is not a date (YYYY-MM-DD)`, `“${text}”不是日期（YYYY-MM-DD）`);
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const dt = new Date(Date.UTC(y, mo - 1, d));
      if (dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d)
        return bad('E_DATE', `"${text}" is not a real date`, `“${text}”不是有效日期`);
      return ok(dt.toISOString().slice(0, 10));
    }
    default: {
      const never: never = kind;
      return never;
    }
  }
}
