import type { PersonDraft } from './composition.js';
import { MIGRANT_WAGE } from './parameters.js';
import { parseWeights, weightedTable, type Rng, type WeightedTable } from '../../domain/random.js';
import type { DemoMemberRow } from './types.js';

/**
 * Member attributes as of the last year: education and school, health and disability, labour
 * capacity, migrant work, public-welfare jobs and insurances — each consistent with age and health.
 */

export type Health = DemoMemberRow['health'];
export type Labour = DemoMemberRow['labour_capacity'];

export interface Person extends PersonDraft {
  age: number; // at the end of the last year
  ethnicity: string;
  education: string;
  studentStatus: string;
  outOfSchoolReason: string | null;
  health: Health;
  disabilityGrade: number | null;
  labour: Labour;
  migrant: { place: string; months: number; wage: number } | null;
  welfareMonths: number | null;
  /** Enrolled in the rural residents' pension scheme (receiving it from 60). */
  pension: boolean;
}

const table = (text: string): WeightedTable<string> => weightedTable(parseWeights(text));

/** Prevalence by age (per cent): disability, serious illness, chronic illness. */
function prevalence(age: number): [number, number, number] {
  if (age < 18) return [1.5, 0.3, 1];
  if (age < 40) return [3, 0.8, 3];
  if (age < 50) return [5, 1.5, 8];
  if (age < 60) return [7, 2.5, 13];
  if (age < 70) return [10, 3.5, 21];
  return [16, 3.5, 29];
}

const DISABILITY_GRADE = weightedTable<number>([
  [1, 12],
  [2, 25],
  [3, 28],
  [4, 35],
]);

export function drawHealth(rng: Rng, age: number): { health: Health; grade: number | null } {
  const [dis, serious, chronic] = prevalence(age);
  const x = rng.next() * 100;
  if (x < dis) return { health: 'disabled', grade: rng.weighted(DISABILITY_GRADE) };
  if (x < dis + serious) return { health: 'serious', grade: null };
  if (x < dis + serious + chronic) return { health: 'chronic', grade: null };
  return { health: 'healthy', grade: null };
}

const COHORT_EDUCATION: { before: number; t: WeightedTable<string> }[] = [
  { before: 1955, t: table('none:40 primary:42 junior:14 senior:4') },
  { before: 1970, t: table('none:14 primary:42 junior:36 senior:7 vocational:1') },
  { before: 1985, t: table('none:4 primary:24 junior:56 senior:10 vocational:4 college:2') },
  { before: 2000, t: table('none:1 primary:8 junior:52 senior:15 vocational:14 college:10') },
  { before: 9999, t: table('primary:2 junior:36 senior:20 vocational:22 college:20') },
];
const LOWER: Record<string, string> = {
  primary: 'none',
  junior: 'primary',
  senior: 'junior',
  vocational: 'junior',
};

function adultEducation(rng: Rng, p: PersonDraft): string {
  const edu = rng.weighted(COHORT_EDUCATION.find((c) => p.birthYear < c.before)!.t);
  // Women born before 1970 had less schooling.
  return p.sex === '2' && p.birthYear < 1970 && rng.chance(0.3) ? (LOWER[edu] ?? edu) : edu;
}

/** Education and student status at `age`; children with a severe disability are legally exempt. */
export function schooling(
  rng: Rng,
  p: PersonDraft,
  age: number,
  severeDisability: boolean,
  mayDropOut: boolean,
) {
  const at = (education: string, studentStatus: string, outOfSchoolReason: string | null = null) => ({
    education,
    studentStatus,
    outOfSchoolReason,
  });
  if (age < 3) return at('preschool', 'not_student');
  if (age < 6) return at('preschool', rng.chance(0.85) ? 'preschool' : 'not_student');
  if (age <= 15 && severeDisability) return at('none', 'exempt', '重度残疾，依法免学（送教上门）');
  if (age >= 12 && age <= 15 && mayDropOut && rng.chance(0.004))
    return at('primary', 'out_of_school', '厌学辍学');
  if (age < 12) return at('primary', 'primary');
  if (age < 15) return at('junior', 'junior');
  if (age === 15 && rng.chance(0.55)) return at('junior', 'junior');
  if (age <= 18 && rng.chance(age === 15 ? 1 : 0.65)) {
    const s = rng.chance(0.6) ? 'senior' : 'vocational';
    return at(s, s);
  }
  if (age >= 19 && age <= 22 && rng.chance(0.3)) {
    return at('college', rng.chance(0.45) ? 'university' : 'higher_vocational');
  }
  return at(age < 19 ? 'junior' : adultEducation(rng, p), 'not_student');
}

/** Labour capacity from age, health and school (16–60 and healthy ⇒ ordinary or skilled). */
export function labourCapacity(
  rng: Rng,
  age: number,
  health: Health,
  grade: number | null,
  student: boolean,
  education: string,
): Labour {
  if (age < 16 || student) return 'none';
  if (health === 'disabled') {
    if (grade !== null && grade <= 2) return 'lost';
    if (grade === 4 && age < 60 && rng.chance(0.5)) return 'ordinary';
    return age >= 75 ? 'none' : 'weak';
  }
  if (health === 'serious') return rng.chance(0.5) ? 'lost' : 'weak';
  if (health === 'chronic') {
    if (age < 60) return rng.chance(0.6) ? 'weak' : 'ordinary';
    return age < 75 && rng.chance(0.5) ? 'weak' : 'none';
  }
  if (age <= 60) {
    const trained = education === 'vocational' || education === 'college';
    return rng.chance(trained ? 0.6 : 0.12) ? 'skilled' : 'ordinary';
  }
  if (age < 65) return rng.chance(0.35) ? 'ordinary' : 'weak';
  if (age < 75) return rng.chance(0.45) ? 'weak' : 'none';
  return 'none';
}

export const canWork = (l: Labour) => l === 'ordinary' || l === 'skilled' || l === 'weak';

const MIGRANT_PLACE = table(
  '广东省深圳市:16 广东省东莞市:12 广东省广州市:10 广东省佛山市:5 浙江省宁波市:7 浙江省温州市:5 浙江省杭州市:4 ' +
    '福建省厦门市:5 福建省泉州市:3 江苏省苏州市:5 上海市:4 北京市:1 省内县外:15 县内:8',
);
const MIGRANT_MONTHS = weightedTable<number>(
  parseWeights('6:1 7:1 8:2 9:2 10:3 11:3 12:3').map(([m, w]) => [Number(m), w]),
);

/** Migrant work for working-age adults (18–55) able to work fully; `propensity` scales the chance. */
export function drawMigrant(rng: Rng, p: Person, propensity: number): Person['migrant'] {
  if (p.leftAs !== null || p.age < 18 || p.age > 55 || (p.labour !== 'ordinary' && p.labour !== 'skilled'))
    return null;
  if (!rng.chance((p.sex === '1' ? 0.55 : 0.42) * propensity)) return null;
  const sexFactor = p.sex === '1' ? 1.08 : 0.92;
  const skillFactor = p.labour === 'skilled' ? 1.15 : 1;
  const raw = rng.lognormal(MIGRANT_WAGE.median2025 * sexFactor * skillFactor, MIGRANT_WAGE.sigma);
  const wage = Math.round(Math.min(MIGRANT_WAGE.max, Math.max(MIGRANT_WAGE.min, raw)) / 10) * 10;
  return { place: rng.weighted(MIGRANT_PLACE), months: rng.weighted(MIGRANT_MONTHS), wage };
}

/** Migrant wage counted for a year (gross wage deflated from the last year by nominal growth). */
export function migrantWageIn(p: Person, year: number, last: number): number {
  if (!p.migrant || year - p.birthYear < 18) return 0;
  return (p.migrant.months * p.migrant.wage) / (1 + MIGRANT_WAGE.growth) ** (last - year);
}
