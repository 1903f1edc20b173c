import ExcelJS from 'exceljs';
import { BOM, csvLine } from '../../domain/export/csv.js';

/** One row of the bank file: the payee and the whole account (the only place it appears whole). */
export interface BankRow {
  seq: number;
  villageCode: string;
  householdNo: string;
  payee: string;
  bankName: string;
  account: string;
  programme: string;
  amount: number;
}

const HEAD = ['序号', '村代码', '户编号', '收款人', '开户行', '账号', '救助项目', '金额（元）'];
const PROGRAMME_ZH: Record<string, string> = { dibao: '低保', tekun: '特困供养', temporary: '临时救助' };

const cells = (r: BankRow) => [
  String(r.seq),
  r.villageCode,
  r.householdNo,
  r.payee,
  r.bankName,
  r.account,
  PROGRAMME_ZH[r.programme] ?? r.programme,
  r.amount.toFixed(2),
];

/**
 * The bank file of a month's payment list (docs/safety-net.md): CSV (UTF-8 with BOM) or XLSX, one
 * row per line to pay (returned lines left out, corrections netted into their line), a total row.
 */
export async function bankFile(
  rows: readonly BankRow[],
  format: 'csv' | 'xlsx',
  title: string,
): Promise<Buffer> {
  const total = rows.reduce((s, r) => s + r.amount, 0);
  const tail = ['', '', '', '合计', '', '', String(rows.length), total.toFixed(2)];
  if (format === 'csv')
    return Buffer.from(
      BOM + csvLine([title]) + csvLine(HEAD) + rows.map((r) => csvLine(cells(r))).join('') + csvLine(tail),
      'utf8',
    );
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('发放清单');
  ws.addRow([title]);
  ws.addRow(HEAD);
  for (const r of rows)
    ws.addRow([
      r.seq,
      r.villageCode,
      r.householdNo,
      r.payee,
      r.bankName,
      r.account,
      PROGRAMME_ZH[r.programme] ?? r.programme,
      r.amount,
    ]);
  ws.addRow(['', '', '', '合计', '', '', rows.length, Math.round(total * 100) / 100]);
  ws.getColumn(6).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
