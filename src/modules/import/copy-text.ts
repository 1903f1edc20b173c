/** COPY text format (`COPY … from stdin`, text mode) for the import's writes. */

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES = /[\\\t\n\r]/g;
const escapeChar = (c: string) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r');
const parts: string[] = [];

/** One value in COPY text format: \N for null, t/f, backslash escapes. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return NEEDS_ESCAPE.test(v) ? v.replace(ESCAPES, escapeChar) : v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = String(v);
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPES, escapeChar) : s;
}

/** The fields of one COPY text line, tab-separated, as one flat string (no line break). */
export function copyFields(values: unknown[]): string {
  parts.length = values.length;
  for (let i = 0; i < values.length; i++) parts[i] = copyValue(values[i]);
  return parts.join('\t');
}

/** One line of COPY text format: tab-separated, \N for null, backslash escapes. */
export const copyLine = (values: unknown[]): string => copyFields(values) + '\n';

/** A PostgreSQL array literal of strings. */
export const pgArray = (items: string[]): string =>
  `{${items.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
