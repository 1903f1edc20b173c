import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  chainHash,
  findBrokenLink,
  GENESIS_HASH,
  headsDigest,
  LEGACY_SEGMENT,
  SegmentVerifier,
  segmentOf,
  type ChainContent,
  type ChainLink,
  type SegmentLink,
} from './audit-chain.js';

const content = (i: number): ChainContent => ({
  at: `2026-01-0${i}T00:00:00.000Z`,
  actorId: '7',
  actorName: 'cadre',
  action: 'household.update',
  entityType: 'household',
  entityId: String(i),
  regionCode: '433124110226',
  before: { size: 3 },
  after: { size: 4, note: '新增成员' },
  reason: 'birth',
});

function chain(n: number): ChainLink[] {
  const out: ChainLink[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const c = content(i);
    const hash = chainHash(prev, c);
    out.push({ ...c, id: String(i), prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('canonical JSON sorts keys at every depth and ignores undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('accepts an intact chain', () => {
    expect(findBrokenLink(chain(5))).toBeNull();
  });

  it('finds an altered event', () => {
    const c = chain(5);
    c[2] = { ...c[2]!, reason: 'changed' };
    expect(findBrokenLink(c)).toEqual({ id: '3', problem: 'content does not match its hash' });
  });

  it('finds a removed event', () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(findBrokenLink(c)?.id).toBe('3');
  });

  it('finds reordered events', () => {
    const c = chain(5);
    [c[1], c[2]] = [c[2]!, c[1]!];
    expect(findBrokenLink(c)?.id).toBe('3');
  });
});

/** A segment's events as stored: content names the segment and the place (1, 2, …). */
function segmentChain(segment: string, n: number): SegmentLink[] {
  const out: SegmentLink[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const c = { ...content(seq), regionCode: `${segment}110226`, segment, seq };
    const hash = chainHash(prev, c);
    out.push({ ...c, id: `${segment}-${seq}`, prevHash: prev, hash, storedSegment: segment, storedSeq: seq });
    prev = hash;
  }
  return out;
}

function verify(segment: string, links: SegmentLink[], head: { events: number; headHash: string } | null) {
  const v = new SegmentVerifier(segment);
  for (const l of links) v.next(l);
  return v.end(head && { segment, ...head }, links.at(-1)?.id ?? null);
}

describe('audit chain segments', () => {
  const A = '433124';
  const headOf = (links: SegmentLink[]) => ({ events: links.length, headHash: links.at(-1)!.hash });

  it('puts an event in its county, a higher region in its own segment, none in the national one', () => {
    expect(segmentOf('433124110226')).toBe('433124');
    expect(segmentOf('433124110')).toBe('433124');
    expect(segmentOf('433124')).toBe('433124');
    expect(segmentOf('4331')).toBe('4331');
    expect(segmentOf('43')).toBe('43');
    expect(segmentOf(null)).toBe('');
    expect(segmentOf('')).toBe('');
  });

  it('hashes a legacy event (no segment, no place) exactly as before segments existed', () => {
    const c = content(1);
    expect(chainHash(GENESIS_HASH, { ...c, segment: undefined, seq: undefined })).toBe(
      chainHash(GENESIS_HASH, c),
    );
    expect(chainHash(GENESIS_HASH, { ...c, segment: A, seq: 1 })).not.toBe(chainHash(GENESIS_HASH, c));
  });

  it('accepts an intact segment that ends at its head', () => {
    const c = segmentChain(A, 4);
    expect(verify(A, c, headOf(c))).toBeNull();
  });

  it('catches an edited event', () => {
    const c = segmentChain(A, 4);
    const head = headOf(c);
    c[1] = { ...c[1]!, reason: 'changed' };
    expect(verify(A, c, head)).toEqual({ id: `${A}-2`, problem: 'content does not match its hash' });
  });

  it('catches a removed middle event by the sequence gap', () => {
    const c = segmentChain(A, 4);
    const head = headOf(c);
    c.splice(1, 1);
    expect(verify(A, c, head)?.problem).toMatch(/sequence gap/);
  });

  it('catches the newest event removed, by the head', () => {
    const c = segmentChain(A, 4);
    const head = headOf(c);
    expect(verify(A, c.slice(0, 3), head)?.problem).toMatch(/holds 3 events, its head records 4/);
  });

  it('catches an event appended without its head, and a head whose hash differs', () => {
    const c = segmentChain(A, 4);
    expect(verify(A, c, headOf(c.slice(0, 3)))?.problem).toMatch(/events appended/);
    expect(verify(A, c, { events: 4, headHash: c[2]!.hash })?.problem).toMatch(
      /other than its recorded head/,
    );
  });

  it('catches an event moved into another segment', () => {
    const a = segmentChain(A, 2);
    const b = segmentChain('433125', 2);
    const moved = { ...a[1]!, storedSegment: '433125', storedSeq: 3 };
    expect(verify('433125', [...b, moved], { events: 3, headHash: moved.hash })?.problem).toMatch(
      /does not belong to this segment/,
    );
    // even with a region of the new segment, its hash names the segment it was written in
    const relabelled = { ...moved, regionCode: '433125110226', prevHash: b[1]!.hash };
    expect(verify('433125', [...b, relabelled], { events: 3, headHash: moved.hash })?.problem).toBe(
      'content does not match its hash',
    );
  });

  it('verifies the legacy segment with the old hashes', () => {
    const legacy = chain(3).map((l, i) => ({ ...l, storedSegment: LEGACY_SEGMENT, storedSeq: i + 1 }));
    expect(verify(LEGACY_SEGMENT, legacy, { events: 3, headHash: legacy[2]!.hash })).toBeNull();
  });

  it('digests all segment heads regardless of their order, and genesis for none', () => {
    const h1 = { segment: A, events: 2, headHash: 'a'.repeat(64) };
    const h2 = { segment: '', events: 1, headHash: 'b'.repeat(64) };
    expect(headsDigest([])).toBe(GENESIS_HASH);
    expect(headsDigest([h1, h2])).toBe(headsDigest([h2, h1]));
    expect(headsDigest([h1, h2])).toMatch(/^[0-9a-f]{64}$/);
    expect(headsDigest([h1, { ...h2, events: 2 }])).not.toBe(headsDigest([h1, h2]));
  });
});

describe('keyed segments and the checkpoint', () => {
  const key = Buffer.from('a-key-kept-outside-the-database-0123');
  /** A segment of n events, keyless before `keyedFrom`, HMAC-keyed from it on. */
  function keyedSegment(n: number, keyedFrom: number): SegmentLink[] {
    const out: SegmentLink[] = [];
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= n; seq++) {
      const c = { ...content(seq), segment: '433124', seq };
      const hash = chainHash(prev, c, seq >= keyedFrom ? key : null);
      out.push({ ...c, id: String(seq), prevHash: prev, hash, storedSegment: '433124', storedSeq: seq });
      prev = hash;
    }
    return out;
  }
  const run = (
    links: SegmentLink[],
    opts: ConstructorParameters<typeof SegmentVerifier>[1],
    events = links.length,
  ) => {
    const v = new SegmentVerifier('433124', opts);
    for (const l of links) v.next(l);
    return v.end({ segment: '433124', headHash: v.lastHash, events }, links.at(-1)?.id ?? null);
  };

  it('verifies keyless events before keyedFrom and HMAC-keyed ones from it on', () => {
    expect(chainHash(GENESIS_HASH, content(1), key)).not.toBe(chainHash(GENESIS_HASH, content(1)));
    expect(run(keyedSegment(5, 3), { key, keyedFrom: 3 })).toBeNull();
  });

  it('tells an edit re-hashed without the key, an edited keyed event, and a missing key', () => {
    const links = keyedSegment(4, 1);
    const rehashed = { ...links[3]!, reason: 'x' };
    rehashed.hash = chainHash(rehashed.prevHash, rehashed);
    expect(run([...links.slice(0, 3), rehashed], { key, keyedFrom: 1 })?.problem).toMatch(
      /re-hashed without/,
    );
    expect(
      run([...links.slice(0, 3), { ...links[3]!, reason: 'x' }], { key, keyedFrom: 1 })?.problem,
    ).toMatch(/does not match its HMAC/);
    expect(run(links, { keyedFrom: 1 })?.problem).toMatch(/no audit key/);
  });

  it('catches a truncation, a rewrite and a changed keying against the checkpoint', () => {
    const links = keyedSegment(5, 1);
    const cp = { events: 5, headHash: links[4]!.hash, lastId: '5', keyedFrom: 1 };
    expect(run(links, { key, keyedFrom: 1, checkpoint: cp })).toBeNull();
    expect(run(links.slice(0, 4), { key, keyedFrom: 1, checkpoint: cp })?.problem).toMatch(
      /truncated: the checkpoint records 5 events ending at event 5 \(id 5\); the chain holds 4, last id 4/,
    );
    expect(
      run(links, { key, keyedFrom: 1, checkpoint: { ...cp, headHash: 'f'.repeat(64) } })?.problem,
    ).toMatch(/rewritten/);
    expect(run(links, { key, keyedFrom: 2, checkpoint: cp })).not.toBeNull();
  });
});
