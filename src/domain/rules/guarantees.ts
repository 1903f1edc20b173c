import type { HouseholdFacts, StudentStatus } from './facts.js';
import { presentMembers } from './members.js';
import type { PolicyParams } from './params.js';
import { unknownReason } from './missing.js';
import { reason, type Reason } from './reason.js';

/**
 * 两不愁三保障 (DOMAIN.md §4): no worry about food and clothing; compulsory education, basic
 * medical care and safe housing guaranteed; plus safe drinking water. Each returns one reason whose
 * `passed` means "secured". Used by household exit, risk removal and (as considerations) identification.
 */

const NOT_IN_SCHOOL: readonly (StudentStatus | null)[] = ['not_student', 'out_of_school', null];

export function foodAndClothing(f: HouseholdFacts, binding = true): Reason {
  const ok = f.foodClothingSecure;
  if (ok === null)
    return {
      ...unknownReason('food_clothing', ['food_clothing'], { zh: '吃穿不愁', en: 'food and clothing' }),
      binding,
    };
  return reason(
    'food_clothing',
    ok,
    ok,
    true,
    ok
      ? { zh: '吃穿不愁', en: 'food and clothing secure' }
      : { zh: '吃穿还有困难', en: 'food or clothing not secure' },
    binding,
  );
}

export function compulsoryEducation(f: HouseholdFacts, p: PolicyParams, binding = true): Reason {
  const { from, to } = p.compulsoryEducationAges;
  const children = presentMembers(f).filter((m) => m.age >= from && m.age <= to);
  const out = children.filter((m) => NOT_IN_SCHOOL.includes(m.studentStatus)).map((m) => m.id);
  const ok = out.length === 0;
  const ages = `${from}–${to}`;
  return reason(
    'compulsory_education',
    ok,
    { children: children.length, outOfSchool: out },
    { ages: [from, to], inSchoolOrExempt: true },
    ok
      ? { zh: `家里 ${ages} 岁的孩子都在上学或依法免学`, en: `every child aged ${ages} in school or exempt` }
      : {
          zh: `家里有 ${out.length} 个 ${ages} 岁的孩子没有上学`,
          en: `${out.length} child(ren) aged ${ages} out of school`,
        },
    binding,
  );
}

export function basicMedical(f: HouseholdFacts, binding = true): Reason {
  const uninsured = presentMembers(f)
    .filter(
      (m) => !(m.insurance.basicMedical && m.insurance.criticalIllness && m.insurance.medicalAssistance),
    )
    .map((m) => m.id);
  const ok = uninsured.length === 0;
  return reason(
    'basic_medical',
    ok,
    { uninsured },
    ['basic_medical', 'critical_illness', 'medical_assistance'],
    ok
      ? { zh: '家里每个人都有基本医保、大病保险和医疗救助', en: 'every member has all three medical covers' }
      : {
          zh: `家里有 ${uninsured.length} 人没有参加全部基本医保、大病保险、医疗救助`,
          en: `${uninsured.length} member(s) lack basic medical, critical-illness or medical-assistance cover`,
        },
    binding,
  );
}

export function safeHousing(f: HouseholdFacts, p: PolicyParams, binding = true): Reason {
  const { grade, relocated, rebuilt } = f.housing;
  const ok = relocated || rebuilt === true || (grade !== null && p.safeHousingGrades.includes(grade));
  // not safe by the grade and no rebuilding record (or no grade at all): not known
  if (!ok && (rebuilt === null || grade === null))
    return {
      ...unknownReason('safe_housing', ['housing_safety'], {
        zh: grade ? `住房鉴定为 ${grade} 级，是否已改造` : '住房未鉴定',
        en: grade ? `housing grade ${grade}, rebuilt or not` : 'housing not assessed',
      }),
      binding,
    };
  const how = relocated
    ? '已易地搬迁'
    : rebuilt
      ? '危房已改造'
      : grade
        ? `住房鉴定为 ${grade} 级`
        : '住房未鉴定';
  const howEn = relocated ? 'relocated' : rebuilt ? 'rebuilt' : grade ? `grade ${grade}` : 'not assessed';
  return reason(
    'safe_housing',
    ok,
    { grade, relocated, rebuilt },
    { grades: p.safeHousingGrades, orRebuiltOrRelocated: true },
    ok
      ? { zh: `住房安全有保障（${how}）`, en: `housing safe (${howEn})` }
      : { zh: `住房不安全（${how}）`, en: `housing unsafe (${howEn})` },
    binding,
  );
}

export function safeWater(f: HouseholdFacts, binding = true): Reason {
  const ok = f.safeWater;
  return reason(
    'safe_water',
    ok,
    ok,
    true,
    ok
      ? { zh: '饮水安全有保障', en: 'drinking water safe' }
      : { zh: '饮水还不安全', en: 'drinking water unsafe' },
    binding,
  );
}
