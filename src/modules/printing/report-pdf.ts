import PDFDocument from 'pdfkit';
import { cjkFont } from './font.js';
import { inLang, paperDate, paperYear, SIGN_OFF, type Bilingual, type PaperLang } from './paper.js';

/**
 * A standard report as an A4 landscape PDF (PDFKit, the CJK font inside an npm package — no browser,
 * no system font, nothing downloaded): the title with its year written "2025年", the table with its
 * header repeated on each page, the totals row, the official sign-off lines (填报单位（盖章）, 负责人,
 * 填表人, 填报日期) and the provenance with the audit head hash, pages numbered. Chinese or English paper.
 */
export interface PrintableTable {
  title: Bilingual;
  region: string;
  regionName: string;
  year: number;
  columns: { key: string; zh: string; en: string; numeric?: boolean | undefined }[];
  rows: Record<string, string | number | null | Bilingual>[];
  totals: Record<string, string | number | null | Bilingual> | null;
  generatedAt: string;
  generatedBy: string;
  headHash: string;
}

const MARGIN = 36;
const PAD = 3;
const SIZE = 9;
const WORDS = {
  page: {
    zh: (n: number, of: number) => `第 ${n} 页 / 共 ${of} 页`,
    en: (n: number, of: number) => `Page ${n} of ${of}`,
  },
  region: { zh: '区划', en: 'Region' },
  generatedAt: { zh: '生成时间（北京时间）', en: 'Generated (China time)' },
  source: {
    zh: '数据来源：精准扶贫登记系统按需生成，未要求村级重复填报',
    en: 'Source: generated on demand from the registry; villages were not asked again',
  },
  headHash: { zh: '审计链头哈希', en: 'Audit chain head hash' },
} as const;

const grouped = (lang: PaperLang) =>
  new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: 2 });

/** China time 'YYYY-MM-DD HH:mm'. */
const chinaMinute = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));

export function reportTitle(t: PrintableTable, lang: PaperLang): string {
  return lang === 'zh'
    ? `${t.regionName}${paperYear(t.year, 'zh')}${t.title.zh}`
    : `${t.regionName} ${paperYear(t.year, 'en')} ${t.title.en}`;
}

export async function reportPdf(t: PrintableTable, lang: PaperLang): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: reportTitle(t, lang), Author: t.generatedBy, Creator: 'Jingzhun' },
  });
  doc.registerFont('cjk', cjkFont('regular'));
  doc.registerFont('cjk-bold', cjkFont('bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  doc.font('cjk-bold').fontSize(16).text(reportTitle(t, lang), { align: 'center' });
  doc.moveDown(0.6);
  drawTable(doc, t, lang);
  doc.moveDown(1.2);
  drawSignOff(doc, t, lang);
  doc.moveDown(0.8);
  drawProvenance(doc, t, lang);
  numberPages(doc, lang);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function cellText(
  v: string | number | null | Bilingual | undefined,
  lang: PaperLang,
  numbers: Intl.NumberFormat,
) {
  const x = inLang(v ?? null, lang);
  if (x === null || x === '') return x === '' ? '' : '—';
  return typeof x === 'number' ? numbers.format(x) : x;
}

function drawTable(doc: PDFKit.PDFDocument, t: PrintableTable, lang: PaperLang) {
  const numbers = grouped(lang);
  const header = t.columns.map((c) => c[lang]);
  const body = t.rows.map((r) => t.columns.map((c) => cellText(r[c.key], lang, numbers)));
  const totals = t.totals ? t.columns.map((c) => cellText(t.totals![c.key], lang, numbers)) : null;
  const widths = columnWidths(doc, header, [...body, ...(totals ? [totals] : [])]);
  const bottom = doc.page.height - MARGIN - 14;
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(SIZE);
    const h =
      Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
    return h;
  };
  const draw = (cells: string[], bold: boolean) => {
    const h = row(cells, bold);
    if (doc.y + h > bottom) {
      doc.addPage();
      drawRow(header, row(header, true), true);
    }
    drawRow(cells, h, bold);
  };
  const drawRow = (cells: string[], h: number, bold: boolean) => {
    let x = MARGIN;
    const y = doc.y;
    doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(SIZE);
    cells.forEach((c, i) => {
      const w = widths[i]!;
      doc.rect(x, y, w, h).lineWidth(0.5).stroke();
      const align = t.columns[i]?.numeric ? 'right' : 'left';
      doc.text(c, x + PAD, y + PAD, { width: w - 2 * PAD, align });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  drawRow(header, row(header, true), true);
  for (const cells of body) draw(cells, false);
  if (totals) draw(totals, true);
}

/** Widths from each column's widest text (header and up to 200 rows), scaled to the page width. */
function columnWidths(doc: PDFKit.PDFDocument, header: string[], rows: string[][]): number[] {
  const available = doc.page.width - 2 * MARGIN;
  doc.font('cjk').fontSize(SIZE);
  const natural = header.map((h, i) => {
    const widest = Math.max(
      doc.widthOfString(h),
      ...rows.slice(0, 200).map((r) => doc.widthOfString(r[i] ?? '')),
    );
    return Math.min(Math.max(widest + 2 * PAD + 2, 36), available / 3);
  });
  const total = natural.reduce((s, w) => s + w, 0);
  return natural.map((w) => (w / total) * available);
}

function drawSignOff(doc: PDFKit.PDFDocument, t: PrintableTable, lang: PaperLang) {
  const colon = lang === 'zh' ? '：' : ': ';
  const blank = '________________';
  const parts = [
    `${SIGN_OFF.unit[lang]}${colon}${blank}`,
    `${SIGN_OFF.head[lang]}${colon}${blank.slice(0, 10)}`,
    `${SIGN_OFF.preparer[lang]}${colon}${t.generatedBy}`,
    `${SIGN_OFF.date[lang]}${colon}${paperDate(t.generatedAt, lang)}`,
  ];
  if (doc.y + 40 > doc.page.height - MARGIN) doc.addPage();
  const width = (doc.page.width - 2 * MARGIN) / parts.length;
  const y = doc.y;
  doc.font('cjk').fontSize(11);
  parts.forEach((p, i) => doc.text(p, MARGIN + i * width, y, { width, lineBreak: false }));
  doc.x = MARGIN;
  doc.y = y + 24;
}

function drawProvenance(doc: PDFKit.PDFDocument, t: PrintableTable, lang: PaperLang) {
  const colon = lang === 'zh' ? '：' : ': ';
  doc.font('cjk').fontSize(8).fillColor('#333');
  const lines = [
    `${WORDS.region[lang]}${colon}${t.regionName}${lang === 'zh' ? `（${t.region || '—'}）` : ` (${t.region || '—'})`}  ${WORDS.generatedAt[lang]}${colon}${chinaMinute(t.generatedAt)}`,
    WORDS.source[lang],
    `${WORDS.headHash[lang]}${colon}${t.headHash}`,
  ];
  for (const l of lines) doc.text(l, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN });
  doc.fillColor('#000');
}

function numberPages(doc: PDFKit.PDFDocument, lang: PaperLang) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font('cjk').fontSize(8);
    const text = WORDS.page[lang](i - range.start + 1, range.count);
    // inside the bottom margin: drawn without moving the cursor onto a new page
    const y = doc.page.height - MARGIN + 8;
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(text, MARGIN, y, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
    doc.page.margins.bottom = saved;
  }
}
