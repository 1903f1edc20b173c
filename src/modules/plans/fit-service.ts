import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.js';
import type { CatalogueEntry } from '../../domain/plans/catalogue.js';
import { checkFit, type FitProblem } from '../../domain/plans/fit.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { planFitRepository as fits, type FitRow } from './fit-repository.js';
import { loadCatalogue } from './plan-view.js';

export interface GapQuery {
  region?: string | undefined;
  year: number;
  problem?: string | undefined;
  page: number;
  pageSize: number;
}

/** The fit check of one row of `planFitRepository.fitRows`. */
const fitOf = (r: FitRow, catalogue: ReadonlyMap<string, CatalogueEntry>) =>
  checkFit(
    {
      mainCause: r.main_cause,
      otherCauses: r.other_causes,
      ableToWork: r.able,
      measures: r.measures.map((m) => ({ catalogueCode: m.c, measureType: m.t, status: m.s })),
    },
    catalogue,
  );

const gapItem = ({ r, fit }: { r: FitRow; fit: ReturnType<typeof fitOf> }) => ({
  planId: r.plan_id,
  householdId: r.household_id,
  householdNo: r.household_no,
  headName: r.head_name,
  villageCode: r.village_code,
  villageName: r.village_name,
  householdStatus: r.household_status,
  mainCause: r.main_cause,
  planStatus: r.plan_status,
  problems: fit.problems as FitProblem[],
});

/** The fit check of a region's plans (stored per plan, refreshed on read) and the gap list. */
export function createFitService(db: Kysely<DB>) {
  /**
   * Check the plans of the year in the region whose stored fit was reset (fits null: new plans, changed
   * measures, causes, members or catalogue) and store the results. The plans are locked first, so a
   * change committed meanwhile either is read here or resets the flag again after this commit.
   */
  async function refreshFits(region: string, year: number) {
    if (!(await fits.anyUnchecked(db, region, year))) return;
    await db.transaction().execute(async (trx) => {
      const ids = await fits.lockUnchecked(trx, region, year);
      if (!ids.length) return;
      const cat = await loadCatalogue(trx);
      const rows = await fits.fitRows(trx, sql<SqlBool>`p.id = any(${ids}::bigint[])`);
      await fits.storeFits(
        trx,
        rows.map((r) => r.plan_id),
        rows.map((r) => fitOf(r, cat.map).fits),
      );
    });
  }

  return {
    refreshFits,

    /** Plans of a year in a region whose measures do not answer the causes (the gap list). */
    async gaps(user: AuthUser, q: GapQuery) {
      const region = scopeFor(user, q.region);
      await refreshFits(region, q.year);
      const [counts, rows, cat, withoutPlan] = await Promise.all([
        fits.planCounts(db, region, q.year),
        fits.fitRows(db, sql<SqlBool>`${fits.inYear(region, q.year)} and p.fits = false`),
        loadCatalogue(db),
        fits.withoutPlan(db, region, q.year),
      ]);
      const checked = rows.map((r) => ({ r, fit: fitOf(r, cat.map) })).filter((x) => !x.fit.fits);
      const bad = checked.filter((x) => !q.problem || x.fit.problems.some((p) => p.kind === q.problem));
      const byKind: Record<string, number> = {};
      for (const x of checked) for (const p of x.fit.problems) byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
      const plans = counts.reduce((n, c) => n + c.n, 0);
      return {
        year: q.year,
        region,
        plans,
        fitting: plans - checked.length,
        withoutPlan,
        byProblem: byKind,
        total: bad.length,
        page: q.page,
        pageSize: q.pageSize,
        items: bad.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map(gapItem),
      };
    },
  };
}
export type FitService = ReturnType<typeof createFitService>;
