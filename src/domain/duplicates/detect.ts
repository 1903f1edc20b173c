import { editDistance } from './edit-distance.js';

/**
 * Duplicate checks on candidate pairs (the database finds the candidates): a person entered twice
 * with a typo in the ID number, and a household registered twice.
 */
export const NEAR_ID_MAX_DISTANCE = 2;
/** Two households are one when at least half the members of each are the same people. */
export const HOUSEHOLD_OVERLAP_SHARE = 0.5;

/** Same name and birth date in one village (given), ID numbers 1–2 edits apart. */
export function isNearDuplicateId(a: string, b: string): { near: boolean; distance: number } {
  const distance = editDistance(a, b, NEAR_ID_MAX_DISTANCE);
  return { near: distance >= 1 && distance <= NEAR_ID_MAX_DISTANCE, distance };
}

export interface HouseholdShape {
  headName: string | null;
  members: readonly { idNumber: string; birthDate: string }[];
}

export interface HouseholdComparison {
  duplicate: boolean;
  shared: number;
  /** shared / size of the larger household: at least this share of each household is shared. */
  overlap: number;
  sameComposition: boolean;
}

const sortedBirths = (h: HouseholdShape) => h.members.map((m) => m.birthDate).sort();

/** Two households of one village: member ID numbers overlap ≥ 50 %, or same head name, size and birth dates. */
export function compareHouseholds(a: HouseholdShape, b: HouseholdShape): HouseholdComparison {
  const ids = new Set(a.members.map((m) => m.idNumber));
  const shared = new Set(b.members.map((m) => m.idNumber).filter((id) => ids.has(id))).size;
  const larger = Math.max(a.members.length, b.members.length);
  const overlap = larger === 0 ? 0 : shared / larger;
  const ba = sortedBirths(a);
  const bb = sortedBirths(b);
  const sameComposition =
    !!a.headName &&
    a.headName === b.headName &&
    ba.length === bb.length &&
    ba.length > 0 &&
    ba.every((d, i) => d === bb[i]);
  return {
    duplicate: (shared > 0 && overlap >= HOUSEHOLD_OVERLAP_SHARE) || sameComposition,
    shared,
    overlap,
    sameComposition,
  };
}

/** Key of a group: its entity ids (members or households), ascending, joined by '-'. */
export function groupKey(ids: readonly (string | number)[]): string {
  return [...new Set(ids.map(String))].sort((x, y) => Number(x) - Number(y) || x.localeCompare(y)).join('-');
}

/** The entity ids of a key, or null when it is not a key of two or more ids. */
export function parseGroupKey(key: string): string[] | null {
  if (!/^\d{1,18}(-\d{1,18}){1,19}$/.test(key)) return null;
  const ids = key.split('-');
  return groupKey(ids) === key ? ids : null;
}
