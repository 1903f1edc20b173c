import fs from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Three test tiers (STYLE.md §12):
 * - unit: pure code beside it in src/ (always);
 * - integration: the real app over HTTP on a migrated database — the embedded PostgreSQL 17 always,
 *   and again on the external server when DATABASE_URL is set;
 * - browser: playwright-core driving the system Chromium (/usr/bin/chromium or CHROMIUM_PATH).
 * With CI=true no tier may be skipped: a missing DATABASE_URL or Chromium fails the run.
 */
const ci = process.env.CI === 'true' || process.env.CI === '1';
const externalUrl = process.env.DATABASE_URL;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = fs.existsSync(chromium);

if (ci && !externalUrl) throw new Error('CI=true: DATABASE_URL must point to the PostgreSQL server tier');
if (ci && !hasChromium) throw new Error(`CI=true: Chromium not found at ${chromium} (browser tier)`);
if (!externalUrl) console.warn('[tiers] DATABASE_URL not set: the external PostgreSQL tier is skipped');
if (!hasChromium) console.warn(`[tiers] ${chromium} missing: the browser tier is skipped`);

const integration = (name: string, engine: 'embedded' | 'external') => ({
  extends: true as const,
  test: {
    name,
    include: ['test/integration/**/*.test.ts'],
    globalSetup: ['test/helpers/global-db.ts'],
    env: { JZ_TEST_ENGINE: engine },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      integration('integration-embedded', 'embedded'),
      ...(externalUrl ? [integration('integration-pg-server', 'external')] : []),
      ...(hasChromium
        ? [
            {
              extends: true as const,
              test: {
                name: 'browser',
                include: ['test/browser/**/*.test.ts'],
                globalSetup: ['test/helpers/global-db.ts', 'test/helpers/global-web.ts'],
                setupFiles: ['test/helpers/browser-setup.ts'],
                env: { JZ_TEST_ENGINE: 'embedded', CHROMIUM_PATH: chromium },
                testTimeout: 90_000,
                hookTimeout: 180_000,
                fileParallelism: false,
                // after the unit and integration tiers, not beside them: on two cores their load
                // stretched UI waits past their timeouts
                sequence: { groupOrder: 1 },
              },
            },
          ]
        : []),
    ],
  },
});
