import { describe, expect, it } from 'vitest';
import { pooledHeapingSignal, unexplainedJumpSignal, villageJumpSignal } from './integrity-jumps.js';
import {
  nearCopySignal,
  reportedBenfordSignal,
  roundNumberSignal,
  sharedFactorSignal,
} from './integrity-signals.js';
import type { JumpRow, YearRow } from './repository-integrity.js';

/**
 * The integrity signals on small hand-made regions (issue 17): for each, a case it must flag (a
 * near-copy family, a round-number village, a shared factor, a small heaped village, a village of
 * jumps, a collector who invents digits) and a case it must not (varied figures, a fixed dividend,
 * ordinary growth, exits spread over the band, relocation, explained jumps). Catalogue defaults.
 */

/** A small seeded source (mulberry32) so that the "honest" figures are varied but fixed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const V = (n: number) => `522698101${200 + n}`; // villages of one township (12 digits)
type Items = { wage: number; business: number; cost: number; property: number };
const row = (id: string, village: string, year: number, i: Items, extra: Partial<YearRow> = {}): YearRow => {
  const net = i.wage + i.business - i.cost + i.property;
  return {
    household_id: id,
    village_code: village,
    year,
    size: 3,
    status: '一般农户',
    ...i,
    transfer: 0,
    net,
    pc: net / 3,
    collector: null,
    relocated: false,
    ...extra,
  };
};
/** Varied honest figures, log-uniform (first digits follow Benford). */
const honest = (r: () => number): Items => ({
  wage: Math.round(10 ** (3 + 1.3 * r())),
  business: Math.round(10 ** (2.8 + 1 * r())),
  cost: Math.round(10 ** (2.3 + 1 * r())),
  property: r() < 0.3 ? Math.round(10 ** (2 + r())) : 0,
});
function village(
  v: number,
  year: number,
  n: number,
  seed: number,
  f: (i: Items, k: number) => Items = (i) => i,
) {
  const r = rng(seed);
  return Array.from({ length: n }, (_, k) => row(`${v}-${k}`, V(v), year, f(honest(r), k)));
}
const namedIds = (o: { findings: { household_id: string | null }[] }) =>
  new Set(o.findings.map((f) => f.household_id).filter((h): h is string => h !== null));

describe('nearCopySignal', () => {
  it('names a family of four near copies (each item within ±1 %) and only them', () => {
    const base = { wage: 15_230, business: 4_870, cost: 1_460, property: 650 };
    const rows = village(1, 2018, 40, 1, (i, k) =>
      k < 4
        ? {
            wage: base.wage + 37 * k,
            business: base.business - 11 * k,
            cost: base.cost + 3 * k,
            property: 650,
          }
        : i,
    );
    const out = nearCopySignal(rows, {});
    expect(out.flagged.map((f) => f.group)).toEqual([V(1)]);
    expect([...namedIds(out)].sort()).toEqual(['1-0', '1-1', '1-2', '1-3']);
  });

  it('does not flag a village of varied figures', () => {
    const out = nearCopySignal([...village(1, 2018, 60, 2), ...village(2, 2018, 60, 3)], {});
    expect(out.flagged).toEqual([]);
    expect(out.tested).toBe(2);
  });
});

describe('roundNumberSignal (by village)', () => {
  const region = (seed: number) => [1, 2, 3, 4, 5].flatMap((v) => village(v, 2019, 20, seed + v));
  it('flags a village whose every item is a multiple of 500 and names its households', () => {
    const to500 = (x: number) => (x > 0 ? Math.max(500, Math.round(x / 500) * 500) : 0);
    const round = (i: Items) => ({
      wage: to500(i.wage),
      business: to500(i.business),
      cost: to500(i.cost),
      property: to500(i.property),
    });
    const rows = [...region(10), ...village(6, 2018, 20, 99, round), ...village(6, 2019, 20, 97, round)];
    const out = roundNumberSignal(rows, 'village', {});
    expect(out.flagged.map((f) => f.group)).toEqual([V(6)]);
    const named = [...namedIds(out)];
    expect(named.length).toBeGreaterThanOrEqual(10);
    expect(named.every((id) => id.startsWith('6-'))).toBe(true);
    expect(out.findings.some((f) => f.household_id === null && f.region_code === V(6))).toBe(true);
  });

  it('does not flag a village paying every household the same dividend of 500 (a fixed amount)', () => {
    const rows = [...region(20), ...village(6, 2019, 20, 98, (i) => ({ ...i, property: 500 }))];
    expect(roundNumberSignal(rows, 'village', {}).flagged).toEqual([]);
  });
});

describe('sharedFactorSignal', () => {
  const two = (v: number, seed: number, n: number, factor: (k: number, r: () => number) => number) => {
    const r = rng(seed);
    const y1 = village(v, 2017, n, seed);
    return [
      ...y1,
      ...y1.map((x, k) => {
        const f = factor(k, r);
        return row(x.household_id, x.village_code, 2018, {
          wage: Math.round(x.wage * f),
          business: Math.round(x.business * f),
          cost: Math.round(x.cost * f),
          property: Math.round(x.property * f),
        });
      }),
    ];
  };
  const ordinary = (_k: number, r: () => number) => 0.8 + 0.6 * r();
  it('flags twelve households of a village multiplied by 1.45 in one year', () => {
    const rows = [
      ...[1, 2, 3, 4].flatMap((v) => two(v, 30 + v, 30, ordinary)),
      ...two(5, 40, 30, (k, r) => (k < 12 ? 1.45 : ordinary(k, r))),
    ];
    const out = sharedFactorSignal(rows, {});
    expect(out.flagged.map((f) => f.group)).toEqual([`${V(5)}@2018`]);
    expect([...namedIds(out)].sort()).toEqual(Array.from({ length: 12 }, (_, k) => `5-${k}`).sort());
  });

  it('flags two villages multiplied by the same 1.45 in the same year (one does not mask the other)', () => {
    const rows = [
      ...[1, 2, 3].flatMap((v) => two(v, 30 + v, 30, ordinary)),
      ...two(4, 39, 30, (k, r) => (k < 12 ? 1.45 : ordinary(k, r))),
      ...two(5, 40, 30, (k, r) => (k < 12 ? 1.45 : ordinary(k, r))),
    ];
    expect(sharedFactorSignal(rows, {}).flagged.map((f) => f.group)).toEqual([
      `${V(4)}@2018`,
      `${V(5)}@2018`,
    ]);
  });

  it('does not flag twelve households whose gross rose by 1.45 while their items moved apart', () => {
    const r = rng(45);
    const y1 = village(5, 2017, 30, 45);
    const apart = y1.map((x, k) => {
      // wage up by months of migrant work, harvest down, gross × 1.45 for the first twelve
      const g = x.wage + x.business + x.property;
      const target = k < 12 ? 1.45 * g : (0.8 + 0.6 * r()) * g;
      const business = Math.round(x.business * 0.7);
      return row(x.household_id, x.village_code, 2018, {
        wage: Math.round(target - business - x.property),
        business,
        cost: x.cost,
        property: x.property,
      });
    });
    const rows = [...[1, 2, 3, 4].flatMap((v) => two(v, 30 + v, 30, ordinary)), ...y1, ...apart];
    expect(sharedFactorSignal(rows, {}).flagged).toEqual([]);
  });

  it('does not flag ordinary growth, nor relocated households moved together', () => {
    const rows = [...[1, 2, 3, 4, 5].flatMap((v) => two(v, 50 + v, 30, ordinary))];
    expect(sharedFactorSignal(rows, {}).flagged).toEqual([]);
    const relocated = two(6, 60, 30, (k, r) => (k < 12 ? 1.45 : ordinary(k, r))).map((x) =>
      Number(x.household_id.split('-')[1]) < 12 ? { ...x, relocated: true } : x,
    );
    expect(sharedFactorSignal([...rows, ...relocated], {}).flagged).toEqual([]);
  });
});

describe('pooledHeapingSignal', () => {
  const LINE = 3_747;
  const exits = (v: number, n: number, at: (k: number) => number) =>
    Array.from({ length: n }, (_, k) => ({
      household_id: `${v}-${k}`,
      village_code: V(v),
      year: 2017 + (k % 3),
      pc: LINE * at(k),
      line: LINE,
    }));
  // honest exits spread evenly over [line, line × 1.3): a sixth in the 5 % band
  const spread = (n: number) => (k: number) => 1 + (0.3 * (k + 0.5)) / n;
  const region = [1, 2, 3, 4].flatMap((v) => exits(v, 30, spread(30)));
  it('a small heaped village: 8 of 10 exits within 5 % above the line', () => {
    const small = exits(5, 10, (k) => (k < 8 ? 1 + 0.005 * k : 1.2 + 0.01 * k));
    const out = pooledHeapingSignal([...region, ...small], {});
    expect(out.flagged.map((f) => f.group)).toEqual([V(5)]);
    expect([...namedIds(out)].sort()).toEqual(Array.from({ length: 8 }, (_, k) => `5-${k}`).sort());
  });

  it('does not flag villages whose exits spread over the band, nor name the township’s honest villages', () => {
    expect(pooledHeapingSignal(region, {}).flagged).toEqual([]);
    const small = exits(5, 10, (k) => (k < 8 ? 1 + 0.005 * k : 1.2 + 0.01 * k));
    const named = pooledHeapingSignal([...region, ...small], {}).flagged.map((f) => f.group);
    expect(named).not.toContain(V(1));
  });
});

describe('villageJumpSignal', () => {
  const years = (v: number, n: number, jumps: number, relocated = false) =>
    Array.from({ length: n }, (_, k) => [
      row(`${v}-${k}`, V(v), 2017, { wage: 9_000 + 100 * k, business: 3_000, cost: 1_000, property: 0 }),
      row(
        `${v}-${k}`,
        V(v),
        2018,
        { wage: (9_000 + 100 * k) * (k < jumps ? 1.8 : 1.05), business: 3_000, cost: 1_000, property: 0 },
        { relocated },
      ),
    ]).flat();
  it('flags a village where 15 of 30 households jumped against 1–2 in 30 elsewhere in the township', () => {
    const rows = [...years(1, 30, 1), ...years(2, 30, 2), ...years(3, 30, 1), ...years(4, 30, 15)];
    const out = villageJumpSignal(rows, {});
    expect(out.flagged.map((f) => f.group)).toEqual([`${V(4)}@2018`]);
  });

  it('does not flag the same jumps when the village was relocated', () => {
    const rows = [...years(1, 30, 1), ...years(2, 30, 2), ...years(3, 30, 1), ...years(4, 30, 15, true)];
    expect(villageJumpSignal(rows, {}).flagged).toEqual([]);
  });
});

describe('reportedBenfordSignal (by collector)', () => {
  it('flags a collector whose first digits are flat (invented) and names the households entered', () => {
    const r = rng(7);
    const rows = [
      ...[1, 2, 3].flatMap((v) => village(v, 2018, 120, 70 + v).map((x) => ({ ...x, collector: `c${v}` }))),
      ...Array.from({ length: 100 }, (_, k) =>
        row(
          `9-${k}`,
          V(4),
          2018,
          {
            wage: Math.round(1_000 + 8_999 * r()),
            business: Math.round(1_000 + 8_999 * r()),
            cost: Math.round(100 + 899 * r()),
            property: 0,
          },
          { collector: 'outsider' },
        ),
      ),
    ];
    const out = reportedBenfordSignal(rows, 'collector', {});
    expect(out.flagged.map((f) => f.group)).toEqual(['outsider']);
    expect(namedIds(out).size).toBe(100);
  });

  it('does not flag a village of honest figures with a fixed dividend of 600 for everyone', () => {
    const rows = [1, 2, 3, 4].flatMap((v) =>
      village(v, 2018, 120, 80 + v, (i) => (v === 4 ? { ...i, property: 600 } : i)),
    );
    expect(reportedBenfordSignal(rows, 'village', {}).flagged).toEqual([]);
  });
});

describe('unexplainedJumpSignal', () => {
  const jump = (id: string, by: string | null): JumpRow => ({
    household_id: id,
    village_code: V(1),
    year: 2018,
    previous: 2_000,
    current: 6_000,
    explained_by: by,
  });
  it('names only the jumps nothing recorded explains, and counts what explained the others', () => {
    const out = unexplainedJumpSignal([jump('a', 'employment'), jump('b', null), jump('c', 'relocation')]);
    expect([...namedIds(out)]).toEqual(['b']);
    expect(out.flagged[0]!.statistic).toMatchObject({
      jumps: 3,
      unexplained: 1,
      employment: 1,
      relocation: 1,
    });
  });
});
