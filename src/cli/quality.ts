import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

const region = (v: string) => {
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(v))
    throw new InvalidArgumentError('must be a division code of 2, 4, 6, 9 or 12 digits');
  return v;
};

/**
 * `jingzhun quality run [--region CODE] [--json]`: run the data-quality and fabrication checks over a
 * region, store the findings as the latest run (what the web shows) and audit the run once.
 */
export function registerQualityCommands(program: Command): void {
  const quality = program.command('quality').description('data-quality checks and fabrication signals');
  quality
    .command('run')
    .description('run every check of the catalogue over a region and store the findings (docs/quality.md)')
    .option('--region <code>', 'region code prefix (default: the whole country)', region)
    .option('--json', 'print the run summary as JSON on stdout', false)
    .action(async (o: { region?: string; json: boolean }) => {
      const { withServices } = await import('../composition/runtime.js');
      const t0 = performance.now();
      const summary = await withServices(loadConfig(), log, ({ quality }) => {
        return quality.runAll(o.region ?? '', { id: null, name: 'cli' }, 'cli');
      });
      if (o.json) process.stdout.write(JSON.stringify(summary, null, 1) + '\n');
      log(
        `quality run ${summary.runId}: ${summary.findings} findings in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      for (const c of summary.checks)
        log(
          `  ${c.id.padEnd(26)} ${String(c.findings).padStart(7)} findings  ${String(c.households).padStart(7)} households${c.flagged?.length ? `  flagged: ${c.flagged.map((f) => f.group).join(', ')}` : ''}`,
        );
    });
}
