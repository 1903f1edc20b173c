import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { createAuditService } from '../modules/audit/service.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { createAuthService } from '../modules/auth/service.js';
import { authRoutes } from '../modules/auth/routes.js';
import { codeListRoutes } from '../modules/codelists/routes.js';
import { createHouseholdService } from '../modules/households/service.js';
import { householdRoutes } from '../modules/households/routes.js';
import { createEditTransaction } from '../modules/households/edit-transaction.js';
import { createHouseholdEditService } from '../modules/households/edit-service.js';
import { createMemberEditService } from '../modules/households/member-edit-service.js';
import { householdEditRoutes } from '../modules/households/edit-routes.js';
import { createHouseholdExportService } from '../modules/households/export-service.js';
import { householdExportRoutes } from '../modules/households/export-routes.js';
import { createRegionService } from '../modules/regions/service.js';
import { regionRoutes } from '../modules/regions/routes.js';
import { createStatsService } from '../modules/stats/service.js';
import { statsRoutes } from '../modules/stats/routes.js';
import { createMatchingService } from '../modules/matching/service.js';
import { matchingRoutes } from '../modules/matching/routes.js';
import { createDuplicateService } from '../modules/duplicates/service.js';
import { duplicateRoutes } from '../modules/duplicates/routes.js';
import { createImportJobs } from '../modules/import/jobs.js';
import { importRoutes } from '../modules/import/routes.js';
import { createQualityService } from '../modules/quality/service.js';
import { qualityRoutes } from '../modules/quality/routes.js';
import { startQualitySchedule } from '../modules/quality/schedule.js';
import { createCadreService } from '../modules/cadres/service.js';
import { cadreRoutes } from '../modules/cadres/routes.js';
import { createPlanService } from '../modules/plans/service.js';
import { createCardService } from '../modules/plans/card.js';
import { planRoutes } from '../modules/plans/routes.js';
import { createMeasuresService } from '../modules/measures/service.js';
import { measuresRoutes } from '../modules/measures/routes.js';
import { warmMeasuresAfterListen } from '../modules/measures/warm.js';
import { createBurdenService } from '../modules/burden/service.js';
import { burdenRoutes } from '../modules/burden/routes.js';
import { createEvaluationService } from '../modules/evaluation/service.js';
import { evaluationRoutes } from '../modules/evaluation/routes.js';
import { AppError } from './errors.js';
import { SESSION_COOKIE } from './http.js';
import { createPolicyServices, policyAndCaseRoutes } from './policy-cases.js';
import { createAssistanceServices } from '../modules/projects/index.js';
import { assistanceRoutes } from '../modules/projects/routes.js';
import { createWarningService } from '../modules/warnings/service.js';
import { warningRoutes } from '../modules/warnings/routes.js';
import { installOrganisationGuard } from './organisation-guard.js';
import { validationMessageZh } from './validation-zh.js';
import { createParticipationService } from '../modules/participation/service.js';
import { participationRoutes } from '../modules/participation/routes.js';
import { createGrievanceService } from '../modules/grievances/service.js';
import { grievanceRoutes } from '../modules/grievances/routes.js';
import { startEscalationSchedule } from '../modules/grievances/schedule.js';
import { createPortalService } from '../modules/portal/service.js';
import { portalRoutes } from '../modules/portal/routes.js';

const WEB_DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface AppOptions {
  db: Kysely<DB>;
  sessionHours: number;
  loginPerMinute: number;
  logLevel?: string;
  secureCookie?: boolean;
  /** The clock of policy dates, case deadlines and notice periods (tests pass a fixed one). */
  clock?: () => Date;
  /** Hours between scheduled data-quality runs (JZ_QUALITY_INTERVAL_HOURS); 0 or absent = off. */
  qualityIntervalHours?: number;
  /** Memory budget of the measures cache in MiB (JZ_MEASURES_CACHE_MB); absent = unbounded. */
  measuresCacheMB?: number;
  /** Read the measures cache of the counties with households in the background once listening (serve). */
  warmMeasures?: boolean;
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
  installOrganisationGuard(app); // organisation accounts: deny by default outside their routes

  const { db } = opts;
  const regions = createRegionService(db);
  const auth = createAuthService(db, { sessionHours: opts.sessionHours });
  const audit = createAuditService(db);
  const households = createHouseholdService(db, regions);
  const householdEdits = createEditTransaction(db, opts.clock ?? (() => new Date()));
  // per-capita income ceiling of edits: the import's default (jingzhun import --ceiling)
  const householdEdit = createHouseholdEditService(householdEdits, { incomeCeiling: 200_000 });
  const memberEdit = createMemberEditService(householdEdits);
  const householdExport = createHouseholdExportService(db, regions);
  const stats = createStatsService(db, regions);
  const policyServices = createPolicyServices(db, opts.clock);
  const assistance = createAssistanceServices(db, opts.clock);
  const matching = createMatchingService(db, {
    paramsFor: (region, date) => policyServices.policy.paramsFor(region, date),
    clock: opts.clock,
  });
  const duplicates = createDuplicateService(db, opts.clock);
  // web imports: the CLI's default ceiling; jobs live in this process (lost on restart, data is not)
  const imports = createImportJobs(db, { incomeCeiling: 200_000, log: app.log });
  app.addHook('onClose', () => imports.close());
  const quality = createQualityService(db, {
    paramsFor: (region, date) => policyServices.policy.paramsFor(region, date),
    clock: opts.clock,
  });
  const stopQualitySchedule = startQualitySchedule(quality, opts.qualityIntervalHours ?? 0, app.log);
  app.addHook('onClose', async () => stopQualitySchedule());

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Jingzhun API', description: 'Targeted poverty alleviation registry', version: '0.1.0' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    req.user = token ? await auth.userForToken(token) : null;
  });

  const zapp = app.withTypeProvider<ZodTypeProvider>();
  zapp.get('/api/health', {
    schema: {
      tags: ['system'],
      summary: 'Liveness',
      response: { 200: z.object({ status: z.literal('ok') }) },
    },
    handler: async () => ({ status: 'ok' as const }),
  });
  authRoutes(zapp, auth, regions, {
    loginPerMinute: opts.loginPerMinute,
    secureCookie: opts.secureCookie ?? false,
  });
  codeListRoutes(zapp);
  regionRoutes(zapp, regions);
  householdRoutes(zapp, households);
  householdEditRoutes(zapp, householdEdit, memberEdit);
  householdExportRoutes(zapp, householdExport);
  statsRoutes(zapp, stats);
  auditRoutes(zapp, audit);
  matchingRoutes(zapp, matching);
  duplicateRoutes(zapp, duplicates);
  policyAndCaseRoutes(zapp, policyServices);
  assistanceRoutes(zapp, assistance);
  importRoutes(zapp, imports);
  qualityRoutes(zapp, quality);
  participationRoutes(zapp, createParticipationService(db), { registerPerMinute: opts.loginPerMinute });
  const grievances = createGrievanceService(db, opts.clock);
  const stopEscalation = startEscalationSchedule(grievances, app.log);
  app.addHook('onClose', async () => stopEscalation());
  grievanceRoutes(zapp, grievances, { filePerMinute: opts.loginPerMinute });
  portalRoutes(
    zapp,
    createPortalService(db, { cards: createCardService(db, regions, opts.clock), clock: opts.clock }),
    {
      loginPerMinute: opts.loginPerMinute,
      secureCookie: opts.secureCookie ?? false,
    },
  );
  warningRoutes(
    zapp,
    createWarningService({
      db,
      cases: policyServices.cases,
      paramsFor: (region, date) => policyServices.policy.paramsFor(region, date),
      clock: opts.clock ?? (() => new Date()),
    }),
  );
  cadreRoutes(zapp, createCadreService(db, opts.clock));
  planRoutes(zapp, createPlanService(db, opts.clock), createCardService(db, regions, opts.clock));
  const measures = createMeasuresService(db, regions, {
    lineFor: async (region, year) =>
      (await policyServices.policy.paramsFor(region, `${year}-12-31`)).povertyLine,
    cacheBytes: opts.measuresCacheMB === undefined ? undefined : opts.measuresCacheMB * 2 ** 20,
  });
  measuresRoutes(zapp, measures);
  if (opts.warmMeasures) warmMeasuresAfterListen(app, measures);
  burdenRoutes(zapp, createBurdenService(db, opts.clock));
  evaluationRoutes(
    zapp,
    createEvaluationService(db, (region, date) => policyServices.policy.paramsFor(region, date)),
  );

  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/'))
        return reply.status(404).send({ code: 'E_NOT_FOUND', message: `No route ${req.method} ${req.url}` });
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((req, reply) =>
      reply.status(404).send({ code: 'E_NOT_FOUND', message: `No route ${req.method} ${req.url}` }),
    );
  }
  return app;
}

/** Map every error to `{ code, message, details }`; never leak SQL or stack traces. */
function errorHandler(
  this: FastifyInstance,
  err: FastifyError | AppError,
  req: { log: FastifyInstance['log'] },
  reply: { status(n: number): { send(b: unknown): unknown } },
) {
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
  req.log.error(err);
  return reply.status(500).send({ code: 'E_INTERNAL', message: 'Internal error; it has been logged' });
}
