import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { BOM, csvLine } from '../domain/export/csv.js';
import { FACT_KINDS, isFactKind } from '../domain/facts/catalogue.js';
import type { Cell } from '../domain/import/values.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

const badArgument = (message: string): never => {
  log(message);
  process.exit(2);
};

/** Write the export as CSV (UTF-8 with BOM, Excel-safe cells) or XLSX, by the file's extension. */
export async function writeFactsFile(
  file: string,
  header: string[],
  rows: (string | null)[][],
): Promise<void> {
  if (path.extname(file).toLowerCase() === '.xlsx') {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('facts');
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
    await wb.xlsx.writeFile(file);
  } else fs.writeFileSync(file, BOM + csvLine(header) + rows.map(csvLine).join(''));
}

/**
 * A cell as text: a date cell as YYYY-MM-DD, numbers as written; the guards csvCell adds for Excel
 * taken off (the tab before a long run of digits, the ' before a text starting with = + - @).
 */
const textOf = (c: Cell): string => {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  const s = String(c).trim();
  return /^'[=+\-@]/.test(s) ? s.slice(1) : s;
};

/** The header and the data rows of a CSV or XLSX file (an unreadable file: exit 2). */
export async function readFactsFile(file: string) {
  const { readSheet, UnreadableFileError } = await import('../modules/import/reader.js');
  let header: string[] | null = null;
  const rows: { row: number; cells: string[] }[] = [];
  try {
    for await (const r of readSheet(file)) {
      const cells = r.cells.map(textOf);
      if (header === null) header = cells;
      else if (cells.some((c) => c !== '')) rows.push({ row: r.row, cells });
    }
  } catch (err) {
    if (err instanceof UnreadableFileError) badArgument(err.message);
    throw err;
  }
  return { header: header ?? [], rows };
}

/**
 * `jingzhun facts export` and `jingzhun facts import` (docs/facts.md "Import and export"). Exit
 * codes: 0 done, 1 rows rejected (nothing written) or refused, 2 bad arguments or unreadable file.
 */
export function registerFactsCommands(program: Command): void {
  const facts = program.command('facts').description('recorded facts of households (issue 16)');
  facts
    .command('export <file>')
    .description("write a region's current confirmed facts to CSV or XLSX, as the user's role sees them")
    .requiredOption('--region <code>', 'region code (within the user’s scope)')
    .requiredOption('--user <username>', 'the account the export is made as (its role decides masking)')
    .option('--kind <kind>', `only this kind: ${FACT_KINDS.join(' | ')}`)
    .option('--as-of <YYYY-MM-DD>', 'the facts holding on this day (default: today)')
    .option('--unmask', 'full ID numbers (roles allowed to unmask; audited)', false)
    .action(
      async (
        file: string,
        o: { region: string; user: string; kind?: string; asOf?: string; unmask: boolean },
      ) => {
        if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(o.region))
          badArgument('--region must be a division code of 2, 4, 6, 9 or 12 digits');
        if (o.kind !== undefined && !isFactKind(o.kind))
          badArgument(`--kind must be one of ${FACT_KINDS.join(', ')}`);
        if (o.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.asOf))
          badArgument('--as-of must be YYYY-MM-DD');
        if (!/\.(csv|xlsx)$/i.test(file)) badArgument(`${file}: the output must end in .csv or .xlsx`);
        const { withServices } = await import('../composition/runtime.js');
        const { createFactsIo, userByName } = await import('../modules/household-facts/io.js');
        const res = await withServices(loadConfig(), log, async ({ clock, policy }, { db }) => {
          const io = createFactsIo(db, { clock, paramsFor: (r, d) => policy.paramsFor(r, d) });
          return io.exportFacts(await userByName(db, o.user), {
            region: o.region,
            kind: o.kind !== undefined && isFactKind(o.kind) ? o.kind : null,
            asOf: o.asOf ?? clock.today(),
            unmask: o.unmask,
          });
        });
        await writeFactsFile(file, res.header, res.rows);
        log(
          `wrote ${res.rows.length} facts to ${file}; ${res.withheld} left out (values your role does not see whole)`,
        );
      },
    );

  facts
    .command('import <file>')
    .description(
      'record facts from CSV or XLSX (the export’s columns): all rows or none, as the API records them',
    )
    .requiredOption(
      '--user <username>',
      'the account the facts are recorded by (scope, maker–checker, audit)',
    )
    .option('--source-ref <doc>', 'document or list the facts come from (where a row gives none)')
    .action(async (file: string, o: { user: string; sourceRef?: string }) => {
      if (!fs.existsSync(file)) badArgument(`${file}: no such file`);
      const { header, rows } = await readFactsFile(file);
      const { withServices } = await import('../composition/runtime.js');
      const { createFactsIo, userByName } = await import('../modules/household-facts/io.js');
      const report = await withServices(loadConfig(), log, async ({ clock, policy }, { db }) => {
        const io = createFactsIo(db, { clock, paramsFor: (r, d) => policy.paramsFor(r, d) });
        return io.importFacts(await userByName(db, o.user), header, rows, {
          sourceRef: o.sourceRef ?? path.basename(file),
        });
      });
      for (const e of report.errors) log(`row ${e.row}: ${e.column}: ${e.message} / ${e.messageZh}`);
      log(
        report.errors.length
          ? `nothing recorded: ${report.errors.length} problems in ${report.rows} rows`
          : `${report.rows} rows: recorded ${report.recorded}, proposed ${report.proposed}, unchanged ${report.unchanged}`,
      );
      process.exitCode = report.errors.length ? 1 : 0;
    });
}
