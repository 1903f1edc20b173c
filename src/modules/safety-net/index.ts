import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import type { Clock } from '../../kernel/clock.js';
import type { FactsLoader } from '../facts/loader.js';
import { createMeansTest } from './means.js';
import { createSafetyNetParams } from './params-service.js';
import { createPaymentService } from './payment-service.js';
import { createRollService } from './roll-service.js';
import { createRollStart } from './roll-start.js';
import { createSectoralService } from './sectoral-service.js';
import { createTemporaryService } from './temporary-service.js';

/**
 * The safety net (docs/safety-net.md): rolls, reviews, temporary and sectoral assistance, payments;
 * `onCaseDecided` is what the cases module calls when a dibao or 特困 case is decided.
 */
export function createSafetyNetServices(deps: {
  db: Kysely<DB>;
  clock: Clock;
  facts: FactsLoader;
  paramsFor: (region: string, date: string) => Promise<PolicyParams>;
}) {
  const { db, clock } = deps;
  const params = createSafetyNetParams(db, deps.paramsFor);
  const meansTest = createMeansTest({ db, facts: deps.facts, paramsFor: params });
  return {
    onCaseDecided: createRollStart(meansTest),
    rolls: createRollService({ db, clock, meansTest }),
    temporary: createTemporaryService({ db, clock, paramsFor: params }),
    sectoral: createSectoralService({ db, clock, paramsFor: deps.paramsFor }),
    payments: createPaymentService({ db, clock }),
    params,
  };
}
export type SafetyNetServices = ReturnType<typeof createSafetyNetServices>;
export { sectoralRigidSpending } from './sectoral-service.js';
export { supportersOf } from './supporters.js';
export { paymentMismatches, type PaymentMismatch } from './payment-check.js';
