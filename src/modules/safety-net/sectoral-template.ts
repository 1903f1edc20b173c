import ExcelJS from 'exceljs';
import { SECTORAL_COLUMNS, type SectoralColumnKey } from './sectoral-import.js';

/** What each column holds, for the template's 说明 sheet (docs/safety-net.md "Importing a department list"). */
const HELP: Record<SectoralColumnKey, [string, string]> = {
  idNumber: ['全部', '18位公民身份号码，须为登记系统中的成员'],
  name: ['可选', '填写时须与登记系统中的姓名一致'],
  sector: ['全部', '医疗救助、教育救助、住房救助（危房改造）'],
  occurredOn: ['全部', '就医、资助或竣工日期，YYYY-MM-DD，不晚于今天'],
  amount: ['全部', '救助金额（元）'],
  totalCost: ['医疗', '医疗总费用（元）'],
  basicPaid: ['医疗', '基本医保报销（元）'],
  criticalPaid: ['医疗', '大病保险报销（元）；救助金额不超过两项报销后的个人负担'],
  stage: ['教育', '学前、小学、初中、高中、中职、高等教育'],
  grade: ['住房', 'C级或D级'],
  done: ['住房', '是、否'],
  sourceRef: ['可选', '文号；不填时为导入时的名单名称'],
};

/** The sectoral import template: the headers on the first sheet, every column explained on the second. */
export function buildSectoralTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jingzhun';
  const keys = Object.keys(SECTORAL_COLUMNS) as SectoralColumnKey[];
  const data = wb.addWorksheet('救助名单');
  data.addRow(keys.map((k) => SECTORAL_COLUMNS[k].headers[0]));
  data.getRow(1).font = { bold: true };
  keys.forEach((k, i) => (data.getColumn(i + 1).width = k === 'idNumber' ? 22 : 14));
  data.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('说明');
  help.addRow(['列名', '也可写作', '适用', '说明', 'column']);
  help.getRow(1).font = { bold: true };
  for (const k of keys) {
    const c = SECTORAL_COLUMNS[k];
    help.addRow([c.headers[0], c.headers.slice(1).join('、'), ...HELP[k], c.en]);
  }
  help.getColumn(4).width = 50;
  return wb;
}
