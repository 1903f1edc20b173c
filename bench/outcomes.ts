/**
 * What worked: time of the county comparison (src/modules/outcomes) beside the dashboard's summary
 * (src/modules/stats) in the same run, on a demo county already generated in the data folder.
 * Usage: npx tsx bench/outcomes.ts [dataDir=./data] [county=433124] [runs=3]
 * Make the data first, e.g. `JZ_DATA_DIR=/tmp/d npx tsx src/cli/main.ts demo --county 433124 --scale 1`.
 */
import path from 'node:path';
import os from 'node:os';
import { connect } from '../src/db/database.js';
import { startEmbedded } from '../src/db/embedded.js';
import { createPolicyServices } from '../src/composition/policy-cases.js';
import { createRegionService } from '../src/modules/regions/service.js';
import { createStatsService } from '../src/modules/stats/service.js';
import { createOutcomesService } from '../src/modules/outcomes/service.js';
import { systemClock } from '../src/kernel/clock.js';
import type { AuthUser } from '../src/kernel/user.js';
import { machine, peakRssMiB } from './lib.js';

const dir = path.resolve(process.argv[2] ?? './data');
const county = process.argv[3] ?? '433124';
const runs = Number(process.argv[4] ?? 3);
const server = await startEmbedded({ dataDir: dir });
const { db } = connect(server.url, 10);
const clock = systemClock;
const regions = createRegionService(db);
const { policy } = createPolicyServices(db, clock);
const stats = createStatsService(db, regions, clock);
const outcomes = createOutcomesService({
  regions,
  clock,
  lineFor: async (region, year) => (await policy.paramsFor(region, `${year}-12-31`)).povertyLine,
  reads: db,
});
const user: AuthUser = {
  id: '0',
  username: 'bench',
  displayName: 'bench',
  role: 'county_officer',
  scopeCode: county,
};
const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await f();
  return [r, +((performance.now() - t) / 1000).toFixed(2)];
};
try {
  console.log(machine(), `load ${os.loadavg()[0]!.toFixed(1)}`);
  for (let i = 0; i < runs; i++) {
    const [, dash] = await time(() => stats.summary(user, county));
    const [r, what] = await time(() =>
      outcomes.compare(user, { region: county, by: 'type', comparison: 'assisted', horizon: 2, minCell: 10 }),
    );
    const [, byMeasure] = await time(() =>
      outcomes.compare(user, { region: county, by: 'measure', comparison: 'all', horizon: 1, minCell: 10 }),
    );
    console.log(
      `run ${i + 1}: dashboard ${dash} s; what worked by type (assisted, horizon 2) ${what} s; by measure (all, horizon 1) ${byMeasure} s;` +
        ` ${r.households} households, ${r.measures} measures, ${r.cells.length} cells; load ${os.loadavg()[0]!.toFixed(1)}; peak RSS ${peakRssMiB().toFixed(0)} MiB`,
    );
  }
} finally {
  await db.destroy();
  await server.stop();
}
