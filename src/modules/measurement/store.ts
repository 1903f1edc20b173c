import type { RegistryData } from './repository.js';

/**
 * The registry data of a region, every year at once, as columns grouped by household (ascending
 * id): the households with a yearly row in the region, all their yearly rows (ascending year; rows
 * of other regions are kept for the previous year's status), their household facts and their
 * members. Year-independent facts (household, members) are held once; a year's frame is built
 * from them in memory.
 */
export interface Store {
  region: string;
  /** Households. */
  n: number;
  id: Float64Array;
  type: string[];
  cause: (string | null)[];
  houseGrade: (string | null)[];
  amenities: Uint8Array;
  /** Rows of household h: rowStart[h] … rowStart[h + 1] − 1. */
  rowStart: Uint32Array;
  year: Int16Array;
  village: string[];
  status: string[];
  size: Float64Array;
  net: Float64Array;
  wage: Float64Array;
  business: Float64Array;
  property: Float64Array;
  transfer: Float64Array;
  /** Members of household h: memberStart[h] … memberStart[h + 1] − 1. */
  memberStart: Uint32Array;
  birthYear: Int16Array;
  flags: Uint8Array;
}

/** One household's slice of a store, for `assemble`. */
export interface Pick {
  s: Store;
  h: number;
}

/** Build a store of `region` from the picked households (in ascending id). */
export function assemble(region: string, picks: Pick[]): Store {
  let rows = 0;
  let members = 0;
  for (const { s, h } of picks) {
    rows += s.rowStart[h + 1]! - s.rowStart[h]!;
    members += s.memberStart[h + 1]! - s.memberStart[h]!;
  }
  const n = picks.length;
  const f64 = (k: number) => new Float64Array(k);
  const out: Store = {
    region,
    n,
    id: f64(n),
    type: new Array<string>(n),
    cause: new Array<string | null>(n),
    houseGrade: new Array<string | null>(n),
    amenities: new Uint8Array(n),
    rowStart: new Uint32Array(n + 1),
    year: new Int16Array(rows),
    village: new Array<string>(rows),
    status: new Array<string>(rows),
    size: f64(rows),
    net: f64(rows),
    wage: f64(rows),
    business: f64(rows),
    property: f64(rows),
    transfer: f64(rows),
    memberStart: new Uint32Array(n + 1),
    birthYear: new Int16Array(members),
    flags: new Uint8Array(members),
  };
  let r = 0;
  let m = 0;
  picks.forEach(({ s, h }, k) => {
    out.id[k] = s.id[h]!;
    out.type[k] = s.type[h]!;
    out.cause[k] = s.cause[h]!;
    out.houseGrade[k] = s.houseGrade[h]!;
    out.amenities[k] = s.amenities[h]!;
    out.rowStart[k] = r;
    for (let i = s.rowStart[h]!; i < s.rowStart[h + 1]!; i++, r++) {
      out.year[r] = s.year[i]!;
      out.village[r] = s.village[i]!;
      out.status[r] = s.status[i]!;
      out.size[r] = s.size[i]!;
      out.net[r] = s.net[i]!;
      out.wage[r] = s.wage[i]!;
      out.business[r] = s.business[i]!;
      out.property[r] = s.property[i]!;
      out.transfer[r] = s.transfer[i]!;
    }
    out.memberStart[k] = m;
    for (let i = s.memberStart[h]!; i < s.memberStart[h + 1]!; i++, m++) {
      out.birthYear[m] = s.birthYear[i]!;
      out.flags[m] = s.flags[i]!;
    }
  });
  out.rowStart[n] = r;
  out.memberStart[n] = m;
  return out;
}

/**
 * Group the columns read by `measuresRepository.data` per household, keeping the households with
 * at least one row in `region`.
 */
export function storeOf(region: string, d: RegistryData): Store {
  const H = d.households.id.length;
  const index = new Map<number, number>();
  for (let h = 0; h < H; h++) index.set(d.households.id[h]!, h);
  // counting sort of rows and members by household (data order), rows then by year
  const group = (owner: Float64Array) => {
    const start = new Uint32Array(H + 1);
    const of = new Int32Array(owner.length);
    for (let i = 0; i < owner.length; i++) {
      const h = index.get(owner[i]!) ?? -1;
      of[i] = h;
      if (h >= 0) start[h + 1]!++;
    }
    for (let h = 0; h < H; h++) start[h + 1]! += start[h]!;
    const next = start.slice(0, H);
    const order = new Uint32Array(start[H]!);
    for (let i = 0; i < owner.length; i++) if (of[i]! >= 0) order[next[of[i]!]!++] = i;
    return { start, order };
  };
  const rows = group(d.rows.household);
  const members = group(d.members.household);
  for (let h = 0; h < H; h++) {
    const o = rows.order;
    for (let a = rows.start[h]! + 1; a < rows.start[h + 1]!; a++)
      for (let b = a; b > rows.start[h]! && d.rows.year[o[b - 1]!]! > d.rows.year[o[b]!]!; b--)
        [o[b - 1], o[b]] = [o[b]!, o[b - 1]!];
  }
  const ro = rows.order;
  const mo = members.order;
  const R = ro.length;
  const M = mo.length;
  const year = new Int16Array(R);
  const village = new Array<string>(R);
  const status = new Array<string>(R);
  const cols = ['size', 'net', 'wage', 'business', 'property', 'transfer'] as const;
  const num = Object.fromEntries(cols.map((c) => [c, new Float64Array(R)])) as Record<
    (typeof cols)[number],
    Float64Array
  >;
  for (let k = 0; k < R; k++) {
    const i = ro[k]!;
    year[k] = d.rows.year[i]!;
    village[k] = d.rows.village[i]!;
    status[k] = d.rows.status[i]!;
    for (const c of cols) num[c][k] = d.rows[c][i]!;
  }
  const birthYear = new Int16Array(M);
  const flags = new Uint8Array(M);
  for (let k = 0; k < M; k++) {
    birthYear[k] = d.members.birthYear[mo[k]!]!;
    flags[k] = d.members.flags[mo[k]!]!;
  }
  // the raw data as a store in data order, then `assemble` picks and orders the households
  const raw: Store = {
    region,
    n: H,
    id: d.households.id,
    type: d.households.type,
    cause: d.households.cause,
    houseGrade: d.households.houseGrade,
    amenities: Uint8Array.from(d.households.amenities),
    rowStart: rows.start,
    year,
    village,
    status,
    ...num,
    memberStart: members.start,
    birthYear,
    flags,
  };
  const picks: Pick[] = [];
  for (let h = 0; h < H; h++)
    for (let i = raw.rowStart[h]!; i < raw.rowStart[h + 1]!; i++)
      if (raw.village[i]!.startsWith(region)) {
        picks.push({ s: raw, h });
        break;
      }
  picks.sort((a, b) => a.s.id[a.h]! - b.s.id[b.h]!);
  return assemble(region, picks);
}

/** `old` with the households in `replaced` taken out and those of `fresh` put in. */
export function mergeStores(old: Store, fresh: Store, replaced: ReadonlySet<number>): Store {
  const picks: Pick[] = [];
  for (let h = 0; h < old.n; h++) if (!replaced.has(old.id[h]!)) picks.push({ s: old, h });
  for (let h = 0; h < fresh.n; h++) picks.push({ s: fresh, h });
  picks.sort((a, b) => a.s.id[a.h]! - b.s.id[b.h]!);
  return assemble(old.region, picks);
}
