import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import type { AuthUser } from '../../kernel/user.js';
import { grievancesOfHousehold } from '../grievances/service.js';
import type { CardService } from '../plans/card.js';
import type { PortalHousehold } from './household.js';
import { householdRepository as repo } from './household-repository.js';

/** This year in China (the portal's plan and rating years). */
export const thisYear = (clock: Clock) => Number(clock.today().slice(0, 4));

/** What a signed-in household reads: its own record, needs and grievances. */
export function createPortalViewService(db: Kysely<DB>, deps: { cards: CardService; clock: Clock }) {
  const { cards, clock } = deps;
  return {
    /** The household's own record: the household card's content (members masked), plan, ratings. */
    async me(h: PortalHousehold) {
      const year = (await repo.latestPlanYear(db, h.id, thisYear(clock))) ?? thisYear(clock);
      // the card service reads as a user: a read-only view scoped to the household's own village
      const reader: AuthUser = {
        id: '0',
        username: `household:${h.householdNo}`,
        displayName: h.householdNo,
        role: 'village_cadre',
        scopeCode: h.villageCode,
      };
      const card = await cards.household(reader, h.id, year);
      const [measures, ratings] = await Promise.all([
        repo.planMeasures(db, h.id, year),
        repo.ratings(db, h.id),
      ]);
      return {
        year,
        village: card.village,
        card: card.cards[0]!,
        measures: measures.map((m) => ({ id: m.id, nameZh: m.name_zh, nameEn: m.name_en, status: m.status })),
        ratings: ratings.map((r) => ({
          year: r.year,
          measureId: r.measure_id,
          rating: r.rating,
          comment: r.comment,
          ratedAt: r.rated_at.toISOString(),
        })),
      };
    },

    async needs(h: PortalHousehold) {
      const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
      return (await repo.needs(db, h.id)).map((n) => ({
        id: n.id,
        kind: n.kind,
        title: n.title,
        description: n.description,
        amount: Number(n.amount),
        status: n.status,
        organisation: n.organisation_name,
        deliveryNote: n.delivery_note,
        publishedAt: new Date(n.published_at).toISOString(),
        deliveredAt: iso(n.delivered_at),
        confirmedAt: iso(n.confirmed_at),
        rating: n.confirm_rating,
      }));
    },

    grievances: (h: PortalHousehold) => grievancesOfHousehold(db, h.id, clock.now()),
  };
}
export type PortalViewService = ReturnType<typeof createPortalViewService>;
