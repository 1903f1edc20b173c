import { ErrorBody, errorResponses, currentUser, type ZodApp } from '../../kernel/http.js';
import { portalHouseholdRoutes } from './household-routes.js';
import { z } from 'zod';
import { Id } from '../../kernel/schema.js';
import { AccessStatus, IssueCodesBody, IssuedCodes } from './schema.js';
import type { PortalService } from './service.js';
import { householdOf, portalSessionRoutes } from './session-routes.js';

export { PORTAL_COOKIE } from './session-routes.js';

const errors = { ...errorResponses, 409: ErrorBody, 429: ErrorBody };

/** Staff: issue portal access codes (shown once). Household: everything under /api/portal. */
export function portalRoutes(
  app: ZodApp,
  portal: PortalService,
  opts: { loginPerMinute: number; secureCookie: boolean },
) {
  app.post('/api/portal-codes', {
    schema: {
      tags: ['portal'],
      summary:
        'Issue fresh portal access codes for households (or every card household of a village); the codes are returned once, for the card; earlier codes and sessions end',
      body: IssueCodesBody,
      response: { 200: IssuedCodes, ...errors },
    },
    handler: async (req) => {
      const b = req.body;
      const codes =
        'householdIds' in b
          ? await portal.codes.issueCodes(currentUser(req), b.householdIds)
          : await portal.codes.issueCodesForVillage(currentUser(req), b.villageCode);
      return { codes };
    },
  });

  app.get('/api/portal-codes/:householdId', {
    schema: {
      tags: ['portal'],
      summary:
        "A household's portal access for its cadre: when the code was issued, the wrong sign-ins since, any wait now",
      params: z.object({ householdId: Id }),
      response: { 200: AccessStatus, ...errors },
    },
    handler: (req) => portal.codes.status(currentUser(req), req.params.householdId),
  });

  portalSessionRoutes(app, portal.sessions, opts);
  portalHouseholdRoutes(app, portal, householdOf(portal.sessions));
}
