import fs from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { z } from 'zod';
import {
  alkireFoster,
  AF_TOLERANCE,
  benford,
  benfordReport,
  CsvColumnReader,
  CsvInputError,
  MeasureInputError,
  POOR_IF,
  S80S20_CONVENTIONS,
  type CsvNumberColumn,
  type PoorIf,
  type S80S20Convention,
  measureHouseholds,
  measureReport,
  mpiReport,
  parseDecimal,
  toJsonLine,
  toTextTables,
  type BenfordDigits,
  type Groups,
  type Indicator,
  type Report,
} from '../domain/measurement/index.js';

/**
 * Analyst commands on any CSV file: `measure` (poverty and inequality), `mpi` (Alkire–Foster) and
 * `benford`. The same domain code as the app. Bad input → message on stderr, exit code 2.
 * Formulas and conventions: docs/measures.md.
 */

/** Bad input file, column, cell or spec: printed on stderr, exit code 2. */
export class AnalysisInputError extends Error {
  readonly code = 'E_VALIDATION';

  constructor(message: string) {
    super(message);
    this.name = 'AnalysisInputError';
  }
}

// ---------------------------------------------------------------- reading the CSV

interface Table {
  /** Row number of each record (the header is row 1). */
  rows: Float64Array;
  numbers: Map<string, Float64Array>;
  groups?: Groups;
}

const nonNegative = (x: number) => (x < 0 ? 'must not be negative' : null);
const count = (min: number) => (x: number) =>
  Number.isInteger(x) && x >= min ? null : `must be a whole number ≥ ${min}`;

const CHUNK = 1 << 22;

/**
 * Reads the CSV (UTF-8, BOM allowed) in 4 MiB chunks straight into typed arrays: the numeric columns
 * and one label column (csv-columns.ts: no string per cell, numbers parsed from the bytes).
 */
async function readTable(file: string, columns: CsvNumberColumn[], labelColumn?: string): Promise<Table> {
  let fd: fs.promises.FileHandle;
  try {
    fd = await fs.promises.open(file, 'r');
  } catch (err) {
    throw new AnalysisInputError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  const reader = new CsvColumnReader(columns, labelColumn);
  try {
    let buf = Buffer.allocUnsafe(CHUNK);
    let filled = 0;
    for (;;) {
      if (filled === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]); // one long record
      const { bytesRead } = await fd.read(buf, filled, buf.length - filled, null);
      const end = filled + bytesRead;
      const used = reader.consume(buf, end, bytesRead === 0);
      if (bytesRead === 0) break;
      buf.copyWithin(0, used, end);
      filled = end - used;
    }
    const t = reader.result();
    return {
      rows: t.rows,
      numbers: new Map(columns.map((c, j) => [c.name, t.numbers[j]!])),
      groups: t.groups,
    };
  } catch (err) {
    if (err instanceof CsvInputError) throw new AnalysisInputError(err.message);
    const code = (err as { code?: unknown }).code; // a file-system error (EISDIR, EIO…): bad input
    if (typeof code === 'string') throw new AnalysisInputError(`${file}: ${(err as Error).message}`);
    throw err;
  } finally {
    await fd.close();
  }
}

/** One JSON object (--json) or text tables, on stdout. */
const print = (report: Report, json: boolean) =>
  void process.stdout.write(json ? toJsonLine(report) : toTextTables(report));

// ---------------------------------------------------------------- options

const positiveNumber = (v: string) => {
  const x = parseDecimal(v);
  if (x === null || x <= 0) throw new InvalidArgumentError('must be a positive number');
  return x;
};
const cutoffK = (v: string) => {
  const x = parseDecimal(v);
  if (x === null || x <= 0 || x > 1) throw new InvalidArgumentError('must be a number in (0, 1]');
  return x;
};

/** Runs a command body; bad input becomes a message on stderr and exit code 2. */
const guarded =
  <T>(body: (o: T) => Promise<void>) =>
  async (o: T) => {
    try {
      await body(o);
    } catch (err) {
      if (!(err instanceof AnalysisInputError || err instanceof MeasureInputError)) throw err;
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = 2;
    }
  };

// ---------------------------------------------------------------- measure

interface MeasureOptions {
  input: string;
  line: number;
  income: string;
  weight: string;
  size: string;
  adults: string;
  children: string;
  by?: string;
  s80s20: S80S20Convention;
  poor: PoorIf;
  json: boolean;
}

async function runMeasure(o: MeasureOptions): Promise<void> {
  const t = await readTable(
    o.input,
    [
      { name: o.income },
      { name: o.weight, check: nonNegative },
      { name: o.size, check: count(1) },
      { name: o.adults, check: count(0) },
      { name: o.children, check: count(0) },
    ],
    o.by,
  );
  const col = (name: string) => t.numbers.get(name)!;
  const [size, adults, children] = [col(o.size), col(o.adults), col(o.children)];
  size.forEach((s, i) => {
    if (adults[i]! + children[i]! !== s)
      throw new AnalysisInputError(
        `row ${t.rows[i]}, column ${o.size}: ${s} ≠ ${o.adults} + ${o.children} = ${adults[i]! + children[i]!}`,
      );
  });
  const households = { income: col(o.income), weight: col(o.weight), size, adults, children };
  const summary = measureHouseholds(households, o.line, t.groups, { s80s20: o.s80s20, poorIf: o.poor });
  if (summary.n === 0)
    throw new AnalysisInputError(
      `${o.input}: no household with a positive weight (${t.rows.length} rows): nothing to measure`,
    );
  print(measureReport(summary), o.json);
}

// ---------------------------------------------------------------- mpi

/** The indicator spec's schema; zod is imported when `mpi` runs (`measure` starts without it). */
const indicatorSpec = (zod: typeof z) =>
  zod
    .array(
      zod.object({
        column: zod.string().min(1),
        name: zod.string().min(1).optional(),
        weight: zod.number().positive(),
        deprived_if: zod.enum(['<', '<=', '==']),
        cutoff: zod.number(),
      }),
    )
    .min(1);

async function readSpec(file: string): Promise<z.infer<ReturnType<typeof indicatorSpec>>> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AnalysisInputError(`cannot read indicator spec ${file}: ${(err as Error).message}`);
  }
  const spec = indicatorSpec((await import('zod')).z).safeParse(raw);
  if (!spec.success) {
    const issue = spec.error.issues[0]!;
    throw new AnalysisInputError(`indicator spec ${file} at [${issue.path.join('][')}]: ${issue.message}`);
  }
  const sum = spec.data.reduce((a, s) => a + s.weight, 0);
  if (Math.abs(sum - 1) > AF_TOLERANCE)
    throw new AnalysisInputError(`indicator spec ${file}: weights sum to ${sum}, not 1`);
  const names = spec.data.map((s) => s.name ?? s.column);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice)
    throw new AnalysisInputError(`indicator spec ${file}: "${twice}" twice (give each a distinct "name")`);
  return spec.data;
}

async function runMpi(o: {
  input: string;
  indicators: string;
  k: number;
  weight?: string;
  by?: string;
  json: boolean;
}) {
  const spec = await readSpec(o.indicators);
  const columns: CsvNumberColumn[] = [...new Set(spec.map((s) => s.column))].map((name) => ({ name }));
  if (o.weight !== undefined) columns.push({ name: o.weight, check: nonNegative });
  const t = await readTable(o.input, columns, o.by);
  const indicators: Indicator[] = spec.map((s) => ({
    name: s.name ?? s.column,
    values: t.numbers.get(s.column)!,
    weight: s.weight,
    deprivedIf: s.deprived_if,
    cutoff: s.cutoff,
  }));
  const weights = o.weight === undefined ? undefined : t.numbers.get(o.weight);
  print(mpiReport(alkireFoster(indicators, o.k, weights, t.groups)), o.json);
}

// ---------------------------------------------------------------- benford

async function runBenford(o: { input: string; column: string; digits: string; json: boolean }) {
  const t = await readTable(o.input, [{ name: o.column }]);
  print(benfordReport(benford(t.numbers.get(o.column)!, Number(o.digits) as BenfordDigits)), o.json);
}

// ---------------------------------------------------------------- commands

/** Adds `measure`, `mpi` and `benford` to the program. */
export function registerAnalysisCommands(program: Command): void {
  program
    .command('measure')
    .description('poverty (FGT, Watts, Sen, relative lines) and inequality of a household CSV')
    .requiredOption('--input <file>', 'CSV, one row per household, header row (UTF-8)')
    .requiredOption('--line <Z>', 'absolute poverty line, yuan per person per year', positiveNumber)
    .option('--income <column>', 'household net income (total, not per capita)', 'hh_income')
    .option('--weight <column>', 'household survey weight (0 drops the row)', 'hh_weight')
    .option('--size <column>', 'household size (= adults + children)', 'hh_size')
    .option('--adults <column>', 'members aged 14 or more', 'n_adults')
    .option('--children <column>', 'members under 14', 'n_children')
    .option('--by <column>', 'decompose FGT by the values of this column')
    .addOption(
      new Option('--s80s20 <convention>', "S80/S20: eurostat = R laeken's qsr; lorenz = exact 20 % shares")
        .choices(S80S20_CONVENTIONS)
        .default('eurostat'),
    )
    .addOption(
      new Option('--poor <rule>', 'poor if income is below the line, or at or below it (convey svyfgt)')
        .choices(POOR_IF)
        .default('below'),
    )
    .option('--json', 'print one JSON object', false)
    .action(guarded(runMeasure));

  program
    .command('mpi')
    .description('Alkire–Foster multidimensional poverty (H, A, M0) of a CSV')
    .requiredOption('--input <file>', 'CSV, one row per unit, header row (UTF-8)')
    .requiredOption('--indicators <spec.json>', 'JSON list of { column, weight, deprived_if, cutoff }')
    .requiredOption('--k <cutoff>', 'poor when the weighted deprivation score ≥ k (0 < k ≤ 1)', cutoffK)
    .option('--weight <column>', 'unit weight (default: 1 for every row)')
    .option('--by <column>', 'decompose M0 by the values of this column')
    .option('--json', 'print one JSON object', false)
    .action(guarded(runMpi));

  program
    .command('benford')
    .description("Benford first-digit or first-two-digit test of a CSV column (chi-square, Nigrini's MAD)")
    .requiredOption('--input <file>', 'CSV with a header row (UTF-8)')
    .requiredOption('--column <column>', 'the column tested')
    .addOption(
      new Option('--digits <n>', '1: first digit; 2: first two digits').choices(['1', '2']).default('1'),
    )
    .option('--json', 'print one JSON object', false)
    .action(guarded(runBenford));
}
