import { createHash } from 'node:crypto';

/**
 * Tamper-evident audit chain: each event's hash is SHA-256 over the previous hash and the
 * canonical JSON (keys sorted, no whitespace) of the event's content.
 */
export const GENESIS_HASH = '0'.repeat(64);

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

export function chainHash(prevHash: string, c: ChainContent): string {
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
  };
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export interface ChainLink extends ChainContent {
  id: string;
  prevHash: string;
  hash: string;
}

/** First broken link of a chain read in id order, or null when the chain is intact. */
export function findBrokenLink(
  links: Iterable<ChainLink>,
  startHash = GENESIS_HASH,
): { id: string; problem: string } | null {
  let prev = startHash;
  for (const link of links) {
    if (link.prevHash !== prev)
      return { id: link.id, problem: 'previous hash does not match the preceding event' };
    if (chainHash(prev, link) !== link.hash)
      return { id: link.id, problem: 'content does not match its hash' };
    prev = link.hash;
  }
  return null;
}
