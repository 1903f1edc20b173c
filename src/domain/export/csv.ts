import type { CellValue } from './layouts.js';

/** UTF-8 byte order mark: Excel needs it to read a CSV file as UTF-8. */
export const BOM = '\uFEFF';

/**
 * One CSV cell for a file meant to be opened in Excel as well as read by programs (RFC 4180 quoting):
 * - a text starting with = + - @ is prefixed with ' so Excel does not run it as a formula
 *   (CSV injection); numbers are written as numbers;
 * - a run of 11 or more digits (ID numbers, bank accounts, household numbers) is prefixed with a tab,
 *   so Excel keeps it as text instead of rounding it to 15 significant digits. Readers trim it.
 */
export function csvCell(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = v;
  if (/^\d{11,}$/.test(s)) s = `\t${s}`;
  else if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line, CRLF-terminated as Excel writes them. */
export const csvLine = (cells: readonly CellValue[]): string => `${cells.map(csvCell).join(',')}\r\n`;
