import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { createNeedService } from './need-service.js';
import { createOrderService } from './order-service.js';
import { createOrganisationService } from './organisation-service.js';
import { createPledgeService } from './pledge-service.js';
import { createProductService } from './product-service.js';
import { createParticipationStatsService } from './stats-service.js';

/**
 * Social participation (社会帮扶): organisations register and are reviewed, needs are published on an
 * anonymised board, pledged, delivered and confirmed; products of poor households are ordered and
 * their income allocated. One service per use case; this is the module's public face.
 */
export { confirmDelivery, type ConfirmInput } from './pledge-service.js';

export function createParticipationService(db: Kysely<DB>, clock: Clock) {
  return {
    organisations: createOrganisationService(db, clock),
    needs: createNeedService(db),
    pledges: createPledgeService(db, clock),
    stats: createParticipationStatsService(db),
    products: createProductService(db),
    orders: createOrderService(db, clock),
  };
}
export type ParticipationService = ReturnType<typeof createParticipationService>;
