import { z } from 'zod';
import { INDICATOR_KINDS } from '../../domain/targets/indicators.js';
import { RegionCode, Year, Count } from '../../kernel/schema.js';

export const TargetQuery = z.object({ region: RegionCode.optional(), year: Year });
const TargetNode = z.object({
  code: z.string(),
  name: z.string(),
  indicators: z.array(
    z.object({
      indicator: z.string(),
      target: z.number().nullable(),
      actual: z.number().nullable(),
      pct: z.number().nullable(),
      state: z.enum(['met', 'behind', 'tracked', 'no_target', 'no_data']),
    }),
  ),
  quality: z.object({
    exits: z.number(),
    heaping: z.object({
      share: z.number().nullable(),
      reference: z.number().nullable(),
      ratio: z.number().nullable(),
      flagged: z.boolean(),
    }),
    exitsWithoutMeasures: z.number().nullable(),
    withoutMeasuresShare: z.number().nullable(),
  }),
});
export const TargetTree = z.object({
  year: z.number(),
  povertyLine: z.number(),
  monitoringLine: z.number(),
  heapBand: z.number(),
  measuresAvailable: z.boolean(),
  indicatorKinds: z.array(
    z.object({
      kind: z.string(),
      era: z.enum(['pre2020', 'post2020']),
      name_zh: z.string(),
      name_en: z.string(),
      unit: z.enum(['households', 'persons', 'percent']),
      aggregation: z.enum(['sum', 'rate']),
      binding: z.boolean(),
      definition_zh: z.string(),
      definition_en: z.string(),
    }),
  ),
  reference: z.object({ share: z.number().nullable(), households: z.number() }),
  node: TargetNode,
  children: z.array(TargetNode),
  splitProblems: z.array(
    z.object({
      indicator: z.string(),
      kind: z.string(),
      regionCode: z.string(),
      parentValue: z.number(),
      childSum: z.number(),
      difference: z.number(),
    }),
  ),
  years: z.array(z.number()),
});
export const SplitBody = z.object({
  year: Year,
  // the kinds the code computes (src/domain/targets/indicators.ts); their metadata is the table's
  indicator: z.enum(INDICATOR_KINDS),
  regionCode: RegionCode.min(2),
  value: Count.optional(),
  children: z.array(z.object({ regionCode: RegionCode.min(2), value: Count })).max(500),
});
