import type { DemoExtension } from './context.js';
import { burdenDemo } from './seeders/burden.js';
import { cadresDemo } from './seeders/cadres.js';
import { effortDemo } from './seeders/effort.js';
import { evaluationDemo } from './seeders/evaluation.js';
import { factsDemo } from './seeders/facts.js';
import { participationDemo } from './seeders/participation.js';
import { passiveExitsDemo } from './seeders/passive-exits.js';
import { plansDemo } from './seeders/plans.js';
import { policyLibraryDemo } from './seeders/policy-library.js';
import { practicesDemo } from './seeders/practices.js';
import { portalDemo } from './seeders/portal.js';
import { post2020TargetsDemo } from './seeders/post2020-targets.js';
import { projectsDemo } from './seeders/projects.js';
import { qualityDemo } from './seeders/quality.js';
import { safetyNetDemo } from './seeders/safety-net.js';
import { warningsDemo } from './seeders/warnings.js';

/**
 * The registered seeders, in dependency order (a seeder may read what earlier ones wrote).
 * A new capability adds its seeder with one import and one line.
 */
export const DEMO_EXTENSIONS: readonly DemoExtension[] = [
  passiveExitsDemo, // incomes first: later extensions read them
  cadresDemo, // later extensions read cadres and assignments
  plansDemo, // after 'cadres'
  projectsDemo, // keep after 'plans'
  warningsDemo, // after 'cadres' and 'plans'
  safetyNetDemo, // the dibao and 特困 rolls from the members' flags, temporary assistance, a payment list
  factsDemo, // after 'safety-net' (reads the rolls), before 'quality' (plants anomalies in the year rows)
  evaluationDemo, // reads exits and incomes only
  burdenDemo, // requests and inspections of the current year
  participationDemo, // organisations, needs, products; the demo account `org` is linked in setup
  qualityDemo, // last: plants anomalies in incomes and audit events for the quality signals
  portalDemo, // grievances, ratings, the demo household's portal code (ctx.password)
  policyLibraryDemo, // county and provincial documents, a county measure and a county override (reads nothing)
  practicesDemo, // the county's practice library and cadres' training records (after 'projects', 'cadres')
  effortDemo, // employment, training, incentive ledgers, work relief (after 'projects')
  post2020TargetsDemo, // post-2020 targets split to villages (after 'projects', 'effort', 'safety-net')
];
