/**
 * Lints the server's OpenAPI document (the one `/api/docs/json` serves) with Redocly CLI and the rules
 * of redocly.yaml (the `recommended` ruleset): fails on any error, prints warnings. Part of `npm run lint`.
 *
 *   npm run lint:openapi
 *
 * The document is built without a database (scripts/openapi-document.ts) and written to a temporary file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from './openapi-document.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REDOCLY = path.join(ROOT, 'node_modules/.bin/redocly');

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingzhun-openapi-'));
  const file = path.join(dir, 'openapi.json');
  try {
    fs.writeFileSync(file, JSON.stringify(await openApiDocument(), null, 2));
    const run = spawnSync(REDOCLY, ['lint', file, '--config', path.join(ROOT, 'redocly.yaml')], {
      cwd: ROOT,
      stdio: 'inherit',
      // no usage data sent, no update check: the lint runs offline, the same on every machine
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    if (run.error) throw run.error;
    process.exitCode = run.status ?? 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
