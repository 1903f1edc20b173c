import { z } from 'zod';
import { LINKAGE_INDICATORS } from '../../domain/safety-net/linkage-board.js';
import { Page, PageSize, RegionCode } from '../../kernel/schema.js';

const Year = z.coerce.number().int().min(2013).max(2100);
/** The near-dibao band's upper factor (× the dibao standard); the region's parameter when absent. */
const NearFactor = z.coerce.number().min(1).max(3);

export const BoardQuery = z.object({
  region: RegionCode.optional(),
  year: Year.optional(),
  nearFactor: NearFactor.optional(),
});

const Counts = z.object({
  households: z.number(),
  dibao: z.number(),
  tekun: z.number(),
  eligible_not_covered: z.number(),
  eligible_to_verify: z.number(),
  dibao_labour_no_development: z.number(),
  tekun_development: z.number(),
  near_dibao: z.number(),
  overlap: z.number(),
});

const Standard = z.object({
  county: z.string(),
  countyName: z.string(),
  dibaoMonthly: z.number(),
  dibaoAnnual: z.number(),
  povertyLine: z.number(),
  monitoringLine: z.number(),
  ratioToLine: z.number(),
  belowLine: z.boolean(),
  belowMonitoringLine: z.boolean(),
  nearFactor: z.number(),
});

export const BoardResponse = z.object({
  region: z.string(),
  regionName: z.string(),
  year: z.number().nullable(),
  asOf: z.string(),
  /** Households of the region without an income row for the year (not assessed). */
  withoutIncomeRow: z.number(),
  totals: Counts,
  children: z.array(z.object({ code: z.string(), name: z.string(), counts: Counts })),
  standards: z.array(Standard),
  indicators: z.array(z.object({ key: z.enum(LINKAGE_INDICATORS), zh: z.string(), en: z.string() })),
});

export const DrillQuery = BoardQuery.extend({
  indicator: z.enum(LINKAGE_INDICATORS),
  page: Page,
  pageSize: PageSize(200, 20),
});

export const DrillResponse = z.object({
  region: z.string(),
  indicator: z.enum(LINKAGE_INDICATORS),
  year: z.number().nullable(),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(
    z.object({
      householdId: z.string(),
      householdNo: z.string(),
      headName: z.string().nullable(),
      villageCode: z.string(),
      villageName: z.string(),
      status: z.string(),
      /** Assessed per-capita monthly income: withheld (null) from readers who do not see health (it disregards a disabled member's earnings). */
      perCapitaMonthly: z.number().nullable(),
      standardMonthly: z.number(),
      developmentMeasures: z.array(z.string()),
      onDibao: z.boolean(),
      onTekun: z.boolean(),
    }),
  ),
});
