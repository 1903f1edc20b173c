import type { LinkageType } from './kinds.js';

/** A project proposed for the county project library (项目库). */
export interface ProjectProposal {
  indicators: readonly { name: string; targetValue: number | null; unit: string }[];
  linkages: readonly LinkageType[];
  linkageNote: string;
}

export type AdmissionGap = 'performance_targets' | 'benefit_linkage';

export interface AdmissionResult {
  admitted: boolean;
  missing: AdmissionGap[];
  reasons: string[];
}

const measurable = (i: ProjectProposal['indicators'][number]) =>
  i.name.trim() !== '' && i.unit.trim() !== '' && i.targetValue !== null && i.targetValue > 0;

/**
 * A project enters the library only with performance targets (at least one measurable indicator:
 * name, target value > 0 and unit) and a benefit-linkage mechanism (at least one linkage type and a
 * description of how households benefit). Returns what is missing, in words an officer can act on.
 */
export function checkAdmission(p: ProjectProposal): AdmissionResult {
  const missing: AdmissionGap[] = [];
  const reasons: string[] = [];
  if (!p.indicators.some(measurable)) {
    missing.push('performance_targets');
    const partial =
      p.indicators.length > 0 ? ' (none of the given indicators has a name, target value > 0 and unit)' : '';
    reasons.push(
      `performance targets: at least one measurable indicator with target value and unit${partial}`,
    );
  }
  if (p.linkages.length === 0 || p.linkageNote.trim() === '') {
    missing.push('benefit_linkage');
    reasons.push(
      p.linkages.length === 0
        ? 'benefit linkage: at least one of dividend, order_purchase, jobs, land_rental, cooperative'
        : 'benefit linkage: a description of how households benefit (linkageNote)',
    );
  }
  return { admitted: missing.length === 0, missing, reasons };
}
