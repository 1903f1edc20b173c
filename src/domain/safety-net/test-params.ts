import type { SafetyNetParams } from './params.js';

/** Round parameters for the table tests (standard 600 a month). */
export const testParams = (): SafetyNetParams => ({
  dibaoStandardMonthly: 600,
  dibaoCategoryScheme: 'abc',
  minimumBenefitPerPerson: 30,
  singlePersonIncomeFactor: 1.5,
  singlePersonBenefitShare: 1,
  reviewMonths: { noLabour: 12, illOrDisabled: 6, withLabour: 3 },
  gradualExit: { months: 6, ceilingFactor: 1.5 },
  tekunBasicMonthly: 780,
  tekunCareMonthly: { self_care: 80, partly_dependent: 420, fully_dependent: 850 },
  temporary: { caseLimit: 3600, townshipLimit: 1200, yearlyCeiling: 7200, regulariseDays: 10 },
});
