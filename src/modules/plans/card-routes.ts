import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id, RegionCode } from '../../kernel/schema.js';
import type { CardService } from './card.js';
import { Cards, Year } from './schema.js';

const tags = ['plans'];

/** The household card 明白卡, for one household or a village's households (printed in a batch). */
export function cardRoutes(app: ZodApp, cards: CardService, defaultYear: () => number) {
  app.get('/api/households/:id/card', {
    schema: {
      tags,
      summary: 'The household card 明白卡 of a year (members masked) with the audit head hash',
      params: z.object({ id: Id }),
      querystring: z.object({ year: Year.optional() }),
      response: { 200: Cards, ...errorResponses },
    },
    handler: (req) => cards.household(currentUser(req), req.params.id, req.query.year ?? defaultYear()),
  });

  app.get('/api/villages/:code/cards', {
    schema: {
      tags,
      summary: 'Cards of every registered and monitored household of a village, for printing in a batch',
      params: z.object({ code: RegionCode }),
      querystring: z.object({ year: Year.optional() }),
      response: { 200: Cards, ...errorResponses },
    },
    handler: (req) => cards.village(currentUser(req), req.params.code, req.query.year ?? defaultYear()),
  });
}
