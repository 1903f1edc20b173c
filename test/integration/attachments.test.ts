import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { fixedClock } from '../../src/kernel/clock.js';
import { createAuditService } from '../../src/modules/audit/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { buildApp } from '../../src/server/app.js';
import { login } from '../helpers/app.js';

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let inA1: { id: string };
let inB1: { id: string };
let jpeg: Buffer;
let png: Buffer;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const clock = fixedClock('2026-12-01T02:00:00Z');
const MAX_MB = 2;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  inA1 = await createHousehold(tdb.db, { village: T.villageA1 });
  inB1 = await createHousehold(tdb.db, { village: T.villageB1 });
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'twn', 'township_officer', T.townshipA);
  app = await buildApp({
    db: tdb.db,
    ...{ sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent', clock },
    attachmentMaxMB: MAX_MB, // a small limit, so that the too-large case stays small
  });
  await app.ready();
  for (const u of ['vil', 'twn']) cookies[u] = await login(app, u, 'test-password-1');
  const photo = sharp({
    create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 100, b: 50 } },
  });
  jpeg = await photo
    .jpeg()
    .withExif({
      IFD2: { DateTimeOriginal: '2026:11:20 10:15:00' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '28/1 30/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '109/1 27/1 0/1',
      },
    })
    .toBuffer();
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

/** A multipart/form-data body by hand (fields, then one file), as a browser's FormData sends it. */
function form(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const b = '----jz' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${b}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  if (file)
    parts.push(
      Buffer.from(
        `--${b}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

const upload = (
  user: string,
  fields: Record<string, string>,
  file?: { name: string; type: string; bytes: Buffer },
) => {
  const f = form(fields, file);
  return app.inject({
    method: 'POST',
    url: '/api/attachments',
    payload: f.payload,
    headers: { ...f.headers, cookie: cookies[user]! },
  });
};
const get = (user: string, url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });
const stored = async () =>
  Number(
    (
      await tdb.db
        .selectFrom('attachment')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('attachments', () => {
  let photoId = '';

  it('stores a photo with its thumbnail, EXIF time and place, and lists it', async () => {
    const res = await upload(
      'vil',
      { ownerKind: 'household', ownerId: inA1.id, kind: 'visit_photo', note: '入户' },
      { name: '门前.jpg', type: 'image/jpeg', bytes: jpeg },
    );
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    photoId = a.id;
    expect(a).toMatchObject({
      kind: 'visit_photo',
      sensitive: false,
      mediaType: 'image/jpeg',
      byteSize: jpeg.length,
      width: 800,
      height: 600,
      hasThumbnail: true,
      takenAt: '2026-11-20T02:15:00.000Z', // 10:15 in China
      timeSource: 'exif',
      latitude: 28.5,
      longitude: 109.45,
      placeSource: 'exif',
      uploadedAt: '2026-12-01T02:00:00.000Z', // the server's one clock
      fileName: '门前.jpg',
    });
    const list = await get('twn', `/api/attachments?ownerKind=household&ownerId=${inA1.id}`);
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([photoId]);
    const thumb = await get('vil', `/api/attachments/${photoId}/thumbnail`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(320);
    const content = await get('vil', `/api/attachments/${photoId}/content`);
    expect(content.rawPayload.equals(jpeg)).toBe(true);
    expect(content.headers['content-type']).toBe('image/jpeg');
    expect(await auditEventsOf(tdb.db, 'attachment.view')).toHaveLength(0); // not sensitive: not logged
  });

  it("keeps the client's time and place when the image has none; a PDF has no thumbnail", async () => {
    const res = await upload(
      'vil',
      {
        ownerKind: 'household',
        ownerId: inA1.id,
        kind: 'signed_commitment',
        takenAt: '2026-11-30T09:00:00+08:00',
        lat: '28.4',
        lon: '109.5',
      },
      { name: 'p.png', type: 'image/png', bytes: png },
    );
    expect(res.json()).toMatchObject({
      timeSource: 'client',
      takenAt: '2026-11-30T01:00:00.000Z',
      latitude: 28.4,
      placeSource: 'client',
    });
    const pdf = await upload(
      'vil',
      { ownerKind: 'household', ownerId: inA1.id, kind: 'other' },
      { name: 'a.pdf', type: 'application/pdf', bytes: PDF },
    );
    expect(pdf.statusCode).toBe(201);
    expect(pdf.json()).toMatchObject({ hasThumbnail: false, mediaType: 'application/pdf' });
    expect((await get('vil', `/api/attachments/${pdf.json().id}/thumbnail`)).statusCode).toBe(404);
    // above Fastify's default body limit (1 MiB), within the attachment limit: accepted whole
    const big = Buffer.concat([PDF, Buffer.alloc(1.5 * 1048576, 0x20)]);
    const large = await upload(
      'vil',
      { ownerKind: 'household', ownerId: inA1.id, kind: 'income_proof' },
      { name: 'big.pdf', type: 'application/pdf', bytes: big },
    );
    expect(large.statusCode, large.body).toBe(201);
    expect(large.json().byteSize).toBe(big.length);
  });

  it('refuses a wrong type, a forged type and a too large file, naming the file; nothing stored', async () => {
    const before = await stored();
    const base = { ownerKind: 'household', ownerId: inA1.id, kind: 'other' };
    const cases = [
      { file: { name: 'x.gif', type: 'image/gif', bytes: Buffer.from('GIF89a....') }, reason: 'type' },
      {
        file: { name: 'evil.jpg', type: 'image/jpeg', bytes: Buffer.from('<html><script>x</script>') },
        reason: 'type',
      },
      { file: { name: 'fake.jpg', type: 'image/jpeg', bytes: PDF }, reason: 'forged' },
      {
        file: {
          name: 'big.jpg',
          type: 'image/jpeg',
          bytes: Buffer.concat([jpeg, Buffer.alloc(MAX_MB * 1048576)]),
        },
        reason: 'too_large',
      },
      { file: { name: 'empty.png', type: 'image/png', bytes: Buffer.alloc(0) }, reason: 'empty' },
      {
        file: { name: 'broken.jpg', type: 'image/jpeg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0, 1, 2, 3]) },
        reason: 'unreadable',
      },
    ];
    for (const c of cases) {
      const res = await upload('vil', base, c.file);
      expect(res.statusCode, c.file.name).toBe(400);
      expect(res.json().message, c.file.name).toContain(c.file.name);
      expect(res.json().details.reason, c.file.name).toBe(c.reason);
    }
    const noFile = await upload('vil', base);
    expect(noFile.statusCode).toBe(400);
    const badKind = await upload(
      'vil',
      { ...base, kind: 'selfie' },
      { name: 'p.png', type: 'image/png', bytes: png },
    );
    expect(badKind.json().message).toContain('body.kind');
    expect(await stored()).toBe(before);
  });

  it('answers 404 for an owner or attachment outside the scope, as for a missing one', async () => {
    const before = await stored();
    const res = await upload(
      'vil',
      { ownerKind: 'household', ownerId: inB1.id, kind: 'other' },
      { name: 'p.png', type: 'image/png', bytes: png },
    );
    expect(res.statusCode).toBe(404);
    expect(
      (
        await upload(
          'vil',
          { ownerKind: 'household', ownerId: '999999', kind: 'other' },
          { name: 'p.png', type: 'image/png', bytes: png },
        )
      ).statusCode,
    ).toBe(404);
    expect((await get('vil', `/api/attachments?ownerKind=household&ownerId=${inB1.id}`)).statusCode).toBe(
      404,
    );
    const theirs = await tdb.db
      .insertInto('attachment')
      .values({
        region_code: T.villageB1,
        owner_kind: 'household',
        owner_id: inB1.id,
        household_id: inB1.id,
        kind: 'other',
        file_name: 'b.png',
        media_type: 'image/png',
        byte_size: png.length,
        sha256: '0'.repeat(64),
        content: png,
        uploaded_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const u of ['content', 'thumbnail'])
      expect((await get('vil', `/api/attachments/${theirs.id}/${u}`)).statusCode).toBe(404);
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/attachments/${theirs.id}`,
      payload: { reason: '错传' },
      headers: { cookie: cookies.vil! },
    });
    expect(del.statusCode).toBe(404);
    expect(await stored()).toBe(before + 1);
  });

  it("follows the owner's read rule: a member is its household's; a grievance only its handlers'", async () => {
    const [m] = await tdb.db.selectFrom('member').select('id').where('household_id', '=', inB1.id).execute();
    const onMember = { ownerKind: 'member', ownerId: String(m!.id), kind: 'id_card_copy' };
    const p = { name: 'p.png', type: 'image/png', bytes: png };
    expect((await upload('vil', onMember, p)).statusCode).toBe(404); // the member lives in village B1
    const g = await tdb.db
      .insertInto('grievance')
      .values({
        tracking_code: 'T-ATTACH-1',
        channel: 'public',
        kind: (await tdb.db.selectFrom('grievance_deadline').select('kind').executeTakeFirstOrThrow()).kind,
        region_code: T.villageA1,
        township_code: T.townshipA,
        county_code: T.county,
        description: '道路',
        ack_due_at: new Date('2026-12-03T00:00:00Z'),
        resolve_due_at: new Date('2026-12-20T00:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const onGrievance = { ownerKind: 'grievance', ownerId: String(g.id), kind: 'other' };
    expect((await upload('vil', onGrievance, p)).statusCode).toBe(404); // village cadres do not handle grievances
    const res = await upload('twn', onGrievance, p);
    expect(res.statusCode, res.body).toBe(201);
    expect((await get('vil', `/api/attachments/${res.json().id}/content`)).statusCode).toBe(404);
    expect(await auditEventsOf(tdb.db, 'grievance.attachment.upload')).toHaveLength(1);
  });

  it('logs every opening of a sensitive document; a role whose view hides its class may not open it', async () => {
    const res = await upload(
      'vil',
      { ownerKind: 'household', ownerId: inA1.id, kind: 'medical_record' },
      { name: '病历.png', type: 'image/png', bytes: png },
    );
    expect(res.json()).toMatchObject({ sensitive: true, mayOpen: false });
    const id = res.json().id as string;
    expect((await get('vil', `/api/attachments/${id}/content`)).statusCode).toBe(403); // health hidden from cadres
    expect((await get('twn', `/api/attachments/${id}/content`)).statusCode).toBe(200);
    expect((await get('twn', `/api/attachments/${id}/thumbnail`)).statusCode).toBe(200);
    const views = await auditEventsOf(tdb.db, 'attachment.view');
    expect(views.map((v) => [v.entity_id, v.actor_name])).toEqual([
      [id, 'twn'],
      [id, 'twn'],
    ]);
  });

  it('deletes softly with a reason, audited; the chain still verifies', async () => {
    const noReason = await app.inject({
      method: 'DELETE',
      url: `/api/attachments/${photoId}`,
      payload: {},
      headers: { cookie: cookies.vil! },
    });
    expect(noReason.statusCode).toBe(400);
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/attachments/${photoId}`,
      payload: { reason: '照片拍错了户' },
      headers: { cookie: cookies.vil! },
    });
    expect(del.statusCode).toBe(204);
    const row = await tdb.db
      .selectFrom('attachment')
      .selectAll()
      .where('id', '=', photoId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ delete_reason: '照片拍错了户' });
    expect(row.content.equals(jpeg)).toBe(true); // kept as evidence
    expect((await get('vil', `/api/attachments/${photoId}/content`)).statusCode).toBe(404);
    const list = await get('vil', `/api/attachments?ownerKind=household&ownerId=${inA1.id}`);
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(photoId);
    const [ev] = await auditEventsOf(tdb.db, 'attachment.delete');
    expect(ev).toMatchObject({ entity_id: photoId, reason: '照片拍错了户' });
    expect((await auditEventsOf(tdb.db, 'attachment.upload')).length).toBeGreaterThanOrEqual(4);
    expect((await createAuditService(tdb.db).verify()).broken).toBeNull();
  });
});
