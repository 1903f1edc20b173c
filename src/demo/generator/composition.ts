import type { Sex } from '../../domain/id-number.js';
import { drawSurname, type NameProfile } from './names.js';
import type { Composition } from './parameters.js';
import { weightedTable, type Rng } from '../../domain/random.js';

/**
 * Who lives in a household: relations, sexes and birth years, drawn for the registration year
 * (`base`) and followed to `last`. Parents are 19–40 years older than their children; head and
 * spouse are of opposite sex; children-in-law join at marriage; some old members die and some
 * daughters marry out during the period (they stay in the roster, marked, as registries keep them).
 */

export type Relation =
  | 'head'
  | 'spouse'
  | 'son'
  | 'daughter'
  | 'daughter_in_law'
  | 'son_in_law'
  | 'grandson'
  | 'granddaughter'
  | 'father'
  | 'mother';

export interface PersonDraft {
  relation: Relation;
  sex: Sex;
  birthYear: number;
  surname: string;
  /** In the household from this year (birth, or marriage for children-in-law). */
  joinYear: number;
  leftYear: number | null;
  leftAs: 'deceased' | 'moved_out' | null;
}

export type SingleKind = 'elderly' | 'bachelor' | 'disabled';

export interface CompositionRequest {
  kind: Composition;
  base: number;
  last: number;
  single?: SingleKind;
  /** Head aged at least 60 in the base year (households lacking labour). */
  elderly?: boolean;
  /** A child aged 15–21 in the base year (schooling costs). */
  schoolChild?: boolean;
}

const opposite = (s: Sex): Sex => (s === '1' ? '2' : '1');

function person(
  relation: Relation,
  sex: Sex,
  birthYear: number,
  surname: string,
  joinYear = birthYear,
): PersonDraft {
  return { relation, sex, birthYear, surname, joinYear, leftYear: null, leftAs: null };
}

/** Birth years of 1–3 children of a couple (or a lone parent), within the parents' window. */
function childYears(rng: Rng, parents: number[], last: number, count: number, firstAt?: number): number[] {
  const from = Math.max(...parents) + 19;
  const to = Math.min(Math.min(...parents) + 40, last);
  if (from > to) return [];
  let y = Math.min(to, Math.max(from, firstAt ?? from + rng.int(0, 7)));
  const years: number[] = [];
  for (let i = 0; i < count && y <= to; i++) {
    years.push(y);
    y += rng.int(2, 7);
  }
  return years;
}

function addChildren(
  rng: Rng,
  out: PersonDraft[],
  years: number[],
  surname: string,
  kids: 'child' | 'grandchild',
) {
  for (const y of years) {
    const sex: Sex = rng.chance(0.52) ? '1' : '2';
    const relation: Relation =
      kids === 'child' ? (sex === '1' ? 'son' : 'daughter') : sex === '1' ? 'grandson' : 'granddaughter';
    out.push(person(relation, sex, y, surname));
  }
}

const CHILD_COUNT = weightedTable<number>([
  [1, 0.33],
  [2, 0.5],
  [3, 0.17],
]);

/** Head (and spouse) of a couple with the head `age` in the base year. */
function couple(rng: Rng, p: NameProfile, base: number, age: number): [PersonDraft, PersonDraft] {
  const headSex: Sex = rng.chance(0.9) ? '1' : '2';
  const hb = base - age;
  const gap = Math.round(rng.clampedNormal(2, 2.5, -3, 8)); // husband older by `gap` years
  const sb = headSex === '1' ? hb + gap : hb - gap;
  return [
    person('head', headSex, hb, drawSurname(rng, p)),
    person('spouse', opposite(headSex), sb, drawSurname(rng, p)),
  ];
}

const lineSurname = (h: PersonDraft, s?: PersonDraft) => (h.sex === '1' || !s ? h.surname : s.surname);

export function draftHousehold(rng: Rng, p: NameProfile, req: CompositionRequest): PersonDraft[] {
  for (let attempt = 0; ; attempt++) {
    const out = draftOnce(rng, p, req);
    const ok =
      !req.schoolChild || out.some((m) => req.base - m.birthYear >= 15 && req.base - m.birthYear <= 21);
    if (ok || attempt >= 20) return settleDepartures(rng, out, req.base, req.last);
  }
}

function draftOnce(rng: Rng, p: NameProfile, req: CompositionRequest): PersonDraft[] {
  const { base, last } = req;
  const out: PersonDraft[] = [];
  switch (req.kind) {
    case 'single': {
      const kind = req.single ?? 'elderly';
      if (kind === 'elderly') {
        const sex: Sex = rng.chance(0.6) ? '2' : '1';
        out.push(
          person(
            'head',
            sex,
            base - Math.min(84, 60 + Math.floor(Math.abs(rng.normal(0, 9)))),
            drawSurname(rng, p),
          ),
        );
      } else {
        const age = kind === 'bachelor' ? rng.int(35, 59) : rng.int(20, 58);
        out.push(
          person(
            'head',
            kind === 'bachelor' || rng.chance(0.65) ? '1' : '2',
            base - age,
            drawSurname(rng, p),
          ),
        );
      }
      break;
    }
    case 'couple': {
      const age = req.elderly ? rng.int(62, 80) : rng.int(45, 78);
      out.push(...couple(rng, p, base, age));
      break;
    }
    case 'nuclear': {
      const age = req.schoolChild ? rng.int(38, 52) : rng.chance(0.6) ? rng.int(21, 30) : rng.int(31, 52);
      const [h, s] = couple(rng, p, base, age);
      out.push(h, s);
      const first = req.schoolChild ? base - rng.int(15, 21) : undefined;
      const parents = [h.birthYear, s.birthYear];
      addChildren(
        rng,
        out,
        childYears(rng, parents, last, rng.weighted(CHILD_COUNT), first),
        lineSurname(h, s),
        'child',
      );
      break;
    }
    case 'single_parent': {
      const sex: Sex = rng.chance(0.55) ? '2' : '1';
      const h = person(
        'head',
        sex,
        base - (req.schoolChild ? rng.int(38, 55) : rng.int(30, 58)),
        drawSurname(rng, p),
      );
      out.push(h);
      const surname = sex === '1' ? h.surname : drawSurname(rng, p); // children keep the late father's name
      const first = req.schoolChild ? base - rng.int(15, 21) : undefined;
      addChildren(
        rng,
        out,
        childYears(rng, [h.birthYear], Math.min(last, base), rng.int(1, 2), first),
        surname,
        'child',
      );
      break;
    }
    case 'three_gen':
      threeGenerations(rng, p, req, out);
      break;
    case 'with_parents':
      withParents(rng, p, req, out);
      break;
  }
  return out;
}

function threeGenerations(rng: Rng, p: NameProfile, req: CompositionRequest, out: PersonDraft[]) {
  const { base, last } = req;
  const [h, s] = couple(rng, p, base, rng.int(45, 70));
  out.push(h, s);
  const line = lineSurname(h, s);
  const [childYear] = childYears(rng, [h.birthYear, s.birthYear], Math.min(last, base - 18), 1, undefined);
  if (childYear === undefined) return;
  const sonLine = rng.chance(0.85); // otherwise a daughter with a husband marrying in (上门女婿)
  const child = person(sonLine ? 'son' : 'daughter', sonLine ? '1' : '2', childYear, line);
  const inLawBirth = sonLine ? childYear + rng.int(0, 4) : childYear - rng.int(0, 4);
  const married = Math.max(childYear + rng.int(21, 27), inLawBirth + 20);
  if (married > last) {
    out.push(child);
    return;
  }
  const inLaw = person(
    sonLine ? 'daughter_in_law' : 'son_in_law',
    sonLine ? '2' : '1',
    inLawBirth,
    drawSurname(rng, p),
    married,
  );
  out.push(child, inLaw);
  const kidsSurname = sonLine ? line : rng.chance(0.5) ? line : inLaw.surname;
  const grandYears = childYears(
    rng,
    [child.birthYear, inLaw.birthYear],
    last,
    rng.int(1, 3),
    married + rng.int(1, 3),
  );
  addChildren(rng, out, grandYears, kidsSurname, 'grandchild');
  if (rng.chance(0.25)) {
    const younger = childYears(rng, [h.birthYear, s.birthYear], last, 1, childYear + rng.int(2, 6));
    addChildren(rng, out, younger, line, 'child');
  }
}

function withParents(rng: Rng, p: NameProfile, req: CompositionRequest, out: PersonDraft[]) {
  const { base, last } = req;
  const [h, s] = couple(rng, p, base, rng.int(22, 45));
  const married = rng.chance(0.85);
  out.push(married ? h : { ...h, sex: '1' });
  if (married) out.push(s);
  const head = out[0]!;
  const motherBirth = head.birthYear - rng.int(20, 36);
  const fatherBirth = Math.max(head.birthYear - 40, motherBirth - rng.int(0, 6));
  const which = rng.next();
  if (which < 0.7) out.push(person('mother', '2', motherBirth, drawSurname(rng, p)));
  if (which > 0.3) out.push(person('father', '1', fatherBirth, head.surname));
  if (married) {
    const years = childYears(rng, [h.birthYear, s.birthYear], last, rng.weighted(CHILD_COUNT));
    addChildren(rng, out, years, lineSurname(h, s), 'child');
  }
}

/** Old members may die and adult daughters marry out; the head always stays. */
function settleDepartures(rng: Rng, out: PersonDraft[], base: number, last: number): PersonDraft[] {
  const kept: PersonDraft[] = [];
  const daughterStays = out.some((m) => m.relation === 'son_in_law');
  for (const m of out) {
    if (m.relation === 'daughter' && !daughterStays && last - m.birthYear >= 22 && rng.chance(0.3)) {
      const leftYear = m.birthYear + rng.int(20, 27);
      if (leftYear <= base) continue; // married out before registration: not in the roster
      if (leftYear <= last) {
        kept.push({ ...m, leftYear, leftAs: 'moved_out' });
        continue;
      }
    }
    if (m.relation !== 'head' && last - m.birthYear >= 72 && rng.chance(0.22)) {
      const from = Math.max(base + 1, m.joinYear + 1);
      if (from <= last) {
        kept.push({ ...m, leftYear: rng.int(from, last), leftAs: 'deceased' });
        continue;
      }
    }
    kept.push(m);
  }
  return kept;
}

/** Members in the household during (at the end of) a year. */
export function presentIn(m: PersonDraft, year: number): boolean {
  return m.joinYear <= year && (m.leftYear === null || m.leftYear > year);
}
