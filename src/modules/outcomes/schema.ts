import { z } from 'zod';
import { RegionCode } from '../../kernel/schema.js';

/** "What worked" (docs/what-worked.md): request and answer. */

export const OutcomesQuery = z.object({
  region: RegionCode.default(''),
  /** Compare by measure type (default) or by catalogue measure. */
  by: z.enum(['type', 'measure']).default('type'),
  /**
   * Comparison households: `assisted` (default) — with a plan of their own in the start year, without
   * this kind; `all` — every household without this kind.
   */
  comparison: z.enum(['assisted', 'all']).default('assisted'),
  /** Years after the baseline the outcomes are read at. */
  horizon: z.coerce.number().int().min(1).max(5).default(2),
  /** Smallest group shown (households on each side); never below 5. */
  minCell: z.coerce.number().int().min(5).max(1000).default(10),
});
export type OutcomesQuery = z.infer<typeof OutcomesQuery>;

const Estimate = z.object({
  treated: z.number(),
  comparison: z.number(),
  treatedMean: z.number().nullable(),
  comparisonMean: z.number().nullable(),
  difference: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  hidden: z.boolean(),
});

export const OutcomeCell = z.object({
  kind: z.string(),
  /** A cause code, '*' for every cause together, '-' for households without a recorded cause. */
  cause: z.string(),
  startYear: z.number().nullable(),
  treated: z.number(),
  matchedTreated: z.number(),
  noBaseline: z.number(),
  tooRecent: z.number(),
  comparisonHouseholds: z.number(),
  comparisonEpisodes: z.number(),
  baselineYears: z.tuple([z.number(), z.number()]).nullable(),
  hidden: z.boolean(),
  outcomes: z.object({ incomeChange: Estimate, lastingExit: Estimate, entered: Estimate }),
});

export const OutcomesResult = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.number() }),
  by: z.enum(['type', 'measure']),
  comparison: z.enum(['assisted', 'all']),
  horizon: z.number(),
  minCell: z.number(),
  /** The last complete year (the year before today's): outcomes are read up to it. */
  lastYear: z.number(),
  /** Households of the region, and its households × kinds with a plan measure (earliest start, delivered or not). */
  households: z.number(),
  measures: z.number(),
  /** Names of the kinds compared by catalogue measure (by type the web has the labels). */
  names: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() })),
  cells: z.array(OutcomeCell),
});
export type OutcomesResult = z.infer<typeof OutcomesResult>;
