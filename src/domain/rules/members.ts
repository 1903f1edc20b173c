import type { HouseholdFacts, LabourCapacity, MemberFacts } from './facts.js';
import type { PolicyParams } from './params.js';

/** Member predicates shared by the rules. Weak or half labour counts as able to work. */
const WORKING: readonly LabourCapacity[] = ['ordinary', 'skilled', 'weak'];

export const presentMembers = (f: HouseholdFacts): MemberFacts[] =>
  f.members.filter((m) => m.status === 'present');

/** Labour capacity inferred where none is recorded: 16–59 without serious illness or disability. */
export const inferredLabour = (age: number, health: string | null): LabourCapacity =>
  age >= 16 && age < 60 && health !== 'serious' && health !== 'disabled' ? 'ordinary' : 'none';

export const canWork = (m: MemberFacts): boolean => WORKING.includes(m.labourCapacity);

export const isSeverelyDisabled = (m: MemberFacts, p: PolicyParams): boolean =>
  m.disabilityGrade !== null && m.disabilityGrade <= p.severeDisabilityMaxGrade;

export const isDisabled = (m: MemberFacts): boolean => m.health === 'disabled' || m.disabilityGrade !== null;

export const isSeriouslyIllOrSeverelyDisabled = (m: MemberFacts, p: PolicyParams): boolean =>
  m.health === 'serious' || isSeverelyDisabled(m, p);

/** 特困 sense: 60+, under 16, severely disabled, or recorded as without labour capacity. */
export const lacksLabourCapacity = (m: MemberFacts, p: PolicyParams): boolean =>
  m.age >= p.noLabourAges.elderly ||
  m.age < p.noLabourAges.minorBelow ||
  isSeverelyDisabled(m, p) ||
  !canWork(m);

export const isCovered = (f: HouseholdFacts): boolean => presentMembers(f).some((m) => m.dibao || m.tekun);
