import { labelOf, type CodeListName } from '../code-lists.js';
import { seen, seenBirthDate, seenWhole, type Viewer } from '../visibility.js';

/**
 * Layouts of the household export: the list (one row per household) and the standard roster
 * (花名册, one row per member with the household's fields), with the headers of the registration
 * forms. Codes are written as their Chinese labels; personal data as the viewer sees it (the visibility
 * table: masked, hidden or whole).
 */
export interface ExportHousehold {
  householdNo: string;
  villageCode: string;
  townshipName: string;
  villageName: string;
  groupNo: number | null;
  address: string | null;
  phone: string | null;
  bankName: string | null;
  bankAccount: string | null;
  headName: string | null;
  headIdNumber: string | null;
  size: number;
  status: string;
  statusDate: string | null;
  householdType: string;
  idStandard: string | null;
  monitoringCategory: string | null;
  mainCause: string | null;
  otherCauses: string[];
  registeredYear: number | null;
  exitYear: number | null;
  houseGrade: string | null;
  landCultivatedMu: number | null;
  perCapitaIncome: number | null;
}

export interface ExportMember {
  name: string;
  sex: string;
  relation: string;
  idNumber: string;
  birthDate: string;
  ethnicity: string | null;
  education: string | null;
  studentStatus: string | null;
  health: string | null;
  labourCapacity: string | null;
  migrantPlace: string | null;
  migrantMonths: number | null;
}

export type CellValue = string | number | null;

export interface ExportColumn<R> {
  header: string;
  /** Column width in characters (XLSX). */
  width: number;
  value: (row: R, viewer: Viewer) => CellValue;
}

export type RosterRow = { household: ExportHousehold; member: ExportMember };

const label = (list: CodeListName, code: string | null) => (code ? labelOf(list, code) : null);

/** 务工情况: "广东深圳 10个月", or null when the member did not work away. */
export function migrantWork(m: Pick<ExportMember, 'migrantPlace' | 'migrantMonths'>): string | null {
  if (!m.migrantMonths) return m.migrantPlace;
  return [m.migrantPlace, `${m.migrantMonths}个月`].filter(Boolean).join(' ');
}

const incomeHeader = (year: number | null) => (year ? `人均纯收入（${year}年，元）` : '人均纯收入（元）');

/** Columns every layout starts with: where the household is. */
function placeColumns<R>(h: (r: R) => ExportHousehold): ExportColumn<R>[] {
  return [
    { header: '户编号', width: 20, value: (r) => h(r).householdNo },
    { header: '乡镇', width: 12, value: (r) => h(r).townshipName },
    { header: '村', width: 12, value: (r) => h(r).villageName },
    { header: '村代码', width: 14, value: (r) => h(r).villageCode },
    { header: '组', width: 5, value: (r) => h(r).groupNo },
    { header: '户主姓名', width: 10, value: (r, v) => seen(v, 'name', h(r).headName) },
  ];
}

/** One row per household: the list columns and the main household fields. */
export function listLayout(year: number | null): ExportColumn<ExportHousehold>[] {
  const id = (h: ExportHousehold) => h;
  return [
    ...placeColumns(id),
    {
      header: '户主公民身份号码',
      width: 21,
      value: (h, v) => seen(v, 'idNumber', h.headIdNumber),
    },
    { header: '家庭人数', width: 8, value: (h) => h.size },
    { header: '户状态', width: 10, value: (h) => label('household_status', h.status) },
    { header: '状态日期', width: 11, value: (h) => h.statusDate },
    { header: '户类型', width: 12, value: (h) => label('household_type', h.householdType) },
    { header: '识别标准', width: 10, value: (h) => label('id_standard', h.idStandard) },
    { header: '监测类型', width: 14, value: (h) => label('monitoring_category', h.monitoringCategory) },
    { header: '主要致贫原因', width: 12, value: (h) => label('poverty_cause', h.mainCause) },
    {
      header: '其他致贫原因',
      width: 14,
      value: (h) => h.otherCauses.map((c) => labelOf('poverty_cause', c)).join('、') || null,
    },
    { header: incomeHeader(year), width: 14, value: (h) => h.perCapitaIncome },
    { header: '建档年度', width: 8, value: (h) => h.registeredYear },
    { header: '脱贫年度', width: 8, value: (h) => h.exitYear },
    { header: '住房安全等级', width: 10, value: (h) => label('house_grade', h.houseGrade) },
    { header: '耕地面积（亩）', width: 10, value: (h) => h.landCultivatedMu },
    { header: '联系电话', width: 14, value: (h, v) => seen(v, 'phone', h.phone) },
    { header: '开户银行', width: 14, value: (h) => h.bankName },
    { header: '银行账号', width: 22, value: (h, v) => seen(v, 'bankAccount', h.bankAccount) },
    { header: '住址', width: 24, value: (h, v) => seen(v, 'address', h.address) },
  ];
}

/** The standard roster (花名册): one row per present member, household fields repeated. */
export function rosterLayout(year: number | null): ExportColumn<RosterRow>[] {
  const m = (r: RosterRow) => r.member;
  return [
    ...placeColumns((r: RosterRow) => r.household),
    { header: '姓名', width: 10, value: (r, v) => seen(v, 'name', m(r).name) },
    { header: '性别', width: 5, value: (r) => label('sex', m(r).sex) },
    { header: '与户主关系', width: 10, value: (r) => label('relation', m(r).relation) },
    {
      header: '公民身份号码',
      width: 21,
      value: (r, v) => seen(v, 'idNumber', m(r).idNumber),
    },
    { header: '出生日期', width: 11, value: (r, v) => seenBirthDate(v, m(r).birthDate) },
    { header: '民族', width: 8, value: (r) => label('ethnicity', m(r).ethnicity) },
    { header: '文化程度', width: 12, value: (r) => label('education', m(r).education) },
    { header: '在校生状况', width: 12, value: (r) => label('student_status', m(r).studentStatus) },
    {
      header: '健康状况',
      width: 10,
      value: (r, v) => label('health', seenWhole(v, 'health', m(r).health)),
    },
    { header: '劳动技能', width: 14, value: (r) => label('labour_capacity', m(r).labourCapacity) },
    { header: '务工情况', width: 16, value: (r) => migrantWork(m(r)) },
    { header: '户类型', width: 12, value: (r) => label('household_type', r.household.householdType) },
    { header: '户状态', width: 10, value: (r) => label('household_status', r.household.status) },
    { header: '主要致贫原因', width: 12, value: (r) => label('poverty_cause', r.household.mainCause) },
    { header: incomeHeader(year), width: 14, value: (r) => r.household.perCapitaIncome },
    { header: '家庭人数', width: 8, value: (r) => r.household.size },
    {
      header: '联系电话',
      width: 14,
      value: (r, v) => seen(v, 'phone', r.household.phone),
    },
  ];
}
