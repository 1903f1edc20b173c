import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { RegionCode, Year } from '../../kernel/schema.js';
import type { MeasuresService } from './service.js';

/** A measure: a number, "Infinity" (Watts or MLD with a zero income), or null when undefined. */
const Num = z.union([z.number(), z.literal('Infinity')]).nullable();
const Rel = z.object({ p40: Num, p50: Num, p60: Num });
const RegionRef = z.object({ code: z.string(), name: z.string(), level: z.number() });
const Line = z.coerce
  .number()
  .positive()
  .optional()
  .describe('absolute line; default: the policy poverty line');
const S80S20 = z
  .enum(['eurostat', 'lorenz'])
  .default('eurostat')
  .describe("S80/S20: eurostat = R laeken's qsr (quintile cut-offs); lorenz = exact 20 % income shares");
const Population = z
  .enum(['all', 'registered'])
  .default('all')
  .describe('all: every household with a yearly row; registered: 建档立卡 statuses incl. exited');

const Measures = {
  households: z.number(),
  persons: z.number(),
  poverty: z.object({ headcount: Num, povertyGap: Num, squaredGap: Num, watts: Num, sen: Num }),
  relative: z.object({ median: Num, lines: Rel, arpr: Rel, rmpg: Num }),
  inequality: z.object({
    gini: Num,
    s80s20: Num,
    s80s20Convention: z.enum(['eurostat', 'lorenz']),
    theil: Num,
    mld: Num,
  }),
  mpi: z.object({
    k: z.number(),
    H: Num,
    A: Num,
    M0: Num,
    indicators: z.array(
      z.object({
        name: z.string(),
        dimension: z.string(),
        weight: z.number(),
        uncensored: Num,
        censored: Num,
        contribution: Num,
      }),
    ),
  }),
  income: z.object({
    households: z.number(),
    total: z.number(),
    wage: z.number(),
    business: z.number(),
    property: z.number(),
    transfer: z.number(),
    shares: z.object({ wage: Num, business: Num, property: Num, transfer: Num, endogenous: Num }),
  }),
  exits: z.object({ exits: z.number(), passive: z.number() }),
};

const Group = z.object({
  key: z.string(),
  label: z.string(),
  labelEn: z.string(),
  population: z.number(),
  populationShare: Num,
  headcount: Num,
  povertyGap: Num,
  squaredGap: Num,
  contribution: z.object({ headcount: Num, povertyGap: Num, squaredGap: Num }),
  mpiM0: Num,
  mpiContribution: Num,
});

const MeasuresResponse = z.object({
  region: RegionRef,
  year: z.number(),
  line: z.number(),
  lineSource: z.enum(['policy', 'query']),
  population: z.enum(['all', 'registered']),
  ...Measures,
  children: z.array(RegionRef.extend(Measures)),
  by: z.object({ by: z.string(), groups: z.array(Group) }).nullable(),
});

const SeriesResponse = z.object({
  region: RegionRef,
  population: z.enum(['all', 'registered']),
  years: z.array(z.object({ year: z.number(), line: z.number(), ...Measures })),
});

const PassiveExits = z.object({
  region: RegionRef,
  year: z.number(),
  line: z.number(),
  total: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      householdNo: z.string(),
      headName: z.string(),
      villageCode: z.string(),
      size: z.number(),
      perCapitaIncome: z.number(),
      perCapitaTransfer: z.number(),
      perCapitaWithoutTransfer: z.number(),
    }),
  ),
});

export function measuresRoutes(app: ZodApp, measures: MeasuresService) {
  app.get('/api/measures', {
    schema: {
      tags: ['measures'],
      summary:
        'Poverty (FGT, Watts, Sen), relative poverty, inequality, registry MPI, income structure and exits of a region and year, with each child region and an optional subgroup decomposition',
      querystring: z.object({
        region: RegionCode.default(''),
        year: Year,
        line: z.coerce
          .number()
          .positive()
          .optional()
          .describe('absolute line; default: the policy poverty line'),
        by: z.enum(['township', 'village', 'household_type', 'cause']).optional(),
        population: Population,
        s80s20: S80S20,
      }),
      response: { 200: MeasuresResponse, ...errorResponses },
    },
    handler: (req) => measures.measures(currentUser(req), req.query),
  });

  app.get('/api/measures/series', {
    schema: {
      tags: ['measures'],
      summary: 'The measures of a region for every year with data (each year against its own poverty line)',
      querystring: z.object({
        region: RegionCode.default(''),
        from: Year.optional(),
        to: Year.optional(),
        population: Population,
      }),
      response: { 200: SeriesResponse, ...errorResponses },
    },
    handler: (req) => measures.series(currentUser(req), req.query),
  });

  app.get('/api/measures/passive-exits', {
    schema: {
      tags: ['measures'],
      summary: 'Households whose exit in the year is carried by transfers alone (passive exits)',
      querystring: z.object({
        region: RegionCode.default(''),
        year: Year,
        line: Line,
        population: Population,
      }),
      response: { 200: PassiveExits, ...errorResponses },
    },
    handler: (req) => measures.passiveExits(currentUser(req), req.query),
  });
}
