import { z } from 'zod';
import { IsoDate } from '../../kernel/schema.js';

const Level = z.enum(['national', 'provincial', 'prefectural', 'county']);

export const DocumentSummary = z.object({
  id: z.string(),
  key: z.string().nullable(),
  region: z.string(),
  level: Level,
  title: z.string(),
  issuer: z.string(),
  docNo: z.string().nullable(),
  issuedOn: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  bodyIsSummary: z.boolean(),
  excerpt: z.string(),
});

export const Document = DocumentSummary.omit({ excerpt: true }).extend({
  body: z.string(),
  attachmentId: z.string().nullable(),
  version: z.number(),
});

export const DocumentDetail = Document.extend({
  grounds: z.array(z.object({ kind: z.enum(['rule', 'param']), key: z.string() })),
  catalogueEntries: z.array(
    z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), region: z.string() }),
  ),
});

export const SearchQuery = z.object({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const Basis = z.array(
  z.object({
    kind: z.enum(['rule', 'param']),
    key: z.string(),
    documentId: z.string(),
    title: z.string(),
    docNo: z.string().nullable(),
    region: z.string(),
  }),
);

export const CreateDocument = z.object({
  title: z.string().trim().min(2).max(300),
  issuer: z.string().trim().min(2).max(200),
  docNo: z.string().trim().min(1).max(100).nullable().default(null),
  issuedOn: IsoDate.nullable().default(null),
  effectiveFrom: IsoDate.nullable().default(null),
  effectiveTo: IsoDate.nullable().default(null),
  body: z.string().max(100_000).default(''),
  bodyIsSummary: z.boolean().default(true),
  reason: z.string().max(500).optional(),
});
