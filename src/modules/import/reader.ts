import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Cell } from '../../domain/import/values.js';
import { CsvSplitter } from './csv.js';

/** Rows of a spreadsheet, streamed: the header (row 1), then data rows with their row numbers. */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

export class UnreadableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

/** UTF-8 (with or without BOM) unless the first 64 KiB are not valid UTF-8: then GB18030. */
export function detectEncoding(head: Buffer): 'utf8' | 'gb18030' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  let end = head.length;
  // do not judge a multi-byte character cut at the end of the sample
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = head[end - i]!;
    if ((b & 0xc0) === 0xc0) {
      end -= i;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

/** Data rows of a CSV file in chunks (one array per block read), numbered as csv-parse numbers records. */
async function* csvRowBatches(file: string): AsyncGenerator<SheetRow[]> {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(65536);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const encoding = detectEncoding(head.subarray(0, n));
  const source = fs.createReadStream(file, { highWaterMark: 1 << 18 });
  const text = (
    encoding === 'utf8' ? source.setEncoding('utf8') : source.pipe(iconv.decodeStream('gb18030'))
  ) as AsyncIterable<string>;
  const splitter = new CsvSplitter();
  const records: string[][] = [];
  const take = (): SheetRow[] => {
    const out: SheetRow[] = [];
    let row = splitter.records - records.length;
    for (const cells of records) {
      row++;
      if (cells.every((c) => c.trim() === '')) continue;
      out.push({ row, cells });
    }
    records.length = 0;
    return out;
  };
  try {
    for await (const chunk of text) {
      splitter.push(chunk, records);
      if (records.length) yield take();
    }
    splitter.end(records);
    if (records.length) yield take();
  } catch (err) {
    throw new UnreadableFileError(
      `${path.basename(file)} is not a readable CSV file (near row ${splitter.records + 1}): ${(err as Error).message}`,
    );
  } finally {
    source.destroy();
  }
}

function xlsxCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return xlsxCell(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

async function* xlsxRows(file: string): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      for await (const r of sheet) {
        const values = (r.values as ExcelJS.CellValue[]).slice(1).map(xlsxCell);
        if (values.every((c) => c === null || String(c).trim() === '')) continue;
        yield { row: r.number, cells: values };
      }
      return; // the first worksheet holds the data
    }
  } catch (err) {
    if (err instanceof UnreadableFileError) throw err;
    throw new UnreadableFileError(
      `${path.basename(file)} is not a readable XLSX file: ${(err as Error).message}`,
    );
  }
}

async function* xlsxRowBatches(file: string): AsyncGenerator<SheetRow[]> {
  let batch: SheetRow[] = [];
  for await (const r of xlsxRows(file)) {
    batch.push(r);
    if (batch.length >= 1000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Open a CSV or XLSX file by its extension (or content: XLSX files start with "PK"). */
export function readSheet(file: string): AsyncGenerator<SheetRow> {
  return flatten(readSheetBatches(file));
}

async function* flatten(batches: AsyncGenerator<SheetRow[]>): AsyncGenerator<SheetRow> {
  for await (const batch of batches) yield* batch;
}

/** The kind of a spreadsheet file, by its extension (or content: XLSX files start with "PK"); throws for others. */
export function sheetKind(file: string): 'csv' | 'xlsx' {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new UnreadableFileError(`${file}: no such file`);
  const fd = fs.openSync(file, 'r');
  const magic = Buffer.alloc(2);
  fs.readSync(fd, magic, 0, 2, 0);
  fs.closeSync(fd);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || magic.toString('latin1') === 'PK') return 'xlsx';
  if (ext === '.csv' || ext === '.txt' || ext === '') return 'csv';
  throw new UnreadableFileError(`${file}: unsupported file type ${ext} (CSV or XLSX)`);
}

/** Like readSheet, in blocks of rows (fewer awaits per row: the import reads this way). */
export function readSheetBatches(file: string): AsyncGenerator<SheetRow[]> {
  return sheetKind(file) === 'xlsx' ? xlsxRowBatches(file) : csvRowBatches(file);
}
