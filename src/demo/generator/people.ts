import type { PovertyCause } from '../../domain/code-lists.js';
import { canWork, drawHealth, drawMigrant, labourCapacity, schooling, type Person } from './attributes.js';
import { randomDate } from './calendar.js';
import { draftHousehold, type CompositionRequest, type SingleKind } from './composition.js';
import type { Risk } from './history.js';
import type { IdAllocator } from './id-allocator.js';
import { drawGivenName, type NameProfile } from './names.js';
import { COMPOSITION } from './parameters.js';
import { weightedTable, type Rng } from '../../domain/random.js';
import type { Timeline } from './timeline.js';
import type { AssistanceClass, DemoInput, DemoMemberRow, VillagePlan } from './types.js';

/**
 * The people of a household: composition by registration class and cause, the health conditions
 * behind the cause or the monitoring risk, labour, work, pensions, names and ID numbers.
 */

export const BASE_YEAR = 2014;

export interface HouseholdContext {
  input: DemoInput;
  rng: Rng;
  ids: IdAllocator;
  profile: NameProfile;
  plan: VillagePlan;
}

export interface Registration {
  cls: AssistanceClass;
  cause: PovertyCause;
}

const SINGLE_DEFAULT = weightedTable<SingleKind>([
  ['elderly', 0.7],
  ['bachelor', 0.3],
]);
const SINGLE_DIBAO = weightedTable<SingleKind>([
  ['elderly', 0.6],
  ['disabled', 0.2],
  ['bachelor', 0.2],
]);
const SUDDEN_RISK = weightedTable<Risk>([
  ['illness', 50],
  ['accident', 25],
  ['disaster', 25],
]);

function compositionFor(rng: Rng, reg: Registration | null, last: number): CompositionRequest {
  const at = { base: BASE_YEAR, last };
  if (reg?.cls === 'tekun') {
    const single = reg.cause === 'disability' ? 'disabled' : 'elderly';
    return { ...at, kind: rng.weighted(COMPOSITION.tekun), single, elderly: true };
  }
  if (reg?.cause === 'labour')
    return { ...at, kind: rng.chance(0.55) ? 'single' : 'couple', single: 'elderly', elderly: true };
  if (reg?.cause === 'schooling')
    return { ...at, kind: rng.chance(0.85) ? 'nuclear' : 'single_parent', schoolChild: true };
  const single = rng.weighted(reg?.cls === 'dibao' ? SINGLE_DIBAO : SINGLE_DEFAULT);
  return { ...at, kind: rng.weighted(COMPOSITION[reg?.cls ?? 'ordinary']), single };
}

function makePersons(ctx: HouseholdContext, req: CompositionRequest, mayDropOut: boolean): Person[] {
  const { rng, profile } = ctx;
  const last = ctx.input.lastYear;
  const drafts = draftHousehold(rng, profile, req);
  const lineEthnicity = rng.weighted(profile.ethnicities);
  return drafts.map((d) => {
    const age = last - d.birthYear;
    const { health, grade } = drawHealth(rng, age);
    const inLaw = d.relation === 'spouse' || d.relation === 'mother' || d.relation.endsWith('_in_law');
    const s = schooling(rng, d, age, health === 'disabled' && grade !== null && grade <= 2, mayDropOut);
    return {
      ...d,
      age,
      ethnicity: inLaw && rng.chance(0.25) ? rng.weighted(profile.ethnicities) : lineEthnicity,
      education: s.education,
      studentStatus: s.studentStatus,
      outOfSchoolReason: s.outOfSchoolReason,
      health,
      disabilityGrade: grade,
      labour: 'none',
      migrant: null,
      welfareMonths: null,
      pension: false,
    };
  });
}

/** Make sure someone has the condition behind the poverty cause or the monitoring risk. */
function ensureCondition(
  rng: Rng,
  persons: Person[],
  condition: 'ill' | 'disabled',
  severe = false,
): Person | null {
  const has = persons.some((p) =>
    condition === 'ill' ? p.health === 'chronic' || p.health === 'serious' : p.health === 'disabled',
  );
  if (has) return null;
  const adults = persons.filter((p) => p.leftAs === null && p.age >= (condition === 'ill' ? 30 : 18));
  const pool = adults.length > 0 ? adults : persons.filter((p) => p.relation === 'head');
  const who = rng.pick(pool);
  if (condition === 'ill') {
    who.health = rng.chance(0.25) ? 'serious' : 'chronic';
    who.disabilityGrade = null;
  } else {
    who.health = 'disabled';
    who.disabilityGrade = severe || rng.chance(0.5) ? rng.int(1, 2) : rng.int(3, 4);
  }
  return who;
}

function settleLabour(rng: Rng, p: Person) {
  p.labour = labourCapacity(rng, p.age, p.health, p.disabilityGrade, isStudent(p), p.education);
}

const isStudent = (p: Person) => p.studentStatus !== 'not_student' && p.studentStatus !== 'out_of_school';

function chooseRisk(rng: Rng, category: 'unstable' | 'marginal' | 'sudden', persons: Person[]): Risk {
  if (category === 'sudden') return rng.weighted(SUDDEN_RISK);
  const present = persons.filter((p) => p.leftAs === null);
  const ill = present.some((p) => p.health === 'chronic' || p.health === 'serious');
  const weights: [Risk, number][] = [
    ['illness', ill ? 40 : 8],
    ['disability', present.some((p) => p.health === 'disabled') ? 15 : 0],
    ['schooling', present.some((p) => isStudent(p) && p.age >= 15) ? 12 : 0],
    ['disaster', 6],
    ['accident', 4],
    ['unstable_job', present.some((p) => p.age >= 18 && p.age <= 55) ? 14 : 0],
    ['industry', 4],
    ['labour', present.some((p) => canWork(p.labour)) ? 0 : 25],
    ['other', 3],
  ];
  return rng.weighted(weightedTable(weights));
}

function assignWork(rng: Rng, persons: Person[], propensity: number, registered: boolean) {
  for (const p of persons) p.migrant = drawMigrant(rng, p, propensity);
  if (!registered || !rng.chance(0.12)) return;
  const eligible = persons.filter(
    (p) => p.leftAs === null && !p.migrant && canWork(p.labour) && p.age >= 18 && p.age <= 65,
  );
  if (eligible.length > 0) rng.pick(eligible).welfareMonths = rng.int(6, 12);
}

export function memberRows(
  ctx: HouseholdContext,
  persons: Person[],
  o: { covered: boolean; dibao: boolean; tekun: boolean },
) {
  const { rng, ids, input } = ctx;
  return persons.map((p): DemoMemberRow => {
    const present = p.leftAs === null;
    const lastMonth = p.birthYear === input.lastYear ? 6 : 12;
    const { idNumber, birthDate } = ids.allocate(rng, randomDate(rng, p.birthYear, 1, lastMonth), p.sex);
    const basic = present && (o.covered || rng.chance(0.97));
    return {
      name: p.surname + drawGivenName(rng, p.sex, p.birthYear),
      sex: p.sex,
      id_type: 'resident_id',
      id_number: idNumber,
      birth_date: birthDate,
      relation: p.relation,
      ethnicity: p.ethnicity,
      education: p.education,
      student_status: p.studentStatus,
      out_of_school_reason: p.outOfSchoolReason,
      health: p.health,
      disability_grade: p.disabilityGrade,
      labour_capacity: p.labour,
      migrant_place: p.migrant?.place ?? null,
      migrant_months: p.migrant?.months ?? null,
      migrant_monthly_wage: p.migrant?.wage ?? null,
      welfare_job_months: p.welfareMonths,
      ins_basic_medical: basic,
      ins_critical_illness: basic,
      ins_medical_assistance: present && o.covered,
      ins_pension: present && p.pension,
      is_dibao: present && o.dibao,
      is_tekun: present && o.tekun,
      member_status: p.leftAs ?? 'present',
    };
  });
}

/** Shape the people: conditions behind the cause and the risk, labour, work and pensions. */
export function shapePersons(ctx: HouseholdContext, reg: Registration | null, t: Timeline) {
  const { rng, input } = ctx;
  const persons = makePersons(
    ctx,
    compositionFor(rng, reg, input.lastYear),
    reg === null && t.monitoring === null,
  );
  if (reg?.cause === 'illness') ensureCondition(rng, persons, 'ill');
  if (reg?.cause === 'disability') ensureCondition(rng, persons, 'disabled', reg.cls === 'tekun');
  for (const p of persons) settleLabour(rng, p);
  const risk = t.monitoring ? chooseRisk(rng, t.monitoring.category, persons) : null;
  if (risk === 'illness') {
    const who = ensureCondition(rng, persons, 'ill');
    if (who) settleLabour(rng, who);
  }
  // Never remove the risk of a household in which no one can work.
  if (t.monitoring?.removedOn && !persons.some((p) => p.leftAs === null && canWork(p.labour))) {
    t.monitoring.removedOn = null;
  }
  const monitoredAtEnd =
    t.monitoring !== null && t.monitoring.removedOn === null && t.monitoring.category !== 'sudden';
  assignWork(rng, persons, reg ? 0.95 : monitoredAtEnd ? 0.35 : 1, reg !== null);
  for (const p of persons) p.pension = p.age >= 16 && !isStudent(p) && rng.chance(reg ? 0.93 : 0.86);
  return { persons, risk };
}
