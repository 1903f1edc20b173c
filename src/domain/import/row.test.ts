import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../id-number.js';
import { COLUMNS, type ColumnDef } from './columns.js';
import { checkHousehold } from './household.js';
import { makeRowParser, type ImportError, type ImportRow } from './row.js';
import type { Cell } from './values.js';

const TODAY = '2026-06-15';
const HEADERS = COLUMNS.map((c) => c.zh);
const parse = makeRowParser(COLUMNS as ColumnDef[], HEADERS, TODAY);
const head = makeIdNumber('433124', '1968-04-02', '1', 11);

const good: Record<string, Cell> = {
  household_no: '4331241102260001',
  village_code: '433124110226',
  name: '石大山',
  id_number: head,
  relation: '户主',
  year: 2025,
  wage_income: 6000,
  business_income: 1200,
  property_income: 0,
  transfer_income: 800,
  production_cost: 500,
};
const rowOf = (v: Record<string, Cell>): Cell[] => COLUMNS.map((c) => v[c.key] ?? '');
const errorsOf = (v: Record<string, Cell>) => parse(rowOf({ ...good, ...v }), 1).errors;

/** A Chinese text: Chinese characters, no English word outside the value typed (quoted “…”). */
const chinese = (s: string | undefined) => {
  expect(s).toMatch(/[\u4e00-\u9fff]/);
  expect(s!.replace(/YYYY-MM-DD/g, '').replace(/“[^”]*”/g, '')).not.toMatch(/[A-Za-z]{2,}/);
};

describe('row parser messages in English and Chinese', () => {
  it('parses a good row without errors', () => {
    expect(errorsOf({})).toEqual([]);
  });

  // each bad value, the code it gets and the English the import's report has always shown
  it.each<[string, Record<string, Cell>, string, RegExp, RegExp]>([
    ['a missing name', { name: '' }, 'E_REQUIRED', /^姓名 is required$/, /^姓名必须填写$/],
    ['a name too long', { name: '长'.repeat(31) }, 'E_TOO_LONG', /longer than 30/, /超过 30 个字/],
    ['a village code of letters', { village_code: 'abc' }, 'E_FORMAT', /is not 12 digits/, /12 位数字/],
    ['an unknown relation', { relation: '邻居' }, 'E_CODE', /not in the list/, /不在可选值中/],
    ['income that is not a number', { wage_income: '很多' }, 'E_NUMBER', /not a number/, /不是数字/],
    ['a negative income', { wage_income: -5 }, 'E_RANGE', /outside 0/, /超出 0/],
    ['a year with a fraction', { year: 2025.5 }, 'E_NUMBER', /not a whole number/, /不是整数/],
    ['yes/no that is neither', { safe_water: '也许' }, 'E_CODE', /is not 是 or 否/, /应为“是”或“否”/],
    ['a collection date not a date', { collected_on: '昨天' }, 'E_DATE', /not a date/, /不是日期/],
    [
      'a date that does not exist',
      { collected_on: '2025-02-30' },
      'E_DATE',
      /not a real date/,
      /不是有效日期/,
    ],
    [
      'a collection date after today',
      { collected_on: '2026-06-16' },
      'E_DATE_FUTURE',
      /in the future/,
      /晚于今天/,
    ],
    [
      'an ID number too short',
      { id_number: '43312419' },
      'E_ID_FORMAT',
      /^ID number must be 17/,
      /17 位数字/,
    ],
    [
      'a wrong check character',
      { id_number: head.slice(0, 17) + (head[17] === '0' ? '1' : '0') },
      'E_ID_CHECK_DIGIT',
      /^ID number check character/,
      /校验位为 .，应为 ./,
    ],
    [
      'a birth date in the future',
      { id_number: makeIdNumber('433124', '2027-01-01', '1', 3) },
      'E_ID_BIRTH_DATE',
      /not a valid past date/,
      /20270101 不是有效的过去日期/,
    ],
    [
      'a birth date beside the number',
      { birth_date: '1968-04-03' },
      'E_ID_BIRTH_MISMATCH',
      /does not match/,
      /1968-04-03 与身份证号码中的 1968-04-02 不一致/,
    ],
    [
      'a sex beside the number',
      { sex: '女' },
      'E_ID_SEX_MISMATCH',
      /sex female does not match/,
      /性别女与身份证号码（男）不一致/,
    ],
    [
      'an age above 120',
      { id_number: makeIdNumber('433124', '1890-01-01', '1', 5), year: 2025 },
      'E_AGE_RANGE',
      /age 135 in 2025/,
      /2025 年年龄 135 岁/,
    ],
  ])('%s: %s', (_what, values, code, en, zh) => {
    const errors = errorsOf(values);
    const e = errors.find((x) => x.code === code);
    expect(e, JSON.stringify(errors)).toBeDefined();
    expect(e!.message).toMatch(en);
    expect(e!.messageZh).toMatch(zh);
    chinese(e!.messageZh);
  });

  it('gives every error of a row with many mistakes a Chinese text naming the column', () => {
    const errors = errorsOf({ name: '', relation: '邻居', wage_income: 'x', phone: '12', bank_account: 'a' });
    expect(errors.length).toBe(5);
    for (const e of errors) chinese(e.messageZh);
    expect(errors.find((e) => e.code === 'E_CODE')!.messageZh).toMatch(/^与户主关系：/);
    expect(errors.find((e) => e.column === '联系电话')!.messageZh).toMatch(/7–20 位数字/);
  });
});

describe('household checks in English and Chinese', () => {
  const rowsOf = (...members: Record<string, Cell>[]): ImportRow[] =>
    members.map((m, i) => {
      const r = parse(rowOf({ ...good, ...m }), i + 1);
      expect(r.errors).toEqual([]);
      return r.value!;
    });
  const check = (rows: ImportRow[], ceiling = 100_000): ImportError[] =>
    checkHousehold(rows, { incomeCeiling: ceiling });
  const spouse = makeIdNumber('433124', '1970-09-21', '2', 12);

  it.each<[string, () => ImportError[], string, RegExp]>([
    ['no head', () => check(rowsOf({ relation: '配偶' })), 'E_HEAD_COUNT', /没有户主/],
    [
      'two heads',
      () => check(rowsOf({}, { id_number: spouse, name: '龙小花' })),
      'E_HEAD_COUNT',
      /有不止一名户主（第一名在第 1 行）/,
    ],
    [
      'household fields that differ',
      () => check(rowsOf({}, { id_number: spouse, relation: '配偶', address: '2组' })),
      'E_HOUSEHOLD_MISMATCH',
      /与同一户第 1 行的/,
    ],
    [
      'an ID number twice',
      () => check(rowsOf({}, { relation: '配偶', name: '龙小花' })),
      'E_DUPLICATE_ID_IN_FILE',
      /与第 1 行重复/,
    ],
    [
      'income above the ceiling',
      () => check(rowsOf({}), 1000),
      'E_INCOME_CEILING',
      /人均纯收入 7500 元超过上限 1000 元/,
    ],
  ])('%s', (_what, run, code, zh) => {
    const e = run().find((x) => x.code === code);
    expect(e).toBeDefined();
    expect(e!.message).toMatch(/[a-z]{3,}/); // the import's English report keeps its text
    expect(e!.messageZh).toMatch(zh);
    chinese(e!.messageZh);
  });
});
