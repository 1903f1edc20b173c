/** In-app guidance for cadres (issue 21 item 8): case steps, measure kinds, quality findings. */
export { caseStepGuidance, CASE_STEP_GUIDANCE, WITHDRAW_GUIDANCE } from './case-steps.js';
export { findingGuidance, FINDING_GUIDANCE } from './findings.js';
export { measureGuidance, MEASURE_GUIDANCE } from './measures.js';
export type { Guidance } from './types.js';
