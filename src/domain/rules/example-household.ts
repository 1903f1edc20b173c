import type { HouseholdFacts, Last12Months, MemberFacts } from './facts.js';

/**
 * A plausible household of four (couple in their forties, two school children), used as the base
 * of rule tests and as the example body of the rule API. Override what a case needs.
 */
export function exampleMember(overrides: Partial<MemberFacts> = {}): MemberFacts {
  return {
    id: 'm1',
    age: 45,
    sex: '1',
    relation: 'head',
    studentStatus: 'not_student',
    health: 'healthy',
    disabilityGrade: null,
    labourCapacity: 'ordinary',
    insurance: { basicMedical: true, criticalIllness: true, medicalAssistance: true },
    dibao: false,
    tekun: false,
    status: 'present',
    earnings12m: 0,
    employmentCost12m: 0,
    ...overrides,
  };
}

export function exampleHousehold(overrides: Partial<HouseholdFacts> = {}): HouseholdFacts {
  return {
    asOf: '2020-10-15',
    status: 'poor',
    householdType: 'general_poor',
    registeredPoorYear: 2014,
    members: [
      exampleMember({ id: 'm1', age: 45, sex: '1', relation: 'head' }),
      exampleMember({ id: 'm2', age: 43, sex: '2', relation: 'spouse' }),
      exampleMember({ id: 'm3', age: 14, relation: 'son', studentStatus: 'junior', labourCapacity: 'none' }),
      exampleMember({
        id: 'm4',
        age: 9,
        sex: '2',
        relation: 'daughter',
        studentStatus: 'primary',
        labourCapacity: 'none',
      }),
    ],
    // Net 20,000 / 4 = 5,000 per person (2020 line 4,000).
    income: {
      year: 2020,
      size: 4,
      wages: 14_000,
      business: 6_000,
      productionCost: 2_000,
      property: 0,
      transfers: 2_000,
      eligibleMedicalCost: 0,
    },
    previousPerCapita: [
      { year: 2018, perCapita: 3_600 },
      { year: 2019, perCapita: 4_500 },
    ],
    last12Months: {
      size: 4,
      netIncome: 20_000,
      eligibleMedicalCost: 0,
      previousNetIncome: 18_000,
      rigidSpending: 0,
      assistanceReceived: 0,
    },
    housing: { grade: 'B', relocated: false, rebuilt: false },
    safeWater: true,
    foodClothingSecure: true,
    redLineHits: [],
    monitoring: {
      since: null,
      measuresApplied: 0,
      monthsAboveLine: 0,
      rigidSpendingResolved: true,
      newRisk: false,
    },
    measures: ['industry'],
    shockEvidence: [],
    dibao: {
      obligedSupport12m: 0,
      deductible12m: { medical: 0, disability: 0, schooling: 0 },
      assetsWithinLimits: true,
      spendingWithinLimits: true,
    },
    legalSupporters: [],
    ...overrides,
  };
}

/** A year's income whose net is `net` (all wages), for `size` persons. */
export function exampleYearIncome(year: number, net: number, size: number): HouseholdFacts['income'] {
  return {
    year,
    size,
    wages: net,
    business: 0,
    productionCost: 0,
    property: 0,
    transfers: 0,
    eligibleMedicalCost: 0,
  };
}

/** Last-12-months income with net `net` for `size` persons; other fields zero unless given. */
export function exampleLast12(net: number, size: number, rest: Partial<Last12Months> = {}): Last12Months {
  return {
    size,
    netIncome: net,
    eligibleMedicalCost: 0,
    previousNetIncome: null,
    rigidSpending: 0,
    assistanceReceived: 0,
    ...rest,
  };
}
