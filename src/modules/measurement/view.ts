import type { RegistryRow } from '../../domain/measurement/registry.js';
import { MEMBER_OUT_OF_SCHOOL, MEMBER_PRESENT, MEMBER_SCHOOLED, MEMBER_UNINSURED } from './repository.js';
import type { Store } from './store.js';

/**
 * The registry row of household h of the store in `year` if it has one in the store's region, as
 * the old per-year SQL read it: member counts by age at the year's end (ages by year of birth: the
 * year's end is 31 December), last year's status from the household's own rows.
 */
export function rowOf(s: Store, h: number, year: number): RegistryRow | null {
  let cur = -1;
  let prev = -1;
  for (let i = s.rowStart[h]!; i < s.rowStart[h + 1]!; i++) {
    if (s.year[i] === year) cur = i;
    else if (s.year[i] === year - 1) prev = i;
  }
  if (cur < 0 || !s.village[cur]!.startsWith(s.region)) return null;
  let under14 = 0;
  let adults16 = 0;
  let schooled16 = 0;
  let outOfSchool = 0;
  let uninsured = 0;
  for (let j = s.memberStart[h]!; j < s.memberStart[h + 1]!; j++) {
    const b = s.birthYear[j]!;
    const f = s.flags[j]!;
    if (b <= year && b >= year - 13) under14++;
    if (f & MEMBER_UNINSURED) uninsured++;
    if (!(f & MEMBER_PRESENT)) continue;
    if (b <= year - 16) {
      adults16++;
      if (f & MEMBER_SCHOOLED) schooled16++;
    }
    if (f & MEMBER_OUT_OF_SCHOOL && b <= year - 6 && b >= year - 15) outOfSchool++;
  }
  const a = s.amenities[h]!;
  return {
    id: s.id[h]!,
    villageCode: s.village[cur]!,
    status: s.status[cur]!,
    prevStatus: prev >= 0 ? s.status[prev]! : null,
    householdType: s.type[h]!,
    mainCause: s.cause[h]!,
    size: s.size[cur]!,
    netIncome: s.net[cur]!,
    wage: s.wage[cur]!,
    businessNet: s.business[cur]!,
    property: s.property[cur]!,
    transfer: s.transfer[cur]!,
    under14,
    adults16,
    schooledAdults16: schooled16,
    outOfSchool,
    uninsured,
    houseGrade: s.houseGrade[h]!,
    safeWater: (a & 1) !== 0,
    electricity: (a & 2) !== 0,
    sanitaryToilet: (a & 4) !== 0,
  };
}

/**
 * A store as read (`base`) with the households re-read since (`overlay`, replacing the base's
 * households in `replaced`): an edit costs a small overlay, not a copy of the region's columns.
 */
export interface View {
  base: Store;
  overlay: Store | null;
  replaced: ReadonlySet<number>;
}

/** Each household of the view in ascending id: (store, index). */
function eachHousehold(v: View, f: (s: Store, h: number) => void): void {
  const o = v.overlay;
  let k = 0;
  for (let h = 0; h < v.base.n; h++) {
    const id = v.base.id[h]!;
    if (o) for (; k < o.n && o.id[k]! < id; k++) f(o, k);
    if (!v.replaced.has(id)) f(v.base, h);
  }
  if (o) for (; k < o.n; k++) f(o, k);
}

/** The registry rows of `year` in the view's region (ascending household id). */
export function rowsOf(v: View, year: number): RegistryRow[] {
  const out: RegistryRow[] = [];
  eachHousehold(v, (s, h) => {
    const r = rowOf(s, h, year);
    if (r) out.push(r);
  });
  return out;
}

/** Years with a row in the region `prefix` (ascending). */
export function yearsOf(v: View, prefix: string): number[] {
  const ys = new Set<number>();
  eachHousehold(v, (s, h) => {
    for (let i = s.rowStart[h]!; i < s.rowStart[h + 1]!; i++)
      if (s.village[i]!.startsWith(prefix)) ys.add(s.year[i]!);
  });
  return [...ys].sort((a, b) => a - b);
}

/** Ids of the view's households with a row in one of `villages`, and those of the villages held. */
export function householdsIn(v: View, villages: ReadonlySet<string>): { ids: number[]; held: Set<string> } {
  const ids: number[] = [];
  const held = new Set<string>();
  eachHousehold(v, (s, h) => {
    let hit = false;
    for (let i = s.rowStart[h]!; i < s.rowStart[h + 1]!; i++)
      if (villages.has(s.village[i]!)) {
        held.add(s.village[i]!);
        hit = true;
      }
    if (hit) ids.push(s.id[h]!);
  });
  return { ids, held };
}
