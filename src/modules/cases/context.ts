import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { caseDefinitions, type CaseDefinition, type CaseKind } from '../../domain/cases/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { PolicyService } from '../policy/service.js';

export interface CaseDeps {
  db: Kysely<DB>;
  policy: PolicyService;
  clock: Clock;
}

/** What the parts of the case service share: the database, the clock and the procedures. */
export interface CaseContext {
  db: Kysely<DB>;
  clock: Clock;
  /** The procedure of a kind of case under the parameters of a region on a day. */
  definitionFor(kind: CaseKind, regionCode: string, today: string): Promise<CaseDefinition>;
}

export const caseContext = ({ db, policy, clock }: CaseDeps): CaseContext => ({
  db,
  clock,
  definitionFor: async (kind, regionCode, today) =>
    caseDefinitions(await policy.paramsFor(regionCode, today))[kind],
});
