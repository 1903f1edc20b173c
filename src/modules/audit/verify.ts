import type { Kysely } from 'kysely';
import type { AuditEvent, DB } from '../../db/types.js';
import { headsDigest, SegmentVerifier, type BrokenLink, type SegmentLink } from '../../domain/audit-chain.js';
import { readCheckpoint } from './checkpoint.js';
import { auditSetup, type AuditSetup } from './keys.js';
import { auditRepository, type UnauditedChange } from './repository.js';

export interface SegmentReport {
  segment: string;
  events: number;
  headHash: string;
  broken: BrokenLink | null;
}

export interface VerifyReport {
  events: number;
  /** The first problem found (segments in order), null when every segment is intact. */
  broken: (BrokenLink & { segment: string }) | null;
  /** The digest over all segment heads (as printed on reports). */
  headHash: string;
  segments: SegmentReport[];
  /** Registry changes whose transaction wrote no audit event: made outside the application. */
  unaudited: { total: number; rows: UnauditedChange[] };
  /** Whether events are keyed (an audit key is configured) and where the checkpoint is. */
  keyed: boolean;
  checkpoint: { path: string | null; state: 'none configured' | 'missing' | 'compared' };
  /** The server's role (`jingzhun_app` where it exists, else the connected one), and whether it cannot change or delete audit rows nor disable the triggers. */
  role: { name: string; leastPrivilege: boolean };
}

const linkOf = (r: AuditEvent): SegmentLink => ({
  id: r.id,
  prevHash: r.prev_hash,
  hash: r.hash,
  at: new Date(r.at).toISOString(),
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  regionCode: r.region_code,
  before: r.before,
  after: r.after,
  reason: r.reason,
  storedSegment: r.segment,
  storedSeq: Number(r.seq),
});

/**
 * Read every event once in (segment, sequence) order and verify each segment against its recorded
 * head: an edited, removed (also the newest), inserted or moved event breaks its segment. A segment
 * whose head exists but whose events are all gone is broken too.
 */
export async function verifyChain(db: Kysely<DB>, setup: AuditSetup = auditSetup()): Promise<VerifyReport> {
  const heads = new Map((await auditRepository.heads(db)).map((h) => [h.segment, h]));
  const checkpoint = setup.checkpointPath ? await readCheckpoint(db, setup.checkpointPath) : null;
  const checkpointed = new Map(Object.entries(checkpoint ?? {}));
  const verifierOf = (segment: string) => {
    const cp = checkpointed.get(segment) ?? null;
    checkpointed.delete(segment);
    return new SegmentVerifier(segment, {
      key: setup.key,
      keyedFrom: heads.get(segment)?.keyedFrom ?? null,
      checkpoint: cp,
    });
  };
  const segments: SegmentReport[] = [];
  const close = (v: SegmentVerifier | null, lastId: string | null) => {
    if (!v) return;
    const head = heads.get(v.segment) ?? null;
    heads.delete(v.segment);
    segments.push({
      segment: v.segment,
      events: v.events,
      headHash: v.lastHash,
      broken: v.end(head, lastId),
    });
  };
  let current = null as SegmentVerifier | null;
  let lastId: string | null = null;
  for await (const r of auditRepository.streamBySegment(db)) {
    if (current?.segment !== r.segment) {
      close(current, lastId);
      current = verifierOf(r.segment);
    }
    current.next(linkOf(r));
    lastId = r.id;
  }
  close(current, lastId);
  for (const head of heads.values()) {
    const empty = verifierOf(head.segment);
    segments.push({
      segment: head.segment,
      events: 0,
      headHash: empty.lastHash,
      broken: empty.end(head, null),
    });
  }
  for (const [segment, cp] of checkpointed) {
    if (cp.events === 0) continue;
    const gone = new SegmentVerifier(segment, { checkpoint: cp });
    segments.push({ segment, events: 0, headHash: gone.lastHash, broken: gone.end(null, null) });
  }
  segments.sort((a, b) => (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0));
  const first = segments.find((s) => s.broken);
  return {
    events: segments.reduce((n, s) => n + s.events, 0),
    broken: first ? { ...first.broken!, segment: first.segment } : null,
    headHash: headsDigest(
      segments.map((s) => ({ segment: s.segment, headHash: s.headHash, events: s.events })),
    ),
    segments,
    unaudited: await auditRepository.unauditedChanges(db),
    keyed: setup.key !== null,
    checkpoint: {
      path: setup.checkpointPath,
      state: !setup.checkpointPath ? 'none configured' : checkpoint ? 'compared' : 'missing',
    },
    role: await auditRepository
      .canRewriteAudit(db)
      .then((p) => ({ name: p.role, leastPrivilege: !p.canRewrite })),
  };
}
