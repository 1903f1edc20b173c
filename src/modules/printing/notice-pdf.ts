import PDFDocument from 'pdfkit';
import { cjkFont } from './font.js';
import type { BatchNotice, Supervision } from './notice-types.js';
import { paperDate, type PaperLang } from './paper.js';

/**
 * Batch public notices as an A4 PDF, one sheet (or more) per round — the same content as the print
 * view (web/src/components/print/BatchNoticeSheet.tsx): title, proposed decision, the households,
 * the period, where to object, the supervision lines (the county's 监督举报电话 and 12317), the issuer
 * and the date. Names, household numbers and places only, like every notice.
 */
const MARGIN = 56;
const WORDS = {
  proposed: { zh: '拟办理事项', en: 'Proposed' },
  count: { zh: (n: number) => `共 ${n} 户`, en: (n: number) => `${n} households` },
  header: {
    zh: ['序号', '所在村', '户编号', '户主', '家庭人口', '家庭成员', '公示期'],
    en: ['No.', 'Village', 'Household no.', 'Head', 'Size', 'Members', 'Notice period'],
  },
  period: { zh: '公示期', en: 'Notice period' },
  periodEach: { zh: '各户公示期见表', en: 'notice period per household in the table' },
  hotline: { zh: '监督举报电话', en: 'Supervision hotline' },
  hotlineDefault: {
    zh: '（政务服务便民热线；本县未设置专线）',
    en: ' (government service hotline; the county has not set its own)',
  },
  national: { zh: '全国扶贫监督举报电话', en: 'National poverty-alleviation supervision line' },
  none: {
    zh: '该村（乡镇）目前没有处于公示期的此类案件。',
    en: 'No case of this kind is in its notice period in this village or township.',
  },
} as const;

export async function noticesPdf(
  rounds: readonly BatchNotice[],
  s: Supervision,
  lang: PaperLang,
): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Creator: 'Jingzhun' } });
  doc.registerFont('cjk', cjkFont('regular'));
  doc.registerFont('cjk-bold', cjkFont('bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  if (rounds.length === 0) doc.font('cjk').fontSize(12).text(WORDS.none[lang]);
  rounds.forEach((r, i) => {
    if (i > 0) doc.addPage();
    drawRound(doc, r, s, lang);
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function drawRound(doc: PDFKit.PDFDocument, r: BatchNotice, s: Supervision, lang: PaperLang) {
  const colon = lang === 'zh' ? '：' : ': ';
  const paren = (x: string) => (lang === 'zh' ? `（${x}）` : ` (${x})`);
  const byTownship = new Set(r.households.map((h) => h.village)).size > 1;
  const width = doc.page.width - 2 * MARGIN;
  doc
    .font('cjk-bold')
    .fontSize(20)
    .text(`${byTownship ? r.place.township : r.place.village}${r.title[lang]}`, {
      align: 'center',
    });
  doc.moveDown(0.8).font('cjk').fontSize(12);
  doc.text(
    `${WORDS.proposed[lang]}${colon}${r.decision[lang]}${paren(WORDS.count[lang](r.households.length))}`,
  );
  doc.moveDown(0.5);
  const period = (start: string, end: string) => `${paperDate(start, lang)} – ${paperDate(end, lang)}`;
  const all = WORDS.header[lang];
  const keep = [true, byTownship, true, true, true, true, !r.period.same];
  const header = all.filter((_, i) => keep[i]);
  const rows = r.households.map((h, i) =>
    [
      String(i + 1),
      h.village,
      h.householdNo,
      h.headName,
      String(h.size),
      h.memberNames.join('、'),
      period(h.start, h.end),
    ].filter((_, j) => keep[j]),
  );
  const weights = [0.6, 1.4, 2.2, 1, 0.8, 2.6, 2.4].filter((_, i) => keep[i]);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * width);
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(10);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 8 }))) + 8;
    if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, h).lineWidth(0.5).stroke();
      doc.text(c, x + 4, y + 4, { width: widths[i]! - 8 });
      x += widths[i]!;
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  drawRow(header, true);
  for (const row of rows) drawRow(row, false);
  doc.moveDown(0.8).font('cjk').fontSize(12);
  const lines = [
    `${WORDS.period[lang]}${colon}${period(r.period.start, r.period.end)}${r.period.same ? '' : paren(WORDS.periodEach[lang])}`,
    r.objection[lang],
    `${WORDS.hotline[lang]}${colon}${s.county.phone}${s.county.isDefault ? WORDS.hotlineDefault[lang] : ''}`,
    `${WORDS.national[lang]}${colon}${s.national}`,
  ];
  for (const l of lines) doc.text(l, MARGIN, doc.y, { width, lineGap: 4 }).moveDown(0.3);
  doc.moveDown(2);
  doc.text(r.issuer[lang], { width, align: 'right' });
  doc.text(paperDate(r.period.start, lang), { width, align: 'right' });
}
