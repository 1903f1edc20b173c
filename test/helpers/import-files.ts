import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { makeIdNumber, type Sex } from '../../src/domain/id-number.js';

export const HEADERS = [
  '户编号',
  '村代码',
  '姓名',
  '公民身份号码',
  '与户主关系',
  '性别',
  '年度',
  '工资性收入',
  '生产经营性收入',
  '财产性收入',
  '转移性收入',
  '生产经营支出',
  '户类型',
  '主要致贫原因',
  '健康状况',
];

let seq = 500;

/** One person row; household fields and income repeated as on the forms. */
export function person(
  householdNo: string,
  village: string,
  name: string,
  relation: string,
  sex: Sex,
  birth: string,
  over: Partial<Record<(typeof HEADERS)[number], string>> = {},
): string[] {
  seq++;
  const base: Record<string, string> = {
    户编号: householdNo,
    村代码: village,
    姓名: name,
    公民身份号码: makeIdNumber(village.slice(0, 6), birth, sex, seq),
    与户主关系: relation,
    性别: sex === '1' ? '男' : '女',
    年度: '2025',
    工资性收入: '12000',
    生产经营性收入: '3000',
    财产性收入: '0',
    转移性收入: '1500',
    生产经营支出: '1000',
    户类型: '一般农户',
    主要致贫原因: '',
    健康状况: '健康',
  };
  return HEADERS.map((h) => over[h] ?? base[h] ?? '');
}

export function tmpFile(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jz-imp-'));
  return path.join(dir, name);
}

const csvLine = (cells: string[]) =>
  cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

export function writeCsv(
  rows: string[][],
  opts: { bom?: boolean; gb18030?: boolean; name?: string } = {},
): string {
  const file = tmpFile(opts.name ?? 'households.csv');
  const text = [HEADERS, ...rows].map(csvLine).join('\r\n') + '\r\n';
  const bytes = opts.gb18030
    ? iconv.encode(text, 'gb18030')
    : Buffer.from((opts.bom ? '\uFEFF' : '') + text, 'utf8');
  fs.writeFileSync(file, bytes);
  return file;
}

export async function writeXlsx(rows: string[][]): Promise<string> {
  const file = tmpFile('households.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('农户成员');
  ws.addRow(HEADERS);
  for (const r of rows)
    ws.addRow(r.map((c, i) => (i >= 6 && i <= 11 && c !== '' && !Number.isNaN(Number(c)) ? Number(c) : c)));
  await wb.xlsx.writeFile(file);
  return file;
}

/** The row with its ID number's check character made wrong (E_ID_CHECK_DIGIT). */
export function withBadCheckDigit(row: string[]): string[] {
  const id = row[3]!;
  const copy = [...row];
  copy[3] = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
  return copy;
}
