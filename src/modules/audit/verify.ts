import type { Kysely } from 'kysely';
import type { AuditEvent, DB } from '../../db/types.js';
import { headsDigest, SegmentVerifier, type BrokenLink, type SegmentLink } from '../../domain/audit-chain.js';
import { auditRepository } from './repository.js';

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
export async function verifyChain(db: Kysely<DB>): Promise<VerifyReport> {
  const heads = new Map((await auditRepository.heads(db)).map((h) => [h.segment, h]));
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
      current = new SegmentVerifier(r.segment);
    }
    current.next(linkOf(r));
    lastId = r.id;
  }
  close(current, lastId);
  for (const head of heads.values()) {
    const empty = new SegmentVerifier(head.segment);
    segments.push({
      segment: head.segment,
      events: 0,
      headHash: empty.lastHash,
      broken: empty.end(head, null),
    });
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
  };
}
