import { describe, expect, it } from 'vitest';
import { ALL_CAUSES, compareOutcomes, type MeasureStart } from './compare.js';
import { estimate, type Acc } from './estimate.js';
import {
  incomeBand,
  outcomesOf,
  sizeBand,
  stratumOf,
  type OutcomeHousehold,
  type YearRow,
} from './strata.js';

const acc = (...ys: number[]): Acc => ({
  n: ys.length,
  sum: ys.reduce((a, y) => a + y, 0),
  sq: ys.reduce((a, y) => a + y * y, 0),
});
const rows = (...r: [number, string, number, number?][]) =>
  new Map<number, YearRow>(
    r.map(([y, status, perCapita, size]) => [y, { status, perCapita, size: size ?? 3 }]),
  );

describe('bands', () => {
  it('puts income in multiples of the line and size in four bands', () => {
    expect(
      [0, 799, 800, 999, 1000, 1499, 1500, 2000, 2999, 3000, 9000].map((v) => incomeBand(v, 1000)),
    ).toEqual([0, 0, 1, 1, 2, 2, 3, 4, 4, 5, 5]);
    expect([1, 2, 3, 4, 5, 9].map(sizeBand)).toEqual(['1', '2', '3-4', '3-4', '5+', '5+']);
  });
});

describe('outcomesOf', () => {
  it('reads income change, a lasting exit and an entry over the horizon', () => {
    // poor → exited → exited: left in the first year and stayed out
    expect(
      outcomesOf(rows([2020, 'poor', 2000], [2021, 'exited', 4000], [2022, 'exited', 5000]), 2020, 2),
    ).toEqual({
      incomeChange: 3000,
      lastingExit: 1,
      entered: null,
    });
    // left, then returned before the horizon's end: not lasting
    expect(
      outcomesOf(rows([2020, 'poor', 1], [2021, 'exited', 1], [2022, 'returned', 1]), 2020, 2).lastingExit,
    ).toBe(0);
    // left in the horizon's last year
    expect(
      outcomesOf(rows([2020, 'poor', 1], [2021, 'poor', 1], [2022, 'exited', 1]), 2020, 2).lastingExit,
    ).toBe(1);
    // monitored → risk removed counts as leaving
    expect(outcomesOf(rows([2022, 'monitored', 1], [2023, 'risk_removed', 1]), 2022, 1).lastingExit).toBe(1);
    expect(
      outcomesOf(rows([2020, 'poor', 1], [2021, 'poor', 1], [2022, 'poor', 1]), 2020, 2).lastingExit,
    ).toBe(0);
    // outside at baseline: entered when inside in a year of the horizon
    expect(
      outcomesOf(rows([2020, 'exited', 1], [2021, 'exited', 1], [2022, 'monitored', 1]), 2020, 2),
    ).toEqual({
      incomeChange: 0,
      lastingExit: null,
      entered: 1,
    });
    expect(outcomesOf(rows([2020, 'none', 1], [2021, 'none', 1], [2022, 'none', 1]), 2020, 2).entered).toBe(
      0,
    );
  });

  it('leaves an outcome undefined when a year of the horizon has no row', () => {
    // the middle year missing: the path is unknown, the income change is not
    expect(outcomesOf(rows([2020, 'poor', 1000], [2022, 'exited', 3000]), 2020, 2)).toEqual({
      incomeChange: 2000,
      lastingExit: null,
      entered: null,
    });
    expect(outcomesOf(rows([2020, 'poor', 1000]), 2020, 1)).toEqual({
      incomeChange: null,
      lastingExit: null,
      entered: null,
    });
    expect(outcomesOf(rows([2021, 'poor', 1000]), 2020, 1).incomeChange).toBeNull();
  });
});

describe('estimate', () => {
  it('weights within-stratum differences by the treated and takes each group’s variance over its strata', () => {
    const strata = [
      { t: { y: acc(10, 14) }, c: { y: acc(8, 10, 12) } },
      { t: { y: acc(20) }, c: { y: acc(15, 17) } },
      { t: { y: acc(99) }, c: { y: acc() } }, // no comparison: left out
    ];
    const e = estimate(strata, 'y', 1);
    // weights 2/3 and 1/3: treated 2/3·12 + 1/3·20 = 14.667; comparison 2/3·10 + 1/3·16 = 12
    expect(e.treated).toBe(3);
    expect(e.comparison).toBe(5);
    expect(e.treatedMean).toBeCloseTo(44 / 3, 10);
    expect(e.comparisonMean).toBeCloseTo(12, 10);
    expect(e.difference).toBeCloseTo(8 / 3, 10);
    // treated 10, 14, 20: mean 44/3, squares 21.78 + 0.44 + 28.44 = 50.67, variance 25.33;
    // comparison 8, 10, 12, 15, 17: mean 12.4, squares 53.2, variance 13.3
    // Var = (2/3)²(25.33/2 + 13.3/3) + (1/3)²(25.33/1 + 13.3/2) = 7.6 + 3.5537 = 11.1537
    const vT = 152 / 6;
    const se = Math.sqrt((4 / 9) * (vT / 2 + 13.3 / 3) + (1 / 9) * (vT + 13.3 / 2));
    expect(se).toBeCloseTo(3.33972, 4);
    expect(e.low).toBeCloseTo(8 / 3 - 1.959964 * se, 5);
    expect(e.high).toBeCloseTo(8 / 3 + 1.959964 * se, 5);
  });

  it('gives an interval of width when every event falls in a stratum of one', () => {
    // the one treated event is alone in its stratum: a within-stratum variance would be zero
    const strata = [
      { t: { y: acc(1) }, c: { y: acc(0, 0) } },
      { t: { y: acc(0, 0, 0) }, c: { y: acc(0, 0) } },
    ];
    const e = estimate(strata, 'y', 1);
    expect(e.difference).toBeCloseTo(0.25, 10);
    expect(e.high! - e.low!).toBeGreaterThan(0.3);
  });

  it('hides small groups and gives no interval without a degree of freedom', () => {
    const strata = [{ t: { y: acc(10) }, c: { y: acc(8) } }];
    expect(estimate(strata, 'y', 2)).toMatchObject({
      hidden: true,
      difference: null,
      treated: 1,
      comparison: 1,
    });
    expect(estimate(strata, 'y', 1)).toMatchObject({ hidden: false, difference: 2, low: null, high: null });
  });
});

describe('compareOutcomes', () => {
  const hh = (
    id: string,
    r: Map<number, YearRow>,
    over: Partial<OutcomeHousehold> = {},
  ): OutcomeHousehold => ({ id, area: 'T1', cause: 'illness', labour: true, years: r, ...over });
  const households = [
    hh('t1', rows([2020, 'poor', 800], [2021, 'exited', 1500])),
    hh('t2', rows([2020, 'poor', 850], [2021, 'poor', 950])),
    hh('t3', rows([2020, 'poor', 800], [2021, 'poor', 900]), { area: 'T2' }), // no comparison in T2
    hh('t4', rows([2021, 'poor', 800], [2022, 'poor', 900])), // no 2020 row
    hh('c1', rows([2020, 'poor', 820], [2021, 'poor', 900])),
    hh('c2', rows([2020, 'poor', 900], [2021, 'exited', 1200])),
    hh('c3', rows([2020, 'poor', 800], [2021, 'exited', 1800]), { cause: 'disability' }), // other cause
    hh('c4', rows([2020, 'poor', 800], [2021, 'exited', 1800])), // a health measure planned in 2021
    hh('c5', rows([2020, 'poor', 810], [2021, 'poor', 830])), // a health measure only in 2023
    hh('c6', rows([2020, 'poor', 2500], [2021, 'exited', 2600])), // other income band
    hh('c7', rows([2020, 'poor', 800, 6], [2021, 'exited', 1800, 6])), // other size band
    hh('c8', rows([2020, 'poor', 800], [2021, 'exited', 1800]), { labour: false }), // nobody can work
  ];
  const m = (householdId: string, year: number, delivered = true, kind = 'health'): MeasureStart => ({
    householdId,
    kind,
    year,
    delivered,
  });
  const measures = [
    m('t1', 2021),
    m('t2', 2021),
    m('t2', 2021, false), // a second, cancelled one changes nothing
    m('t3', 2021),
    m('t4', 2021),
    m('c4', 2021, false),
    m('c5', 2023, false),
    m('c1', 2021, true, 'industry'), // another kind: c1 stays a comparison for health
  ];
  const opts = { horizon: 1, minCell: 1, lineOf: () => 1000, lastYear: 2025, planYears: null };

  it('compares the treated with the comparison households of their stratum only', () => {
    const cells = compareOutcomes(households, measures, opts).filter((c) => c.kind === 'health');
    expect(cells.map((c) => [c.cause, c.startYear])).toEqual([
      [ALL_CAUSES, null],
      ['illness', null],
      [ALL_CAUSES, 2021],
    ]);
    const all = cells[0]!;
    expect(all).toMatchObject({
      treated: 3,
      matchedTreated: 2,
      noBaseline: 1,
      tooRecent: 0,
      comparisonHouseholds: 3, // c1, c2, c5
      comparisonEpisodes: 3,
      baselineYears: [2020, 2020],
      hidden: false,
    });
    // income: treated (700 + 100) / 2 = 400; comparison (80 + 300 + 20) / 3 = 133.33
    const inc = all.outcomes.incomeChange;
    expect(inc.treatedMean).toBeCloseTo(400, 8);
    expect(inc.comparisonMean).toBeCloseTo(400 / 3, 8);
    expect(inc.difference).toBeCloseTo(800 / 3, 8);
    // one stratum: Var = 180000/2 + (43466.67/2)/3
    const se = Math.sqrt(180000 / 2 + 43466.666666 / 2 / 3);
    expect(inc.high! - inc.difference!).toBeCloseTo(1.959964 * se, 2);
    // lasting exit: 1/2 against 1/3
    expect(all.outcomes.lastingExit.difference).toBeCloseTo(1 / 6, 10);
    // everybody was inside at baseline: no entry outcome
    expect(all.outcomes.entered).toMatchObject({ treated: 0, hidden: true });
    expect(cells[1]).toMatchObject({ treated: 3, matchedTreated: 2, noBaseline: 1 });
  });

  it('keeps a later measure of the kind in the comparison only after the horizon', () => {
    const longer = compareOutcomes(households, measures, { ...opts, horizon: 3 }).find(
      (c) => c.kind === 'health' && c.cause === ALL_CAUSES,
    )!;
    // c5's 2023 measure falls within 2020 + 3: it is no longer a comparison household
    expect(longer.comparisonHouseholds).toBe(2);
  });

  it('leaves out measures too recent to be followed to the horizon', () => {
    // 2021 − 1 + 2 = 2022 > 2021: the four treated households cannot be followed for two years
    const cell = compareOutcomes(households, measures, { ...opts, horizon: 2, lastYear: 2021 })[0]!;
    expect(cell).toMatchObject({ treated: 0, tooRecent: 4, noBaseline: 0, matchedTreated: 0, hidden: true });
    const ok = compareOutcomes(households, measures, { ...opts, horizon: 2, lastYear: 2022 })[0]!;
    expect(ok).toMatchObject({ treated: 3, tooRecent: 0, noBaseline: 1 });
  });

  it('compares with assisted households only when plan years are given', () => {
    // c1 and c2 had a plan in 2021 (the treated households' start year), c5 only in 2020
    const planYears = new Map([
      ['c1', new Set([2021])],
      ['c2', new Set([2020, 2021])],
      ['c5', new Set([2020])],
    ]);
    const cell = compareOutcomes(households, measures, { ...opts, planYears })[0]!;
    expect(cell).toMatchObject({ matchedTreated: 2, comparisonHouseholds: 2 });
    // comparison income (80 + 300) / 2 = 190 against the treated 400
    expect(cell.outcomes.incomeChange.difference).toBeCloseTo(210, 8);
  });

  it('hides a cell with too few households on a side, keeping its sizes', () => {
    const cell = compareOutcomes(households, measures, { ...opts, minCell: 3 })[0]!;
    expect(cell).toMatchObject({ kind: 'health', hidden: true, matchedTreated: 2, comparisonHouseholds: 3 });
    expect(cell.outcomes.incomeChange.difference).toBeNull();
  });

  it('matches on the baseline year', () => {
    const moved = households.map((h) =>
      h.id.startsWith('c') ? { ...h, years: new Map([...h.years].map(([y, r]) => [y + 1, r])) } : h,
    );
    const cell = compareOutcomes(moved, measures, opts).find((c) => c.kind === 'health')!;
    expect(cell.matchedTreated).toBe(0);
    expect(cell.hidden).toBe(true);
  });

  it('writes the stratum key from the baseline row', () => {
    expect(stratumOf(households[0]!, 2020, 1000)).toBe('2020|T1|illness|poor|1|3-4|L');
    expect(stratumOf(households[0]!, 2019, 1000)).toBeNull();
  });
});
