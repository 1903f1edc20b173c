import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerAnalysisCommands } from './analysis.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/measures');
const fixture = (name: string) => path.join(fixtures, name);

/**
 * Runs `jingzhun <args>` in-process: a fresh program with the analysis commands, stdout and stderr
 * captured. Commander errors (bad or missing flags) get the exit code main.ts gives them (2).
 */
async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const program = new Command()
    .exitOverride()
    .configureOutput({ writeOut: (s) => void (stdout += s), writeErr: (s) => void (stderr += s) });
  registerAnalysisCommands(program);
  const capture = (sink: (s: string) => void) => (chunk: string | Uint8Array) => {
    sink(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture((s) => (stdout += s)));
  vi.spyOn(process.stderr, 'write').mockImplementation(capture((s) => (stderr += s)));
  let code: number;
  try {
    await program.parseAsync(['node', 'jingzhun', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    code = err.exitCode === 0 ? 0 : 2;
  } finally {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  }
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, unknown> };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('jingzhun measure', () => {
  it('prints the contract keys; hand values from src/domain/measurement/summary.test.ts', async () => {
    const r = await cli('measure', '--input', fixture('households.csv'), '--line', '6000', '--json');
    expect(r.code).toBe(0);
    const out = r.json();
    expect(Object.keys(out)).toEqual([
      'n',
      'population',
      'headcount',
      'poverty_gap',
      'squared_gap',
      'watts',
      'sen',
      'poor_if',
      'median_eq',
      'lines',
      'arpr',
      'rmpg',
      'gini',
      's80_s20',
      's80_s20_convention',
      'theil',
      'mld',
    ]);
    // household E has weight 0: dropped (its zero income would make Watts and MLD infinite)
    expect(out).toMatchObject({ n: 4, population: 10, headcount: 0.6, median_eq: 10000 });
    expect(out.poverty_gap).toBeCloseTo(49 / 300, 12);
    expect(out.arpr).toEqual({ p40: 0, p50: 0.2, p60: 0.2 }); // ties at the 40 % and 60 % lines
    expect(out.rmpg).toBeCloseTo(1 / 3, 12);
    expect(out.gini).toBeCloseTo(221 / 990, 12);
    // Eurostat S80/S20 (laeken qsr) by default: the 80 % cut-off is the largest income → undefined
    expect(out).toMatchObject({ s80_s20: null, s80_s20_convention: 'eurostat', poor_if: 'below' });
    expect(typeof out.mld).toBe('number');
  });

  it('--s80s20 lorenz and --poor at-or-below select the other conventions', async () => {
    const r = await cli(
      ...['measure', '--input', fixture('households.csv'), '--line', '6000', '--json'],
      ...['--s80s20', 'lorenz', '--poor', 'at-or-below'],
    );
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out).toMatchObject({ s80_s20_convention: 'lorenz', poor_if: 'at-or-below', headcount: 0.7 });
    expect(out.s80_s20).toBeCloseTo(3.75, 12);
    const bad = await cli('measure', '--input', fixture('households.csv'), '--line', '6000', '--s80s20', 'x');
    expect(bad.code).toBe(2);
  });

  it('no household with a positive weight → exit 2 with a message', async () => {
    const r = await cli('measure', '--input', fixture('zero-weights.csv'), '--line', '6000');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no household with a positive weight (2 rows)');
    const empty = await cli('measure', '--input', fixture('header-only.csv'), '--line', '6000');
    expect(empty.stderr).toContain('no household with a positive weight (0 rows)');
  });

  it('--by decomposes by a column', async () => {
    const r = await cli(
      'measure',
      '--input',
      fixture('households.csv'),
      '--line',
      '6000',
      '--by',
      'township',
      '--json',
    );
    const by = r.json().by as Record<string, Record<string, number>>;
    expect(Object.keys(by)).toEqual(['x', 'y']);
    expect(Object.keys(by.x!)).toEqual([
      'population_share',
      'headcount',
      'poverty_gap',
      'squared_gap',
      'contribution_headcount',
    ]);
    expect(by.x).toMatchObject({ population_share: 0.5, headcount: 0.8, poverty_gap: 0.1 });
    expect(by.x!.contribution_headcount).toBeCloseTo(2 / 3, 12);
    expect(by.y!.contribution_headcount).toBeCloseTo(1 / 3, 12);
  });

  it('prints "Infinity" for infinite values and null for undefined ones', async () => {
    // weight column = hh_size here: E (income 0) now counts → Watts and MLD infinite.
    const r = await cli(
      ...['measure', '--input', fixture('households.csv'), '--line', '6000', '--weight', 'hh_size', '--json'],
    );
    expect(r.json()).toMatchObject({ watts: 'Infinity', mld: 'Infinity' });
    const none = await cli('measure', '--input', fixture('households.csv'), '--line', '100', '--json');
    expect(none.json()).toMatchObject({ headcount: 0, watts: 0, sen: 0 });
  });

  it('prints a readable table without --json', async () => {
    const r = await cli(
      'measure',
      '--input',
      fixture('households.csv'),
      '--line',
      '6000',
      '--by',
      'township',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^n\s+4$/m);
    expect(r.stdout).toMatch(/^headcount\s+0\.6$/m);
    expect(r.stdout).toMatch(/^lines\s+p40\s+p50\s+p60$/m);
    expect(r.stdout).toMatch(/^by\s+population_share/m);
    expect(r.stdout).toMatch(/^x\s+0\.5\s+0\.8\s/m);
  });

  it.each([
    [['--input', fixture('bad-cell.csv')], 'row 4, column hh_income: "3O000" is not a number'],
    [['--input', fixture('negative-weight.csv')], 'row 3, column hh_weight: -1 must not be negative'],
    [['--input', fixture('size-mismatch.csv')], 'row 2, column hh_size: 4 ≠ n_adults + n_children = 3'],
    [['--input', fixture('households.csv'), '--income', 'net'], 'row 1: missing column "net"'],
    [['--input', fixture('households.csv'), '--by', 'village'], 'row 1: missing column "village"'],
    [['--input', fixture('nowhere.csv')], 'cannot read'],
    [['--input', fixture('ragged.csv')], 'row 3: 5 fields, the header row has 6'],
  ])('bad input %j → exit 2 naming row and column', async (args, message) => {
    const r = await cli('measure', '--line', '6000', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it.each([
    [['--line', 'abc']],
    [['--line', '-5']],
    [['--line', '0']],
    [[]], // --line missing
  ])('bad or missing flag %j → exit 2', async (args) => {
    const r = await cli('measure', '--input', fixture('households.csv'), ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: /);
  });
});

describe('jingzhun mpi', () => {
  const spec = fixture('mpi-indicators.json');

  it('H, A, M0, headcounts, contributions (hand values in alkire-foster.test.ts)', async () => {
    const r = await cli(
      'mpi',
      '--input',
      fixture('mpi.csv'),
      '--indicators',
      spec,
      '--k',
      '0.5',
      '--weight',
      'w',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = r.json();
    expect(Object.keys(out)).toEqual(['H', 'A', 'M0', 'censored', 'uncensored', 'contribution']);
    expect(out).toMatchObject({
      H: 0.75,
      M0: 0.5,
      censored: { school: 0.5, water: 0.5, income: 0.5 },
      uncensored: { school: 0.5, water: 0.5, income: 0.75 },
      contribution: { school: 0.5, water: 0.25, income: 0.25 },
    });
    expect(out.A).toBeCloseTo(2 / 3, 12);
  });

  it('without --weight every row weighs 1; --by decomposes', async () => {
    // row 5 (deprived in everything, weight 0 in column w) now counts: 4 poor of 5, M0 = (2 + 1)/5.
    const r = await cli(
      'mpi',
      '--input',
      fixture('mpi.csv'),
      '--indicators',
      spec,
      '--k',
      '0.5',
      '--by',
      'group',
      '--json',
    );
    const out = r.json();
    expect(out).toMatchObject({ H: 0.8, M0: 0.6 });
    const by = out.by as Record<string, Record<string, number>>;
    expect(by.a).toEqual({ population_share: 0.4, H: 1, A: 0.75, M0: 0.75, contribution: 0.5 });
    expect(by.b!.contribution).toBeCloseTo(0.5, 12);
  });

  it.each([
    [['--indicators', fixture('mpi-bad-weights.json'), '--k', '0.5'], 'weights sum to 0.75'],
    [['--indicators', fixture('households.csv'), '--k', '0.5'], 'cannot read indicator spec'],
    [['--indicators', spec, '--k', '0.5', '--weight', 'nope'], 'row 1: missing column "nope"'],
  ])('bad input %j → exit 2', async (args, message) => {
    const r = await cli('mpi', '--input', fixture('mpi.csv'), ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('k outside (0, 1] → exit 2', async () => {
    const r = await cli('mpi', '--input', fixture('mpi.csv'), '--indicators', spec, '--k', '1.5');
    expect(r.code).toBe(2);
  });
});

describe('jingzhun benford', () => {
  it('first digit: counts the excluded values', async () => {
    const r = await cli('benford', '--input', fixture('benford.csv'), '--column', 'amount', '--json');
    expect(r.code).toBe(0);
    const out = r.json();
    expect(Object.keys(out)).toEqual(['n', 'chi2', 'df', 'p_value', 'mad', 'conformity', 'excluded']);
    expect(out).toMatchObject({ n: 5, df: 8, conformity: 'nonconformity', excluded: 2 });
  });

  it('two digits: values below 10 excluded; no value left → null statistics', async () => {
    const r = await cli(
      'benford',
      '--input',
      fixture('benford.csv'),
      '--column',
      'amount',
      '--digits',
      '2',
      '--json',
    );
    expect(r.json()).toMatchObject({ n: 2, df: 89, excluded: 5 });
    const id = await cli(
      'benford',
      '--input',
      fixture('benford.csv'),
      '--column',
      'id',
      '--digits',
      '2',
      '--json',
    );
    expect(id.json()).toEqual({
      n: 0,
      chi2: null,
      df: 89,
      p_value: null,
      mad: null,
      conformity: null,
      excluded: 7,
    });
  });

  it('--digits 3 and a missing column → exit 2', async () => {
    const bad = await cli(
      'benford',
      '--input',
      fixture('benford.csv'),
      '--column',
      'amount',
      '--digits',
      '3',
    );
    expect(bad.code).toBe(2);
    const missing = await cli('benford', '--input', fixture('benford.csv'), '--column', 'income');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing column "income"');
  });

  it('prints a table without --json', async () => {
    const r = await cli('benford', '--input', fixture('benford.csv'), '--column', 'amount');
    expect(r.stdout).toMatch(/^conformity\s+nonconformity$/m);
  });
});
