import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { REPORT_NAMES, type ReportKind } from '../../domain/burden/catalogue.js';
import { chinaDate } from '../../domain/calendar.js';
import { beijingTime } from '../../domain/export/provenance.js';
import { refreshStats } from '../stats/summary-table.js';
import { inLang, paperDate, SIGN_OFF, type Bilingual } from '../printing/paper.js';
import type { AuthUser } from '../../kernel/user.js';
import { createTargetService } from '../targets/service.js';
import { DERIVED_REPORTS, isDerivedReport } from './derived-reports.js';
import { burdenRepository as repo } from './repository.js';

/**
 * Standard reports generated from the registry on demand — the answer to "every report is generated
 * from the one system; villages are not asked again" (DOMAIN.md §4). Each is a table with its own
 * statement of provenance (region, year, who, when, audit head hash) for the print view and XLSX.
 * The roster (花名册) is the household export (src/modules/households/export-*), linked from here.
 */
export interface ReportColumn {
  key: string;
  zh: string;
  en: string;
  numeric?: boolean;
}

/** A cell: a number, a text as it is (names, codes), or a label in both languages for the paper's language. */
export type ReportCell = string | number | null | Bilingual;

/** The label of the totals row. */
const TOTAL: Bilingual = { zh: '合计', en: 'Total' };

/** Labels of the project fund sources (src/domain/projects/kinds.ts FUND_SOURCES). */
const FUND_SOURCE: Record<string, Bilingual> = {
  central: { zh: '中央', en: 'Central' },
  provincial: { zh: '省级', en: 'Provincial' },
  county: { zh: '县级', en: 'County' },
  integrated: { zh: '统筹整合', en: 'Integrated' },
  paired: { zh: '对口帮扶', en: 'Paired assistance' },
  social: { zh: '社会', en: 'Social' },
};

export interface ReportTable {
  kind: ReportKind;
  title: { zh: string; en: string };
  region: string;
  regionName: string;
  year: number;
  columns: ReportColumn[];
  rows: Record<string, ReportCell>[];
  totals: Record<string, ReportCell> | null;
  generatedAt: string;
  generatedBy: string;
  headHash: string;
}

const CHILD_LENGTH: Record<number, number> = { 0: 2, 2: 4, 4: 6, 6: 9, 9: 12, 12: 12 };

const sum = (rows: Record<string, unknown>[], key: string) =>
  rows.reduce((s, r) => s + (typeof r[key] === 'number' ? (r[key] as number) : 0), 0);

type Body = Pick<ReportTable, 'columns' | 'rows' | 'totals'>;

async function statistics(db: Kysely<DB>, region: string, year: number): Promise<Body> {
  await refreshStats(db);
  const rows = (await repo.statistics(db, region, CHILD_LENGTH[region.length] ?? 12, year)).map((r) => {
    const persons = Number(r.persons);
    const poorPersons = Number(r.poor_persons);
    return {
      code: r.code,
      name: r.name ?? r.code,
      households: Number(r.households),
      persons,
      registered: Number(r.registered),
      poorHouseholds: Number(r.poor_households),
      poorPersons,
      exited: Number(r.exited),
      monitored: Number(r.monitored),
      incidence: persons > 0 ? Math.round((poorPersons / persons) * 10000) / 100 : null,
    };
  });
  const keys = [
    'households',
    'persons',
    'registered',
    'poorHouseholds',
    'poorPersons',
    'exited',
    'monitored',
  ];
  const totals: Record<string, ReportCell> = { code: '', name: TOTAL };
  for (const k of keys) totals[k] = sum(rows, k);
  totals.incidence =
    (totals.persons as number) > 0
      ? Math.round(((totals.poorPersons as number) / (totals.persons as number)) * 10000) / 100
      : null;
  return {
    columns: [
      { key: 'code', zh: '区划代码', en: 'code' },
      { key: 'name', zh: '区划', en: 'region' },
      { key: 'households', zh: '总户数', en: 'households', numeric: true },
      { key: 'persons', zh: '总人数', en: 'persons', numeric: true },
      { key: 'registered', zh: '建档立卡户', en: 'registered', numeric: true },
      { key: 'poorHouseholds', zh: '未脱贫户', en: 'poor households', numeric: true },
      { key: 'poorPersons', zh: '未脱贫人口', en: 'poor persons', numeric: true },
      { key: 'exited', zh: '已脱贫户', en: 'exited', numeric: true },
      { key: 'monitored', zh: '监测户', en: 'monitored', numeric: true },
      { key: 'incidence', zh: '贫困发生率(%)', en: 'incidence (%)', numeric: true },
    ],
    rows,
    totals,
  };
}

async function targets(db: Kysely<DB>, user: AuthUser, region: string, year: number): Promise<Body> {
  const tree = await createTargetService(db).tree(user, { region, year });
  const rows = [tree.node, ...tree.children].map((n) => {
    const row: Record<string, string | number | null> = { code: n.code, name: n.name };
    for (const i of n.indicators) {
      row[`${i.indicator}_target`] = i.target;
      row[`${i.indicator}_actual`] = i.actual;
    }
    row.withoutMeasures = n.quality.exitsWithoutMeasures;
    return row;
  });
  return {
    columns: [
      { key: 'code', zh: '区划代码', en: 'code' },
      { key: 'name', zh: '区划', en: 'region' },
      ...tree.indicatorKinds.flatMap((k) => {
        const unit = k.unit === 'percent' ? '(%)' : '';
        return [
          {
            key: `${k.kind}_target`,
            zh: `${k.name_zh}${unit}（任务）`,
            en: `${k.name_en}${unit} (target)`,
            numeric: true,
          },
          {
            key: `${k.kind}_actual`,
            zh: `${k.name_zh}${unit}（完成，据登记）`,
            en: `${k.name_en}${unit} (done, from registry)`,
            numeric: true,
          },
        ];
      }),
      { key: 'withoutMeasures', zh: '无措施脱贫户', en: 'exits without measures', numeric: true },
    ],
    rows,
    totals: null,
  };
}

async function funds(db: Kysely<DB>, region: string, year: number): Promise<Body> {
  const rows = (await repo.funds(db, region, year)).map((r) => {
    const allocated = Number(r.allocated);
    const disbursed = Number(r.disbursed);
    return {
      village: r.village ?? r.village_code,
      project: r.project,
      source: FUND_SOURCE[r.source] ?? r.source,
      allocated,
      disbursed,
      rate: allocated > 0 ? Math.round((disbursed / allocated) * 10000) / 100 : null,
    };
  });
  const allocated = sum(rows, 'allocated');
  const disbursed = sum(rows, 'disbursed');
  return {
    columns: [
      { key: 'village', zh: '村', en: 'village' },
      { key: 'project', zh: '项目', en: 'project' },
      { key: 'source', zh: '资金来源', en: 'source' },
      { key: 'allocated', zh: '下达资金(元)', en: 'allocated (yuan)', numeric: true },
      { key: 'disbursed', zh: '已拨付(元)', en: 'disbursed (yuan)', numeric: true },
      { key: 'rate', zh: '拨付率(%)', en: 'disbursed (%)', numeric: true },
    ],
    rows,
    totals: {
      village: TOTAL,
      project: '',
      source: '',
      allocated,
      disbursed,
      rate: allocated > 0 ? Math.round((disbursed / allocated) * 10000) / 100 : null,
    },
  };
}

export async function buildReport(
  db: Kysely<DB>,
  user: AuthUser,
  kind: Exclude<ReportKind, 'roster'>,
  region: { code: string; name: string },
  year: number,
  headHash: string,
  now: Date,
): Promise<ReportTable> {
  const body = isDerivedReport(kind)
    ? await DERIVED_REPORTS[kind]({
        db,
        region: region.code,
        regionName: region.name,
        year,
        role: user.role,
        today: chinaDate(now),
      })
    : kind === 'statistics'
      ? await statistics(db, region.code, year)
      : kind === 'targets'
        ? await targets(db, user, region.code, year)
        : await funds(db, region.code, year);
  return {
    kind,
    title: REPORT_NAMES[kind],
    region: region.code,
    regionName: region.name,
    year,
    ...body,
    generatedAt: now.toISOString(),
    generatedBy: user.displayName,
    headHash,
  };
}

/** The report as an XLSX workbook: title, header, rows, totals, then its provenance lines. */
export async function reportXlsx(r: ReportTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jingzhun';
  const ws = wb.addWorksheet(r.title.zh.slice(0, 31));
  ws.addRow([`${r.regionName}${r.year}年${r.title.zh}`]).font = { bold: true, size: 14 };
  const header = ws.addRow(r.columns.map((c) => c.zh));
  header.font = { bold: true };
  const cells = (row: Record<string, ReportCell>) => r.columns.map((c) => inLang(row[c.key] ?? null, 'zh'));
  for (const row of r.rows) ws.addRow(cells(row));
  if (r.totals) ws.addRow(cells(r.totals)).font = { bold: true };
  ws.addRow([]);
  ws.addRow([
    `${SIGN_OFF.unit.zh}：`,
    '',
    `${SIGN_OFF.head.zh}：`,
    '',
    `${SIGN_OFF.preparer.zh}：${r.generatedBy}`,
    '',
    `${SIGN_OFF.date.zh}：${paperDate(r.generatedAt, 'zh')}`,
  ]);
  ws.addRow([]);
  for (const [k, v] of [
    ['区划', `${r.regionName}（${r.region}）`],
    ['年度', `${r.year}年`],
    ['生成时间', beijingTime(new Date(r.generatedAt))],
    ['生成人', r.generatedBy],
    ['数据来源', '精准扶贫登记系统（由系统生成，未要求村级重复填报）'],
    ['审计链头哈希', r.headHash],
  ])
    ws.addRow([k, v]);
  r.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.numeric ? 14 : 20));
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  ws.headerFooter.oddFooter = `&L${r.regionName} ${r.title.zh}&R审计链头哈希 ${r.headHash.slice(0, 16)}…`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
