import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { cliReport, summaryLine } from '../modules/import/report-view.js';
import type { importFile } from '../modules/import/service.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

type ImportReport = Awaited<ReturnType<typeof importFile>>;

function writeReport(report: ImportReport, out: string | undefined): void {
  const json = JSON.stringify(cliReport(report), null, 1);
  if (out) fs.writeFileSync(out, json);
  else process.stdout.write(json + '\n');
}

/**
 * `jingzhun import` and `jingzhun template`. Exit codes: 0 all accepted, 1 rows rejected, 2 unreadable
 * file / bad arguments, 3 the database failed, 4 `--bulk on` beside a running server.
 */
export function registerImportCommands(program: Command): void {
  program
    .command('import <file>')
    .description('import households and members from CSV (UTF-8 or GB18030) or XLSX, one row per member')
    .option('--accept-valid', 'write the households without errors; reject the others', false)
    .option('--dry-run', 'check only; write nothing', false)
    .option('--report <out.json>', 'write the JSON report to this file (default: stdout)')
    .option('--ceiling <yuan>', 'per-capita net income ceiling', '200000')
    .option(
      '--bulk <mode>',
      'auto | on | off: build the registry indexes at the end (locks the registry tables meanwhile)',
      'auto',
    )
    .action(
      async (
        file: string,
        o: { acceptValid: boolean; dryRun: boolean; report?: string; ceiling: string; bulk: string },
      ) => {
        const ceiling = Number(o.ceiling);
        if (!Number.isFinite(ceiling) || ceiling <= 0) {
          log('--ceiling must be a positive number');
          process.exit(2);
        }
        const bulk = o.bulk;
        if (bulk !== 'auto' && bulk !== 'on' && bulk !== 'off') {
          log(`--bulk must be auto, on or off, not ${bulk}`);
          process.exit(2);
        }
        if (!fs.existsSync(file)) {
          log(`${file}: no such file`);
          process.exit(2);
        }
        const { default: cliProgress } = await import('cli-progress');
        const { importFile, tuneHeapForImport } = await import('../modules/import/service.js');
        tuneHeapForImport();
        const { UnreadableFileError } = await import('../modules/import/reader.js');
        const { withServices } = await import('../composition/runtime.js');
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar({ format: 'rows {value}', stream: process.stderr })
          : null;
        bar?.start(0, 0);
        try {
          const report = await withServices(loadConfig(), log, async ({ clock }, { db, joined }) => {
            if (joined && bulk === 'on') {
              const { DataFolderBusyError, busyMessage } = await import('../db/data-folder-owner.js');
              const what = '--bulk on locks the registry tables';
              throw new DataFolderBusyError(busyMessage(loadConfig().dataDir, joined, what), joined);
            }
            const r = await importFile(db, file, {
              actor: { id: null, name: 'cli' },
              today: clock.today(),
              scope: '',
              acceptValid: o.acceptValid,
              dryRun: o.dryRun,
              incomeCeiling: ceiling,
              bulk: joined ? 'off' : bulk, // beside a live server: never lock the registry
              onProgress: (n) => bar?.update(n),
              // the dashboards' summaries brought up to date now, not by the first dashboard request
              refreshSummaries: true,
              onSummariesError: (err) => log(`dashboard summaries not refreshed: ${(err as Error).message}`),
            });
            bar?.stop();
            writeReport(r, o.report); // before the cluster stops: a kill while it stops keeps the report
            return r;
          });
          log(summaryLine(report, o.dryRun));
          process.exitCode = report.errorsTotal > 0 ? 1 : 0;
        } catch (err) {
          bar?.stop();
          if (err instanceof UnreadableFileError) {
            log(err.message);
            process.exit(2);
          }
          throw err;
        }
      },
    );

  program
    .command('template')
    .description('write the import template (XLSX) with a sheet documenting every column')
    .option('--out <file>', 'output file', 'jingzhun-import-template.xlsx')
    .action(async (o: { out: string }) => {
      const { buildTemplate } = await import('../modules/import/template.js');
      await (await buildTemplate()).xlsx.writeFile(o.out);
      log(`wrote ${o.out}`);
    });
}
