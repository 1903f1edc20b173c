import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { permissionsOf } from '../../domain/roles.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import type { WarningWeights } from '../../domain/warnings/weights.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import type { CaseService } from '../cases/service.js';
import { warningRepository } from './repository.js';

export interface WarningDeps {
  db: Kysely<DB>;
  cases: CaseService;
  paramsFor: (region: string, date: string) => Promise<PolicyParams>;
  clock: Clock;
  /** Fixed weights for every region; absent: each household's regional setting (src/modules/settings). */
  weights?: WarningWeights;
}

/** What every part of the warning service shares: its dependencies and two checks. */
export function warningContext(deps: WarningDeps) {
  const { db } = deps;
  return {
    ...deps,

    mayEdit(u: AuthUser) {
      if (!permissionsOf(u.role).editHouseholds)
        throw new AppError('E_FORBIDDEN', 'Your role may not record warnings');
    },

    async householdInScope(user: AuthUser, id: string, d: Kysely<DB> = db) {
      const h = await warningRepository.household(d, id);
      if (!h) throw notFound('household', id);
      assertObjectInScope(user, h.village_code, 'household', id);
      return h;
    },
  };
}
export type WarningContext = ReturnType<typeof warningContext>;
