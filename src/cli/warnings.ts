import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

const region = (v: string) => {
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(v))
    throw new InvalidArgumentError('must be a division code of 2, 4, 6, 9 or 12 digits');
  return v;
};

/** `jingzhun warnings derive [--region CODE] [--json]`: derive department and income signals again (idempotent). */
export function registerWarningsCommands(program: Command): void {
  program
    .command('warnings')
    .description('return-to-poverty warnings')
    .command('derive')
    .description(
      'derive warning signals from department lists, disaster areas and the latest evaluation (idempotent)',
    )
    .option('--region <code>', 'region code prefix (default: the whole country)', region)
    .option('--json', 'print the summary as JSON on stdout', false)
    .action(async (o: { region?: string; json: boolean }) => {
      const { withServices } = await import('../composition/runtime.js');
      const { deriveSignals } = await import('../modules/warnings/derive.js');
      const s = await withServices(loadConfig(), log, ({ policy, clock }, { db }) => {
        return deriveSignals(db, o.region ?? '', {
          paramsFor: (r, d) => policy.paramsFor(r, d),
          actor: { id: null, name: 'cli' },
          now: clock.now(),
        });
      });
      if (o.json) process.stdout.write(JSON.stringify(s) + '\n');
      log(
        `warnings derived in ${s.region || 'the whole country'}: ${s.created.medicalBill} medical bills, ${s.created.flags} from match flags, ` +
          `${s.created.disasterArea} disaster-area, ${s.created.income} income (evaluation run ${s.evaluationRunId ?? 'none'}) in ${s.ms} ms`,
      );
    });
}
