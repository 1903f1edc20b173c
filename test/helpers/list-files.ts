import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

/** Department list files (CSV or XLSX) with any headers, for matching tests. */
function tmp(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jz-list-')), name);
}

const csvLine = (cells: string[]) =>
  cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

export function writeListCsv(headers: string[], rows: string[][], name = 'list.csv'): string {
  const file = tmp(name);
  fs.writeFileSync(file, '\uFEFF' + [headers, ...rows].map(csvLine).join('\r\n') + '\r\n');
  return file;
}

export async function writeListXlsx(
  headers: string[],
  rows: string[][],
  name = 'list.xlsx',
): Promise<string> {
  const file = tmp(name);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
  return file;
}

/** Change one digit of the sequence part (keeps the birth date; the check character no longer fits). */
export function typo(id: string): string {
  const d = Number(id[15]);
  return `${id.slice(0, 15)}${(d + 1) % 10}${id.slice(16)}`;
}
