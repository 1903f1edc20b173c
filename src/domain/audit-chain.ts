import { createHash, createHmac } from 'node:crypto';

/**
 * Tamper-evident audit chain, cut into segments so that writers of different counties never wait
 * for each other. Each event's hash is SHA-256 over the previous hash of its segment and the
 * canonical JSON (keys sorted, no whitespace) of the event's content, which names its segment and
 * its sequence number there (1, 2, …): an event cannot be moved to another segment or place without
 * breaking its hash. Events written before segments existed form the segment `LEGACY_SEGMENT`, whose
 * content carries neither (hashed as they always were).
 *
 * Keyed (docs/audit.md, "The insider model"): from a segment's `keyedFrom` event on, the hash is
 * HMAC-SHA256 with a key kept outside the database, so whoever can write the table but lacks the key
 * cannot re-hash an edit; the events before it (written before keying) stay keyless SHA-256, and the
 * first keyed event's HMAC covers their head. Each segment's head is also checkpointed outside the
 * database (`CheckpointHead`), so a truncated or rewritten chain is caught even when its recorded
 * head was rewritten to match.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** The segment of the events written before the chain was segmented (verified in their old order). */
export const LEGACY_SEGMENT = 'legacy';

/**
 * The segment of an event: its county (the first 6 digits of its region code); an event above
 * county level keeps its own code as its segment (a province '43', a prefecture '4331'); an event
 * with no region belongs to the national segment ''.
 */
export function segmentOf(regionCode: string | null | undefined): string {
  if (!regionCode) return '';
  return regionCode.length >= 6 ? regionCode.slice(0, 6) : regionCode;
}

export interface ChainContent {
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  /** Segment and sequence number in it; both absent for legacy events (not part of their hash). */
  segment?: string | undefined;
  seq?: number | undefined;
}

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

/** The hash of an event: keyless SHA-256, or HMAC-SHA256 when a key is given (keyed events). */
export function chainHash(prevHash: string, c: ChainContent, key?: Buffer | null): string {
  // Only the content fields: a link object passed in also carries its id and hashes.
  const content: ChainContent = {
    at: c.at,
    actorId: c.actorId,
    actorName: c.actorName,
    action: c.action,
    entityType: c.entityType,
    entityId: c.entityId,
    regionCode: c.regionCode,
    before: c.before,
    after: c.after,
    reason: c.reason,
    segment: c.segment,
    seq: c.seq,
  };
  const h = key ? createHmac('sha256', key) : createHash('sha256');
  return h.update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export interface ChainLink extends ChainContent {
  id: string;
  prevHash: string;
  hash: string;
}

export interface BrokenLink {
  id: string;
  problem: string;
}

/** First broken link of a chain read in order, or null when the chain is intact. */
export function findBrokenLink(links: Iterable<ChainLink>, startHash = GENESIS_HASH): BrokenLink | null {
  let prev = startHash;
  for (const link of links) {
    const broken = checkLink(link, prev);
    if (broken) return broken;
    prev = link.hash;
  }
  return null;
}

function checkLink(link: ChainLink, prev: string): BrokenLink | null {
  if (link.prevHash !== prev)
    return { id: link.id, problem: 'previous hash does not match the preceding event' };
  if (chainHash(prev, link) !== link.hash) return { id: link.id, problem: 'content does not match its hash' };
  return null;
}

/** A segment's head as recorded beside the chain: its last hash and its number of events. */
export interface SegmentHead {
  segment: string;
  headHash: string;
  events: number;
}

/** A stored event of a segment: its link plus the segment and place the table says it has. */
export interface SegmentLink extends ChainLink {
  storedSegment: string;
  storedSeq: number;
}

/**
 * A segment's head as last written to the checkpoint file outside the database: its number of
 * events, last hash and last event's id, and the first keyed event (null: none yet).
 */
export interface CheckpointHead {
  events: number;
  headHash: string;
  lastId: string | null;
  keyedFrom: number | null;
}

export interface SegmentVerifierOptions {
  /** The audit key (null: none configured — keyed events cannot be verified). */
  key?: Buffer | null;
  /** The segment's first keyed event as the database records it (null: all keyless). */
  keyedFrom?: number | null;
  /** The segment's head in the checkpoint file (null: not checkpointed). */
  checkpoint?: CheckpointHead | null;
}

/**
 * Verifies one segment read in sequence order, event by event (feed `next`, then `end`): every
 * event sits at the next sequence number, links to its predecessor, matches its hash (keyed from
 * `keyedFrom` on), belongs to the segment by its region; at the end, the chain reaches the
 * checkpointed head (as many events at least, the same hash at the checkpointed place) and the last
 * hash and the count equal the recorded head — so a deleted newest event or an appended one is
 * caught too. Stops at the first problem.
 */
export class SegmentVerifier {
  events = 0;
  private prev = GENESIS_HASH;
  private lastLinkId: string | null = null;
  /** The event at the checkpointed place, as found. */
  private atCheckpoint: { id: string; hash: string } | null = null;
  broken: BrokenLink | null = null;

  constructor(
    readonly segment: string,
    private readonly opts: SegmentVerifierOptions = {},
  ) {}

  get lastHash(): string {
    return this.prev;
  }

  next(link: SegmentLink): void {
    this.events++;
    this.lastLinkId = link.id;
    if (this.events === this.opts.checkpoint?.events) this.atCheckpoint = { id: link.id, hash: link.hash };
    if (this.broken) return;
    const expected = this.events;
    const legacy = this.segment === LEGACY_SEGMENT;
    if (link.storedSeq !== expected)
      this.broken = {
        id: link.id,
        problem:
          link.storedSeq > expected
            ? `sequence gap: event ${link.storedSeq} follows event ${expected - 1} (events removed)`
            : `sequence number ${link.storedSeq} repeated or out of order (event inserted)`,
      };
    else if (!legacy && segmentOf(link.regionCode) !== this.segment)
      this.broken = {
        id: link.id,
        problem: `region ${link.regionCode ?? '(none)'} does not belong to this segment`,
      };
    else this.broken = this.checkHash(link, expected, legacy);
    this.prev = link.hash;
  }

  private checkHash(link: SegmentLink, seq: number, legacy: boolean): BrokenLink | null {
    const content = legacy
      ? { ...link, segment: undefined, seq: undefined }
      : { ...link, segment: this.segment, seq };
    const keyedFrom = this.opts.keyedFrom ?? null;
    if (keyedFrom === null || seq < keyedFrom) return checkLink(content, this.prev);
    if (link.prevHash !== this.prev)
      return { id: link.id, problem: 'previous hash does not match the preceding event' };
    const key = this.opts.key;
    if (!key) return { id: link.id, problem: 'keyed event, but no audit key is configured to verify it' };
    if (chainHash(this.prev, content, key) === link.hash) return null;
    return {
      id: link.id,
      problem:
        chainHash(this.prev, content) === link.hash
          ? 'keyed event re-hashed without the audit key (HMAC mismatch: rewritten with the keyless function)'
          : 'content does not match its HMAC (event edited)',
    };
  }

  /** Compare with the recorded head (null: the segment has events but no head) and the checkpoint. */
  end(head: SegmentHead | null, lastId: string | null): BrokenLink | null {
    if (this.broken) return this.broken;
    const at = lastId ?? `segment '${this.segment}'`;
    const cp = this.checkpointProblem(at);
    if (cp) return cp;
    if (!head) return { id: at, problem: `segment '${this.segment}' has events but no recorded head` };
    if (this.events < head.events)
      return {
        id: at,
        problem: `segment '${this.segment}' holds ${this.events} events, its head records ${head.events} (newest events removed)`,
      };
    if (this.events > head.events)
      return {
        id: at,
        problem: `segment '${this.segment}' holds ${this.events} events, its head records ${head.events} (events appended)`,
      };
    if (this.prev !== head.headHash)
      return { id: at, problem: `segment '${this.segment}' ends at a hash other than its recorded head` };
    return null;
  }

  private checkpointProblem(at: string): BrokenLink | null {
    const cp = this.opts.checkpoint;
    if (!cp || cp.events === 0) return null;
    const expected = `event ${cp.events} (id ${cp.lastId ?? '?'})`;
    if (this.events < cp.events)
      return {
        id: at,
        problem: `truncated: the checkpoint records ${cp.events} events ending at ${expected}; the chain holds ${this.events}, last id ${this.lastLinkId ?? '(none)'} (newest events removed)`,
      };
    if (this.atCheckpoint?.hash !== cp.headHash)
      return {
        id: this.atCheckpoint?.id ?? at,
        problem: `rewritten: the checkpoint records ${expected} with hash ${cp.headHash}; the chain has id ${this.atCheckpoint?.id ?? '?'} with hash ${this.atCheckpoint?.hash ?? '?'} there`,
      };
    const keyedFrom = this.opts.keyedFrom ?? null;
    if (cp.keyedFrom !== null && keyedFrom !== cp.keyedFrom)
      return {
        id: at,
        problem: `keying altered: the checkpoint records keyed events from ${cp.keyedFrom}, the database ${keyedFrom ?? 'none'}`,
      };
    return null;
  }
}

/**
 * The whole chain's head: SHA-256 over the heads of all segments, one line each
 * (`segment:events:headHash`, sorted by segment), GENESIS_HASH while the chain is empty. Printed on
 * reports; recomputable from the segment heads (`audit_segment`).
 */
export function headsDigest(heads: readonly SegmentHead[]): string {
  if (heads.length === 0) return GENESIS_HASH;
  const lines = [...heads]
    .sort((a, b) => (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0))
    .map((h) => `${h.segment}:${h.events}:${h.headHash}\n`);
  const hash = createHash('sha256');
  for (const l of lines) hash.update(l);
  return hash.digest('hex');
}
