import { reason, type Reason } from '../rules/reason.js';
import { isRedLine, type Effect, type FlagKind, type ListKind, type RedLineEffects } from './kinds.js';
import { ageOn as ageOnDay } from '../visibility.js';

/** What matching knows about one hit: the department's record and the registry's member. */
export interface HitFacts {
  listKind: ListKind;
  record: { attributes: Readonly<Record<string, string>> };
  member: { birthDate: string; memberStatus: string; isDibao: boolean; isTekun: boolean };
  household: { householdType: string; houseGrade: string | null };
  /** Day of the matching (ages are taken on it). */
  on: Date;
}

export interface MatchParams {
  redLineEffects: RedLineEffects;
  /** A medical-bill row raises a flag from this out-of-pocket amount (yuan) up; rows without one always do. */
  medicalBillThreshold: number;
  /** Compulsory-education ages, both inclusive (PolicyParams.compulsoryEducationAges). */
  compulsoryEducationAges: { from: number; to: number };
}

/** Defaults: compulsory education 6–15 (DOMAIN.md §4); a large medical bill is ≥ 10,000 yuan. */
export const DEFAULT_MEDICAL_BILL_THRESHOLD = 10_000;

/** A hit becomes a flag, or nothing (the registry already agrees with the department). */
export interface FlagDecision {
  flag: { kind: FlagKind; effect: Effect } | null;
  /** The checks made; `passed` = the condition for the flag holds. */
  reasons: Reason[];
}

/** Whole years on the UTC day of an instant (the visibility table's `ageOn` on that day). */
export const ageOn = (birthDate: string, on: Date): number =>
  ageOnDay(birthDate, on.toISOString().slice(0, 10));

const DIBAO_TYPES = ['dibao', 'dibao_poor'];

function decide(kind: FlagKind, effect: Effect, reasons: Reason[]): FlagDecision {
  return { flag: reasons.every((r) => r.passed) ? { kind, effect } : null, reasons };
}

/** Any-of: the flag is raised when at least one reason holds. */
function decideAny(kind: FlagKind, effect: Effect, reasons: Reason[]): FlagDecision {
  return { flag: reasons.some((r) => r.passed) ? { kind, effect } : null, reasons };
}

/** Turn one hit into a flag according to the kind of list (DOMAIN.md §4 and §5). */
export function deriveFlag(f: HitFacts, p: MatchParams): FlagDecision {
  const kind = f.listKind;
  if (isRedLine(kind)) {
    const effect = p.redLineEffects[kind];
    return decide('red_line', effect, [
      reason(`red_line.${kind}`, true, kind, effect, {
        zh: '出现在部门红线名单中',
        en: 'listed by the department (exclusion red line)',
      }),
    ]);
  }
  switch (kind) {
    case 'death':
      return decide('deceased_counted', 'warning', [
        reason(
          'member_still_present',
          f.member.memberStatus === 'present',
          f.member.memberStatus,
          'present',
          {
            zh: '已登记死亡，但在册仍为在户',
            en: 'recorded as deceased, still counted in the household',
          },
        ),
      ]);
    case 'dibao_roll':
      return decideAny('uncovered_dibao', 'warning', [
        reason(
          'household_not_dibao_type',
          !DIBAO_TYPES.includes(f.household.householdType),
          f.household.householdType,
          DIBAO_TYPES,
          {
            zh: '在低保名册中，但户类型不是低保',
            en: 'on the dibao roll, household type is not dibao',
          },
        ),
        reason('member_not_dibao', !f.member.isDibao, f.member.isDibao, true, {
          zh: '在低保名册中，但成员未标记为低保对象',
          en: 'on the dibao roll, member not marked as dibao',
        }),
      ]);
    case 'tekun_roll':
      return decideAny('uncovered_tekun', 'warning', [
        reason(
          'household_not_tekun_type',
          f.household.householdType !== 'tekun',
          f.household.householdType,
          'tekun',
          {
            zh: '在特困名册中，但户类型不是特困供养户',
            en: 'on the special hardship roll, household type is not tekun',
          },
        ),
        reason('member_not_tekun', !f.member.isTekun, f.member.isTekun, true, {
          zh: '在特困名册中，但成员未标记为特困人员',
          en: 'on the special hardship roll, member not marked as tekun',
        }),
      ]);
    case 'medical_bill': {
      const raw = f.record.attributes.medical_amount;
      const amount = raw === undefined || raw === '' ? null : Number(raw.replace(/,/g, ''));
      const large = amount === null || !Number.isFinite(amount) || amount >= p.medicalBillThreshold;
      return decide('large_medical_bill', 'help', [
        reason('medical_amount', large, amount, p.medicalBillThreshold, {
          zh: '医疗费用达到大额标准（或名单未给金额）',
          en: 'medical bill at or above the threshold (or no amount given)',
        }),
      ]);
    }
    case 'school_dropout': {
      const age = ageOn(f.member.birthDate, f.on);
      const { from, to } = p.compulsoryEducationAges;
      return decide('school_dropout', 'help', [
        reason('compulsory_school_age', age >= from && age <= to, age, [from, to], {
          zh: '义务教育阶段适龄儿童辍学',
          en: 'child of compulsory-school age out of school',
        }),
      ]);
    }
    case 'dangerous_house':
      return decide('dangerous_house', 'help', [
        reason('listed_dangerous_house', true, f.household.houseGrade, ['C', 'D'], {
          zh: '住建部门认定为危房',
          en: 'listed as a dangerous house by the housing department',
        }),
      ]);
    case 'job_loss':
      return decide('job_loss', 'help', [
        reason('listed_job_loss', true, f.record.attributes.lost_on ?? null, null, {
          zh: '人社部门登记失业（或返乡失业）',
          en: 'registered as unemployed by the human-resources department',
        }),
      ]);
    default: {
      const never: never = kind;
      return never;
    }
  }
}
