import type { Kysely } from 'kysely';
import type { DB, Household } from '../../db/types.js';
import { PLANNED_STATUSES } from '../../domain/plans/catalogue.js';
import { catalogueMap } from '../../domain/plans/fit.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope, assertObjectInScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { chainHeadHash } from '../audit/service.js';
import { currentCadres } from '../cadres/service.js';
import type { RegionService } from '../regions/service.js';
import { cardRepository } from './card-repository.js';
import { cardOf } from './card-view.js';
import { measureDto } from './plan-view.js';
import { catalogueEntry, plansRepository as repo } from './repository.js';
import type { Clock } from '../../kernel/clock.js';
import { viewerOf } from '../../domain/visibility.js';

/**
 * The household card 明白卡: one A4 page per household with its members (masked), causes, the
 * measures of the year's plan, the responsible cadre and phone, and the policies it enjoys — for one
 * household or every registered and monitored household of a village (printed in a batch). The
 * response carries the audit chain's head hash read before the data, so a printed card can be tied
 * to the state of the registry it shows.
 */
export function createCardService(db: Kysely<DB>, regions: RegionService, clock: Clock) {
  async function cards(user: AuthUser, households: Household[], year: number) {
    const today = clock.today();
    const ids = households.map((h) => h.id);
    const [members, plans, cadres, eco, catRows] = await Promise.all([
      repo.members(db, ids),
      repo.plansOf(db, ids, year),
      currentCadres(db, ids),
      cardRepository.ecoCompensation(db, ids, year),
      repo.catalogue(db),
    ]);
    const catalogue = catalogueMap(catRows.map(catalogueEntry));
    const measures = await repo.measures(
      db,
      plans.map((p) => p.id),
    );
    const planOf = new Map(plans.map((p) => [p.household_id, p]));
    return households.map((h) => {
      const plan = planOf.get(h.id);
      return cardOf(h, {
        members: members.filter((m) => m.household_id === h.id),
        plan,
        measures: plan
          ? measures.filter((m) => m.plan_id === plan.id).map((m) => measureDto(m, catalogue, today))
          : [],
        cadre: cadres.get(h.id),
        ecoCompensation: eco.get(h.id) ?? 0,
        catalogue,
        viewer: viewerOf(user.role, false, today),
      });
    });
  }

  async function frame(user: AuthUser, villageCode: string, year: number) {
    // the head hash first: the cards show the registry at this state or later, never earlier
    const headHash = await chainHeadHash(db);
    const path = await regions.path(user, villageCode);
    return {
      year,
      village: {
        code: villageCode,
        name: path.at(-1)?.name ?? villageCode,
        path: path.map((r) => r.name).join(' '),
      },
      generatedAt: clock.now().toISOString(),
      generatedBy: user.displayName,
      headHash,
    };
  }

  return {
    async household(user: AuthUser, householdId: string, year: number) {
      const h = await repo.household(db, householdId);
      if (!h) throw notFound('household', householdId);
      assertObjectInScope(user, h.village_code, 'household', householdId);
      const f = await frame(user, h.village_code, year);
      return { ...f, cards: await cards(user, [h], year) };
    },

    async village(user: AuthUser, villageCode: string, year: number) {
      assertInScope(user, villageCode);
      if (villageCode.length !== 12)
        throw new AppError('E_VALIDATION', `Invalid params.code: cards are printed per village (12 digits)`);
      const f = await frame(user, villageCode, year);
      const hs = await cardRepository.cardHouseholds(db, villageCode);
      return { ...f, statuses: [...PLANNED_STATUSES], cards: await cards(user, hs, year) };
    },
  };
}
export type CardService = ReturnType<typeof createCardService>;
