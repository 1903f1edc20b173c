import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { BoardQuery, BoardResponse, DrillQuery, DrillResponse } from './schema.js';
import type { LinkageBoardService } from './service.js';

export function linkageBoardRoutes(app: ZodApp, board: LinkageBoardService) {
  app.get('/api/linkage-board', {
    schema: {
      tags: ['safety-net'],
      summary:
        'Linkage board (保障与开发衔接) of a region: gaps between the safety net and development assistance, by child region, and the dibao standard against the lines',
      querystring: BoardQuery,
      response: { 200: BoardResponse, ...errorResponses },
    },
    handler: (req) => board.board(currentUser(req), req.query),
  });

  app.get('/api/linkage-board/households', {
    schema: {
      tags: ['safety-net'],
      summary: 'The households behind one count of the linkage board (drill-down), a page at a time',
      querystring: DrillQuery,
      response: { 200: DrillResponse, ...errorResponses },
    },
    handler: (req) => board.households(currentUser(req), req.query),
  });
}
