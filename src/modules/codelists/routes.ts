import { z } from 'zod';
import { CODE_LISTS } from '../../domain/code-lists.js';
import type { ZodApp } from '../../kernel/http.js';

const Entry = z.object({ code: z.string(), zh: z.string(), en: z.string() });

export function codeListRoutes(app: ZodApp) {
  app.get('/api/code-lists', {
    schema: {
      tags: ['code lists'],
      summary: 'Every code list (enumeration) with Chinese and English labels',
      response: { 200: z.record(z.string(), z.array(Entry)) },
    },
    handler: async () =>
      Object.fromEntries(
        Object.entries(CODE_LISTS).map(([k, v]) => [k, v.map((e) => ({ code: e.code, zh: e.zh, en: e.en }))]),
      ),
  });
}
