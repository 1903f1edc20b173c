import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { resolveHeaders } from '../../domain/import/columns.js';
import type { ImportError } from '../../domain/import/row.js';
import { cellText, type Cell } from '../../domain/import/values.js';
import { readSheet } from './reader.js';

/** Fill of a cell with an error: Excel's own "bad" red, light enough to read the value through. */
export const ERROR_FILL: ExcelJS.FillPattern = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFFFC7CE' },
};
const ERROR_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };

export const REPORT_SHEET = '导入报告';
export const ERRORS_SHEET = '错误列表';
export const ERRORS_COLUMN = '错误';

const describe = (e: ImportError) => `${e.code}: ${e.message}`;

function byRow(errors: ImportError[]): Map<number, ImportError[]> {
  const rows = new Map<number, ImportError[]>();
  for (const e of errors) rows.set(e.row, [...(rows.get(e.row) ?? []), e]);
  return rows;
}

/** Column index (0-based) of an error's column: as written in the file, or the column it resolves to. */
function columnFinder(headers: string[]): (column: string) => number | undefined {
  const index = new Map<string, number>();
  resolveHeaders(headers).columns.forEach((col, i) => {
    if (col && !index.has(col.zh)) index.set(col.zh, i);
  });
  headers.forEach((h, i) => index.set(h, i));
  return (column) => index.get(column);
}

function markCell(cell: ExcelJS.Cell, errors: ImportError[]): void {
  cell.fill = ERROR_FILL;
  cell.font = ERROR_FONT;
  cell.note = errors.map(describe).join('\n');
}

/**
 * The import report as a workbook, streamed to `out`: the file's rows again (read a second time,
 * at their original row numbers), each cell with an error filled red with a note holding the code
 * and message, and a last column 错误 listing the row's errors; rows without errors are left plain.
 * A second sheet lists every error. Errors beyond the report's limit (100,000) are not marked.
 */
export async function writeReportXlsx(file: string, errors: ImportError[], out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(REPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const errorsOf = byRow(errors);
  let width = 0;
  let columnOf: (column: string) => number | undefined = () => undefined;
  for await (const { row, cells } of readSheet(file)) {
    const r = ws.getRow(row);
    const isHeader = width === 0;
    if (isHeader) {
      const headers = Array.from(cells, (c) => cellText(c));
      width = headers.length;
      columnOf = columnFinder(headers);
      ws.getColumn(width + 1).width = 60; // before the first commit: the writer emits <cols> with it
      r.values = [...headers, ERRORS_COLUMN];
      r.font = { bold: true };
    } else {
      // Array.from: no holes (a sparse array would shift the row by one column)
      r.values = Array.from(cells.slice(0, width), (c: Cell | undefined) => c ?? null);
    }
    const rowErrors = errorsOf.get(row) ?? [];
    if (!isHeader && rowErrors.length) {
      const cell = r.getCell(width + 1);
      cell.value = rowErrors.map((e) => `${e.column}: ${describe(e)}`).join('\n');
      cell.alignment = { wrapText: true, vertical: 'top' };
    }
    const atColumn = new Map<number, ImportError[]>();
    for (const e of rowErrors) {
      const i = columnOf(e.column);
      if (i !== undefined) atColumn.set(i, [...(atColumn.get(i) ?? []), e]);
    }
    for (const [i, errs] of atColumn) markCell(r.getCell(i + 1), errs);
    r.commit();
  }
  ws.commit();

  const list = wb.addWorksheet(ERRORS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [
    { header: '行', width: 8 },
    { header: '列', width: 16 },
    { header: '代码', width: 28 },
    { header: '说明', width: 80 },
  ];
  list.getRow(1).font = { bold: true };
  for (const e of errors) list.addRow([e.row, e.column, e.code, e.message]).commit();
  list.commit();
  await wb.commit();
}
