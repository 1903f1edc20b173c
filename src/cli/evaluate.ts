import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config.js';
import type { RunSummary } from '../modules/worklists/rule-run.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

const year = (v: string) => {
  if (!/^\d{4}$/.test(v)) throw new InvalidArgumentError('must be a year (4 digits)');
  return Number(v);
};
const region = (v: string) => {
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(v))
    throw new InvalidArgumentError('must be a division code of 2, 4, 6, 9 or 12 digits');
  return v;
};

function printSummary(s: RunSummary): void {
  log(
    `run ${s.runId}: ${s.households} households (${s.evaluated} evaluated, ${s.withoutIncomeRow} without a ${s.year} income row), ` +
      `${s.items} worklist items in ${(s.totalMs / 1000).toFixed(1)} s (rules ${(s.ruleMs / 1000).toFixed(2)} s)`,
  );
  for (const [rule, byDecision] of Object.entries(s.worklist))
    for (const [decision, n] of Object.entries(byDecision))
      log(`  ${rule.padEnd(17)} ${decision.padEnd(28)} ${n}`);
  if (s.toVerify > 0) {
    log(
      `  ${s.toVerify} household(s) to verify: a rule lacks a fact; decisions blocked by each missing fact:`,
    );
    for (const [fact, n] of Object.entries(s.blockedBy).sort((a, b) => b[1] - a[1]))
      log(`    ${fact.padEnd(20)} ${n}`);
  }
  if (s.standardBelowLine.length)
    log(`  dibao standard below the poverty line in: ${s.standardBelowLine.join(', ')}`);
}

/**
 * `jingzhun evaluate --year Y [--region CODE] [--json]`: every household rule over every household
 * in the region; writes a worklist (the latest run is what the web shows). Exit 0, or 2 on bad arguments.
 */
export function registerEvaluateCommands(program: Command): void {
  program
    .command('evaluate')
    .description('run every policy rule over every household of a region and write the worklists')
    .requiredOption('--year <year>', 'income year to evaluate', year)
    .option('--region <code>', 'region code prefix (default: the whole country)', region)
    .option('--json', 'print the run summary as JSON on stdout', false)
    .action(async (o: { year: number; region?: string; json: boolean }) => {
      const { withServices } = await import('../composition/runtime.js');
      const bar = process.stderr.isTTY && !o.json ? await import('cli-progress') : null;
      const progress = bar
        ? new bar.default.SingleBar({ format: 'households [{bar}] {value}/{total}', stream: process.stderr })
        : null;
      const summary = await withServices(loadConfig(), log, ({ ruleRun }) => {
        progress?.start(0, 0);
        return ruleRun({
          year: o.year,
          region: o.region ?? '',
          actor: { id: null, name: 'cli' },
          onProgress: (done, total) => {
            progress?.setTotal(total);
            progress?.update(done);
          },
        });
      });
      progress?.stop();
      if (o.json) process.stdout.write(JSON.stringify(summary, null, 1) + '\n');
      printSummary(summary);
    });
}
