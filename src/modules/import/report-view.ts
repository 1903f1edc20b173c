import type { ImportError } from '../../domain/import/row.js';
import type { ImportReport } from './types.js';

// Views of an import report: the CLI's JSON, and a page of its errors for the web.

/** The CLI's JSON report (`jingzhun import --report`). */
export const cliReport = (
  r: Pick<ImportReport, 'households' | 'persons' | 'errors' | 'errorsTotal' | 'warnings'>,
) => ({
  households: r.households,
  persons: r.persons,
  errors: r.errors,
  errorsTotal: r.errorsTotal,
  warnings: r.warnings,
});

type Counts = Pick<ImportReport, 'households' | 'persons' | 'errorsTotal'>;

/**
 * The CLI's summary line (stderr): the households imported split into created, updated and unchanged
 * (issue 16 item 7: a re-import does not report its households as imported again), then rejected.
 */
export const summaryLine = (r: Counts, dryRun: boolean): string => {
  const h = r.households;
  return (
    `${dryRun ? 'dry run: ' : ''}households imported ${h.imported} ` +
    `(created ${h.created}, updated ${h.updated}, unchanged ${h.unchanged}), rejected ${h.rejected}; ` +
    `persons imported ${r.persons.imported}, rejected ${r.persons.rejected}; errors ${r.errorsTotal}`
  );
};

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
