import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { BOM, csvLine } from '../../domain/export/csv.js';
import type { CellValue, ExportColumn } from '../../domain/export/layouts.js';
import { LAYOUT_NAMES, provenanceLines, type Provenance } from '../../domain/export/provenance.js';

type ColumnHead = Pick<ExportColumn<unknown>, 'header' | 'width'>;

/** Where export rows go: a CSV or an XLSX file written to a stream as the rows come. */
export interface ExportSink {
  rows(rows: CellValue[][]): Promise<void>;
  /** Write the report's statement about itself and end the file. */
  finish(p: Provenance): Promise<void>;
}

/** Wait while the consumer (the HTTP response) is behind, so rows never pile up in memory. */
async function drained(out: Writable): Promise<void> {
  if (out.destroyed) throw new Error('export stream closed by the client');
  if (out.writableNeedDrain) await once(out, 'drain');
}

/**
 * CSV, UTF-8 with BOM (Excel opens it as UTF-8). The header row comes first; the provenance follows
 * the data after an empty line, as `# 报表信息` and one `label,value` line each — a file without these
 * trailing lines was cut short.
 */
export function csvSink(out: Writable, columns: readonly ColumnHead[]): ExportSink {
  out.write(BOM + csvLine(columns.map((c) => c.header)));
  return {
    async rows(rows) {
      out.write(rows.map(csvLine).join(''));
      await drained(out);
    },
    async finish(p) {
      const lines = provenanceLines(p).map(([k, v]) => csvLine([k, v]));
      out.end(`\r\n${csvLine(['# 报表信息'])}${lines.join('')}`);
    },
  };
}

const headerText = (s: string) => s.replace(/&/g, '&&');

/**
 * XLSX through the ExcelJS streaming writer: the data sheet with a frozen header row, the region and
 * audit head hash in the printed page header and footer (on every printed page), and a last sheet
 * 报表信息 with the full provenance.
 */
export function xlsxSink(
  out: Writable,
  columns: readonly ColumnHead[],
  head: { layout: Provenance['layout']; region: string; headHash: string },
): ExportSink {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'Jingzhun';
  const ws = wb.addWorksheet(LAYOUT_NAMES[head.layout], {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: {
      oddHeader: `&L${headerText(LAYOUT_NAMES[head.layout])}&C${headerText(head.region)}`,
      oddFooter: `&L审计链头哈希 ${head.headHash}&R第 &P 页，共 &N 页`,
    },
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  return {
    async rows(rows) {
      for (const r of rows) ws.addRow(r).commit();
      await drained(out);
    },
    async finish(p) {
      ws.commit();
      const info = wb.addWorksheet('报表信息');
      info.columns = [{ width: 14 }, { width: 80 }];
      for (const [k, v] of provenanceLines(p)) info.addRow([k, v]).commit();
      info.commit();
      await wb.commit();
    },
  };
}
