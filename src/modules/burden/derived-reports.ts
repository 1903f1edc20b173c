import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { labelOf } from '../../domain/code-lists.js';
import type { Role } from '../../domain/roles.js';
import { seen, viewerOf } from '../../domain/visibility.js';
import type { Bilingual } from '../printing/paper.js';
import { derivedRepository as repo } from './derived-repository.js';

/**
 * The seven standard reports after 2020 (issue 21 item 7), generated from the registry so that
 * villages are not asked for them: monitoring objects, dibao and 特困 rolls, plans and measures,
 * visits, paired assistance, consumption assistance, employment. Each returns the report's body; the
 * common frame (title, provenance, audit head hash, XLSX, print view, the log the burden meter
 * counts) is in reports.ts and report-service.ts. Names are shown as the role's visibility says;
 * labels are given in both languages (the print view and the paper pick one).
 */
export const DERIVED_REPORT_KINDS = [
  'monitoring',
  'safety_net',
  'plans',
  'visits',
  'pairs',
  'consumption',
  'employment',
] as const;
export type DerivedReportKind = (typeof DERIVED_REPORT_KINDS)[number];

type Cell = string | number | null | Bilingual;
interface Column {
  key: string;
  zh: string;
  en: string;
  numeric?: boolean;
}
interface Body {
  columns: Column[];
  rows: Record<string, Cell>[];
  totals: Record<string, Cell> | null;
}
export interface DerivedInput {
  db: Kysely<DB>;
  region: string;
  regionName: string;
  year: number;
  role: Role;
  /** Today (ISO), from the clock. */
  today: string;
}

const col = (key: string, zh: string, en: string, numeric = false): Column =>
  numeric ? { key, zh, en, numeric } : { key, zh, en };
const TOTAL: Bilingual = { zh: '合计', en: 'Total' };
const both = (zh: string, en: string): Bilingual => ({ zh, en });
const code = (list: 'monitoring_category' | 'household_status', c: string): Bilingual =>
  both(labelOf(list, c, 'zh'), labelOf(list, c, 'en'));
const householdCount = (n: number) => both(`${n} 户`, `${n} households`);
const round2 = (x: number) => Math.round(x * 100) / 100;
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 100 : null);

/** The totals row: the sum of each numeric column, the label in the first column. */
function totalsOf(columns: readonly Column[], rows: readonly Record<string, Cell>[], skip: string[] = []) {
  const t: Record<string, Cell> = {};
  columns.forEach((c, i) => {
    if (i === 0) t[c.key] = TOTAL;
    else if (c.numeric && !skip.includes(c.key))
      t[c.key] = round2(
        rows.reduce((s, r) => s + (typeof r[c.key] === 'number' ? (r[c.key] as number) : 0), 0),
      );
    else t[c.key] = null;
  });
  return t;
}

/** Rows by sub-region: every child of the region (or the region itself), with its figures or zeros. */
async function bySubRegion<T extends { code: string }>(
  i: DerivedInput,
  fetch: (len: number) => Promise<T[]>,
  row: (r: T | undefined) => Record<string, Cell>,
) {
  const children = await repo.children(i.db, i.region);
  const units = children.length ? children : [{ code: i.region, name: i.regionName }];
  const found = new Map((await fetch(units[0]!.code.length)).map((r) => [r.code, r]));
  return units.map((u) => ({ code: u.code, name: u.name, ...row(found.get(u.code)) }));
}

const REGION_COLUMNS = [col('code', '区划代码', 'code'), col('name', '区划', 'region')];

async function monitoring(i: DerivedInput): Promise<Body> {
  const viewer = viewerOf(i.role, false, i.today);
  const rows = (await repo.monitored(i.db, i.region, i.year)).map((r) => ({
    village: r.village,
    householdNo: r.household_no,
    head: seen(viewer, 'name', r.head_name),
    category: r.category ? code('monitoring_category', r.category) : null,
    status: code('household_status', r.status),
    size: r.size,
    enteredOn: r.entered_on,
    income: r.income,
    measures: r.measures,
  }));
  const columns = [
    col('village', '村', 'village'),
    col('householdNo', '户编号', 'household no.'),
    col('head', '户主', 'head'),
    col('category', '监测类型', 'category'),
    col('status', '当前状态', 'status now'),
    col('size', '人口', 'persons', true),
    col('enteredOn', '纳入监测日期', 'monitored since'),
    col('income', '当年人均纯收入(元)', 'per-capita income (yuan)', true),
    col('measures', '帮扶措施数', 'measures', true),
  ];
  return {
    columns,
    rows,
    totals: { ...totalsOf(columns, rows, ['income']), householdNo: householdCount(rows.length) },
  };
}

const ROLL_STATE: Record<string, Bilingual> = {
  active: both('在保', 'active'),
  gradual_exit: both('渐退期', 'gradual exit'),
  ceased: both('已停保', 'ceased'),
};

async function safetyNet(i: DerivedInput): Promise<Body> {
  const viewer = viewerOf(i.role, false, i.today);
  const rows = (await repo.rolls(i.db, i.region, i.year)).map((r) => ({
    village: r.village,
    householdNo: r.household_no,
    head: seen(viewer, 'name', r.head_name),
    programme: r.programme === 'dibao' ? both('低保', 'dibao') : both('特困', 'special hardship'),
    category: r.category,
    persons: r.persons,
    monthlyAmount: r.monthly_amount,
    state: ROLL_STATE[r.state] ?? r.state,
    startMonth: r.start_month.slice(0, 7),
    ceasedOn: r.ceased_on,
  }));
  const columns = [
    col('village', '村', 'village'),
    col('householdNo', '户编号', 'household no.'),
    col('head', '户主', 'head'),
    col('programme', '类别', 'programme'),
    col('category', '档次/供养方式', 'category'),
    col('persons', '保障人数', 'persons covered', true),
    col('monthlyAmount', '月保障金(元)', 'monthly amount (yuan)', true),
    col('state', '状态', 'state'),
    col('startMonth', '起保月份', 'from month'),
    col('ceasedOn', '停保日期', 'ceased on'),
  ];
  return { columns, rows, totals: { ...totalsOf(columns, rows), householdNo: householdCount(rows.length) } };
}

async function plans(i: DerivedInput): Promise<Body> {
  const rows = await bySubRegion(
    i,
    (len) => repo.plans(i.db, i.region, len, i.year),
    (r) => ({
      plans: r?.plans ?? 0,
      agreed: r?.agreed ?? 0,
      measures: r?.measures ?? 0,
      planned: r?.planned ?? 0,
      inProgress: r?.in_progress ?? 0,
      completed: r?.completed ?? 0,
      cancelled: r?.cancelled ?? 0,
      amount: round2(r?.amount ?? 0),
    }),
  );
  const columns = [
    ...REGION_COLUMNS,
    col('plans', '帮扶计划数', 'plans', true),
    col('agreed', '农户已同意', 'agreed by household', true),
    col('measures', '措施数', 'measures', true),
    col('planned', '计划中', 'planned', true),
    col('inProgress', '实施中', 'in progress', true),
    col('completed', '已完成', 'completed', true),
    col('cancelled', '已取消', 'cancelled', true),
    col('amount', '措施金额(元)', 'amount (yuan)', true),
  ];
  return { columns, rows, totals: totalsOf(columns, rows) };
}

async function visits(i: DerivedInput): Promise<Body> {
  const rows = await bySubRegion(
    i,
    (len) => repo.visits(i.db, i.region, len, i.year),
    (r) => ({
      households: r?.households ?? 0,
      visited: r?.visited ?? 0,
      coverage: pct(r?.visited ?? 0, r?.households ?? 0),
      visits: r?.visits ?? 0,
      followups: r?.followups ?? 0,
    }),
  );
  const columns = [
    ...REGION_COLUMNS,
    col('households', '建档立卡及监测户', 'registered and monitored households', true),
    col('visited', '当年已走访户', 'households visited', true),
    col('coverage', '走访覆盖率(%)', 'visited (%)', true),
    col('visits', '走访次数', 'visits', true),
    col('followups', '需跟进事项', 'follow-ups noted', true),
  ];
  const totals = totalsOf(columns, rows, ['coverage']);
  totals.coverage = pct(totals.visited as number, totals.households as number);
  return { columns, rows, totals };
}

const PAIR_KIND: Record<string, Bilingual> = {
  east_west: both('东西部协作', 'east–west cooperation'),
  fixed_point: both('定点帮扶', 'designated assistance'),
  counterpart: both('对口帮扶', 'counterpart assistance'),
};
const CATEGORY: Record<string, Bilingual> = {
  funds: both('帮扶资金(万元)', 'funds (10k yuan)'),
  projects: both('帮扶项目(个)', 'projects'),
  purchases: both('消费帮扶(万元)', 'purchases (10k yuan)'),
  jobs: both('转移就业(人)', 'jobs (persons)'),
  staff: both('选派干部人才(人)', 'staff sent (persons)'),
};

async function pairs(i: DerivedInput): Promise<Body> {
  const rows = (await repo.pairs(i.db, i.region, i.year)).map((r) => ({
    recipient: r.recipient ?? r.recipient_code,
    helper: r.helper_name,
    kind: PAIR_KIND[r.kind] ?? r.kind,
    category: CATEGORY[r.category] ?? r.category,
    committed: r.committed,
    delivered: round2(r.delivered),
    rate: r.committed ? pct(r.delivered, r.committed) : null,
  }));
  const columns = [
    col('recipient', '受援地区', 'recipient'),
    col('helper', '帮扶方', 'helper'),
    col('kind', '帮扶类型', 'kind'),
    col('category', '帮扶内容', 'category'),
    col('committed', '年度承诺', 'committed', true),
    col('delivered', '已到位', 'delivered', true),
    col('rate', '到位率(%)', 'delivered (%)', true),
  ];
  // the categories have different units: no totals row
  return { columns, rows, totals: null };
}

async function consumption(i: DerivedInput): Promise<Body> {
  const rows = (await repo.consumption(i.db, i.region, i.year)).map((r) => ({
    township: r.township,
    product: r.product,
    producer: r.producer,
    orders: r.orders,
    buyers: r.buyers,
    ordered: round2(r.ordered),
    fulfilled: round2(r.fulfilled),
    households: r.households,
    householdIncome: round2(r.household_income),
  }));
  const columns = [
    col('township', '乡镇', 'township'),
    col('product', '产品', 'product'),
    col('producer', '生产经营主体', 'producer'),
    col('orders', '订单数', 'orders', true),
    col('buyers', '采购单位数', 'buyers', true),
    col('ordered', '订购金额(元)', 'ordered (yuan)', true),
    col('fulfilled', '已成交金额(元)', 'fulfilled (yuan)', true),
    col('households', '带动农户数', 'households reached', true),
    col('householdIncome', '农户增收(元)', 'household income (yuan)', true),
  ];
  return { columns, rows, totals: totalsOf(columns, rows, ['buyers', 'households']) };
}

async function employment(i: DerivedInput): Promise<Body> {
  const rows = await bySubRegion(
    i,
    (len) => repo.employment(i.db, i.region, len, i.year),
    (r) => ({
      members: r?.members ?? 0,
      exitedMembers: r?.exited_members ?? 0,
      monitoredMembers: r?.monitored_members ?? 0,
      local: r?.local ?? 0,
      county: r?.county ?? 0,
      province: r?.province ?? 0,
      outOfProvince: r?.out_of_province ?? 0,
      months: r?.months ?? 0,
      income: round2(r?.income ?? 0),
    }),
  );
  const columns = [
    ...REGION_COLUMNS,
    col('members', '务工人数', 'members employed', true),
    col('exitedMembers', '其中脱贫人口', 'of exited households', true),
    col('monitoredMembers', '其中监测对象', 'of monitored households', true),
    col('local', '乡内', 'local', true),
    col('county', '县内乡外', 'in the county', true),
    col('province', '省内县外', 'in the province', true),
    col('outOfProvince', '省外', 'out of province', true),
    col('months', '务工月数', 'months worked', true),
    col('income', '务工收入(元)', 'wage income (yuan)', true),
  ];
  return { columns, rows, totals: totalsOf(columns, rows) };
}

export const DERIVED_REPORTS: Readonly<Record<DerivedReportKind, (i: DerivedInput) => Promise<Body>>> = {
  monitoring,
  safety_net: safetyNet,
  plans,
  visits,
  pairs,
  consumption,
  employment,
};

export const isDerivedReport = (k: string): k is DerivedReportKind =>
  (DERIVED_REPORT_KINDS as readonly string[]).includes(k);
