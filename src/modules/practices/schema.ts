import { z } from 'zod';
import { codesOf } from '../../domain/code-lists.js';
import { Id, RegionCode, Version } from '../../kernel/schema.js';

export const PracticeKind = z.enum(['experience', 'failure', 'problem']);
export const PracticeState = z.enum(['submitted', 'approved', 'returned']);
const Cause = z.enum(codesOf('poverty_cause') as [string, ...string[]]);
const MeasureCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a measure catalogue code');
const Text = (max: number) => z.string().trim().max(max).default('');

export const Practice = z.object({
  id: z.string(),
  kind: PracticeKind,
  region: z.string(),
  regionName: z.string().nullable(),
  county: z.string(),
  authorUnit: z.string(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  actions: z.string(),
  results: z.string(),
  lessons: z.string(),
  projectIds: z.array(z.string()),
  measureCodes: z.array(z.string()),
  causes: z.array(z.string()),
  tags: z.array(z.string()),
  state: PracticeState,
  reviewNote: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  source: z.object({ kind: z.enum(['quality_finding', 'grievance']), id: z.string() }).nullable(),
  createdAt: z.string(),
  version: z.number(),
});

export const ListQuery = z.object({
  q: z.string().max(200).optional(),
  region: RegionCode.optional(),
  kind: PracticeKind.optional(),
  cause: Cause.optional(),
  measure: MeasureCode.optional(),
  state: PracticeState.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const CreatePractice = z.object({
  kind: PracticeKind,
  regionCode: RegionCode.optional(),
  authorUnit: z.string().trim().min(1).max(200).optional(),
  title: z.string().trim().min(2).max(200),
  summary: z.string().trim().min(2).max(1000),
  body: Text(20_000),
  actions: Text(5_000),
  results: Text(5_000),
  lessons: Text(5_000),
  measureCodes: z.array(MeasureCode).max(20).default([]),
  causes: z.array(Cause).max(13).default([]),
  projectIds: z.array(Id).max(20).default([]),
  tags: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
  source: z.object({ kind: z.enum(['quality_finding', 'grievance']), id: Id }).optional(),
});

export const ReviewPractice = z.object({
  decision: z.enum(['approve', 'return']),
  note: z.string().trim().max(1000).optional(),
  version: Version,
});

export const RelevantQuery = z.object({
  householdId: Id.optional(),
  projectId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(5),
});

const Reason = z.object({
  criterion: z.string(),
  label_zh: z.string(),
  label_en: z.string(),
  value: z.array(z.string()),
  rests: z.array(z.string()),
});

export const RelevantPractice = z.object({ practice: Practice, place: z.number(), reasons: z.array(Reason) });
