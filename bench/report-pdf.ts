/**
 * Size and time of a standard report's PDF (src/modules/printing/report-pdf.ts): a county's fund report
 * as large as the demo county's (228 villages, two projects each, two fund sources each: 912 rows) and
 * a statistics report by township (12 rows + totals). Cold = the first PDF of the process (reads the
 * 10 MB font file); warm = the median of the next five.
 * Usage: npx tsx bench/report-pdf.ts
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { reportPdf, type PrintableTable } from '../src/modules/printing/report-pdf.js';
import { machine, percentile } from './lib.js';

const SOURCES = [
  { zh: '中央', en: 'Central' },
  { zh: '统筹整合', en: 'Integrated' },
  { zh: '对口帮扶', en: 'Paired assistance' },
  { zh: '县级', en: 'County' },
];
const base = {
  region: '433124',
  regionName: '花垣县',
  year: 2025,
  generatedAt: '2026-12-07T09:00:00Z',
  generatedBy: '花垣县乡村振兴局',
  headHash: 'f037f2146c6fe4f6a905fef52fcb79d1e0c1f4c2a8b7e6d5c4b3a29180716253',
};

function funds(): PrintableTable {
  const rows = [];
  for (let v = 0; v < 228; v++)
    for (let p = 0; p < 2; p++)
      for (let s = 0; s < 2; s++) {
        const allocated = 50_000 + ((v * 7919 + p * 104_729 + s * 13) % 40) * 10_000;
        const disbursed = Math.round(allocated * (((v + p + s) % 10) / 10));
        rows.push({
          village: `第${v + 1}村民委员会`,
          project: `${['猕猴桃', '黄金茶', '油茶', '湘西黄牛', '光伏'][(v + p) % 5]}产业项目（第${p + 1}期）`,
          source: SOURCES[(v + s) % 4]!,
          allocated,
          disbursed,
          rate: Math.round((disbursed / allocated) * 10000) / 100,
        });
      }
  const allocated = rows.reduce((x, r) => x + r.allocated, 0);
  const disbursed = rows.reduce((x, r) => x + r.disbursed, 0);
  return {
    ...base,
    title: { zh: '项目资金使用表', en: 'project fund use' },
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
      village: { zh: '合计', en: 'Total' },
      project: '',
      source: '',
      allocated,
      disbursed,
      rate: null,
    },
  };
}

function statistics(): PrintableTable {
  const keys = [
    'households',
    'persons',
    'registered',
    'poorHouseholds',
    'poorPersons',
    'exited',
    'monitored',
  ];
  const rows = Array.from({ length: 12 }, (_, i) => ({
    code: `433124${String(100 + i * 3)}`,
    name: `第${i + 1}镇`,
    ...Object.fromEntries(keys.map((k, j) => [k, 1000 + ((i * 37 + j * 101) % 900) * 5])),
    incidence: 1.23,
  }));
  return {
    ...base,
    title: { zh: '分区域统计表', en: 'statistics by region' },
    columns: [
      { key: 'code', zh: '区划代码', en: 'code' },
      { key: 'name', zh: '区划', en: 'region' },
      ...keys.map((k) => ({ key: k, zh: k, en: k, numeric: true })),
      { key: 'incidence', zh: '贫困发生率(%)', en: 'incidence (%)', numeric: true },
    ],
    rows,
    totals: null,
  };
}

async function measure(name: string, table: PrintableTable) {
  const times: number[] = [];
  let size = 0;
  let pages = 0;
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    const pdf = await reportPdf(table, 'zh');
    times.push(performance.now() - t0);
    size = pdf.length;
    pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  }
  const warm = times.slice(1);
  return {
    report: name,
    rows: table.rows.length,
    pages,
    bytes: size,
    coldMs: Math.round(times[0]!),
    warmMedianMs: Math.round(
      percentile(
        [...warm].sort((a, b) => a - b),
        50,
      ),
    ),
  };
}

const results = [
  await measure('statistics (12 townships)', statistics()),
  await measure('funds (912 rows)', funds()),
];
const out = {
  machine: machine(),
  loadAverage: (await import('node:os')).loadavg()[0],
  at: new Date().toISOString(),
  results,
};
console.table(results);
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/report-pdf.json', JSON.stringify(out, null, 2) + '\n');
