import type { Kysely } from 'kysely';
import { readRouterOf } from '../db/read-routing.js';
import type { DB } from '../db/types.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import { createAttachmentService } from '../modules/attachments/service.js';
import { createAuditService } from '../modules/audit/service.js';
import { createAuthService } from '../modules/auth/service.js';
import { createBurdenService } from '../modules/burden/service.js';
import { createCadreService } from '../modules/cadres/service.js';
import { createDuplicateService } from '../modules/duplicates/service.js';
import { createEvaluationService } from '../modules/evaluation/service.js';
import { createGrievanceService } from '../modules/grievances/service.js';
import { createEditTransaction } from '../modules/households/edit-transaction.js';
import { createHouseholdEditService } from '../modules/households/edit-service.js';
import { createHouseholdExportService } from '../modules/households/export-service.js';
import { createMemberEditService } from '../modules/households/member-edit-service.js';
import { createHouseholdService } from '../modules/households/service.js';
import { createHouseholdFactService } from '../modules/household-facts/service.js';
import { createImportJobs } from '../modules/import/jobs.js';
import { createMatchingService } from '../modules/matching/service.js';
import { createMeasuresService } from '../modules/measurement/service.js';
import { createParticipationService } from '../modules/participation/service.js';
import { createCardService } from '../modules/plans/card.js';
import { createPlanService } from '../modules/plans/service.js';
import { createPortalService } from '../modules/portal/service.js';
import { createAssistanceServices } from '../modules/projects/assistance.js';
import { createJobService } from '../modules/jobs/service.js';
import { createQualityService } from '../modules/quality/service.js';
import { createRegionService } from '../modules/regions/service.js';
import { createStatsService } from '../modules/stats/service.js';
import { createOutcomesService } from '../modules/outcomes/service.js';
import { createUserService } from '../modules/users/service.js';
import { createUserAdminService } from '../modules/users/admin-service.js';
import { createWarningService } from '../modules/warnings/service.js';
import { createPolicyServices } from './policy-cases.js';
import { createNoticeService } from '../modules/printing/notices.js';
import { createLinkageBoardService } from '../modules/linkage-board/service.js';
import { createInboxService } from '../modules/inbox/service.js';
import { createFactsLoader } from '../modules/facts/loader.js';
import { confirmedRedLineHits } from '../modules/matching/red-line-source.js';
import { createRegistrationService } from '../modules/registration/service.js';
import { createMemberEventService } from '../modules/registration/events.js';
import { createPolicyLibraryService } from '../modules/policy-library/service.js';
import { createEffortServices } from '../modules/effort/service.js';
import { createPracticeService } from '../modules/practices/service.js';
import { createRelevantPracticeService } from '../modules/practices/relevant-service.js';
import { createTrainingService } from '../modules/training/service.js';
import { createSettingsService } from '../modules/settings/service.js';

/** Per-capita income ceiling of edits and web imports: the CLI import's default (--ceiling). */
export const INCOME_CEILING = 200_000;

export interface ServiceOptions {
  /** The one clock (kernel/clock.ts): the system's, or a test's fixed one. */
  clock: Clock;
  sessionHours: number;
  /** Memory budget of the measures cache in bytes; absent = unbounded. */
  measuresCacheBytes?: number | undefined;
  measuresPartsBytes?: number | undefined;
  /** The largest attachment accepted, in bytes (config.ts JZ_ATTACHMENT_MAX_MB); absent = 10 MiB. */
  attachmentMaxBytes?: number | undefined;
  /** Where background work (web imports) logs its failures. */
  log: { error(obj: object, msg: string): void };
}

/**
 * The composition root: every service of the application, wired to its narrow dependencies on one
 * database and one clock. The HTTP server (src/server/app.ts) and the CLI (src/cli) both build their
 * services here and nowhere else.
 */
export function buildServices(db: Kysely<DB>, opts: ServiceOptions) {
  const { clock } = opts;
  const reads = readRouterOf(db); // streaming replicas for the read paths below, when configured
  const regions = createRegionService(db);
  const policyServices = createPolicyServices(db, clock);
  const paramsFor = (region: string, date: string) => policyServices.policy.paramsFor(region, date);
  const edits = createEditTransaction(db, clock);
  const cards = createCardService(db, regions, clock);
  const plans = createPlanService(db, clock);
  const quality = createQualityService(db, { paramsFor, clock });
  return {
    clock,
    regions,
    ...policyServices,
    notices: createNoticeService({ cases: policyServices.cases, policy: policyServices.policy, clock }),
    // sessions expire on the wall clock, not on the business clock (tests move that one by days)
    auth: createAuthService(db, { sessionHours: opts.sessionHours, clock: systemClock }),
    users: createUserService(db),
    userAdmin: createUserAdminService(db, createUserService(db), clock),
    audit: createAuditService(db),
    policyLibrary: createPolicyLibraryService(db),
    practices: createPracticeService(db),
    relevantPractices: createRelevantPracticeService(db),
    training: createTrainingService(db, clock),
    settings: createSettingsService(db, clock),
    attachments: createAttachmentService(db, { clock, maxBytes: opts.attachmentMaxBytes }),
    households: createHouseholdService(db, regions, clock, reads.db),
    householdEdit: createHouseholdEditService(edits, { incomeCeiling: INCOME_CEILING }),
    memberEdit: createMemberEditService(edits),
    // registering a household in the app and dated member events (src/modules/registration)
    registration: createRegistrationService({
      db,
      clock,
      paramsFor,
      openCase: async (user, input) => (await policyServices.cases.open(user, input)).id,
      incomeCeiling: INCOME_CEILING,
    }),
    memberEvents: createMemberEventService(db, clock, createMemberEditService(edits)),
    householdFacts: createHouseholdFactService(db, { clock, paramsFor }),
    effort: createEffortServices(db, { clock, paramsFor }),
    householdExport: createHouseholdExportService(db, regions, clock, reads.db),
    stats: createStatsService(db, regions, clock, reads.db),
    // what worked (docs/what-worked.md): reads only, on a replica when configured
    outcomes: createOutcomesService({
      regions,
      clock,
      lineFor: async (region, year) => (await paramsFor(region, `${year}-12-31`)).povertyLine,
      reads: reads.db,
    }),
    assistance: createAssistanceServices(db, clock),
    matching: createMatchingService(db, { paramsFor, clock }),
    duplicates: createDuplicateService(db, clock),
    // web imports: jobs live in this process (lost on restart, data is not)
    imports: createImportJobs(db, { incomeCeiling: INCOME_CEILING, log: opts.log, clock }),
    quality,
    // the batch evaluation and the quality checks started from the web, with progress (migration 048)
    jobs: createJobService({ db, clock, ruleRun: policyServices.ruleRun, quality, log: opts.log }),
    participation: createParticipationService(db, clock),
    grievances: createGrievanceService(db, clock),
    cards,
    portal: createPortalService(db, { cards, clock, rules: policyServices.rules }),
    warnings: createWarningService({ db, cases: policyServices.cases, paramsFor, clock }),
    cadres: createCadreService(db, clock, plans),
    plans,
    measures: createMeasuresService(db, regions, {
      lineFor: async (region, year) => (await paramsFor(region, `${year}-12-31`)).povertyLine,
      cacheBytes: opts.measuresCacheBytes,
      partsBytes: opts.measuresPartsBytes,
      pick: reads.pick,
    }),
    burden: createBurdenService(db, clock),
    inbox: createInboxService({ db, clock, paramsFor }),
    evaluation: createEvaluationService(db, paramsFor, clock),
    linkageBoard: createLinkageBoardService({
      db,
      facts: createFactsLoader(db, confirmedRedLineHits),
      paramsFor,
      clock,
    }),
  };
}
export type Services = ReturnType<typeof buildServices>;
