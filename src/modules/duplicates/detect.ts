import { compareHouseholds, groupKey, isNearDuplicateId } from '../../domain/duplicates/detect.js';
import type { DuplicateKind } from '../../domain/duplicates/kinds.js';
import { differingPositions } from '../../domain/duplicates/edit-distance.js';
import { inScope } from '../../domain/region-code.js';
import type { PersonRow } from './repository.js';

/** A duplicate group as found (unmasked; the service masks). */
export interface Group {
  kind: DuplicateKind;
  key: string;
  villageCode: string;
  detail: {
    idDistance: number | null;
    idDiffPositions: number[];
    shared: number | null;
    overlap: number | null;
    sameComposition: boolean | null;
  };
  /** Persons grouped by household (same_household: every present member). */
  households: { household: PersonRow; members: PersonRow[] }[];
  /** Villages outside the scope where the same ID number is also registered. */
  elsewhere: { villageCode: string; villageName: string }[];
}

const noDetail = {
  idDistance: null,
  idDiffPositions: [],
  shared: null,
  overlap: null,
  sameComposition: null,
};

function byHousehold(persons: PersonRow[]): Group['households'] {
  const map = new Map<string, Group['households'][number]>();
  for (const p of persons) {
    const entry = map.get(p.household_id) ?? { household: p, members: [] };
    entry.members.push(p);
    map.set(p.household_id, entry);
  }
  return [...map.values()];
}

/** One group per ID number present in two or more households; households outside the scope are only named. */
export function sameIdGroups(rows: PersonRow[], scope: string): Group[] {
  const byId = new Map<string, PersonRow[]>();
  for (const r of rows) byId.set(r.id_number, [...(byId.get(r.id_number) ?? []), r]);
  return [...byId.values()].map((persons) => {
    const inside = persons.filter((p) => inScope(scope, p.village_code));
    return {
      kind: 'same_id' as const,
      key: groupKey(persons.map((p) => p.id)),
      villageCode: inside[0]!.village_code,
      detail: noDetail,
      households: byHousehold(inside),
      elsewhere: persons
        .filter((p) => !inScope(scope, p.village_code))
        .map((p) => ({ villageCode: p.village_code, villageName: p.village_name ?? '' })),
    };
  });
}

/** Pairs of one village, name and birth date whose ID numbers are one or two edits apart. */
export function nearPersonGroups(rows: PersonRow[]): Group[] {
  const cells = new Map<string, PersonRow[]>();
  for (const r of rows) {
    const k = `${r.village_code}|${r.name}|${r.birth_date}`;
    cells.set(k, [...(cells.get(k) ?? []), r]);
  }
  const groups: Group[] = [];
  for (const persons of cells.values()) {
    for (let i = 0; i < persons.length; i++) {
      for (let j = i + 1; j < persons.length; j++) {
        const [a, b] = [persons[i]!, persons[j]!];
        const { near, distance } = isNearDuplicateId(a.id_number, b.id_number);
        if (!near) continue;
        groups.push({
          kind: 'near_person',
          key: groupKey([a.id, b.id]),
          villageCode: a.village_code,
          detail: {
            ...noDetail,
            idDistance: distance,
            idDiffPositions: differingPositions(a.id_number, b.id_number),
          },
          households: byHousehold([a, b]),
          elsewhere: [],
        });
      }
    }
  }
  return groups;
}

/** Candidate pairs kept when their members overlap by half or their composition is the same. */
export function sameHouseholdGroups(pairs: { a: string; b: string }[], members: PersonRow[]): Group[] {
  const of = new Map<string, PersonRow[]>();
  for (const m of members) of.set(m.household_id, [...(of.get(m.household_id) ?? []), m]);
  const shape = (ms: PersonRow[]) => ({
    headName: ms[0]?.head_name ?? null,
    members: ms.map((m) => ({ idNumber: m.id_number, birthDate: m.birth_date })),
  });
  const groups: Group[] = [];
  for (const { a, b } of pairs) {
    const [ma, mb] = [of.get(a) ?? [], of.get(b) ?? []];
    if (!ma.length || !mb.length) continue;
    const c = compareHouseholds(shape(ma), shape(mb));
    if (!c.duplicate) continue;
    groups.push({
      kind: 'same_household',
      key: groupKey([a, b]),
      villageCode: ma[0]!.village_code,
      detail: { ...noDetail, shared: c.shared, overlap: c.overlap, sameComposition: c.sameComposition },
      households: [...byHousehold(ma), ...byHousehold(mb)],
      elsewhere: [],
    });
  }
  return groups;
}
