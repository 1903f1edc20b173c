import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { RegionCode } from '../../kernel/schema.js';
import type { StatsService } from './service.js';

const RegionRef = z.object({ code: z.string(), name: z.string(), level: z.number() });
const Counts = { households: z.number(), persons: z.number() };

const Summary = z.object({
  region: RegionRef,
  year: z.number(),
  years: z.array(z.number()),
  povertyLine: z.number(),
  /** `poverty` before 2021 (incidence, exits), `monitoring` from 2021 (monitored share, risks, linkage). */
  frame: z.enum(['poverty', 'monitoring']),
  ...Counts,
  registeredHouseholds: z.number(),
  poorHouseholds: z.number(),
  poorPersons: z.number(),
  monitoredHouseholds: z.number(),
  /** Monitored households over all households of the year. */
  monitoredShare: z.number(),
  incidence: z.number(),
  /** Households exited this year that were poor or returned the year before. */
  exits: z.number(),
  /** Households monitored this year that were not monitored the year before. */
  newRisks: z.number(),
  /** Households monitored the year before whose risk is removed this year. */
  risksRemoved: z.number(),
  /** Net income per person of the exited households this year (yuan), null when none. */
  exitedPerCapitaIncome: z.number().nullable(),
  /** Monitored households with a dibao transfer in the year (dibao linkage). */
  monitoredWithDibao: z.number(),
  byStatus: z.array(z.object({ status: z.string(), ...Counts })),
  byCause: z.array(z.object({ cause: z.string(), households: z.number() })),
  bySubRegion: z.array(
    RegionRef.extend({
      ...Counts,
      poorPersons: z.number(),
      incidence: z.number(),
      monitored: z.number(),
      monitoredShare: z.number(),
    }),
  ),
  trend: z.array(
    z.object({
      year: z.number(),
      poorHouseholds: z.number(),
      poorPersons: z.number(),
      persons: z.number(),
      incidence: z.number(),
      monitoredHouseholds: z.number(),
      monitoredShare: z.number(),
    }),
  ),
});

export function statsRoutes(app: ZodApp, stats: StatsService) {
  app.get('/api/stats/summary', {
    schema: {
      tags: ['statistics'],
      summary: 'Counts by status, poverty incidence, causes, sub-regions and the trend by year',
      querystring: z.object({
        region: RegionCode.default(''),
        year: z.coerce.number().int().min(2000).max(2100).optional(),
      }),
      response: { 200: Summary, ...errorResponses },
    },
    handler: (req) => stats.summary(currentUser(req), req.query.region, req.query.year),
  });
}
