import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { REPORT_KINDS, REPORT_NAMES, type ReportKind } from '../../domain/burden/catalogue.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { chainHeadHash } from '../audit/service.js';
import { reportPdf } from '../printing/report-pdf.js';
import type { PaperLang } from '../printing/paper.js';
import { buildReport, reportXlsx } from './reports.js';
import { burdenRepository as repo } from './repository.js';

/** The region's code and name ('' = the country); E_NOT_FOUND for an unknown code. */
export async function regionOf(db: Kysely<DB>, code: string) {
  if (code === '') return { code: '', name: '全国' };
  const r = await repo.region(db, code);
  if (!r) throw new AppError('E_NOT_FOUND', `No region ${code}`);
  return r;
}

/** Standard reports generated on demand, each logged so that derived work is counted by the meter. */
export function createReportService(db: Kysely<DB>, clock: Clock) {
  return {
    reportKinds: () => REPORT_KINDS.map((k) => ({ kind: k, ...REPORT_NAMES[k] })),

    /** A standard report as a table (print view, format 'print'), an XLSX or a PDF file; logged. */
    async report(
      user: AuthUser,
      kind: Exclude<ReportKind, 'roster'>,
      q: { region?: string | undefined; year: number; format: 'print' | 'xlsx' | 'pdf'; lang?: PaperLang },
    ) {
      const code = scopeFor(user, q.region);
      const region = await regionOf(db, code);
      const table = await buildReport(db, user, kind, region, q.year, await chainHeadHash(db), clock.now());
      const cells = (table.rows.length + (table.totals ? 1 : 0)) * table.columns.length;
      await repo.logReport(db, {
        kind,
        region_code: code,
        year: q.year,
        format: q.format,
        rows: table.rows.length,
        cells,
        head_hash: table.headHash,
        generated_by: user.id,
      });
      if (q.format === 'print') return { table, file: null };
      const filename = `${kind}-${code || 'national'}-${q.year}.${q.format}`;
      const body = q.format === 'pdf' ? await reportPdf(table, q.lang ?? 'zh') : await reportXlsx(table);
      return { table, file: { filename, body } };
    },
  };
}
