import { z } from 'zod';
import { EligibilitySchema, type Eligibility } from '../../domain/catalogue/eligibility.js';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id, RegionCode } from '../../kernel/schema.js';
import { EligibleMeasures, ExplainedCreate, ExplainedEntry, ExplainedUpdate } from './catalogue-schema.js';
import { invalid } from './plan-view.js';
import type { PlanService } from './service.js';

const tags = ['plans'];
const withConflict = { ...errorResponses, 409: ErrorBody };

/** A body's eligibility tree checked (400 naming body.eligibility), absent stays absent. */
function eligibilityOf(v: unknown): Eligibility | null | undefined {
  if (v === undefined || v === null) return v;
  const r = EligibilitySchema.safeParse(v);
  if (!r.success) throw invalid('eligibility', 'not an eligibility tree of known tests (docs/knowledge.md)');
  return r.data;
}

/** The measure catalogue (五个一批) as a regional setting, and the measures a household is eligible for. */
export function catalogueRoutes(app: ZodApp, plans: PlanService) {
  app.get('/api/plans/catalogue', {
    schema: {
      tags,
      summary:
        'The measure catalogue effective in a region (default: your scope): national entries and the nearest regional entry of each code',
      querystring: z.object({ region: RegionCode.optional() }),
      response: { 200: z.array(ExplainedEntry), ...errorResponses },
    },
    handler: (req) => plans.catalogueRows(currentUser(req), req.query.region),
  });

  app.post('/api/plans/catalogue', {
    schema: {
      tags,
      summary:
        'Add a measure to the catalogue of your region (national: whole-country scope; else your province, prefecture or county; audited)',
      body: ExplainedCreate,
      response: { 200: ExplainedEntry, ...errorResponses },
    },
    handler: (req) => {
      const { code, reason, eligibility, ...input } = req.body;
      return plans.createCatalogueEntry(
        currentUser(req),
        code,
        { ...input, eligibility: eligibilityOf(eligibility) },
        reason,
      );
    },
  });

  app.patch('/api/plans/catalogue/:code', {
    schema: {
      tags,
      summary:
        'Change a catalogue measure for your region: its own row, or an override of the inherited entry (version checked; audited)',
      params: z.object({ code: z.string() }),
      body: ExplainedUpdate,
      response: { 200: ExplainedEntry, ...withConflict },
    },
    handler: (req) => {
      const { eligibility, ...rest } = req.body;
      return plans.updateCatalogueEntry(currentUser(req), req.params.code, {
        ...rest,
        eligibility: eligibilityOf(eligibility),
      });
    },
  });

  app.get('/api/households/:id/eligible-measures', {
    schema: {
      tags,
      summary:
        "The measures of the household's regional catalogue: eligibility with reasons, how to apply, documents, contact, policy basis",
      params: z.object({ id: Id }),
      response: { 200: EligibleMeasures, ...errorResponses },
    },
    handler: (req) => plans.eligibleMeasures(currentUser(req), req.params.id),
  });
}
