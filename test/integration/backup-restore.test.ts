import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditVerify, tableCounts } from '../../src/cli/backup.js';

/**
 * Backup and restore (issue 15, item 7; docs/operations.md): the demo at a small scale is backed up
 * (a cold copy of its data folder), restored into a fresh folder, `jingzhun audit verify` passes there
 * and every table has the rows it had.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const embeddedOnly = process.env.JZ_TEST_ENGINE === 'embedded';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jz-backup-test-'));
fs.chmodSync(work, 0o755);
const dir = path.join(work, 'data');
const fresh = path.join(work, 'restored');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe.runIf(embeddedOnly)('backup and restore of a data folder', () => {
  it('restores the demo into a fresh folder: audit verify passes there as on the original, every count equal', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, JZ_DATA_DIR: dir, LOG_LEVEL: 'warn', HOME: work };
    delete env.DATABASE_URL;
    const demo = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/jingzhun.js'), 'demo', '--scale', '0.005'],
      {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      },
    );
    expect(demo.status, demo.stderr).toBe(0);
    const file = path.join(work, 'backup.tar.gz');
    // the product's commands: `jingzhun backup <file>`, `jingzhun restore <file> --data <dir>`
    const jz = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin/jingzhun.js'), ...args], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      });
    const b = jz('backup', file);
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/backed up pg, pg-password/);
    const r = jz('restore', file, '--data', fresh);
    expect(r.status, r.stderr).toBe(0);
    expect(jz('restore', file, '--data', fresh).status).toBe(2); // not into a folder in use
    // the restored folder verifies exactly as the original does (the same chain, key and checkpoint)
    const [original, restored] = [auditVerify(dir), auditVerify(fresh)];
    expect(restored.out.replaceAll(fresh, '<dir>')).toBe(original.out.replaceAll(dir, '<dir>'));
    expect(restored.code, restored.out).toBe(original.code);
    expect(original.code, original.out).toBe(0); // the demo's own seeding is named in the chain
    expect(restored.out).toMatch(/audit chain intact/);
    expect(restored.out).toMatch(/keyed: yes/);
    const [before, after] = [await tableCounts(dir), await tableCounts(fresh)];
    expect(after).toEqual(before);
    expect(before.household).toBeGreaterThan(0);
    expect(before.audit_event).toBeGreaterThan(0);
  });
});
