import { z } from 'zod';
import { RegionCode } from '../../kernel/schema.js';

/** Request and response shapes of the notices' supervision lines and the batch notice. */
const Text = z.object({ zh: z.string(), en: z.string() });

export const SupervisionQuery = z.object({ region: RegionCode.optional() });

export const Supervision = z.object({
  county: z.object({ phone: z.string(), isDefault: z.boolean() }),
  national: z.string(),
});

export const BatchNoticeQuery = z.object({
  region: RegionCode,
  kind: z.enum(['identification', 'exit', 'monitoring', 'dibao', 'tekun']),
});

export const BatchNoticePdfQuery = BatchNoticeQuery.extend({ lang: z.enum(['zh', 'en']).default('zh') });

export const BatchNoticeResponse = z.object({
  region: z.string(),
  kind: z.string(),
  rounds: z.array(
    z.object({
      kind: z.string(),
      stage: z.string(),
      title: Text,
      decision: Text,
      place: z.object({
        villageCode: z.string(),
        village: z.string(),
        township: z.string(),
        county: z.string(),
      }),
      households: z.array(
        z.object({
          caseId: z.string(),
          village: z.string(),
          householdNo: z.string(),
          headName: z.string(),
          size: z.number(),
          memberNames: z.array(z.string()),
          start: z.string(),
          end: z.string(),
        }),
      ),
      period: z.object({ start: z.string(), end: z.string(), same: z.boolean() }),
      objection: Text,
      issuer: Text,
    }),
  ),
  supervision: Supervision,
});
