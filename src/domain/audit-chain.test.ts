import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  chainHash,
  findBrokenLink,
  GENESIS_HASH,
  type ChainContent,
  type ChainLink,
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
