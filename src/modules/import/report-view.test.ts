import { describe, expect, it } from 'vitest';
import type { ImportError } from '../../domain/import/row.js';
import { cliReport, errorPage, summaryLine } from './report-view.js';
import type { ImportReport } from './types.js';

const e = (row: number, column: string, code: string): ImportError => ({ row, column, code, message: code });
const errors = [
  e(2, '公民身份号码', 'E_ID_CHECK_DIGIT'),
  e(3, '工资性收入', 'E_RANGE'),
  e(4, '工资性收入', 'E_RANGE'),
  e(5, '性别', 'E_ID_SEX_MISMATCH'),
  e(6, '工资性收入', 'E_NUMBER'),
];

describe('errorPage', () => {
  it.each([
    [{}, 1, 2, [2, 3], 5],
    [{}, 3, 2, [6], 5],
    [{ code: 'E_RANGE' }, 1, 50, [3, 4], 2],
    [{ column: '工资性收入' }, 2, 2, [6], 3],
    [{ code: 'E_RANGE', column: '性别' }, 1, 50, [], 0],
  ])('%j page %i of %i → rows %j of %i', (filter, page, size, rows, matching) => {
    const p = errorPage(errors, { ...filter, errorsPage: page, errorsPageSize: size });
    expect(p.errors.map((x) => x.row)).toEqual(rows);
    expect(p.errorsMatching).toBe(matching);
    expect(p.errorsListed).toBe(5);
  });

  it('counts every code and column, most frequent first, whatever the filter', () => {
    const p = errorPage(errors, { code: 'E_NUMBER', errorsPage: 1, errorsPageSize: 10 });
    expect(p.codes[0]).toEqual({ value: 'E_RANGE', count: 2 });
    expect(p.columns).toEqual([
      { value: '工资性收入', count: 3 },
      { value: '公民身份号码', count: 1 },
      { value: '性别', count: 1 },
    ]);
  });
});

describe('created, updated and unchanged households (issue 16 item 7)', () => {
  const report = {
    households: { imported: 10, rejected: 1, created: 2, updated: 3, unchanged: 5 },
    persons: { imported: 30, rejected: 2 },
    errors: [],
    errorsTotal: 1,
    warnings: [],
  } as Pick<ImportReport, 'households' | 'persons' | 'errors' | 'errorsTotal' | 'warnings'>;

  it('the CLI line names each count apart', () => {
    expect(summaryLine(report, false)).toBe(
      'households imported 10 (created 2, updated 3, unchanged 5), rejected 1; persons imported 30, rejected 2; errors 1',
    );
    expect(summaryLine(report, true)).toMatch(
      /^dry run: households imported 10 \(created 2, updated 3, unchanged 5\)/,
    );
  });

  it('the JSON report keeps the three counts', () => {
    const json = JSON.parse(JSON.stringify(cliReport(report))) as { households: Record<string, number> };
    expect(json.households).toEqual({ imported: 10, rejected: 1, created: 2, updated: 3, unchanged: 5 });
  });
});
