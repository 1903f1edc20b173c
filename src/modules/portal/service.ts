import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import type { CardService } from '../plans/card.js';
import type { RulesService } from '../rules/service.js';
import { createAccessCodeService } from './access-code-service.js';
import { createPortalActionService } from './action-service.js';
import { portalDecisions } from './decisions.js';
import type { PortalHousehold } from './household.js';
import { createPortalSessionService } from './session-service.js';
import { createPortalViewService } from './view-service.js';

/**
 * The household portal: a household signs in with its household number and an access code (issued
 * by its cadre or township, stored only as a hash, printed on its card); a separate, short session
 * that reaches only /api/portal/*. Everything a household reads or does is its own household's.
 * One service per use case; this file is the module's public face.
 */
export { hashAccessCode, type IssuedCode } from './access-code-service.js';
export type { PortalHousehold } from './household.js';
export { PORTAL_SESSION_MINUTES } from './session-service.js';

export function createPortalService(
  db: Kysely<DB>,
  deps: { cards: CardService; clock: Clock; rules: RulesService },
) {
  return {
    codes: createAccessCodeService(db, deps.clock),
    sessions: createPortalSessionService(db, deps.clock),
    views: createPortalViewService(db, deps),
    actions: createPortalActionService(db, deps.clock),
    /** The household's own policy assessments and their reasons, in plain words. */
    decisions: (h: PortalHousehold) => portalDecisions(deps.rules, h),
  };
}
export type PortalService = ReturnType<typeof createPortalService>;
