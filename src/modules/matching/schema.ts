import { z } from 'zod';
import { FLAG_STATUSES, LIST_KINDS, MATCH_TYPES } from '../../domain/matching/kinds.js';
import { Id, Page, PageSize, RegionCode } from '../../kernel/schema.js';

const s = z.string().nullable();

export const UploadQuery = z.object({
  kind: z.enum(LIST_KINDS),
  department: z.string().trim().min(1).max(60).optional(),
  filename: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/\.(csv|txt|xlsx)$/i, 'must end in .csv, .txt or .xlsx'),
  region: RegionCode.default(''),
});

const ImportError = z.object({ row: z.number(), column: z.string(), code: z.string(), message: z.string() });

export const ImportReport = z.object({
  list: z
    .object({ id: z.string(), kind: z.string(), department: s, fileName: z.string(), reused: z.boolean() })
    .nullable(),
  rows: z.object({ read: z.number(), stored: z.number(), invalidIds: z.number(), dropped: z.number() }),
  errors: z.array(ImportError),
  errorsTotal: z.number(),
  flags: z.object({
    exact: z.number(),
    fuzzy: z.number(),
    flagged: z.number(),
    created: z.number(),
    existing: z.number(),
  }),
  committed: z.boolean(),
});

export const FlagQuery = z.object({
  region: RegionCode.default(''),
  status: z.enum(FLAG_STATUSES).optional(),
  kind: z.enum(LIST_KINDS).optional(),
  matchType: z.enum(MATCH_TYPES).optional(),
  listId: Id.optional(),
  unmask: z.enum(['true', 'false']).default('false'),
  page: Page,
  pageSize: PageSize(200, 20),
});

export const Flag = z.object({
  id: z.string(),
  householdId: z.string(),
  householdNo: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  headName: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  memberIdNumber: z.string(),
  memberBirthDate: z.string(),
  listKind: z.string(),
  listId: z.string(),
  department: s,
  fileName: z.string(),
  record: z.object({
    row: z.number(),
    name: z.string(),
    idNumber: z.string(),
    birthDate: s,
    attributes: z.record(z.string(), z.string()),
  }),
  idDiffPositions: z.array(z.number()),
  matchType: z.string(),
  flagKind: z.string(),
  effect: z.string(),
  reasons: z.array(z.unknown()),
  status: z.string(),
  reviewerName: s,
  reviewedAt: s,
  reason: s,
  createdAt: z.string(),
});

export const FlagPage = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  masked: z.boolean(),
  items: z.array(Flag),
});

export const ReviewBody = z.object({
  decision: z.enum(['confirm', 'dismiss']),
  reason: z.string().trim().min(2, 'a reason is required').max(500),
});

export const Summary = z.object({
  items: z.array(
    z.object({ listKind: z.string(), matchType: z.string(), status: z.string(), count: z.number() }),
  ),
});

export const ListPage = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      department: s,
      fileName: z.string(),
      scopeCode: z.string(),
      importedAt: z.string(),
      importedBy: z.string(),
      rows: z.number(),
      invalidIds: z.number(),
      flags: z.number(),
    }),
  ),
});
