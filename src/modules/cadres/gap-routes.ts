import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id, Page, PageSize, RegionCode, Year } from '../../kernel/schema.js';
import { NoCadrePage, NoTeamPage, OverduePage, RegionPage, ResponsibilitySummary } from './schema.js';
import type { CadreService } from './service.js';

const tags = ['responsibility'];

/** The responsibility summary and the gap lists of a region ('' or absent: the user's scope). */
export function gapRoutes(app: ZodApp, svc: CadreService) {
  app.get('/api/responsibility/summary', {
    schema: {
      tags,
      summary:
        "The dashboard's responsibility figures: cadre gaps, overdue visits, villages without team, plan fit; `year`: a past year as of its last day (statuses of that year, cadres, visits and teams by then), else as of today",
      querystring: z.object({ region: RegionCode.default(''), year: Year.optional() }),
      response: { 200: ResponsibilitySummary, ...errorResponses },
    },
    handler: (req) => svc.summary(currentUser(req), req.query.region, req.query.year),
  });

  app.get('/api/responsibility/gaps/no-cadre', {
    schema: {
      tags,
      summary: 'Gap list: poor, returned and monitored households without a current responsible cadre',
      querystring: RegionPage,
      response: { 200: NoCadrePage, ...errorResponses },
    },
    handler: (req) => svc.withoutCadre(currentUser(req), req.query),
  });

  app.get('/api/responsibility/gaps/overdue-visits', {
    schema: {
      tags,
      summary: 'Gap list: households whose next visit under the visit plan is overdue (or never visited)',
      querystring: z.object({
        region: RegionCode.default(''),
        cadreId: Id.optional(),
        page: Page,
        pageSize: PageSize(200, 20),
      }),
      response: { 200: OverduePage, ...errorResponses },
    },
    handler: (req) => svc.overdueVisits(currentUser(req), req.query),
  });

  app.get('/api/responsibility/gaps/no-team', {
    schema: {
      tags,
      summary: 'Gap list: poor villages without a current work team',
      querystring: RegionPage,
      response: { 200: NoTeamPage, ...errorResponses },
    },
    handler: (req) => svc.villagesWithoutTeam(currentUser(req), req.query),
  });
}
