import type { DibaoBenefit } from '../../domain/safety-net/benefit.js';
import type { TekunSupport } from '../../domain/safety-net/tekun.js';
import type { MeansResult } from './means.js';

/** What a roll entry stores of its benefit's computation: the inputs, the figures and the reasons. */
export function dibaoComputation(m: MeansResult, b: DibaoBenefit = m.benefit) {
  return {
    programme: 'dibao',
    asOf: m.asOf,
    incomeYear: m.year,
    standardMonthly: b.standardMonthly,
    assessment: b.assessment,
    perCapitaIncome: b.perCapitaIncome,
    gapPerPerson: b.gapPerPerson,
    minimumPerPerson: m.params.minimumBenefitPerPerson,
    coverage: b.coverage,
    persons: b.persons,
    monthly: b.monthly,
    reviewKind: m.reviewKind,
    supporters: m.supporters.map((s) => ({
      relation: s.relation,
      capacity: s.capacity,
      counted12m: s.counted12m,
    })),
    formula: 'max(standard − perCapitaIncome, minimumPerPerson) × persons',
    reasons: b.reasons,
  };
}

export function tekunComputation(m: MeansResult, t: TekunSupport) {
  return {
    programme: 'tekun',
    asOf: m.asOf,
    incomeYear: m.year,
    mode: t.mode,
    careLevel: t.careLevel,
    basicMonthly: t.basicMonthly,
    careMonthly: t.careMonthly,
    persons: t.persons,
    monthly: t.monthly,
    supporters: m.supporters.map((s) => ({
      relation: s.relation,
      capacity: s.capacity,
      counted12m: s.counted12m,
    })),
    formula: '(basic + care[level]) × persons',
    reasons: [...m.hardship.reasons, ...t.reasons],
  };
}
