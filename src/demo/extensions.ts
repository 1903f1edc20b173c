import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import type { DemoContext, DemoExtension } from './context.js';
import { DEMO_EXTENSIONS } from './registry.js';

/** The runner of the demo extensions (seeders): see context.ts for the contract, registry.ts for the list. */

const markerKey = (county: string, name: string) => `demo-ext:${county}:${name}`;

/** Run every extension whose marker is missing or names another version. */
export async function runDemoExtensions(
  ctx: DemoContext,
  extensions: readonly DemoExtension[] = DEMO_EXTENSIONS,
): Promise<string[]> {
  const ran: string[] = [];
  for (const ext of extensions) {
    const key = markerKey(ctx.countyCode, ext.name);
    const row = await ctx.db.selectFrom('app_meta').select('value').where('key', '=', key).executeTakeFirst();
    const version = (row?.value as { version?: number } | undefined)?.version;
    if (version === ext.version) continue;
    const t0 = performance.now();
    await ext.clear(ctx);
    await ext.seed(ctx);
    await ctx.db
      .insertInto('app_meta')
      .values({ key, value: JSON.stringify({ version: ext.version }) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
      .execute();
    ctx.log(`demo: ${ext.name} (v${ext.version}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    ran.push(ext.name);
  }
  return ran;
}

/** Forget every extension marker of a county (its households were deleted or regenerated). */
export async function forgetDemoExtensions(db: Kysely<DB>, countyCode: string): Promise<void> {
  await db
    .deleteFrom('app_meta')
    .where('key', 'like', `${markerKey(countyCode, '')}%`)
    .execute();
}
