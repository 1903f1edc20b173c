import { z } from 'zod';
import { DUPLICATE_KINDS } from '../../domain/duplicates/kinds.js';
import { Id, Page, PageSize, RegionCode, Version } from '../../kernel/schema.js';

const Reason = z.string().trim().min(2, 'a reason is required').max(500);

export const DuplicateQuery = z.object({
  kind: z.enum(DUPLICATE_KINDS).optional(),
  region: RegionCode.default(''),
  unmask: z.enum(['true', 'false']).default('false'),
  page: Page,
  pageSize: PageSize(100, 20),
});

const Person = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.string(),
  idNumber: z.string(),
  birthDate: z.string(),
  relation: z.string(),
  memberStatus: z.string(),
  version: z.number(),
});

const Group = z.object({
  kind: z.enum(DUPLICATE_KINDS),
  key: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  detail: z.object({
    idDistance: z.number().nullable(),
    idDiffPositions: z.array(z.number()),
    shared: z.number().nullable(),
    overlap: z.number().nullable(),
    sameComposition: z.boolean().nullable(),
  }),
  households: z.array(
    z.object({
      id: z.string(),
      householdNo: z.string(),
      villageCode: z.string(),
      villageName: z.string(),
      headName: z.string(),
      size: z.number(),
      status: z.string(),
      version: z.number(),
      members: z.array(Person),
    }),
  ),
  elsewhere: z.array(z.object({ villageCode: z.string(), villageName: z.string() })),
});

export const DuplicatePage = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  counts: z.object({ same_id: z.number(), near_person: z.number(), same_household: z.number() }),
  masked: z.boolean(),
  items: z.array(Group),
});

export const DismissBody = z.object({
  kind: z.enum(DUPLICATE_KINDS),
  keys: z.array(z.string().max(400)).min(1).max(200),
  reason: Reason,
});

export const MergeBody = z.object({
  keepHouseholdId: Id,
  removeHouseholdId: Id,
  keepVersion: Version.min(1),
  removeVersion: Version.min(1),
  reason: Reason,
});

export const MergeResult = z.object({
  keptHouseholdId: z.string(),
  size: z.number(),
  version: z.number(),
  movedMemberIds: z.array(z.string()),
  archiveId: z.string(),
});

export const MoveOutBody = z.object({ memberId: Id, version: Version.min(1), reason: Reason });

export const MoveOutResult = z.object({
  memberId: z.string(),
  memberStatus: z.string(),
  version: z.number(),
  householdVersion: z.number(),
});
