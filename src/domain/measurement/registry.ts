import type { Groups } from './decomposition.js';
import type { Households } from './equivalence.js';
import type { Indicator } from './alkire-foster.js';

/**
 * From registry rows (one household in one year) to the inputs of the measures: typed columns
 * (a "frame"), the household arrays of `measureHouseholds`, the registry MPI's indicators, income
 * structure and passive exits. Pure: the SQL that fills the rows lives in src/modules/measurement.
 */

/** One household-year as read from the registry (numbers already parsed). */
export interface RegistryRow {
  id: number;
  villageCode: string;
  status: string;
  /** Status at the end of the previous year (null: no row that year). */
  prevStatus: string | null;
  householdType: string;
  mainCause: string | null;
  /** household_year.size: the household's size that year. */
  size: number;
  netIncome: number;
  wage: number;
  /** Business income net of production cost. */
  businessNet: number;
  property: number;
  transfer: number;
  /** Members born by the year's end and under 14 at the year's end. */
  under14: number;
  /** Present members aged 16+; of them, with at least primary schooling. */
  adults16: number;
  schooledAdults16: number;
  /** Present members aged 6–15 recorded as out of school (失学或辍学). */
  outOfSchool: number;
  /** Present members without basic medical insurance. */
  uninsured: number;
  houseGrade: string | null;
  safeWater: boolean;
  electricity: boolean;
  sanitaryToilet: boolean;
}

/**
 * The equivalence-scale split of a household of `size` persons, from the members the registry holds
 * (`under14`, counted by birth date at the year's end). The yearly size is the truth —
 * the member table holds people who have since died or moved out, and newborns after the year's
 * end are not counted — so children are capped at `size` and the rest of the household are adults.
 */
export function ageSplit(size: number, under14: number): { adults: number; children: number } {
  const s = Math.max(1, Math.round(size));
  const children = Math.min(Math.max(0, under14), s);
  return { adults: s - children, children };
}

export const POOR_IN_YEAR = ['poor', 'returned'];
/** Statuses counted as "registered" (建档立卡, ever registered or monitored). */
export const REGISTERED_IN_YEAR = ['poor', 'returned', 'exited', 'monitored', 'risk_removed'];

/** Columnar form of the rows; codes index into the label arrays. */
export interface RegistryFrame {
  n: number;
  id: Float64Array;
  village: Uint32Array;
  villages: string[];
  status: Uint8Array;
  statuses: string[];
  registered: Uint8Array;
  /** 1 when the household exited this year (exited now, poor or returned the year before). */
  exited: Uint8Array;
  type: Uint32Array;
  types: string[];
  cause: Uint32Array;
  causes: string[];
  income: Float64Array;
  size: Float64Array;
  adults: Float64Array;
  children: Float64Array;
  wage: Float64Array;
  business: Float64Array;
  property: Float64Array;
  transfer: Float64Array;
  /** Deprivation 0/1 per registry MPI indicator, by indicator name. */
  deprived: Record<MpiIndicatorName, Uint8Array>;
}

export type MpiIndicatorName =
  'income' | 'schooling' | 'attendance' | 'insurance' | 'housing' | 'water' | 'electricity' | 'sanitation';

export interface MpiIndicatorSpec {
  name: MpiIndicatorName;
  dimension: 'income' | 'education' | 'health' | 'living';
  weight: number;
}

/**
 * The registry MPI: four dimensions of equal weight (1/4) — the income line (一达标), education and
 * health (义务教育、基本医疗有保障), housing and living standard (住房、饮水安全 + electricity,
 * sanitation) — each split equally among its indicators (nested equal weights).
 */
export const REGISTRY_MPI: readonly MpiIndicatorSpec[] = [
  { name: 'income', dimension: 'income', weight: 1 / 4 },
  { name: 'schooling', dimension: 'education', weight: 1 / 8 },
  { name: 'attendance', dimension: 'education', weight: 1 / 8 },
  { name: 'insurance', dimension: 'health', weight: 1 / 4 },
  { name: 'housing', dimension: 'living', weight: 1 / 16 },
  { name: 'water', dimension: 'living', weight: 1 / 16 },
  { name: 'electricity', dimension: 'living', weight: 1 / 16 },
  { name: 'sanitation', dimension: 'living', weight: 1 / 16 },
];
/** Poverty cutoff k: deprived in a third of the weighted indicators (e.g. income + one living indicator + … ). */
export const REGISTRY_MPI_K = 1 / 3;

/** Deprivations of one row, except income (which depends on the line). */
export function deprivationsOf(r: RegistryRow): Omit<Record<MpiIndicatorName, boolean>, 'income'> {
  return {
    schooling: r.adults16 > 0 && r.schooledAdults16 === 0,
    attendance: r.outOfSchool > 0,
    insurance: r.uninsured > 0,
    housing: r.houseGrade === 'C' || r.houseGrade === 'D',
    water: !r.safeWater,
    electricity: !r.electricity,
    sanitation: !r.sanitaryToilet,
  };
}

class Coder {
  readonly labels: string[] = [];
  private readonly map = new Map<string, number>();
  code(label: string): number {
    let c = this.map.get(label);
    if (c === undefined) {
      c = this.labels.length;
      this.map.set(label, c);
      this.labels.push(label);
    }
    return c;
  }
}

/** Rows → frame. `income` deprivation is left 0: it is set per line by `mpiIndicators`. */
export function frameOf(rows: readonly RegistryRow[]): RegistryFrame {
  const n = rows.length;
  const f64 = () => new Float64Array(n);
  const u8 = () => new Uint8Array(n);
  const [villages, statuses, types, causes] = [new Coder(), new Coder(), new Coder(), new Coder()];
  const deprived = Object.fromEntries(REGISTRY_MPI.map((s) => [s.name, u8()])) as RegistryFrame['deprived'];
  const f: RegistryFrame = {
    n,
    id: f64(),
    village: new Uint32Array(n),
    villages: villages.labels,
    status: u8(),
    statuses: statuses.labels,
    registered: u8(),
    exited: u8(),
    type: new Uint32Array(n),
    types: types.labels,
    cause: new Uint32Array(n),
    causes: causes.labels,
    income: f64(),
    size: f64(),
    adults: f64(),
    children: f64(),
    wage: f64(),
    business: f64(),
    property: f64(),
    transfer: f64(),
    deprived,
  };
  rows.forEach((r, i) => {
    const { adults, children } = ageSplit(r.size, r.under14);
    f.id[i] = r.id;
    f.village[i] = villages.code(r.villageCode);
    f.status[i] = statuses.code(r.status);
    f.registered[i] = REGISTERED_IN_YEAR.includes(r.status) ? 1 : 0;
    f.exited[i] =
      r.status === 'exited' && r.prevStatus !== null && POOR_IN_YEAR.includes(r.prevStatus) ? 1 : 0;
    f.type[i] = types.code(r.householdType);
    f.cause[i] = causes.code(r.mainCause ?? 'none');
    f.income[i] = r.netIncome;
    f.size[i] = adults + children;
    f.adults[i] = adults;
    f.children[i] = children;
    f.wage[i] = r.wage;
    f.business[i] = r.businessNet;
    f.property[i] = r.property;
    f.transfer[i] = r.transfer;
    for (const [name, d] of Object.entries(deprivationsOf(r)))
      deprived[name as MpiIndicatorName][i] = d ? 1 : 0;
  });
  return f;
}

export type Population = 'all' | 'registered';

/** Indices of the rows in a region (village-code prefix) and population. */
export function select(f: RegistryFrame, prefix: string, population: Population): Uint32Array {
  const inRegion = f.villages.map((v) => v.startsWith(prefix));
  const out = new Uint32Array(f.n);
  let m = 0;
  for (let i = 0; i < f.n; i++)
    if (inRegion[f.village[i]!] && (population === 'all' || f.registered[i] === 1)) out[m++] = i;
  return out.subarray(0, m);
}

const pick = (a: Float64Array, idx: Uint32Array) => {
  const out = new Float64Array(idx.length);
  for (let j = 0; j < idx.length; j++) out[j] = a[idx[j]!]!;
  return out;
};

/** The selected rows as `measureHouseholds` input: census weights 1. */
export function householdsOf(f: RegistryFrame, idx: Uint32Array): Households {
  return {
    income: pick(f.income, idx),
    weight: new Float64Array(idx.length).fill(1),
    size: pick(f.size, idx),
    adults: pick(f.adults, idx),
    children: pick(f.children, idx),
  };
}

export type GroupBy = 'township' | 'village' | 'household_type' | 'cause';

/** Group codes of the selected rows; labels are township / village codes or code-list codes. */
export function groupsOf(f: RegistryFrame, idx: Uint32Array, by: GroupBy): Groups {
  const keyOf: (i: number) => string =
    by === 'township'
      ? (i) => f.villages[f.village[i]!]!.slice(0, 9)
      : by === 'village'
        ? (i) => f.villages[f.village[i]!]!
        : by === 'household_type'
          ? (i) => f.types[f.type[i]!]!
          : (i) => f.causes[f.cause[i]!]!;
  const coder = new Coder();
  const codes = new Uint32Array(idx.length);
  for (let j = 0; j < idx.length; j++) codes[j] = coder.code(keyOf(idx[j]!));
  return { codes, labels: coder.labels };
}

/**
 * The registry MPI's indicators for the selected rows (0/1 as bytes: a province's rows are millions);
 * income deprived = per-capita income < line.
 */
export function mpiIndicators(f: RegistryFrame, idx: Uint32Array, line: number): Indicator[] {
  return REGISTRY_MPI.map((spec) => {
    const values = new Uint8Array(idx.length);
    for (let j = 0; j < idx.length; j++) {
      const i = idx[j]!;
      values[j] =
        spec.name === 'income' ? (f.income[i]! / f.size[i]! < line ? 1 : 0) : f.deprived[spec.name][i]!;
    }
    return { name: spec.name, weight: spec.weight, deprivedIf: '==' as const, cutoff: 1, values };
  });
}

export interface IncomeStructure {
  households: number;
  total: number;
  wage: number;
  business: number;
  property: number;
  transfer: number;
  /** Shares of the total (null when the total is 0). Endogenous = wage + net business. */
  shares: {
    wage: number | null;
    business: number | null;
    property: number | null;
    transfer: number | null;
    endogenous: number | null;
  };
}

export function incomeStructure(f: RegistryFrame, idx: Uint32Array): IncomeStructure {
  let wage = 0;
  let business = 0;
  let property = 0;
  let transfer = 0;
  for (const i of idx) {
    wage += f.wage[i]!;
    business += f.business[i]!;
    property += f.property[i]!;
    transfer += f.transfer[i]!;
  }
  const total = wage + business + property + transfer;
  const share = (x: number) => (total !== 0 ? x / total : null);
  return {
    households: idx.length,
    total,
    wage,
    business,
    property,
    transfer,
    shares: {
      wage: share(wage),
      business: share(business),
      property: share(property),
      transfer: share(transfer),
      endogenous: share(wage + business),
    },
  };
}

/**
 * Passive exit: the household exited this year, its per-capita income is at or above the line, but
 * without its transfers it would be below: (income − transfer) / size < line ≤ income / size.
 */
export function isPassiveExit(income: number, transfer: number, size: number, line: number): boolean {
  return income / size >= line && (income - transfer) / size < line;
}

/** Rows among `idx` that exited this year, and those of them whose exit is passive. */
export function exitsOf(
  f: RegistryFrame,
  idx: Uint32Array,
  line: number,
): { exits: number; passive: number[] } {
  let exits = 0;
  const passive: number[] = [];
  for (const i of idx) {
    if (f.exited[i] !== 1) continue;
    exits++;
    if (isPassiveExit(f.income[i]!, f.transfer[i]!, f.size[i]!, line)) passive.push(i);
  }
  return { exits, passive };
}
