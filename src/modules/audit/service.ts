import type { Insertable, Kysely } from 'kysely';
import type { AuditEventTable, DB } from '../../db/types.js';
import { chainHash, headsDigest, segmentOf, type ChainContent } from '../../domain/audit-chain.js';
import { redactFields } from '../../domain/visibility.js';
import { systemClock } from '../../kernel/clock.js';
import type { Actor, AuthUser } from '../../kernel/user.js';
import { AppError } from '../../kernel/errors.js';
import type { AuditAction } from './actions.js';
import { startCheckpointer } from './checkpoint.js';
import { auditSetup, checkpointPathOf, configureAudit, loadAuditKey, type AuditPaths } from './keys.js';
import { readableActions } from './readability.js';
import { auditRepository, type HeadRow } from './repository.js';
import { verifyChain } from './verify.js';

export { SYSTEM_ACTOR, type Actor } from '../../kernel/user.js';
export type { AuditAction } from './actions.js';

export interface AuditInput {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Record one audit event. Call inside the transaction of the write it describes: the lock of the
 * event's chain segment (its county) is held until that transaction ends, so a segment's events are
 * chained in commit order while other counties write on. A bulk operation records one event at its
 * end (counts, the input's hash), so it holds the lock only while it commits. The event's time is
 * the wall clock's instant (kernel/clock.ts systemClock), not a business date: a test that moves the
 * business clock by days still gets a truthful log.
 */
export async function recordAudit(trx: Kysely<DB>, actor: Actor, input: AuditInput): Promise<string> {
  return appendEvents(trx, [{ actor, input, at: systemClock.now() }]);
}

/**
 * Append events in order, each to its segment (`segmentOf` its region), under those segments' locks,
 * taken in segment order so two appenders cannot deadlock on each other; returns the hash of the last
 * event. `at` is the event's time: now for every real write (recordAudit); an earlier time only for
 * demo data that needs a history — the chain still verifies, in sequence order.
 */
export async function appendEvents(
  trx: Kysely<DB>,
  events: readonly { actor: Actor; input: AuditInput; at: Date }[],
): Promise<string> {
  const { key } = auditSetup();
  const heads = new Map<string, HeadRow>();
  const segments = [...new Set(events.map((e) => segmentOf(e.input.regionCode)))].sort();
  for (const s of segments) {
    const head = await auditRepository.lockSegment(trx, s);
    if (head.keyedFrom !== null && !key)
      throw new AppError('E_INTERNAL', `audit segment '${s}' is keyed but no audit key is configured`);
    // keyed hashing starts at the segment's next event once a key is configured (docs/audit.md)
    heads.set(s, key && head.keyedFrom === null ? { ...head, keyedFrom: head.events + 1 } : head);
  }
  const rows: Insertable<AuditEventTable>[] = [];
  let last = '';
  for (const { actor, input, at } of events) {
    const head = heads.get(segmentOf(input.regionCode))!;
    const content = contentOf(actor, input, at, head.segment, head.events + 1);
    const hash = chainHash(head.headHash, content, key);
    rows.push(rowOf(content, head.headHash, hash));
    heads.set(head.segment, { ...head, headHash: hash, events: head.events + 1 });
    last = hash;
  }
  await auditRepository.insert(trx, rows);
  for (const s of segments) await auditRepository.setHead(trx, heads.get(s)!);
  return last;
}

function contentOf(actor: Actor, input: AuditInput, at: Date, segment: string, seq: number): ChainContent {
  return {
    at: at.toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    regionCode: input.regionCode ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    reason: input.reason ?? null,
    segment,
    seq,
  };
}

function rowOf(c: ChainContent, prevHash: string, hash: string): Insertable<AuditEventTable> {
  return {
    at: c.at,
    actor_id: c.actorId,
    actor_name: c.actorName,
    action: c.action,
    entity_type: c.entityType,
    entity_id: c.entityId,
    region_code: c.regionCode,
    before: c.before === null ? null : JSON.stringify(c.before),
    after: c.after === null ? null : JSON.stringify(c.after),
    reason: c.reason,
    segment: c.segment!,
    seq: c.seq!,
    prev_hash: prevHash,
    hash,
  };
}

/** The newest registry change so far: the start of a bulk writer's `auditChangesSince`. */
export const registryChangeMark = (db: Kysely<DB>): Promise<string> => auditRepository.changeMark(db);

/**
 * A bulk writer that writes the registry outside audited transactions (the demo seeders: COPY in many
 * transactions) marks them explicitly: one event, chained and keyed like any other, whose `after.txids`
 * names every transaction since `mark` whose registry changes (all in `county`) no audit event covers yet, so `audit
 * verify` does not report them. Nothing recorded when there are none. Returns their number.
 */
export async function auditChangesSince(
  db: Kysely<DB>,
  mark: string,
  county: string,
  actor: Actor,
  input: AuditInput,
) {
  return db.transaction().execute(async (trx) => {
    const txids = await auditRepository.unauditedTxidsSince(trx, mark, county);
    if (txids.length === 0) return 0;
    const after = { ...(input.after as Record<string, unknown> | null), txids: txids.map(Number) };
    await recordAudit(trx, actor, { ...input, after });
    return txids.length;
  });
}

/**
 * The chain's head as printed on the audit page, reports and card printouts: a digest over every
 * segment's head (`headsDigest`), so it changes whenever any segment grows.
 */
export async function chainHeadHash(db: Kysely<DB>): Promise<string> {
  return headsDigest(await auditRepository.heads(db));
}

export function createAuditService(db: Kysely<DB>) {
  return {
    /**
     * The events within the reader's scope that the reader may read (readability.ts: an event about
     * an object the reader's role may not read — a grievance for a village cadre — is left out of the
     * page and of the count).
     */
    async list(
      user: Pick<AuthUser, 'role' | 'scopeCode'>,
      f: { entityType?: string; entityId?: string; action?: string; page: number; pageSize: number },
    ) {
      const scope = user.scopeCode;
      const [count, rows] = await auditRepository.list(db, {
        scope,
        readable: readableActions(user.role),
        entityType: f.entityType,
        entityId: f.entityId,
        action: f.action,
        limit: f.pageSize,
        offset: (f.page - 1) * f.pageSize,
      });
      const segment = scope.length >= 6 ? await auditRepository.head(db, segmentOf(scope)) : null;
      // the diffs' personal fields as the reader's role sees them in its everyday view (stored masked
      // already; this also covers fields a role must not see at all, e.g. health)
      const redact = (v: unknown) => redactFields(user.role, 'default', v);
      return {
        total: Number(count.n),
        rows: rows.map((r) => ({ ...r, before: redact(r.before), after: redact(r.after) })),
        headHash: await chainHeadHash(db),
        segment: segment && { segment: segment.segment, headHash: segment.headHash, events: segment.events },
      };
    },

    headHash: () => chainHeadHash(db),

    /** Verify every segment completely (see verify.ts); `broken` is the first problem found. */
    verify: () => verifyChain(db),
  };
}
export type AuditService = ReturnType<typeof createAuditService>;

/**
 * Configure this process's audit key and checkpoint file (keys.ts) and keep the checkpoint up to date
 * (checkpoint.ts); `stop` writes it a last time.
 */
export function startAuditKeeping(db: Kysely<DB>, paths: AuditPaths, log: (l: string) => void) {
  const checkpointPath = checkpointPathOf(paths);
  configureAudit({ key: loadAuditKey(paths, log), checkpointPath });
  return startCheckpointer(db, checkpointPath, { now: () => systemClock.now(), log });
}
