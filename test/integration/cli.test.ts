import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { seedRegions, T } from '../helpers/factory.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
});
afterAll(async () => tdb?.drop());

function run(args: string[]): Promise<{ code: number | null; out: string }> {
  const p = spawn(process.execPath, [path.join(ROOT, 'bin/jingzhun.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: tdb.url, PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => p.on('exit', (code) => resolve({ code, out })));
}

describe('jingzhun CLI', () => {
  it('refuses to serve without an admin outside demo mode', async () => {
    const r = await run(['serve']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('no admin account');
  });

  it('adds users with validated role and scope, audited', async () => {
    const bad = await run([
      'user',
      'add',
      '--username',
      'x1',
      '--role',
      'mayor',
      '--scope',
      T.county,
      '--password',
      'long-enough-1',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('role must be one of');
    const outside = await run([
      'user',
      'add',
      '--username',
      'x2',
      '--role',
      'county_officer',
      '--scope',
      '',
      '--password',
      'long-enough-1',
    ]);
    expect(outside.code).toBe(1);
    const ok = await run([
      'user',
      'add',
      '--username',
      'hy',
      '--role',
      'county_officer',
      '--scope',
      T.county,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/password: \S{8,}/);
    const ev = await tdb.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'user.create')
      .execute();
    expect(ev.map((e) => e.after)).toContainEqual({
      username: 'hy',
      role: 'county_officer',
      scope: T.county,
    });
  });

  it('verifies the audit chain and reports the first altered event', async () => {
    expect((await run(['audit', 'verify'])).code).toBe(0);
    const first = await tdb.db
      .selectFrom('audit_event')
      .select('id')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`update audit_event set actor_name = 'someone else' where id = ${first.id}`.execute(tdb.db);
    const r = await run(['audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`BROKEN at event ${first.id}`);
  });

  it('exits 2 on bad arguments', async () => {
    expect((await run(['demo', '--county', '12'])).code).toBe(2);
    expect((await run(['no-such-command'])).code).toBe(2);
  });
});
