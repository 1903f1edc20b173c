import { sql } from 'kysely';
import { defaultParams } from '../../domain/rules/params.js';
import type { DemoContext, DemoExtension } from '../context.js';
import { DEMO_FIRST_YEAR, DEMO_LAST_YEAR } from '../service.js';

/** Share of the exits of a year whose income the demo makes carried by transfers (passive exits). */
export const PASSIVE_EXIT_SHARE = 0.07;
/** A passive exit's own (non-transfer) per-capita income, as a share of the line. */
const OWN_SHARE_OF_LINE = 0.8;

/**
 * Demo: some exits carried by transfers alone (被动脱贫). The generator lifts exiting households
 * above the line by their own work; in practice part of the exits rested on dibao, pensions and
 * subsidies. For a deterministic ~7 % of the households exiting in each year (by a hash of the
 * household number and the seed), wage income is moved into transfer income in the exit year so
 * that income without transfers is 80 % of the line — the total, and so the exit, unchanged. Only
 * households with enough wage income to move are touched.
 */
export const passiveExitsDemo: DemoExtension = {
  name: 'passive-exits',
  version: 1,
  // the composition is rewritten in place; regenerating the households resets it
  async clear() {},
  async seed(ctx: DemoContext) {
    let changed = 0;
    for (let year = DEMO_FIRST_YEAR; year <= DEMO_LAST_YEAR; year++) {
      const line = defaultParams(year).povertyLine;
      const r = await sql`
        with picked as (
          select y.household_id, y.net_income - ${OWN_SHARE_OF_LINE * line}::numeric * y.size - y.transfer_income as delta
          from household_year y join household h on h.id = y.household_id
          where y.year = ${year} and h.exit_year = ${year} and y.status = 'exited'
            and h.village_code like ${ctx.countyCode + '%'}
            and y.per_capita_income >= ${line}
            and ('x' || substr(md5(h.household_no || ${String(ctx.seed)}), 1, 7))::bit(28)::int % 1000
              < ${Math.round(PASSIVE_EXIT_SHARE * 1000)})
        update household_year y
        set wage_income = y.wage_income - p.delta, transfer_income = y.transfer_income + p.delta
        from picked p
        where y.household_id = p.household_id and y.year = ${year} and p.delta > 0 and y.wage_income >= p.delta`.execute(
        ctx.db,
      );
      changed += Number(r.numAffectedRows ?? 0);
    }
    ctx.log(`demo: ${changed} exits made transfer-carried (passive)`);
  },
};
