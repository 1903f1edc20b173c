import { alkireFoster } from './alkire-foster.js';
import {
  exitsOf,
  groupsOf,
  householdsOf,
  incomeStructure,
  mpiIndicators,
  REGISTRY_MPI,
  REGISTRY_MPI_K,
  select,
  type GroupBy,
  type IncomeStructure,
  type Population,
  type RegistryFrame,
} from './registry.js';
import { DEFAULT_S80S20, type S80S20Convention } from './inequality.js';
import { measureHouseholds } from './summary.js';

/** A measure as served over JSON: a number, "Infinity" (Watts or MLD with a zero income), or null. */
export type Num = number | 'Infinity' | null;
export const num = (x: number | null | undefined): Num =>
  x === null || x === undefined || Number.isNaN(x) ? null : x === Infinity ? 'Infinity' : x;

export interface RegistryMeasures {
  households: number;
  persons: number;
  poverty: { headcount: Num; povertyGap: Num; squaredGap: Num; watts: Num; sen: Num };
  relative: {
    median: Num;
    lines: { p40: Num; p50: Num; p60: Num };
    arpr: { p40: Num; p50: Num; p60: Num };
    rmpg: Num;
  };
  inequality: { gini: Num; s80s20: Num; s80s20Convention: S80S20Convention; theil: Num; mld: Num };
  mpi: {
    k: number;
    H: Num;
    A: Num;
    M0: Num;
    indicators: {
      name: string;
      dimension: string;
      weight: number;
      uncensored: Num;
      censored: Num;
      contribution: Num;
    }[];
  };
  income: IncomeStructure;
  exits: { exits: number; passive: number };
}

export interface RegistryGroup {
  key: string;
  population: number;
  populationShare: Num;
  headcount: Num;
  povertyGap: Num;
  squaredGap: Num;
  contribution: { headcount: Num; povertyGap: Num; squaredGap: Num };
  mpiM0: Num;
  mpiContribution: Num;
}

const triple = (a: { headcount: number | null; povertyGap: number | null; squaredGap: number | null }) => ({
  headcount: num(a.headcount),
  povertyGap: num(a.povertyGap),
  squaredGap: num(a.squaredGap),
});

/**
 * Every measure of the rows of `region` (a village-code prefix) in the frame, against `line`; S80/S20
 * by the given convention (default Eurostat, laeken's `qsr`).
 */
export function registryMeasures(
  f: RegistryFrame,
  region: string,
  population: Population,
  line: number,
  s80s20: S80S20Convention = DEFAULT_S80S20,
): RegistryMeasures {
  const idx = select(f, region, population);
  const h = householdsOf(f, idx);
  const s = measureHouseholds(h, line, undefined, { s80s20 });
  const mpi = alkireFoster(mpiIndicators(f, idx, line), REGISTRY_MPI_K, h.size);
  const { exits, passive } = exitsOf(f, idx, line);
  return {
    households: s.n,
    persons: s.population,
    poverty: { ...triple(s), watts: num(s.watts), sen: num(s.sen) },
    relative: {
      median: num(s.relative.median),
      lines: {
        p40: num(s.relative.lines.p40),
        p50: num(s.relative.lines.p50),
        p60: num(s.relative.lines.p60),
      },
      arpr: { p40: num(s.relative.arpr.p40), p50: num(s.relative.arpr.p50), p60: num(s.relative.arpr.p60) },
      rmpg: num(s.relative.rmpg),
    },
    inequality: {
      gini: num(s.gini),
      s80s20: num(s.s80s20),
      s80s20Convention: s.s80s20Convention,
      theil: num(s.theil),
      mld: num(s.mld),
    },
    mpi: {
      k: REGISTRY_MPI_K,
      H: num(mpi.H),
      A: num(mpi.A),
      M0: num(mpi.M0),
      indicators: mpi.indicators.map((r, j) => ({
        name: r.name,
        dimension: REGISTRY_MPI[j]!.dimension,
        weight: REGISTRY_MPI[j]!.weight,
        uncensored: num(r.uncensored),
        censored: num(r.censored),
        contribution: num(r.contribution),
      })),
    },
    income: incomeStructure(f, idx),
    exits: { exits, passive: passive.length },
  };
}

/** FGT and MPI decomposition of the rows of `region` by township, village, household type or cause. */
export function registryGroups(
  f: RegistryFrame,
  region: string,
  population: Population,
  line: number,
  by: GroupBy,
): RegistryGroup[] {
  const idx = select(f, region, population);
  const h = householdsOf(f, idx);
  const groups = groupsOf(f, idx, by);
  const fgt = measureHouseholds(h, line, groups).byGroup ?? [];
  const mpi = alkireFoster(mpiIndicators(f, idx, line), REGISTRY_MPI_K, h.size, groups).byGroup ?? [];
  return fgt.map((g, j) => ({
    key: g.label,
    population: g.population,
    populationShare: num(g.populationShare),
    ...triple(g),
    contribution: triple(g.contribution),
    mpiM0: num(mpi[j]?.M0),
    mpiContribution: num(mpi[j]?.contribution),
  }));
}

/** Row indices of the passive exits of `region` this year (see isPassiveExit). */
export function passiveExitRows(
  f: RegistryFrame,
  region: string,
  population: Population,
  line: number,
): number[] {
  return exitsOf(f, select(f, region, population), line).passive;
}
