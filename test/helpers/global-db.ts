import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensurePostgresOsUser, startEmbedded, type EmbeddedServer } from '../../src/db/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/**
 * One PostgreSQL per test project: the embedded server (a throw-away cluster) or the external
 * server of DATABASE_URL. Test files create their own databases on it (test/helpers/db.ts).
 */
export default async function setup(project: TestProject) {
  const engine = project.config.env?.JZ_TEST_ENGINE ?? 'embedded';
  if (engine === 'external') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('external tier needs DATABASE_URL');
    project.provide('pgAdminUrl', url);
    return;
  }
  ensurePostgresOsUser(); // once, here, not from parallel workers
  // Not a 0700 mkdtemp folder: the postgres OS user must reach the cluster when running as root.
  const dir = path.join(os.tmpdir(), `jz-test-${process.pid}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  const server: EmbeddedServer = await startEmbedded({ dataDir: dir, ephemeral: true });
  project.provide('pgAdminUrl', server.url);
  return async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
