import { describe, expect, it } from 'vitest';
import {
  ageSplit,
  deprivationsOf,
  exitsOf,
  frameOf,
  groupsOf,
  householdsOf,
  incomeStructure,
  isPassiveExit,
  mpiIndicators,
  REGISTRY_MPI,
  select,
  type RegistryRow,
} from './registry.js';
import { registryMeasures } from './registry-report.js';

const row = (over: Partial<RegistryRow>): RegistryRow => ({
  id: 1,
  villageCode: '433124110226',
  status: 'poor',
  prevStatus: 'poor',
  householdType: 'general_poor',
  mainCause: 'illness',
  size: 2,
  netIncome: 6000,
  wage: 6000,
  businessNet: 0,
  property: 0,
  transfer: 0,
  under14: 0,
  adults16: 2,
  schooledAdults16: 1,
  outOfSchool: 0,
  uninsured: 0,
  houseGrade: 'A',
  safeWater: true,
  electricity: true,
  sanitaryToilet: true,
  ...over,
});

describe('ageSplit: the yearly size is the truth', () => {
  it.each([
    // size, under14 → adults, children
    [3, 1, 2, 1],
    [2, 3, 0, 2], // more children recorded than the size: capped
    [4, 0, 4, 0], // members missing from the table count as adults
    [1, 0, 1, 0],
    [0, 0, 1, 0], // a size of 0 is read as 1
  ])('size %i with %i under 14 → %i adults, %i children', (size, under14, adults, children) => {
    expect(ageSplit(size, under14)).toEqual({ adults, children });
  });
});

describe('deprivationsOf', () => {
  it('reads each registry indicator', () => {
    expect(Object.values(deprivationsOf(row({})))).toEqual([false, false, false, false, false, false, false]);
    expect(
      deprivationsOf(
        row({
          schooledAdults16: 0,
          outOfSchool: 1,
          uninsured: 2,
          houseGrade: 'C',
          safeWater: false,
          electricity: false,
          sanitaryToilet: false,
        }),
      ),
    ).toEqual({
      schooling: true,
      attendance: true,
      insurance: true,
      housing: true,
      water: true,
      electricity: true,
      sanitation: true,
    });
  });
  it('does not count schooling against a household without members aged 16+', () => {
    expect(deprivationsOf(row({ adults16: 0, schooledAdults16: 0 })).schooling).toBe(false);
  });
  it('counts grade D as unsafe and a missing grade as safe', () => {
    expect(deprivationsOf(row({ houseGrade: 'D' })).housing).toBe(true);
    expect(deprivationsOf(row({ houseGrade: null })).housing).toBe(false);
  });
});

describe('frame and selections', () => {
  const rows = [
    row({ id: 10, size: 3, under14: 1, netIncome: 9000 }),
    row({ id: 11, villageCode: '433124100201', status: 'none', prevStatus: 'none', mainCause: null }),
    row({ id: 12, status: 'exited', prevStatus: 'returned', netIncome: 10000, wage: 7000, transfer: 3000 }),
    row({ id: 13, status: 'exited', prevStatus: 'exited' }),
  ];
  const f = frameOf(rows);

  it('maps rows to household arrays with weight 1', () => {
    const h = householdsOf(f, select(f, '', 'all'));
    expect([...h.size]).toEqual([3, 2, 2, 2]);
    expect([...h.adults]).toEqual([2, 2, 2, 2]);
    expect([...h.children]).toEqual([1, 0, 0, 0]);
    expect([...h.weight]).toEqual([1, 1, 1, 1]);
    expect([...h.income]).toEqual([9000, 6000, 10000, 6000]);
  });

  it('selects by region prefix and population', () => {
    expect([...select(f, '433124110', 'all')]).toEqual([0, 2, 3]);
    expect([...select(f, '', 'registered')]).toEqual([0, 2, 3]);
    expect([...select(f, '433124100', 'registered')]).toEqual([]);
  });

  it('groups by township and by cause (none when missing)', () => {
    const idx = select(f, '', 'all');
    expect(groupsOf(f, idx, 'township')).toEqual({
      codes: Uint32Array.from([0, 1, 0, 0]),
      labels: ['433124110', '433124100'],
    });
    expect(groupsOf(f, idx, 'cause').labels).toEqual(['illness', 'none']);
  });

  it('marks exits (exited after poor or returned) and finds the passive one', () => {
    expect([...f.exited]).toEqual([0, 0, 1, 0]);
    // row 2: 10,000 / 2 = 5,000 ≥ 4,500; without transfers 3,500 < 4,500
    expect(exitsOf(f, select(f, '', 'all'), 4500)).toEqual({ exits: 1, passive: [2] });
    expect(exitsOf(f, select(f, '', 'all'), 3000)).toEqual({ exits: 1, passive: [] });
  });

  it('derives the income indicator from the line, strictly below', () => {
    const inc = mpiIndicators(f, select(f, '', 'all'), 3000)[0]!;
    expect(inc.name).toBe('income');
    expect([...inc.values]).toEqual([0, 0, 0, 0]); // 3,000 per person is not below 3,000
    expect([...mpiIndicators(f, select(f, '', 'all'), 3000.01)[0]!.values]).toEqual([1, 1, 0, 1]);
  });

  it('sums the income structure', () => {
    const s = incomeStructure(f, select(f, '', 'all'));
    expect(s).toMatchObject({ total: 28000, wage: 25000, transfer: 3000 });
    expect(s.shares.endogenous).toBeCloseTo(25 / 28, 12);
  });
});

describe('registry MPI weights', () => {
  it('nest equal dimension weights and sum to 1', () => {
    expect(REGISTRY_MPI.reduce((a, s) => a + s.weight, 0)).toBeCloseTo(1, 12);
    const byDim = new Map<string, number>();
    for (const s of REGISTRY_MPI) byDim.set(s.dimension, (byDim.get(s.dimension) ?? 0) + s.weight);
    expect([...byDim.values()]).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});

describe('isPassiveExit', () => {
  it.each([
    [10000, 3000, 2, 4500, true],
    [9000, 1000, 2, 4500, true], // exactly the line with transfers, below without
    [9000, 0, 2, 4500, false], // on its own income
    [8000, 3000, 2, 4500, false], // below the line: not an exit above it at all
    [11000, 2000, 2, 4500, false], // 4,500 without transfers is not below
  ])('income %i, transfers %i, size %i, line %i → %s', (income, transfer, size, line, passive) => {
    expect(isPassiveExit(income, transfer, size, line)).toBe(passive);
  });
});

describe('registryMeasures: the S80/S20 convention is named and selectable', () => {
  // ten one-person households with incomes 1000…10000 (equivalised = income): laeken's qsr takes
  // q₂₀ = 3000, q₈₀ = 9000 → 10000 / (1000 + 2000 + 3000) = 5/3; the Lorenz shares 19000 / 3000
  const rows = Array.from({ length: 10 }, (_, i) =>
    row({ id: i + 1, size: 1, adults16: 1, netIncome: 1000 * (i + 1), wage: 1000 * (i + 1) }),
  );
  it.each([
    ['eurostat', 5 / 3],
    ['lorenz', 19 / 3],
  ] as const)('%s → %f', (convention, value) => {
    const m = registryMeasures(frameOf(rows), '', 'all', 4000, convention);
    expect(m.inequality.s80s20Convention).toBe(convention);
    expect(m.inequality.s80s20).toBeCloseTo(value, 12);
  });
  it('default: eurostat', () => {
    expect(registryMeasures(frameOf(rows), '', 'all', 4000).inequality.s80s20Convention).toBe('eurostat');
  });
});
