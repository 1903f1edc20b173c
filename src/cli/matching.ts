import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { isListKind, LIST_KINDS } from '../domain/matching/kinds.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `jingzhun match import <file> --kind <kind> [--department <name>] [--region <code>] [--report <out.json>]`.
 * Exit codes as for `jingzhun import`: 0 every row accepted, 1 rows with problems (reported; rows
 * with an invalid ID number are kept but matched only on name and birth date), 2 unreadable file or
 * bad arguments.
 */
export function registerMatchingCommands(program: Command): void {
  const match = program
    .command('match')
    .description('cross-department matching (vehicles, real estate, deaths, …)');
  match
    .command('import <file>')
    .description('import a department list (CSV or XLSX) and match it against the registry')
    .requiredOption('--kind <kind>', `list kind: ${LIST_KINDS.join(' | ')}`)
    .option('--department <name>', 'department that sent the list')
    .option('--region <code>', 'match only within this region code prefix (default: whole country)', '')
    .option('--report <out.json>', 'write the JSON report to this file (default: stdout)')
    .action(
      async (file: string, o: { kind: string; department?: string; region: string; report?: string }) => {
        if (!isListKind(o.kind)) {
          log(`--kind must be one of ${LIST_KINDS.join(', ')}`);
          process.exit(2);
        }
        if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})?$/.test(o.region)) {
          log('--region must be a division code of 2, 4, 6, 9 or 12 digits');
          process.exit(2);
        }
        if (!fs.existsSync(file)) {
          log(`${file}: no such file`);
          process.exit(2);
        }
        const kind = o.kind;
        const { importList } = await import('../modules/matching/list-import.js');
        const { UnreadableFileError } = await import('../modules/import/reader.js');
        const { withServices } = await import('../composition/runtime.js');
        try {
          const report = await withServices(loadConfig(), log, ({ policy, clock }, { db }) => {
            return importList(db, file, {
              actor: { id: null, name: 'cli' },
              scope: o.region,
              kind,
              department: o.department ?? null,
              fileName: path.basename(file),
              paramsFor: (region, date) => policy.paramsFor(region, date),
              today: clock.now(),
            });
          });
          const json = JSON.stringify(report, null, 1);
          if (o.report) fs.writeFileSync(o.report, json);
          else process.stdout.write(json + '\n');
          const f = report.flags;
          log(
            report.committed
              ? `list ${report.list?.id}${report.list?.reused ? ' (same file as before)' : ''}: ${report.rows.stored} rows, ` +
                  `${report.rows.invalidIds} invalid ID numbers; hits ${f.exact} by ID, ${f.fuzzy} by name + birth date; ` +
                  `flags ${f.created} new, ${f.existing} already raised; problems ${report.errorsTotal}`
              : `not imported: ${report.errors[0]?.message ?? 'the file was rejected'}`,
          );
          process.exitCode = report.errorsTotal > 0 ? 1 : 0;
        } catch (err) {
          if (err instanceof UnreadableFileError) {
            log(err.message);
            process.exit(2);
          }
          throw err;
        }
      },
    );
}
