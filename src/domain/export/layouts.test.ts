import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.js';
import { listLayout, migrantWork, rosterLayout, type ExportHousehold, type ExportMember } from './layouts.js';
import { beijingTime, describeFilters, provenanceLines } from './provenance.js';
import { viewerOf, type Viewer } from '../visibility.js';

const household: ExportHousehold = {
  householdNo: '4331241102260001',
  villageCode: '433124110226',
  townshipName: '双龙镇',
  villageName: '十八洞村',
  groupNo: 3,
  address: null,
  phone: '13812345678',
  bankName: '农商行',
  bankAccount: '6217001234567890123',
  headName: '龙老大',
  headIdNumber: '433124197003011234',
  size: 2,
  status: 'poor',
  statusDate: null,
  householdType: 'general_poor',
  idStandard: 'national',
  monitoringCategory: null,
  mainCause: 'illness',
  otherCauses: ['skills', 'capital'],
  registeredYear: 2014,
  exitYear: null,
  houseGrade: 'C',
  landCultivatedMu: 2.5,
  perCapitaIncome: 3000,
};

const member: ExportMember = {
  name: '龙老大',
  sex: '1',
  relation: 'head',
  idNumber: '433124197003011234',
  birthDate: '1970-03-01',
  ethnicity: '06',
  education: 'primary',
  studentStatus: 'not_student',
  health: 'chronic',
  labourCapacity: 'weak',
  migrantPlace: '广东深圳',
  migrantMonths: 10,
};

const byHeader = <R>(
  cols: { header: string; value: (r: R, v: Viewer) => unknown }[],
  row: R,
  masked: boolean,
) =>
  Object.fromEntries(
    cols.map((c) => [c.header, c.value(row, viewerOf('township_officer', !masked, '2026-12-07'))]),
  );

describe('export layouts', () => {
  it('writes the list with labels and masked sensitive fields', () => {
    const r = byHeader(listLayout(2025), household, true);
    expect(r).toMatchObject({
      户编号: '4331241102260001',
      户主公民身份号码: '433124************',
      户状态: '未脱贫',
      户类型: '一般贫困户',
      主要致贫原因: '因病',
      其他致贫原因: '缺技术、缺资金',
      '人均纯收入（2025年，元）': 3000,
      联系电话: '138****5678',
      银行账号: '************0123',
      住房安全等级: 'C级（局部危险）',
    });
    expect(byHeader(listLayout(2025), household, false)).toMatchObject({
      户主公民身份号码: '433124197003011234',
      联系电话: '13812345678',
    });
  });

  it('writes the roster (花名册) with the standard columns', () => {
    const cols = rosterLayout(2025);
    expect(cols.map((c) => c.header).slice(0, 15)).toEqual([
      '户编号',
      '乡镇',
      '村',
      '村代码',
      '组',
      '户主姓名',
      '姓名',
      '性别',
      '与户主关系',
      '公民身份号码',
      '出生日期',
      '民族',
      '文化程度',
      '在校生状况',
      '健康状况',
    ]);
    const r = byHeader(cols, { household, member }, true);
    expect(r).toMatchObject({
      性别: '男',
      与户主关系: '户主',
      民族: '苗族',
      健康状况: null,
      劳动技能: '弱劳动力或半劳动力',
      务工情况: '广东深圳 10个月',
    });
    expect(byHeader(cols, { household, member }, false)['健康状况']).toBe('长期慢性病');
    // an organisation (were it to export) gets a surname and no identifier, phone or birth date
    const org = Object.fromEntries(
      cols.map((c) => [
        c.header,
        c.value({ household, member }, viewerOf('organisation', false, '2026-12-07')),
      ]),
    );
    expect(org).toMatchObject({ 公民身份号码: null, 出生日期: null, 联系电话: null, 健康状况: null });
  });

  it.each([
    [{ migrantPlace: null, migrantMonths: null }, null],
    [{ migrantPlace: null, migrantMonths: 6 }, '6个月'],
    [{ migrantPlace: '长沙', migrantMonths: 0 }, '长沙'],
  ])('describes migrant work %j as %j', (m, expected) => {
    expect(migrantWork(m)).toBe(expected);
  });
});

describe('CSV cells', () => {
  it.each([
    [null, ''],
    [3000, '3000'],
    ['龙老大', '龙老大'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['433124197003011234', '\t433124197003011234'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['-5', "'-5"],
    ['433124********1234', '433124********1234'],
  ])('%j → %j', (v, expected) => {
    expect(csvCell(v)).toBe(expected);
  });

  it('ends lines with CRLF', () => {
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});

describe('provenance', () => {
  it('states filters, time and the head hash', () => {
    expect(describeFilters({})).toBe('无');
    expect(describeFilters({ status: 'poor', cause: 'illness', q: '龙' })).toBe(
      '户状态=未脱贫；致贫原因=因病；关键字=龙',
    );
    expect(beijingTime(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01 00:30:00（北京时间）');
    const lines = Object.fromEntries(
      provenanceLines({
        region: '十八洞村（433124110226）',
        filters: {},
        layout: 'roster',
        masked: true,
        households: 2,
        rows: 5,
        generatedAt: new Date('2025-12-31T16:30:00Z'),
        generatedBy: '村干部 vil',
        headHash: 'a'.repeat(64),
      }),
    );
    expect(lines).toMatchObject({
      报表: '花名册（每名在户成员一行）',
      户数: '2',
      行数: '5',
      审计链头哈希: 'a'.repeat(64),
    });
  });
});
