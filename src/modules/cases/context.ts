import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import { caseDefinitions, type CaseDefinition, type CaseKind } from '../../domain/cases/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { PolicyService } from '../policy/service.js';
import type { AuthUser } from '../../kernel/user.js';
import type { EligibilityCheck } from './guidance.js';
import type { CasePayload } from './input.js';

/**
 * What another capability does, in the same transaction, when a case reaches a final state (the
 * safety net: an approved dibao or 特困 case enters the roll). Wired by the composition root.
 */
export type DecisionHook = (
  trx: Kysely<DB>,
  user: AuthUser,
  c: { id: string; kind: CaseKind; householdId: string; villageCode: string },
  step: { action: string; to: string; payload: CasePayload; now: Date },
) => Promise<void>;

export interface CaseDeps {
  db: Kysely<DB>;
  policy: PolicyService;
  clock: Clock;
  onDecided?: DecisionHook | undefined;
  /** The rules' reading of a household (guidance.ts): an ineligible opening asks for a confirmation. */
  eligibility?: EligibilityCheck | undefined;
}

/** What the parts of the case service share: the database, the clock and the procedures. */
export interface CaseContext {
  db: Kysely<DB>;
  clock: Clock;
  /** The procedure of a kind of case under the parameters of a region on a day. */
  definitionFor(kind: CaseKind, regionCode: string, today: string): Promise<CaseDefinition>;
  /** The policy parameters of a region on a day (the exit decision's passive-exit flag reads the line). */
  paramsFor(regionCode: string, date: string): Promise<PolicyParams>;
  onDecided: DecisionHook | undefined;
  eligibility: EligibilityCheck | undefined;
}

export const caseContext = ({ db, policy, clock, onDecided, eligibility }: CaseDeps): CaseContext => ({
  db,
  clock,
  onDecided,
  eligibility,
  definitionFor: async (kind, regionCode, today) =>
    caseDefinitions(await policy.paramsFor(regionCode, today))[kind],
  paramsFor: (regionCode, date) => policy.paramsFor(regionCode, date),
});
