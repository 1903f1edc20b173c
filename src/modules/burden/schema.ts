import { z } from 'zod';
import { REPORT_KINDS, type ReportKind } from '../../domain/burden/catalogue.js';
import { Id, IsoDate, RegionCode, Version } from '../../kernel/schema.js';

/** Request and response shapes of the burden meter, the standard reports and the registers. */

/** Years of the burden meter (the registry's years since the precise-poverty period). */
export const Year = z.coerce.number().int().min(2014).max(2100);
export const Level = z.enum(['national', 'province', 'prefecture', 'county', 'township', 'other']);
export const NonEmpty = (max: number) => z.string().trim().min(1).max(max);

export const Assessment = z.object({
  held: z.array(z.object({ item: z.string(), report: z.string() })),
  notHeld: z.array(z.string()),
  discouraged: z.array(z.string()),
  unknown: z.array(z.string()),
  reports: z.array(z.string()),
  answerableFromSystem: z.boolean(),
});

/** A report cell: a number, a text as it is, or a label in both languages (the paper picks one). */
const ReportCell = z.union([z.string(), z.number(), z.null(), z.object({ zh: z.string(), en: z.string() })]);

export const ReportTable = z.object({
  kind: z.string(),
  title: z.object({ zh: z.string(), en: z.string() }),
  region: z.string(),
  regionName: z.string(),
  year: z.number(),
  columns: z.array(
    z.object({ key: z.string(), zh: z.string(), en: z.string(), numeric: z.boolean().optional() }),
  ),
  rows: z.array(z.record(z.string(), ReportCell)),
  totals: z.record(z.string(), ReportCell).nullable(),
  generatedAt: z.string(),
  generatedBy: z.string(),
  headHash: z.string(),
});

const LevelCounts = z.object({
  village: z.number(),
  township: z.number(),
  county: z.number(),
  national: z.number(),
  household: z.number(),
  system: z.number(),
});
const Asked = z.object({ fillings: z.number(), fields: z.number() });

export const Meter = z.object({
  region: z.string(),
  year: z.number(),
  forms: z.array(
    z.object({
      id: z.string(),
      zh: z.string(),
      en: z.string(),
      fieldsPerFilling: z.number(),
      byLevel: LevelCounts,
      fillings: z.number(),
      fields: z.number(),
    }),
  ),
  asked: z.object({
    village: Asked,
    township: Asked,
    county: Asked,
    national: Asked,
    household: Asked,
    system: Asked,
  }),
  derived: z.object({
    reports: z.array(
      z.object({
        kind: z.string(),
        zh: z.string(),
        en: z.string(),
        generated: z.number(),
        cells: z.number(),
      }),
    ),
    reportCells: z.number(),
    evaluationRuns: z.number(),
    ruleDecisions: z.number(),
    figures: z.number(),
  }),
  grassrootsFields: z.number(),
  derivedPerField: z.number().nullable(),
});

export const Limits = z.object({
  perYear: z.number().int().min(1).max(100),
  daysPerYear: z.number().int().min(1).max(365),
});

/** A region of the user's scope (absent: the whole scope) and a year. */
export const RegionYearQuery = z.object({ region: RegionCode.optional(), year: Year });

/** The PDF's query: the report's region and year, and the paper's language (Chinese by default). */
export const ReportPdfQuery = RegionYearQuery.extend({ lang: z.enum(['zh', 'en']).default('zh') });

export const ReportParams = z.object({
  kind: z.enum(REPORT_KINDS.filter((k): k is Exclude<ReportKind, 'roster'> => k !== 'roster')),
});

export const Catalogue = z.object({
  items: z.array(z.object({ id: z.string(), zh: z.string(), en: z.string(), report: z.string().nullable() })),
  reports: z.array(z.object({ kind: z.string(), zh: z.string(), en: z.string() })),
});

/** A region a register entry is about: a division code, not the country. */
const RegisterRegion = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/);

export const RequestBody = z.object({
  region: RegisterRegion,
  requester: NonEmpty(200),
  requesterLevel: Level,
  title: NonEmpty(300),
  items: z.array(z.string()).min(1, 'name at least one data item'),
  receivedOn: IsoDate,
  dueOn: IsoDate.nullable().optional(),
});

export const RequestList = z.array(
  z.object({
    id: z.string(),
    region: z.string(),
    requester: z.string(),
    requesterLevel: z.string(),
    title: z.string(),
    items: z.array(z.string()),
    receivedOn: z.string(),
    dueOn: z.string().nullable(),
    status: z.string(),
    responseNote: z.string().nullable(),
    version: z.number(),
    assessment: Assessment,
  }),
);

export const IdParams = z.object({ id: Id });

export const AnswerBody = z.object({
  version: Version.min(1),
  status: z.enum(['answered_by_report', 'answered_by_villages', 'declined']),
  note: z.string().max(1000),
});

export const InspectionList = z.object({
  limits: Limits,
  items: z.array(
    z.object({
      id: z.string(),
      region: z.string(),
      inspector: z.string(),
      inspectorLevel: z.string(),
      purpose: z.string(),
      startOn: z.string(),
      days: z.number(),
      note: z.string().nullable(),
      nth: z.number(),
      daysSoFar: z.number(),
      overCount: z.boolean(),
      overDays: z.boolean(),
    }),
  ),
});

export const InspectionBody = z.object({
  region: RegisterRegion,
  inspector: NonEmpty(200),
  inspectorLevel: Level,
  purpose: NonEmpty(300),
  startOn: IsoDate,
  days: z.number().int().min(1).max(60),
  note: z.string().max(1000).nullable().optional(),
});
