import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

const SECTOR_ZH: Record<string, string> = { medical: '医疗', education: '教育', housing: '住房' };

/**
 * `jingzhun sectoral template [--out file.xlsx]`, and
 * `jingzhun sectoral import <file> --list <name> [--user <username>]`: a department's list of medical,
 * education and housing assistance (docs/safety-net.md "Importing a department list"). Exit codes: 0
 * every row imported, 1 rows with problems (each reported; nothing written), 2 unreadable file or bad
 * arguments (an unknown user included).
 */
export function registerSectoralCommands(program: Command): void {
  const sectoral = program
    .command('sectoral')
    .description('sectoral assistance records (medical, education, housing)');
  sectoral
    .command('template')
    .description('write the import template (XLSX) with a sheet explaining every column')
    .option('--out <file>', 'output file', 'jingzhun-sectoral-template.xlsx')
    .action(async (o: { out: string }) => {
      const { buildSectoralTemplate } = await import('../modules/safety-net/sectoral-template.js');
      await buildSectoralTemplate().xlsx.writeFile(o.out);
      log(`wrote ${o.out}`);
    });
  sectoral
    .command('import <file>')
    .description('import a department list of sectoral assistance (CSV or XLSX): all rows or none')
    .requiredOption('--list <name>', 'name of the list (recorded as the source of every row)')
    .option('--user <username>', 'civil-affairs account the rows are recorded by', 'admin')
    .action(async (file: string, o: { list: string; user: string }) => {
      const list = o.list.trim();
      if (list === '' || list.length > 100) {
        log('--list must be a name of 1–100 characters');
        process.exit(2);
      }
      if (!fs.existsSync(file)) {
        log(`${file}: no such file`);
        process.exit(2);
      }
      const { withServices } = await import('../composition/runtime.js');
      const { UnreadableFileError } = await import('../modules/import/reader.js');
      const { importUser, readSectoralList } = await import('../modules/safety-net/sectoral-import.js');
      const { AppError } = await import('../kernel/errors.js');
      const { permissionsOf } = await import('../domain/roles.js');
      const code = await withServices(loadConfig(), log, async ({ safetyNet, clock }, { db }) => {
        const user = await importUser(db, o.user);
        if (!user || !permissionsOf(user.role).runSafetyNet) {
          log(`--user ${o.user}: ${user ? 'not a civil-affairs account' : 'no such active account'}`);
          return 2;
        }
        let read: Awaited<ReturnType<typeof readSectoralList>>;
        try {
          read = await readSectoralList(db, file, user, clock.today());
        } catch (err) {
          if (!(err instanceof UnreadableFileError)) throw err;
          log(err.message);
          return 2;
        }
        for (const e of read.errors)
          log(`row ${e.row}: ${e.column}: ${e.message} / 第${e.row}行 ${e.column}：${e.messageZh}`);
        if (read.errors.length) {
          log(
            `nothing imported: ${read.errors.length} problems in ${read.read} rows of ${path.basename(file)}`,
          );
          return 1;
        }
        try {
          const res = await safetyNet.sectoral.importRows(user, read.rows, list);
          for (const [county, bySector] of Object.entries(res.byCounty))
            log(
              `county ${county}: ` +
                Object.entries(bySector)
                  .map(([s, n]) => `${s} (${SECTOR_ZH[s] ?? s}) ${n}`)
                  .join(', '),
            );
          log(`imported ${res.imported} rows of list "${list}"`);
          return 0;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const zh = (err.details as { messageZh?: string } | undefined)?.messageZh;
          log(`nothing imported: ${err.message}${zh ? ` / ${zh}` : ''}`);
          return 1;
        }
      });
      process.exitCode = code;
    });
}
