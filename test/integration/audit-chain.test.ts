import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/types.js';
import { chainHash, GENESIS_HASH, headsDigest, LEGACY_SEGMENT } from '../../src/domain/audit-chain.js';
import {
  createAuditService,
  recordAudit,
  SYSTEM_ACTOR,
  type AuditInput,
} from '../../src/modules/audit/service.js';
import { importFile } from '../../src/modules/import/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { login, testApp } from '../helpers/app.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { person, writeCsv } from '../helpers/import-files.js';

/** A second county (保靖县) beside the factory's 花垣县. */
const B = { county: '433125', township: '433125100', village: '433125100201' };

let tdb: TestDatabase;
let app: FastifyInstance;
let cookieB: string;
let inB: { id: string };

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await tdb.db
    .insertInto('region')
    .values([
      { code: B.county, level: 3, parent_code: T.prefecture, name: '保靖县' },
      { code: B.township, level: 4, parent_code: B.county, name: '迁陵镇' },
      { code: B.village, level: 5, parent_code: B.township, name: '测试丙村' },
    ])
    .execute();
  inB = await createHousehold(tdb.db, { village: B.village });
  await createUser(tdb.db, 'ctyB', 'county_officer', B.county);
  app = await testApp(tdb.db);
  cookieB = await login(app, 'ctyB', 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const event = (regionCode: string | null, reason = 'test'): AuditInput => ({
  action: 'household.update',
  entityType: 'household',
  entityId: '1',
  regionCode,
  after: { reason },
  reason,
});

const record = (regionCode: string | null, reason?: string) =>
  tdb.db.transaction().execute((trx) => recordAudit(trx, SYSTEM_ACTOR, event(regionCode, reason)));

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)),
  ]);
}

/** An edit of a county-B household through the app, as its county officer. */
async function editInB(address: string) {
  const { version } = await tdb.db
    .selectFrom('household')
    .select('version')
    .where('id', '=', inB.id)
    .executeTakeFirstOrThrow();
  return app.inject({
    method: 'PATCH',
    url: `/api/households/${inB.id}`,
    payload: { version, address, reason: '核实' },
    headers: { cookie: cookieB },
  });
}

describe('chain segments', () => {
  it("lets a county write while another county's segment is locked, and only that county waits", async () => {
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const held = tdb.db.transaction().execute(async (trx) => {
      await recordAudit(trx, SYSTEM_ACTOR, event(T.villageA1, 'held open'));
      locked();
      await new Promise<void>((r) => (release = r));
    });
    await isLocked;
    try {
      // county B: an edit and an unmasked read (both audited) complete while county A is locked
      const edit = await within(5000, editInB('保靖县迁陵镇1号'));
      expect(edit.statusCode, edit.body).toBe(200);
      const read = await within(
        5000,
        app.inject({ url: `/api/households/${inB.id}?unmask=true`, headers: { cookie: cookieB } }),
      );
      expect(read.statusCode).toBe(200);
      // county A: a second writer waits for the first (its segment is serialised)
      await expect(
        tdb.db.transaction().execute(async (trx) => {
          await sql`set local lock_timeout = '300ms'`.execute(trx);
          await recordAudit(trx, SYSTEM_ACTOR, event(T.villageA2));
        }),
      ).rejects.toThrow(/lock timeout/);
    } finally {
      release();
      await held;
    }
    const r = await createAuditService(tdb.db).verify();
    expect(r.broken).toBeNull();
    expect(r.segments.map((s) => s.segment)).toEqual(expect.arrayContaining([T.county, B.county]));
  });

  it('numbers each segment from 1, links within it and keeps its head; the head hash digests all heads', async () => {
    await record(T.villageA1);
    await record(B.village);
    await record(null);
    await record(T.province);
    const rows = await tdb.db
      .selectFrom('audit_event')
      .select(['segment', 'seq', 'prev_hash', 'hash'])
      .orderBy('segment')
      .orderBy('seq')
      .execute();
    const heads = await tdb.db.selectFrom('audit_segment').selectAll().orderBy('segment').execute();
    for (const h of heads) {
      const mine = rows.filter((r) => r.segment === h.segment);
      expect(mine.map((r) => Number(r.seq))).toEqual(mine.map((_, i) => i + 1));
      expect(mine[0]!.prev_hash).toBe(GENESIS_HASH);
      expect(mine.at(-1)!.hash).toBe(h.head_hash);
      expect(Number(h.events)).toBe(mine.length);
    }
    expect(heads.map((h) => h.segment)).toEqual(['', T.province, T.county, B.county]);
    const audit = createAuditService(tdb.db);
    const digest = headsDigest(
      heads.map((h) => ({ segment: h.segment, headHash: h.head_hash, events: Number(h.events) })),
    );
    expect(await audit.headHash()).toBe(digest);
    expect((await audit.verify()).headHash).toBe(digest);
    const page = await app.inject({ url: '/api/audit', headers: { cookie: cookieB } });
    expect(page.json()).toMatchObject({ headHash: digest, segment: { segment: B.county } });
  });
});

class Rollback extends Error {}

/** Tamper inside a transaction, verify there, roll the tampering back. */
async function verifyAfter(tamper: (trx: Kysely<DB>) => Promise<unknown>) {
  let report: Awaited<ReturnType<ReturnType<typeof createAuditService>['verify']>> | undefined;
  await tdb.db
    .transaction()
    .execute(async (trx) => {
      await tamper(trx);
      report = await createAuditService(trx).verify();
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  expect(await createAuditService(tdb.db).verify()).toMatchObject({ broken: null });
  return report!;
}

const eventsOf = (segment: string) =>
  tdb.db.selectFrom('audit_event').selectAll().where('segment', '=', segment).orderBy('seq').execute();

describe('audit verify', () => {
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      await record(T.villageA1, `a${i}`);
      await record(B.village, `b${i}`);
    }
  });

  it('catches an edited event', async () => {
    const target = (await eventsOf(B.county))[1]!;
    const r = await verifyAfter((trx) =>
      trx.updateTable('audit_event').set({ reason: 'rewritten' }).where('id', '=', target.id).execute(),
    );
    expect(r.broken).toEqual({
      id: target.id,
      problem: 'content does not match its hash',
      segment: B.county,
    });
  });

  it('catches the newest event of a segment deleted', async () => {
    const newest = (await eventsOf(T.county)).at(-1)!;
    const r = await verifyAfter((trx) => trx.deleteFrom('audit_event').where('id', '=', newest.id).execute());
    expect(r.broken).toMatchObject({
      segment: T.county,
      problem: expect.stringMatching(/newest events removed/),
    });
  });

  it('catches a middle event deleted', async () => {
    const middle = (await eventsOf(T.county))[1]!;
    const r = await verifyAfter((trx) => trx.deleteFrom('audit_event').where('id', '=', middle.id).execute());
    expect(r.broken).toMatchObject({ segment: T.county, problem: expect.stringMatching(/sequence gap/) });
  });

  it('catches a whole segment deleted', async () => {
    const r = await verifyAfter((trx) =>
      trx.deleteFrom('audit_event').where('segment', '=', B.county).execute(),
    );
    expect(r.broken).toMatchObject({ segment: B.county, problem: expect.stringMatching(/holds 0 events/) });
  });

  it('catches an event inserted in the middle, and one appended with a valid link', async () => {
    const events = await eventsOf(B.county);
    const forged = (seq: number, prevHash: string) => {
      const content = { ...event(B.village, 'forged'), segment: B.county, seq };
      const c = {
        at: new Date().toISOString(),
        actorId: null,
        actorName: 'system',
        action: content.action,
        entityType: content.entityType,
        entityId: '1',
        regionCode: B.village,
        before: null,
        after: content.after,
        reason: 'forged',
        segment: B.county,
        seq,
      };
      return {
        at: c.at,
        actor_name: c.actorName,
        action: c.action,
        entity_type: c.entityType,
        entity_id: c.entityId,
        region_code: c.regionCode,
        after: JSON.stringify(c.after),
        reason: c.reason,
        segment: B.county,
        seq,
        prev_hash: prevHash,
        hash: chainHash(prevHash, c),
      };
    };
    const inserted = await verifyAfter(async (trx) => {
      // make room at place 2: shift the later events up (through negatives: the index is unique)
      await sql`update audit_event set seq = -seq - 1 where segment = ${B.county} and seq >= 2`.execute(trx);
      await sql`update audit_event set seq = -seq where segment = ${B.county} and seq < 0`.execute(trx);
      await trx.insertInto('audit_event').values(forged(2, events[0]!.hash)).execute();
    });
    expect(inserted.broken).toMatchObject({
      segment: B.county,
      id: events[1]!.id,
      problem: 'previous hash does not match the preceding event',
    });
    const appended = await verifyAfter((trx) =>
      trx
        .insertInto('audit_event')
        .values(forged(events.length + 1, events.at(-1)!.hash))
        .execute(),
    );
    expect(appended.broken).toMatchObject({
      segment: B.county,
      problem: expect.stringMatching(/events appended/),
    });
  });

  it('catches an event moved to another segment', async () => {
    const moved = (await eventsOf(T.county)).at(-1)!;
    const bCount = (await eventsOf(B.county)).length;
    const r = await verifyAfter((trx) =>
      trx
        .updateTable('audit_event')
        .set({ segment: B.county, seq: bCount + 1 })
        .where('id', '=', moved.id)
        .execute(),
    );
    const broken = r.segments.filter((s) => s.broken).map((s) => s.segment);
    expect(broken).toEqual([T.county, B.county]);
    expect(r.segments.find((s) => s.segment === B.county)!.broken).toMatchObject({
      id: moved.id,
      problem: expect.stringMatching(/does not belong to this segment/),
    });
  });

  it('verifies events from before segments (the legacy segment) with their old hashes', async () => {
    const r = await verifyAfter(async (trx) => {
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= 2; seq++) {
        const c = {
          at: new Date(Date.UTC(2025, 0, seq)).toISOString(),
          actorId: null,
          actorName: 'old',
          action: 'household.update',
          entityType: 'household',
          entityId: String(seq),
          regionCode: T.villageA1,
          before: null,
          after: null,
          reason: null,
        };
        const hash = chainHash(prev, c); // no segment, no place: the hash as written before 021
        await trx
          .insertInto('audit_event')
          .values({
            at: c.at,
            actor_name: c.actorName,
            action: c.action,
            entity_type: c.entityType,
            entity_id: c.entityId,
            region_code: c.regionCode,
            segment: LEGACY_SEGMENT,
            seq,
            prev_hash: prev,
            hash,
          })
          .execute();
        prev = hash;
      }
      await trx
        .insertInto('audit_segment')
        .values({ segment: LEGACY_SEGMENT, head_hash: prev, events: 2 })
        .execute();
    });
    expect(r.broken).toBeNull();
    expect(r.segments.find((s) => s.segment === LEGACY_SEGMENT)).toMatchObject({ events: 2, broken: null });
  });
});

describe('bulk operations', () => {
  it('an import records one event at its end, with counts and the file hash', async () => {
    const before = (await auditEventsOf(tdb.db, 'household.import')).length;
    const file = writeCsv([
      person('AC-1', B.village, '彭一', 'head', '1', '1968-03-03'),
      person('AC-2', B.village, '彭二', 'head', '1', '1969-03-03'),
      person('AC-2', B.village, '向二', 'spouse', '2', '1970-04-04'),
      person('AC-3', B.village, '彭三', 'head', '2', '1971-05-05'),
    ]);
    const r = await importFile(tdb.db, file, {
      actor: { id: null, name: 'importer' },
      scope: B.county,
      acceptValid: false,
      dryRun: false,
      incomeCeiling: 200_000,
      today: '2026-12-07',
      batchSize: 1, // three batches, still one event
    });
    expect(r.households.imported).toBe(3);
    const events = (await auditEventsOf(tdb.db, 'household.import')).slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_name: 'importer', region_code: B.county, segment: B.county });
    expect(events[0]!.after).toMatchObject({
      fileSha256: createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
      households: 3,
      persons: 4,
      created: 3,
      updated: 0,
    });
    expect((await createAuditService(tdb.db).verify()).broken).toBeNull();
  });
});
