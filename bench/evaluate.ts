/**
 * Batch evaluation on the demo county: the pure rule layer (every household rule on facts already in
 * memory, households per second) and the whole `jingzhun evaluate` run (read, map, evaluate, write
 * the worklist, audit) on a freshly generated county.
 * Usage: npx tsx bench/evaluate.ts [scale=1] [year=2025] [county=433124]
 */
import { evaluateHousehold, type HouseholdFacts, type PolicyParams } from '../src/domain/rules/index.js';
import { loadRegions } from '../src/modules/regions/loader.js';
import { generateDemo } from '../src/demo/service.js';
import { factsRepository } from '../src/modules/facts/repository.js';
import { createPolicyServices } from '../src/composition/policy-cases.js';
import { createFactsLoader } from '../src/modules/facts/loader.js';
import { worklistEntries } from '../src/modules/worklists/selection.js';
import { benchDatabase, machine, peakRssMiB } from './lib.js';
import { systemClock } from '../src/kernel/clock.js';

const scale = Number(process.argv[2] ?? 1);
const year = Number(process.argv[3] ?? 2025);
const county = process.argv[4] ?? '433124';
const { db, engine, close } = await benchDatabase('evaluate');
try {
  await loadRegions(db, { counties: [county] });
  const demo = await generateDemo(db, { countyCode: county, seed: 2014, scale });
  const services = createPolicyServices(db, systemClock);

  // The whole run, as `jingzhun evaluate --year Y --region COUNTY` does it.
  const t0 = performance.now();
  const run = await services.ruleRun({ year, region: county, actor: { id: null, name: 'bench' } });
  const runSeconds = (performance.now() - t0) / 1000;

  // The pure rule layer: the same facts in memory, every rule and the worklist selection, 3 rounds.
  const params: PolicyParams = await services.policy.paramsFor(county, run.asOf);
  const loader = createFactsLoader(db);
  const facts: HouseholdFacts[] = [];
  for (let after = '0'; ;) {
    const page = await factsRepository.households(db, county, after, 2000);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    for (const l of await loader.load(page, year, run.asOf, () => params))
      if (l.built) facts.push(l.built.facts);
  }
  const rounds = 3;
  let items = 0;
  const t1 = performance.now();
  for (let r = 0; r < rounds; r++)
    for (const f of facts) items += worklistEntries(f, evaluateHousehold(f, params)).length;
  const pureSeconds = (performance.now() - t1) / 1000;

  console.log(
    JSON.stringify(
      {
        bench: 'evaluate',
        engine,
        machine: machine(),
        scale,
        year,
        households: demo.households,
        persons: demo.persons,
        pureRules: {
          households: facts.length,
          rounds,
          seconds: +pureSeconds.toFixed(2),
          householdsPerSecond: Math.round((facts.length * rounds) / pureSeconds),
          itemsPerRound: items / rounds,
        },
        wholeRun: {
          seconds: +runSeconds.toFixed(1),
          householdsPerSecond: Math.round(run.households / runSeconds),
          ruleSeconds: +(run.ruleMs / 1000).toFixed(2),
          evaluated: run.evaluated,
          withoutIncomeRow: run.withoutIncomeRow,
          items: run.items,
          worklist: run.worklist,
          standardBelowLine: run.standardBelowLine,
        },
        peakRssMiB: Math.round(peakRssMiB()),
      },
      null,
      1,
    ),
  );
} finally {
  await close();
}
