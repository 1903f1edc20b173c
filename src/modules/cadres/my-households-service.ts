import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope, withinScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { cadreDto, dueDto } from './mapper.js';
import { myHouseholdsRepository as hhRepo } from './my-households-repository.js';
import { cadreRepository as repo } from './repository.js';

type HouseholdRow = Awaited<ReturnType<typeof hhRepo.cadreHouseholds>>[number];
type OpenMeasures = { open: number; overdue: number; nextDeadline: string | null };

/** What to do next for a household, most urgent first. */
function nextSteps(r: HouseholdRow, m: OpenMeasures | null, openCases: number) {
  const next: string[] = [];
  if (r.overdue) next.push(r.last_visit ? 'visit_overdue' : 'never_visited');
  if (m?.overdue) next.push('measure_overdue');
  else if (m?.open) next.push('measures_open');
  if (openCases) next.push('case_open');
  return next;
}

/** "My households" (我的帮扶户): a cadre's current households with what each needs next. */
export function createMyHouseholdsService(db: Kysely<DB>, clock: Clock) {
  /** A cadre the user may see: their own cadre row, or one of their scope. */
  async function loadCadre(user: AuthUser, id: string) {
    const c = await repo.cadreById(db, id);
    if (!c) throw notFound('cadre', id);
    const own = c.user_id !== null && String(c.user_id) === user.id;
    if (!own) assertObjectInScope(user, c.region_code, 'cadre', id);
    return c;
  }

  /** The cadre's current households within the user's scope, with visit due, open measures and cases. */
  async function households(user: AuthUser, cadreId: string) {
    const today = clock.today();
    const rows = (await hhRepo.cadreHouseholds(db, cadreId, today)).filter((r) =>
      withinScope(user, r.village_code),
    );
    const ids = rows.map((r) => String(r.household_id));
    const [measures, cases] = await Promise.all([
      hhRepo.openMeasures(db, ids, today),
      hhRepo.openCases(db, ids),
    ]);
    return rows.map((r) => {
      const id = String(r.household_id);
      const m = measures.get(id) ?? null;
      const openCases = cases.get(id) ?? 0;
      return {
        householdId: id,
        householdNo: r.household_no,
        headName: r.head_name,
        villageCode: r.village_code,
        villageName: r.village_name,
        status: r.status,
        since: r.start_date,
        visit: dueDto(r),
        measures: m,
        openCases,
        next: nextSteps(r, m, openCases),
      };
    });
  }

  async function page(user: AuthUser, id: string) {
    const c = await loadCadre(user, id);
    return { cadre: cadreDto(c), households: await households(user, id) };
  }

  return {
    /** A cadre's page: the cadre and their current households with what each needs next. */
    cadre: page,

    /** "My households": the cadre linked to the signed-in user. */
    async mine(user: AuthUser) {
      const id = await repo.cadreIdOfUser(db, user.id);
      if (!id)
        throw new AppError('E_NOT_FOUND', 'No responsible cadre is linked to your account', {
          entity: 'cadre',
        });
      return page(user, String(id));
    },
  };
}
export type MyHouseholdsService = ReturnType<typeof createMyHouseholdsService>;
