import { z } from 'zod';
import { CatalogueCreate, CatalogueEntry, CatalogueUpdate } from './schema.js';

/** The explained catalogue (issue 21): an entry's explanation fields, its region, its eligibility. */
const Text = (max: number) => z.string().max(max);

const ExplanationFields = {
  descriptionZh: Text(2000),
  descriptionEn: Text(2000),
  /** A tree of tests (docs/knowledge.md "Eligibility"); checked by src/domain/catalogue/eligibility.ts. */
  eligibility: z.unknown(),
  howToApplyZh: Text(2000),
  howToApplyEn: Text(2000),
  documents: z.array(Text(100).min(1)).max(20),
  contact: Text(200).nullable(),
  limitsZh: Text(1000),
  policyBasis: z.array(z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, 'a policy document key')).max(20),
};

export const ExplainedEntry = CatalogueEntry.extend({
  region: z.string(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  eligibility: z.unknown(),
  howToApplyZh: z.string(),
  howToApplyEn: z.string(),
  documents: z.array(z.string()),
  contact: z.string().nullable(),
  limitsZh: z.string(),
  policyBasis: z.array(z.string()),
});

export const ExplainedCreate = CatalogueCreate.extend(z.object(ExplanationFields).partial().shape);
export const ExplainedUpdate = CatalogueUpdate.extend(z.object(ExplanationFields).partial().shape);

const EligibilityReason = z.object({
  criterion: z.string(),
  label_zh: z.string(),
  label_en: z.string(),
  value: z.unknown(),
  threshold: z.unknown(),
  passed: z.boolean(),
  binding: z.boolean(),
  missing: z.array(z.string()).optional(),
});

export const EligibleMeasures = z.object({
  householdId: z.string(),
  villageCode: z.string(),
  asOf: z.string(),
  measures: z.array(
    ExplainedEntry.extend({
      decision: z.enum(['eligible', 'not_eligible', 'verify']),
      reasons: z.array(EligibilityReason),
      policyDocuments: z.array(
        z.object({
          id: z.string(),
          key: z.string(),
          title: z.string(),
          docNo: z.string().nullable(),
          issuer: z.string(),
        }),
      ),
    }),
  ),
});
