/**
 * `jingzhun measure` against R on the same household CSV, whole process each (start-up, reading the
 * file, the measures, printing): the yardstick is R's `read.csv` + laeken `gini`, `arpr`, `qsr` and the
 * FGT family in base R, on equivalised income with person weights — what an analyst checking the
 * numbers would run. Generates the CSV deterministically (1,000,000 households by default) under the
 * temp folder if absent, then runs both tools alternately (R first in odd rounds, Jingzhun first in
 * even ones), `runs` paired runs, and reports the medians, their ratio and the load average before and
 * after. Also compares the values the two print (Gini, ARPR, S80/S20 by laeken's rule, FGT).
 * Skips R, with a message, when Rscript or laeken is missing.
 * Usage: npx tsx bench/measure-vs-r.ts [households=1000000] [runs=3]
 * Writes bench/results/measure-vs-r.json.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { machine } from './lib.js';

const households = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);
const LINE = 4000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const csv = path.join(os.tmpdir(), 'jingzhun-bench', `measure-households-${households}.csv`);

/** mulberry32: a small deterministic generator. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SIZE_SHARES = [0.12, 0.22, 0.22, 0.2, 0.13, 0.07, 0.03, 0.01]; // sizes 1..8

/**
 * hh_id, township, hh_income (log-normal, whole yuan, 1 % zero, 0.5 % negative), hh_weight (0.5–2,
 * three decimals), hh_size, n_adults, n_children: the columns `jingzhun measure` reads by default.
 */
async function writeCsv(file: string, n: number): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const out = fs.createWriteStream(tmp);
  const rand = rng(2016);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  let chunk = 'hh_id,township,hh_income,hh_weight,hh_size,n_adults,n_children\n';
  for (let h = 1; h <= n; h++) {
    let u = rand();
    let size = 1;
    while (size < 8 && u > SIZE_SHARES[size - 1]!) u -= SIZE_SHARES[size++ - 1]!;
    const children = size === 1 ? 0 : Math.floor(rand() * Math.min(3, size));
    const v = rand();
    const income =
      v < 0.01
        ? 0
        : v < 0.015
          ? -Math.round(rand() * 3000)
          : Math.round(size * 7000 * Math.exp(0.8 * normal()));
    const weight = (0.5 + rand() * 1.5).toFixed(3);
    const township = `T${String(1 + Math.floor(rand() * 20)).padStart(2, '0')}`;
    chunk += `H${h},${township},${income},${weight},${size},${size - children},${children}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((r, j) => out.end(() => r()).on('error', j));
  fs.renameSync(tmp, file);
}

/** The analyst's R session: read.csv, equivalise, laeken's gini, arpr and qsr, FGT in base R. */
const R_SCRIPT = `
suppressPackageStartupMessages(library(laeken))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
z <- as.numeric(args[2])
scale <- ifelse(d$n_adults >= 1, 1 + 0.5 * (d$n_adults - 1) + 0.3 * d$n_children, 1 + 0.3 * (d$n_children - 1))
eq <- d$hh_income / scale
pw <- d$hh_weight * d$hh_size
pc <- d$hh_income / d$hh_size
g <- pmax(0, (z - pc) / z)
fgt <- function(a) sum(pw * ifelse(pc < z, g^a, 0)) / sum(pw)
cat(sprintf('{"gini":%.15g,"arpr":%.15g,"qsr":%.15g,"headcount":%.15g,"poverty_gap":%.15g,"squared_gap":%.15g}\\n',
  gini(eq, pw)$value / 100, arpr(eq, pw)$value / 100, qsr(eq, pw)$value, fgt(0), fgt(1), fgt(2)))
`;

function hasR(): string | null {
  const r = spawnSync('Rscript', ['-e', 'suppressPackageStartupMessages(library(laeken))'], {
    encoding: 'utf8',
  });
  if (r.error) return 'Rscript not found (apt-get install r-base-core r-cran-laeken)';
  if (r.status !== 0) return `R package laeken missing (apt-get install r-cran-laeken): ${r.stderr.trim()}`;
  return null;
}

interface Run {
  ms: number;
  /** User + system CPU seconds of the process and its children (GNU time), when available. */
  cpuMs: number | null;
  out: Record<string, unknown>;
}

/** GNU time prints the child's CPU seconds: less sensitive than wall-clock to a busy shared machine. */
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const CPU_MARK = 'cpu-seconds:';

function timed(cmd: string, args: string[]): Run {
  const [bin, argv] = GNU_TIME ? [GNU_TIME, ['-f', `${CPU_MARK}%U %S`, cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const r = spawnSync(bin, argv, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const mark = r.stderr.split('\n').find((l) => l.startsWith(CPU_MARK));
  const cpuMs = mark
    ? mark
        .slice(CPU_MARK.length)
        .split(' ')
        .reduce((a, x) => a + Number(x) * 1000, 0)
    : null;
  return { ms, cpuMs, out: JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown> };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () => os.loadavg().map((x) => +x.toFixed(2));

async function main() {
  if (!fs.existsSync(csv)) {
    const t0 = performance.now();
    await writeCsv(csv, households);
    console.error(`wrote ${csv} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const rMissing = hasR();
  if (rMissing) console.error(`skipping R: ${rMissing}`);
  const rFile = path.join(os.tmpdir(), 'jingzhun-bench', 'measure.R');
  fs.writeFileSync(rFile, R_SCRIPT);
  const jz = () =>
    timed(process.execPath, [
      'bin/jingzhun.js',
      'measure',
      '--input',
      csv,
      '--line',
      String(LINE),
      '--s80s20',
      'eurostat',
      '--json',
    ]);
  const r = () => timed('Rscript', [rFile, csv, String(LINE)]);
  const loadBefore = load();
  const jzRuns: Run[] = [];
  const rRuns: Run[] = [];
  for (let i = 0; i < runs; i++) {
    if (rMissing) jzRuns.push(jz());
    else if (i % 2 === 0) {
      rRuns.push(r());
      jzRuns.push(jz());
    } else {
      jzRuns.push(jz());
      rRuns.push(r());
    }
    const last = (xs: Run[]) => `${xs.at(-1)!.ms.toFixed(0)} ms (cpu ${xs.at(-1)!.cpuMs ?? '?'} ms)`;
    console.error(`round ${i + 1}: jingzhun ${last(jzRuns)}${rMissing ? '' : `, R ${last(rRuns)}`}`);
  }
  const jzMs = median(jzRuns.map((x) => x.ms));
  const rMs = rMissing ? null : median(rRuns.map((x) => x.ms));
  const cpu = (runs: Run[]) =>
    runs.every((x) => x.cpuMs !== null) ? Math.round(median(runs.map((x) => x.cpuMs!))) : null;
  const [jzCpu, rCpu] = [cpu(jzRuns), rMissing ? null : cpu(rRuns)];
  const j = jzRuns[0]!.out;
  const result = {
    machine: machine(),
    households,
    file_mb: +(fs.statSync(csv).size / 2 ** 20).toFixed(1),
    runs,
    load_average: { before: loadBefore, after: load() },
    ms: {
      jingzhun: { median: Math.round(jzMs), all: jzRuns.map((x) => Math.round(x.ms)) },
      r: rMissing ? null : { median: Math.round(rMs!), all: rRuns.map((x) => Math.round(x.ms)) },
    },
    ratio_jingzhun_to_r: rMs === null ? null : +(jzMs / rMs).toFixed(3),
    cpu_ms: { jingzhun: jzCpu, r: rCpu },
    cpu_ratio_jingzhun_to_r: jzCpu === null || rCpu === null ? null : +(jzCpu / rCpu).toFixed(3),
    r_skipped: rMissing,
    values: {
      jingzhun: {
        gini: j.gini,
        arpr: (j.arpr as Record<string, unknown>).p60,
        s80_s20: j.s80_s20,
        headcount: j.headcount,
        poverty_gap: j.poverty_gap,
        squared_gap: j.squared_gap,
      },
      r: rMissing ? null : rRuns[0]!.out,
    },
  };
  const outFile = path.join(root, 'bench/results/measure-vs-r.json');
  fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

await main();
