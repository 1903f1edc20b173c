import type { ImportError } from '../../domain/import/row.js';
import type { ImportReport } from './types.js';

// Views of an import report: the CLI's JSON, and a page of its errors for the web.

/** The CLI's JSON report (`jingzhun import --report`). */
export const cliReport = (r: ImportReport) => ({
  households: r.households,
  persons: r.persons,
  errors: r.errors,
  errorsTotal: r.errorsTotal,
  warnings: r.warnings,
});

export interface ErrorQuery {
  code?: string;
  column?: string;
  errorsPage: number;
  errorsPageSize: number;
}

const tally = (errors: ImportError[], key: 'code' | 'column') => {
  const counts = new Map<string, number>();
  for (const e of errors) counts.set(e[key], (counts.get(e[key]) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
};

/** One page of the listed errors, filtered by code and column, with the counts per code and column. */
export function errorPage(errors: ImportError[], q: ErrorQuery) {
  const matching = errors.filter(
    (e) => (!q.code || e.code === q.code) && (!q.column || e.column === q.column),
  );
  const from = (q.errorsPage - 1) * q.errorsPageSize;
  return {
    errors: matching.slice(from, from + q.errorsPageSize),
    errorsListed: errors.length,
    errorsMatching: matching.length,
    errorsPage: q.errorsPage,
    errorsPageSize: q.errorsPageSize,
    codes: tally(errors, 'code'),
    columns: tally(errors, 'column'),
  };
}
