import { sql } from 'kysely';
import { Rng } from '../../domain/random.js';
import { drawSample } from '../../domain/evaluation/design.js';
import { defaultParams } from '../../domain/rules/params.js';
import { SYSTEM_ACTOR } from '../../kernel/user.js';
import { recordAudit } from '../../modules/audit/service.js';
import type { DemoContext, DemoExtension } from '../context.js';
import { DEMO_LAST_YEAR } from '../service.js';
import { evaluationRepository as repo } from '../../modules/evaluation/repository.js';

/**
 * Demo: one third-party evaluation sample of the demo county for its last year, with most field
 * checks recorded: an exited household is found wrongly exited when its income is below the line
 * (plus a little evaluator noise), a household outside the registry eligible when its income is
 * below the line and it is vulnerable; about 94 % approve; ~3 % unreachable; ~15 % still pending so
 * the page has work left to do.
 */
export const evaluationDemo: DemoExtension = {
  name: 'evaluation',
  version: 1,
  async clear(ctx) {
    await ctx.db.deleteFrom('evaluation_sample').where('region_code', '=', ctx.countyCode).execute();
  },
  async seed(ctx: DemoContext) {
    const { db, countyCode } = ctx;
    const year = DEMO_LAST_YEAR;
    const villages = await repo.frameVillages(db, countyCode);
    const households = await repo.frameHouseholds(db, countyCode, year);
    const seed = `demo-${ctx.seed}`;
    const design = { villagesPerTownship: 2, exitedPerVillage: 10, otherPerVillage: 5, seed };
    const sample = drawSample(villages, households, design);
    const line = defaultParams(year).povertyLine;
    const id = await db.transaction().execute(async (trx) => {
      const sampleId = await repo.insertSample(
        trx,
        {
          region_code: countyCode,
          year,
          seed,
          villages_per_township: design.villagesPerTownship,
          exited_per_village: design.exitedPerVillage,
          other_per_village: design.otherPerVillage,
          note: '演示样本 demo sample',
          created_by: null,
        },
        sample,
      );
      await recordAudit(trx, SYSTEM_ACTOR, {
        action: 'evaluation.sample',
        entityType: 'evaluation_sample',
        entityId: sampleId,
        regionCode: countyCode,
        after: { year, seed, villages: sample.villages.length, households: sample.households.length },
        reason: '模拟演示县',
      });
      return sampleId;
    });
    const incomes = await sql<{ household_id: string; per_capita_income: string | null }>`
      select e.household_id::text, y.per_capita_income
      from evaluation_sample_household e
      left join household_year y on y.household_id = e.household_id and y.year = ${year}
      where e.sample_id = ${id} order by e.household_id`.execute(db);
    const rng = new Rng(`evaluation-checks:${ctx.seed}`);
    const stratumOf = new Map(sample.households.map((h) => [h.id, h.stratum]));
    interface CheckRow {
      id: string;
      status: string;
      wrong: boolean | null;
      eligible: boolean | null;
      approves: boolean | null;
    }
    const rows = incomes.rows.flatMap((r): CheckRow[] => {
      const u = rng.next();
      if (u < 0.15) return [];
      const stratum = stratumOf.get(r.household_id);
      const below = r.per_capita_income !== null && Number(r.per_capita_income) < line;
      if (u < 0.18)
        return [{ id: r.household_id, status: 'unreachable', wrong: null, eligible: null, approves: null }];
      const noise = rng.chance(0.005);
      return [
        {
          id: r.household_id,
          status: 'checked',
          wrong: stratum === 'exited' ? below !== noise : null,
          eligible: stratum === 'exited' ? null : (below && stratum === 'outside_vulnerable') !== noise,
          approves: rng.chance(0.94),
        },
      ];
    });
    if (rows.length === 0) return;
    await sql`
      update evaluation_sample_household e set
        check_status = v.status, wrongly_exited = v.wrong, eligible_unregistered = v.eligible,
        approves = v.approves, checked_at = now(), version = e.version + 1
      from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.status)}::text[],
        ${rows.map((r) => r.wrong)}::boolean[], ${rows.map((r) => r.eligible)}::boolean[],
        ${rows.map((r) => r.approves)}::boolean[]) as v(household_id, status, wrong, eligible, approves)
      where e.sample_id = ${id} and e.household_id = v.household_id`.execute(db);
    ctx.log(
      `demo: evaluation sample ${id}: ${sample.villages.length} villages, ${sample.households.length} households`,
    );
  },
};
