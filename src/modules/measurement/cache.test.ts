import { describe, expect, it } from 'vitest';
import { frameOf } from '../../domain/measurement/registry.js';
import { FrameCache } from './cache.js';
import { Snapshot } from './snapshot.js';
import { storeOf } from './store.js';
import { rowsOf, yearsOf } from './view.js';
import {
  MEMBER_OUT_OF_SCHOOL,
  MEMBER_PRESENT,
  MEMBER_SCHOOLED,
  MEMBER_UNINSURED,
  type RegistryData,
} from './repository.js';

const F = (xs: number[]) => Float64Array.from(xs);
type Row = [household: number, year: number, village: string, status: string, net: number];

/** Registry data in arbitrary (query) order; size 2, wage = net, transfer 100. */
function data(rows: Row[], households: number[], members: [number, number, number][]): RegistryData {
  return {
    rows: {
      household: F(rows.map((r) => r[0])),
      year: F(rows.map((r) => r[1])),
      village: rows.map((r) => r[2]),
      status: rows.map((r) => r[3]),
      size: F(rows.map(() => 2)),
      net: F(rows.map((r) => r[4])),
      wage: F(rows.map((r) => r[4])),
      business: F(rows.map(() => 0)),
      property: F(rows.map(() => 0)),
      transfer: F(rows.map(() => 100)),
    },
    households: {
      id: F(households),
      type: households.map(() => 'general'),
      cause: households.map((h) => (h === 2 ? 'illness' : null)),
      houseGrade: households.map((h) => (h === 3 ? 'D' : null)),
      amenities: F(households.map((h) => (h === 3 ? 2 : 7))),
      village: households.map((h) => rows.find((r) => r[0] === h)?.[2] ?? ''),
    },
    members: {
      household: F(members.map((m) => m[0])),
      birthYear: F(members.map((m) => m[1])),
      flags: F(members.map((m) => m[2])),
    },
  };
}

const P = MEMBER_PRESENT;
const base = data(
  [
    [3, 2025, '433124100001', 'poor', 3000],
    [1, 2025, '433124100001', 'exited', 9000],
    [1, 2024, '433199100001', 'poor', 2000], // last year in another county: still its previous status
    [2, 2025, '433124100002', 'none', 20000],
    [2, 2024, '433124100002', 'none', 18000],
    [4, 2025, '433199100001', 'none', 1], // never in the region: left out
  ],
  [3, 2, 1, 4],
  [
    [1, 1980, P | MEMBER_SCHOOLED],
    [1, 2015, P | MEMBER_OUT_OF_SCHOOL], // 10 at the end of 2025: out of school, under 14
    [3, 1970, P | MEMBER_UNINSURED],
    [3, 2012, P], // 13 at the end of 2025: a child; 14 at the end of 2026
    [2, 1990, 0], // moved out: not an adult of the household
  ],
);

describe('measures store', () => {
  it('reads every year of a region into rows equal to the per-year SQL', () => {
    const view = { base: storeOf('433124', base), overlay: null, replaced: new Set<number>() };
    expect(Array.from(view.base.id)).toEqual([1, 2, 3]);
    expect(yearsOf(view, '433124')).toEqual([2024, 2025]);
    expect(yearsOf(view, '433124100001')).toEqual([2025]);
    const rows = rowsOf(view, 2025);
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(rows[0]).toMatchObject({
      prevStatus: 'poor',
      under14: 1,
      adults16: 1,
      schooledAdults16: 1,
      outOfSchool: 1,
      uninsured: 0,
    });
    expect(rows[1]).toMatchObject({ prevStatus: 'none', mainCause: 'illness', adults16: 0, under14: 0 });
    expect(rows[2]).toMatchObject({
      prevStatus: null,
      under14: 1,
      adults16: 1,
      schooledAdults16: 0,
      uninsured: 1,
      houseGrade: 'D',
      safeWater: false,
      electricity: true,
      sanitaryToilet: false,
    });
    expect(rowsOf(view, 2024).map((r) => r.id)).toEqual([2]);
  });

  it('patches cached frames after an edit, or rebuilds them when the households change', () => {
    const snap = new Snapshot({ base: storeOf('433124', base), overlay: null, replaced: new Set() });
    const before = snap.state(2025);
    snap.state(2024);
    // household 3 re-read with a new income and its member now insured
    const fresh = storeOf('433124', data([[3, 2025, '433124100001', 'poor', 5000]], [3], [[3, 1970, P]]));
    const next = snap.refresh(fresh, new Set([3]));
    const after = next.state(2025);
    expect(after.frame).toBe(before.frame); // patched in place
    expect(after.results).not.toBe(before.results);
    expect(after.frame).toEqual(frameOf(rowsOf(next.view, 2025)));
    expect(after.frame.income[2]).toBe(5000);
    expect(after.frame.deprived.insurance[2]).toBe(0);

    const gone = next.refresh(storeOf('433124', data([], [], [])), new Set([1]));
    const f = gone.state(2025).frame;
    expect(Array.from(f.id)).toEqual([2, 3]);
    expect(f).toEqual(frameOf(rowsOf(gone.view, 2025)));
  });
});

describe('frame cache budget', () => {
  /** A county's data of `n` households in one village, one 2025 row each. */
  const county = (code: string, n: number) =>
    data(
      Array.from({ length: n }, (_, i): Row => [i + 1, 2025, `${code}100001`, 'poor', 3000 + i]),
      Array.from({ length: n }, (_, i) => i + 1),
      [],
    );

  it('counts the bytes a store holds, growing with its households and its frames', async () => {
    const small = new Snapshot({
      base: storeOf('433124', county('433124', 100)),
      overlay: null,
      replaced: new Set(),
    });
    const large = new Snapshot({
      base: storeOf('433124', county('433124', 10_000)),
      overlay: null,
      replaced: new Set(),
    });
    expect(large.bytes()).toBeGreaterThan(50 * small.bytes());
    const before = large.bytes();
    large.state(2025);
    expect(large.bytes()).toBeGreaterThan(before);
  });

  it('drops the least recently used stores beyond the budget, never the newest', async () => {
    const one = new Snapshot({
      base: storeOf('433124', county('433124', 5_000)),
      overlay: null,
      replaced: new Set(),
    });
    const budget = Math.round(one.bytes() * 2.5);
    const cache = new FrameCache(6, budget);
    for (const code of ['433124', '433125', '433126', '433127']) {
      await cache.get(code, async () => county(code, 5_000)).snapshot;
      await cache.trim();
    }
    const held = await cache.usage();
    expect(held.map((h) => h.region)).toEqual(['433126', '433127']);
    expect(held.reduce((s, h) => s + h.bytes, 0)).toBeLessThanOrEqual(budget);
    // a store bigger than the whole budget is still kept while it is the newest
    const tiny = new FrameCache(6, 1);
    await tiny.get('433124', async () => county('433124', 100)).snapshot;
    await tiny.trim();
    expect((await tiny.usage()).map((h) => h.region)).toEqual(['433124']);
  });

  it('applies successive change marks in order, each re-reading only the villages not yet applied', async () => {
    const reads: string[][] = [];
    const cache = new FrameCache(6);
    const load = async (only?: { villages: readonly string[] }) => {
      if (only) reads.push([...only.villages]);
      return base;
    };
    const entry = cache.get('433124', { load, position: async () => 10n });
    await entry.snapshot;
    cache.apply([{ xid: 12n, village: '433124100001' }], 13n);
    cache.apply(
      [
        { xid: 12n, village: '433124100001' }, // already applied
        { xid: 9n, village: '433124100002' }, // below the store's position: in its first read
        { xid: 14n, village: '433124100002' },
      ],
      15n,
    );
    cache.invalidate(['433124100001']); // a mark without a transaction id: always applied
    await entry.snapshot;
    expect(await entry.position).toBe(15n);
    expect(reads).toEqual([['433124100001'], ['433124100002'], ['433124100001']]);
  });
});
