import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import {
  HouseholdNextResponse,
  HouseholdParams,
  InboxCountsResponse,
  InboxResponse,
  NextQuery,
  NextResponse,
} from './schema.js';
import type { InboxService } from './service.js';

export function inboxRoutes(app: ZodApp, inbox: InboxService) {
  app.get('/api/inbox', {
    schema: {
      tags: ['inbox'],
      summary:
        "The signed-in user's to-do items (待办), computed from the registry: due date, working days left, link",
      response: { 200: InboxResponse, ...errorResponses },
    },
    handler: (req) => inbox.inbox(currentUser(req)),
  });

  app.get('/api/inbox/counts', {
    schema: {
      tags: ['inbox'],
      summary: 'The header badge: how many to-do items the signed-in user has, how many urgent or overdue',
      response: { 200: InboxCountsResponse, ...errorResponses },
    },
    handler: (req) => inbox.counts(currentUser(req)),
  });

  app.get('/api/inbox/next', {
    schema: {
      tags: ['inbox'],
      summary: 'What to do next for each of a list of households (one outside the scope answers 404)',
      querystring: NextQuery,
      response: { 200: NextResponse, ...errorResponses },
    },
    handler: async (req) => ({
      households: await inbox.forHouseholds(currentUser(req), req.query.households.split(',')),
    }),
  });

  app.get('/api/households/:id/next', {
    schema: {
      tags: ['inbox'],
      summary: 'What to do next for one household: an ordered list, each step a link to where it is done',
      params: HouseholdParams,
      response: { 200: HouseholdNextResponse, ...errorResponses },
    },
    handler: async (req) => ({ steps: await inbox.forHousehold(currentUser(req), req.params.id) }),
  });
}
