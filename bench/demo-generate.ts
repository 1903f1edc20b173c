/**
 * Demo generation time: regions of the county, then the synthetic census.
 * Usage: npx tsx bench/demo-generate.ts [scale=1] [county=433124]
 */
import { loadRegions } from '../src/modules/regions/loader.js';
import { generateDemo } from '../src/demo/service.js';
import { benchDatabase, machine, peakRssMiB } from './lib.js';

const scale = Number(process.argv[2] ?? 1);
const county = process.argv[3] ?? '433124';
const { db, engine, close } = await benchDatabase('demo');
try {
  await loadRegions(db, { counties: [county] });
  const t0 = performance.now();
  const res = await generateDemo(db, { countyCode: county, seed: 2014, scale });
  const s = (performance.now() - t0) / 1000;
  console.log(
    JSON.stringify({
      bench: 'demo-generate',
      engine,
      machine: machine(),
      scale,
      households: res.households,
      persons: res.persons,
      seconds: +s.toFixed(1),
      householdsPerSecond: Math.round(res.households / s),
      peakRssMiB: Math.round(peakRssMiB()),
    }),
  );
} finally {
  await close();
}
