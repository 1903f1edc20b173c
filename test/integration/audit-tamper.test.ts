import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { chainHash } from '../../src/domain/audit-chain.js';
import { flushCheckpoint } from '../../src/modules/audit/checkpoint.js';
import { configureAudit } from '../../src/modules/audit/keys.js';
import { createAuditService, recordAudit, SYSTEM_ACTOR } from '../../src/modules/audit/service.js';
import { verifyLines } from '../../src/cli/audit-verify.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, seedRegions, T } from '../helpers/factory.js';

/**
 * Tampering by an insider who can write the database (as its superuser) but holds neither the audit
 * key nor the checkpoint file: each kind is caught by `audit verify`, told precisely, exit code 1.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jz-tamper-'));
const key = Buffer.from('k'.repeat(40));
let tdb: TestDatabase | undefined;
let checkpointPath: string;

beforeEach(async () => {
  await tdb?.drop();
  tdb = await createTestDatabase();
  checkpointPath = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  configureAudit({ key, checkpointPath });
  await seedRegions(tdb.db);
  for (let i = 1; i <= 4; i++)
    await tdb.db.transaction().execute((trx) =>
      recordAudit(trx, SYSTEM_ACTOR, {
        action: 'household.update',
        entityType: 'household',
        entityId: String(i),
        regionCode: T.villageA1,
        reason: `event ${i}`,
      }),
    );
  await flushCheckpoint(tdb.db, checkpointPath, new Date());
});

afterAll(async () => {
  await tdb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const verify = async () => {
  const r = await createAuditService(tdb!.db).verify();
  return { r, ...verifyLines(r), text: verifyLines(r).lines.join('\n') };
};
const events = () =>
  tdb!.db.selectFrom('audit_event').selectAll().where('segment', '=', T.county).orderBy('seq').execute();

describe('audit verify against an insider', () => {
  it('an intact keyed, checkpointed chain verifies', async () => {
    const v = await verify();
    expect(v.text).toContain('audit chain intact');
    expect(v.r.keyed).toBe(true);
    expect(v.r.checkpoint.state).toBe('compared');
    expect(v.code).toBe(0);
  });

  it('an edited event: HMAC mismatch at its id', async () => {
    const e = (await events())[1]!;
    await sql`update audit_event set reason = 'edited' where id = ${e.id}`.execute(tdb!.db);
    const v = await verify();
    expect(v.code).toBe(1);
    expect(v.r.broken).toMatchObject({
      id: e.id,
      problem: expect.stringContaining('does not match its HMAC'),
    });
  });

  it('an edit re-hashed with the keyless function (head row rewritten to match): caught', async () => {
    const all = await events();
    const e = all.at(-1)!;
    const content = {
      at: new Date(e.at).toISOString(),
      actorId: e.actor_id,
      actorName: e.actor_name,
      action: e.action,
      entityType: e.entity_type,
      entityId: e.entity_id,
      regionCode: e.region_code,
      before: e.before,
      after: e.after,
      reason: 'rewritten',
      segment: e.segment,
      seq: Number(e.seq),
    };
    const hash = chainHash(e.prev_hash, content);
    await sql`update audit_event set reason = 'rewritten', hash = ${hash} where id = ${e.id}`.execute(
      tdb!.db,
    );
    await sql`update audit_segment set head_hash = ${hash} where segment = ${T.county}`.execute(tdb!.db);
    const v = await verify();
    expect(v.code).toBe(1);
    expect(v.r.broken).toMatchObject({
      id: e.id,
      problem: expect.stringContaining('re-hashed without the audit key'),
    });
  });

  it('a truncated tail (head row rewritten to match): caught by the checkpoint', async () => {
    const all = await events();
    const [prev, last] = [all.at(-2)!, all.at(-1)!];
    await sql`delete from audit_event where id = ${last.id}`.execute(tdb!.db);
    await sql`update audit_segment set head_hash = ${prev.hash}, events = events - 1 where segment = ${T.county}`.execute(
      tdb!.db,
    );
    const v = await verify();
    expect(v.code).toBe(1);
    expect(v.r.broken?.segment).toBe(T.county);
    expect(v.r.broken?.problem).toContain(
      `truncated: the checkpoint records 4 events ending at event 4 (id ${last.id})`,
    );
    expect(v.r.broken?.problem).toContain(`last id ${prev.id}`);
    // the checkpoint writer never moves back to the truncated chain
    expect(await flushCheckpoint(tdb!.db, checkpointPath, new Date())).toEqual([T.county]);
    expect((await verify()).code).toBe(1);
  });

  it('a deleted middle event: a sequence gap at the next event', async () => {
    const all = await events();
    await sql`delete from audit_event where id = ${all[1]!.id}`.execute(tdb!.db);
    const v = await verify();
    expect(v.code).toBe(1);
    expect(v.r.broken).toMatchObject({ id: all[2]!.id, problem: expect.stringContaining('sequence gap') });
  });

  it('a direct SQL edit of the registry: a change without an audit event, with table, operation, rows and txid', async () => {
    const h = await createHousehold(tdb!.db, { village: T.villageA1 });
    const before = (await verify()).r.unaudited.rows.map((c) => c.id);
    const tx = await sql<{ txid: string }>`
      with u as (update member set name = 'edited' where household_id = ${h.id} returning 1)
      select txid_current()::text as txid`.execute(tdb!.db);
    const v = await verify();
    expect(v.code).toBe(1);
    const added = v.r.unaudited.rows.filter((c) => !before.includes(c.id));
    expect(added).toEqual([
      expect.objectContaining({ tbl: 'member', op: 'update', txid: tx.rows[0]!.txid, regions: [T.county] }),
    ]);
    expect(v.text).toContain(`CHANGED OUTSIDE THE APPLICATION: update of ${added[0]!.rows} row(s) in member`);
  });

  it('a registry write audited in its own transaction is not reported', async () => {
    const before = (await verify()).r.unaudited.total;
    await tdb!.db.transaction().execute(async (trx) => {
      await sql`update household set address = 'audited' where village_code = ${T.villageA1}`.execute(trx);
      await recordAudit(trx, SYSTEM_ACTOR, {
        action: 'household.update',
        entityType: 'household',
        regionCode: T.villageA1,
      });
    });
    expect((await verify()).r.unaudited.total).toBe(before);
  });
});
