/**
 * The linkage board (保障与开发衔接) on the demo county: its counts (docs/safety-net.md "Linkage board")
 * and the time of one board and one drill-down, beside the batch evaluation of the same county as the
 * yardstick (the same work: read every household's facts, run rules) measured in the same run.
 * Usage: npx tsx bench/linkage-board.ts [scale=0.1] [county=433124] [today=2026-11-28]
 */
import os from 'node:os';
import { createPolicyServices } from '../src/composition/policy-cases.js';
import { runDemoExtensions } from '../src/demo/extensions.js';
import { generateDemo } from '../src/demo/service.js';
import { createFactsLoader } from '../src/modules/facts/loader.js';
import { createLinkageBoardService } from '../src/modules/linkage-board/service.js';
import { confirmedRedLineHits } from '../src/modules/matching/red-line-source.js';
import { loadRegions } from '../src/modules/regions/loader.js';
import { clockOf } from '../src/kernel/clock.js';
import type { AuthUser } from '../src/kernel/user.js';
import { benchDatabase, machine, peakRssMiB } from './lib.js';

const scale = Number(process.argv[2] ?? 0.1);
const county = process.argv[3] ?? '433124';
const today = new Date(`${process.argv[4] ?? '2026-11-28'}T08:00:00Z`);
const clock = clockOf(() => today);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const { db, engine, close } = await benchDatabase('linkage');
try {
  await loadRegions(db, { counties: [county] });
  const demo = await generateDemo(db, { countyCode: county, seed: 2014, scale });
  await runDemoExtensions({ db, countyCode: county, seed: 2014, scale, today, log: () => {} });
  const policy = createPolicyServices(db, clock);
  const paramsFor = (region: string, date: string) => policy.policy.paramsFor(region, date);
  // a fresh service per round: its memo empty, the board reads every household (a cold board); the
  // drill-down after it reads the memo (what the page does when a count is clicked)
  const fresh = () =>
    createLinkageBoardService({ db, facts: createFactsLoader(db, confirmedRedLineHits), paramsFor, clock });
  const user: AuthUser = {
    id: '0',
    username: 'bench',
    displayName: 'bench',
    role: 'admin',
    scopeCode: county,
  };
  const boardMs: number[] = [];
  const drillMs: number[] = [];
  const yardstickMs: number[] = [];
  let result: Awaited<ReturnType<ReturnType<typeof fresh>['board']>> | undefined;
  for (let r = 0; r < 3; r++) {
    const board = fresh();
    let t = performance.now();
    result = await board.board(user, { region: county });
    boardMs.push(performance.now() - t);
    t = performance.now();
    await board.households(user, { region: county, indicator: 'near_dibao', page: 1, pageSize: 20 });
    drillMs.push(performance.now() - t);
    t = performance.now();
    await policy.ruleRun({ year: result.year ?? 2025, region: county, actor: { id: null, name: 'bench' } });
    yardstickMs.push(performance.now() - t);
  }
  const b = result!;
  console.log(
    JSON.stringify(
      {
        bench: 'linkage-board',
        engine,
        machine: machine(),
        loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
        scale,
        households: demo.households,
        persons: demo.persons,
        year: b.year,
        asOf: b.asOf,
        withoutIncomeRow: b.withoutIncomeRow,
        totals: b.totals,
        townships: b.children.map((c) => ({ name: c.name, ...c.counts })),
        standards: b.standards,
        boardMedianMs: Math.round(median(boardMs)),
        drillAfterBoardMedianMs: Math.round(median(drillMs)),
        yardstick: {
          what: 'batch evaluation (rule run) of the county',
          medianMs: Math.round(median(yardstickMs)),
        },
        boardToYardstick: +(median(boardMs) / median(yardstickMs)).toFixed(2),
        peakRssMiB: Math.round(peakRssMiB()),
      },
      null,
      1,
    ),
  );
} finally {
  await close();
}
