/**
 * The OpenAPI document of the app as it is registered (the one `/api/docs/json` serves), built without a
 * database: the Kysely instance refuses every connection, so a route registration that queried while
 * building would fail here loudly (none does; measures warm-up only runs on listen, schedules only on
 * their timers). Used by scripts/gen-api-types.ts and scripts/lint-openapi.ts.
 */
import { Kysely, PostgresDialect } from 'kysely';
import type { OpenAPI3 } from 'openapi-typescript';
import type { DB } from '../src/db/types.js';
import { buildApp } from '../src/server/app.js';

export async function openApiDocument(): Promise<OpenAPI3> {
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: async () => {
        throw new Error('building the OpenAPI document must not query the database');
      },
    }),
  });
  const app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1, logLevel: 'silent' });
  try {
    await app.ready();
    return app.swagger() as unknown as OpenAPI3;
  } finally {
    await app.close();
    await db.destroy();
  }
}
