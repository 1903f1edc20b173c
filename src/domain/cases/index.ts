import type { PolicyParams } from '../rules/params.js';
import { dibaoCase } from './dibao-case.js';
import { exitCase } from './exit-case.js';
import { identificationCase } from './identification-case.js';
import { monitoringCase } from './monitoring-case.js';
import { tekunCase } from './tekun-case.js';
import type { CaseDefinition, CaseKind } from './types.js';

/** Every procedure's definition under the effective parameters (notice days, votes, deadlines). */
export const caseDefinitions = (p: PolicyParams): Record<CaseKind, CaseDefinition> => ({
  identification: identificationCase(p),
  exit: exitCase(p),
  monitoring: monitoringCase(p),
  dibao: dibaoCase(p),
  tekun: tekunCase(p),
});

export { countyCheckVisits, dibaoCase } from './dibao-case.js';
export { deadlineStatus, isOverdue, type DeadlineStatus } from './deadline.js';
export { exitCase } from './exit-case.js';
export { availableActions, fire, mayFire, openCase } from './fire.js';
export { identificationCase } from './identification-case.js';
export { monitoringCase } from './monitoring-case.js';
export { tekunCase } from './tekun-case.js';
export { checkRequirement, type Finding } from './requirements.js';
export * from './types.js';
export { validateDefinition } from './validate.js';
