import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { buildServices, type Services } from '../composition/services.js';
import { isDatabaseUnavailable } from '../db/database.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { SESSION_COOKIE, type ZodApp } from '../kernel/http.js';
import { attachmentRoutes } from '../modules/attachments/routes.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { authRoutes } from '../modules/auth/routes.js';
import { burdenRoutes } from '../modules/burden/routes.js';
import { printingRoutes } from '../modules/printing/routes.js';
import { cadreRoutes } from '../modules/cadres/routes.js';
import { caseRoutes } from '../modules/cases/routes.js';
import { codeListRoutes } from '../modules/codelists/routes.js';
import { duplicateRoutes } from '../modules/duplicates/routes.js';
import { evaluationRoutes } from '../modules/evaluation/routes.js';
import { grievanceRoutes } from '../modules/grievances/routes.js';
import { startEscalationSchedule } from '../modules/grievances/schedule.js';
import { householdEditRoutes } from '../modules/households/edit-routes.js';
import { householdExportRoutes } from '../modules/households/export-routes.js';
import { householdRoutes } from '../modules/households/routes.js';
import { householdFactRoutes } from '../modules/household-facts/routes.js';
import { registrationRoutes } from '../modules/registration/routes.js';
import { importRoutes } from '../modules/import/routes.js';
import { matchingRoutes } from '../modules/matching/routes.js';
import { measuresRoutes } from '../modules/measurement/routes.js';
import { warmMeasuresAfterListen } from '../modules/measurement/warm.js';
import { participationRoutes } from '../modules/participation/routes.js';
import { planRoutes } from '../modules/plans/routes.js';
import { policyRoutes } from '../modules/policy/routes.js';
import { policyLibraryRoutes } from '../modules/policy-library/routes.js';
import { practiceRoutes } from '../modules/practices/routes.js';
import { outcomesRoutes } from '../modules/outcomes/routes.js';
import { trainingRoutes } from '../modules/training/routes.js';
import { settingsRoutes } from '../modules/settings/routes.js';
import { portalRoutes } from '../modules/portal/routes.js';
import { householdOf } from '../modules/portal/session-routes.js';
import { effortRoutes } from '../modules/effort/routes.js';
import { effortPortalRoutes } from '../modules/effort/portal-routes.js';
import { assistanceRoutes } from '../modules/projects/assistance.js';
import { qualityRoutes } from '../modules/quality/routes.js';
import { jobRoutes } from '../modules/jobs/routes.js';
import { startQualitySchedule } from '../modules/quality/schedule.js';
import { regionRoutes } from '../modules/regions/routes.js';
import { ruleRoutes } from '../modules/rules/routes.js';
import { linkageBoardRoutes } from '../modules/linkage-board/routes.js';
import { safetyNetRoutes } from '../modules/safety-net/routes.js';
import { userRoutes } from '../modules/users/routes.js';
import { statsRoutes } from '../modules/stats/routes.js';
import { warningRoutes } from '../modules/warnings/routes.js';
import { warningBulkRoutes } from '../modules/warnings/bulk-routes.js';
import { worklistRoutes } from '../modules/worklists/routes.js';
import { inboxRoutes } from '../modules/inbox/routes.js';
import { startInboxSchedules } from '../modules/inbox/schedules.js';
import {
  boundedWorkReply,
  DEFAULT_BOUNDED_WORK,
  installBoundedWork,
  type BoundedWorkOptions,
} from './bounded-work.js';
import { installCsrfGuard } from './csrf-guard.js';
import { healthRoutes, RETRY_AFTER_S, unavailableBody } from './health.js';
import { installBodyGuard, isDataException } from './body-guard.js';
import { installOrganisationGuard } from './organisation-guard.js';
import { installPasswordChangeGuard } from './password-change-guard.js';
import { swaggerOptions } from './openapi.js';
import { installSecurityHeaders } from './security-headers.js';
import { installStaticAssets, type StaticAssetOptions } from './static-assets.js';
import { validationMessageZh } from './validation-zh.js';
import { readRouterOf } from '../db/read-routing.js';
import { installReadRouting } from '../db/read-routing-hooks.js';

const WEB_DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface AppOptions {
  db: Kysely<DB>;
  sessionHours: number;
  loginPerMinute: number;
  logLevel?: string;
  /** Session cookies `Secure`, HSTS sent (JZ_SECURE_COOKIES, config.ts `secureCookies`); absent = off. */
  secureCookie?: boolean;
  /** Serve the OpenAPI UI and document at /api/docs (JZ_API_DOCS); absent = on. `app.swagger()` always works. */
  apiDocs?: boolean;
  /** The one clock (kernel/clock.ts) of policy dates, deadlines and "today"; absent = the system's. */
  clock?: Clock;
  /** Hours between scheduled data-quality runs (JZ_QUALITY_INTERVAL_HOURS); 0 or absent = off. */
  qualityIntervalHours?: number;
  /** Hours between scheduled rule runs filling the worklists (JZ_RULE_RUN_INTERVAL_HOURS); 0 or absent = off. */
  ruleRunIntervalHours?: number;
  /** China hour of the daily digest of the inbox (JZ_DIGEST_HOUR); -1 or absent = off. */
  digestHour?: number;
  /** Memory budget of the measures cache in MiB (JZ_MEASURES_CACHE_MB); absent = unbounded. */
  measuresCacheMB?: number;
  /** Memory budget of the measures' per-county parts in MiB (JZ_MEASURES_PARTS_MB); absent = unbounded. */
  measuresPartsMB?: number;
  /** The largest attachment accepted in MiB (JZ_ATTACHMENT_MAX_MB); absent = 10. */
  attachmentMaxMB?: number;
  /** Read the measures cache of the counties with households in the background once listening (serve). */
  warmMeasures?: boolean;
  /** Statement timeouts per request class and the queue limit (bounded-work.ts); absent = the defaults. */
  boundedWork?: BoundedWorkOptions;
  /** The built web app to serve; absent = web/dist. */
  webDist?: string;
  /** How it is served (static-assets.ts); 'legacy' only for the first-load benchmark's yardstick. */
  webMode?: StaticAssetOptions['mode'];
}

/** The composition root: services wired to their narrow dependencies, routes registered. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'info' },
    logController: new LogController({ disableRequestLogging: opts.logLevel !== 'debug' }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  installBoundedWork(app, opts.db, opts.boundedWork ?? DEFAULT_BOUNDED_WORK); // before any hook that queries
  await installSecurityHeaders(app, opts.secureCookie ?? false); // first: on refusals and errors too
  installCsrfGuard(app); // state-changing API requests from another site: 403
  installOrganisationGuard(app); // organisation accounts: deny by default outside their routes
  installPasswordChangeGuard(app); // a new or reset password: nothing but auth until it is changed
  installBodyGuard(app); // NUL characters and lone surrogates: 400 before validation (docs/security.md)

  const services = buildServices(opts.db, {
    clock: opts.clock ?? systemClock,
    sessionHours: opts.sessionHours,
    measuresCacheBytes: opts.measuresCacheMB === undefined ? undefined : opts.measuresCacheMB * 2 ** 20,
    measuresPartsBytes: opts.measuresPartsMB === undefined ? undefined : opts.measuresPartsMB * 2 ** 20,
    attachmentMaxBytes: opts.attachmentMaxMB === undefined ? undefined : opts.attachmentMaxMB * 2 ** 20,
    log: app.log,
  });
  app.addHook('onClose', () => services.imports.close());
  app.addHook('onClose', () => services.jobs.close());
  const stopQualitySchedule = startQualitySchedule(services.quality, opts.qualityIntervalHours ?? 0, app.log);
  app.addHook('onClose', async () => stopQualitySchedule());
  const stopEscalation = startEscalationSchedule(services.grievances, app.log);
  app.addHook('onClose', async () => stopEscalation());
  const stopInbox = startInboxSchedules({
    ...{ db: opts.db, clock: services.clock, inbox: services.inbox, ruleRun: services.ruleRun },
    ...{ latestYear: services.regions.latestYear, log: app.log },
    ...{ ruleRunHours: opts.ruleRunIntervalHours, digestHour: opts.digestHour },
  });
  app.addHook('onClose', async () => stopInbox());

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, swaggerOptions());
  if (opts.apiDocs ?? true) await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    req.user = token ? await services.auth.userForToken(token) : null;
  });
  installReadRouting(app, readRouterOf(opts.db)); // replicas: reads as this user; their writes noted

  registerRoutes(app.withTypeProvider<ZodTypeProvider>(), services, opts);
  if (opts.warmMeasures) warmMeasuresAfterListen(app, services.measures);

  await installStaticAssets(app, { root: opts.webDist ?? WEB_DIST, mode: opts.webMode }); // static-assets.ts
  return app;
}

/** Every route of the API, each group handed the services it calls. */
function registerRoutes(zapp: ZodApp, s: Services, opts: AppOptions): void {
  healthRoutes(zapp, opts.db);
  const secureCookie = opts.secureCookie ?? false;
  authRoutes(zapp, s.auth, s.regions, { loginPerMinute: opts.loginPerMinute, secureCookie });
  codeListRoutes(zapp);
  regionRoutes(zapp, s.regions);
  householdRoutes(zapp, s.households);
  householdEditRoutes(zapp, s.householdEdit, s.memberEdit);
  householdFactRoutes(zapp, s.householdFacts);
  registrationRoutes(zapp, s.registration, s.memberEvents);
  householdExportRoutes(zapp, s.householdExport);
  statsRoutes(zapp, s.stats);
  outcomesRoutes(zapp, s.outcomes);
  auditRoutes(zapp, s.audit);
  attachmentRoutes(zapp, s.attachments);
  matchingRoutes(zapp, s.matching);
  duplicateRoutes(zapp, s.duplicates);
  policyRoutes(zapp, s.policy);
  policyLibraryRoutes(zapp, s.policyLibrary);
  practiceRoutes(zapp, s.practices, s.relevantPractices);
  trainingRoutes(zapp, s.training);
  settingsRoutes(zapp, s.settings);
  ruleRoutes(zapp, s.rules);
  caseRoutes(zapp, s.cases);
  worklistRoutes(zapp, s.worklists);
  inboxRoutes(zapp, s.inbox);
  assistanceRoutes(zapp, s.assistance);
  importRoutes(zapp, s.imports);
  qualityRoutes(zapp, s.quality);
  jobRoutes(zapp, s.jobs);
  participationRoutes(zapp, s.participation, { registerPerMinute: opts.loginPerMinute });
  grievanceRoutes(zapp, s.grievances, { filePerMinute: opts.loginPerMinute });
  portalRoutes(zapp, s.portal, { loginPerMinute: opts.loginPerMinute, secureCookie });
  effortRoutes(zapp, s.effort);
  effortPortalRoutes(zapp, s.effort, householdOf(s.portal.sessions));
  warningRoutes(zapp, s.warnings);
  warningBulkRoutes(zapp, s.warnings);
  cadreRoutes(zapp, s.cadres);
  planRoutes(zapp, s.plans, s.cards);
  safetyNetRoutes(zapp, s.safetyNet);
  linkageBoardRoutes(zapp, s.linkageBoard);
  measuresRoutes(zapp, s.measures);
  burdenRoutes(zapp, s.burden);
  printingRoutes(zapp, s.notices);
  evaluationRoutes(zapp, s.evaluation);
  userRoutes(zapp, s.userAdmin);
}

/** Map every error to `{ code, message, details }`; never leak SQL or stack traces. */
function errorHandler(
  this: FastifyInstance,
  err: FastifyError | AppError,
  req: { log: FastifyInstance['log'] },
  reply: { status(n: number): { send(b: unknown): unknown }; header(k: string, v: string): unknown },
) {
  const wait = err instanceof AppError ? (err.details as { retryAfter?: unknown } | undefined) : undefined;
  if (typeof wait?.retryAfter === 'number') reply.header('retry-after', String(wait.retryAfter));
  if (err instanceof AppError)
    return reply.status(err.status).send({ code: err.code, message: err.message, details: err.details });
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      field: [
        err.validationContext,
        ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : []),
      ].join('.'),
      message: v.message,
      // the same in Chinese, for the web app's default language (the API's message stays English)
      messageZh: validationMessageZh({ code: v.keyword, message: v.message ?? '', params: v.params }),
    }));
    const first = details[0];
    return reply.status(400).send({
      code: 'E_VALIDATION',
      message: first ? `Invalid ${first.field}: ${first.message}` : 'Invalid request',
      details,
    });
  }
  const fe = err as FastifyError;
  if (fe.statusCode === 429)
    return reply.status(429).send({ code: 'E_RATE_LIMITED', message: 'Too many attempts; wait a minute' });
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply.status(fe.statusCode).send({ code: 'E_VALIDATION', message: fe.message });
  }
  if (isDataException(err)) {
    req.log.error(err, 'a database data exception answered 400 (a schema lacks a bound)');
    return reply
      .status(400)
      .send({ code: 'E_VALIDATION', message: 'Invalid request: a value is malformed or out of range' });
  }
  const bounded = boundedWorkReply(err);
  if (bounded) {
    if (bounded.code === 'E_CLIENT_GONE') req.log.info('client gone: its queries cancelled');
    else req.log.warn({ code: bounded.code }, 'request stopped by its bounds: answered 503');
    reply.header('retry-after', String(bounded.details.retryAfter));
    return reply.status(503).send(bounded);
  }
  if (isDatabaseUnavailable(err)) {
    req.log.warn({ err: String(err) }, 'database unavailable: answered 503');
    reply.header('retry-after', String(RETRY_AFTER_S));
    return reply.status(503).send(unavailableBody());
  }
  req.log.error(err);
  return reply.status(500).send({ code: 'E_INTERNAL', message: 'Internal error; it has been logged' });
}
