import ExcelJS from 'exceljs';
import { CODE_LISTS } from '../../domain/code-lists.js';
import { COLUMNS, type ColumnDef } from '../../domain/import/columns.js';

function allowed(c: ColumnDef): string {
  switch (c.kind.type) {
    case 'code':
      return (
        CODE_LISTS[c.kind.list].map((e) => e.zh).join('、') + (c.kind.multi ? '（最多2项，用、分隔）' : '')
      );
    case 'bool':
      return '是、否';
    case 'money':
      return '≥ 0 的金额（元）';
    case 'number':
      return `${c.kind.min}–${c.kind.max}${c.kind.integer ? ' 整数' : ''}`;
    case 'date':
      return 'YYYY-MM-DD';
    case 'text':
      return c.kind.patternHint ?? `≤ ${c.kind.max} 字`;
  }
}

/** The import template: a data sheet with the headers and a sheet documenting every column. */
export async function buildTemplate(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jingzhun';
  const data = wb.addWorksheet('农户成员');
  data.addRow(COLUMNS.map((c) => c.zh));
  data.getRow(1).font = { bold: true };
  COLUMNS.forEach((c, i) => {
    data.getColumn(i + 1).width = Math.max(10, c.zh.length * 2 + 2);
    if (c.required)
      data.getRow(1).getCell(i + 1).fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: 'FFFFE58F' },
      };
  });
  data.views = [{ state: 'frozen', ySplit: 1 }];
  const doc = wb.addWorksheet('填写说明');
  doc.addRow(['列名', 'English alias', '必填', '层级', '允许的值', '说明']).font = { bold: true };
  for (const c of COLUMNS) {
    doc.addRow([
      c.zh,
      c.key,
      c.required ? '是' : '否',
      { household: '户', member: '成员', income: '户收入', provenance: '户收入（采集）' }[c.level],
      allowed(c),
      c.description,
    ]);
  }
  doc.addRow([]);
  doc.addRow(['说明：每个成员一行；同一户的各行须相邻，户级字段和收入在该户每一行相同；每户恰有一名户主。']);
  [18, 22, 6, 8, 60, 50].forEach((w, i) => (doc.getColumn(i + 1).width = w));
  return wb;
}
