import { z } from 'zod';
import { NEED_KINDS, NEED_STATUSES, ORG_KINDS } from '../../domain/participation/needs.js';
import { Id, IsoDate, Page, PageSize, RegionCode, VillageCode } from '../../kernel/schema.js';

/** Request and response schemas of social participation (the routes and OpenAPI read these). */

export const IdParams = z.object({ id: Id });
export const Ref = z.object({ code: z.string(), name: z.string() });
export const Ok = z.object({ status: z.string() });
export const Township = z.string().regex(/^(\d{6}|\d{9})$/, 'must be a county (6) or township (9) code');
export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ total: z.number(), items: z.array(item) });
export const paging = { page: Page, pageSize: PageSize(100, 20) };
const Digits = z.string().regex(/^\d+$/);
const Note = z.string().trim().min(1).max(500);

// ---- organisations
export const RegistrationBody = z.object({
  name: z.string().trim().min(2).max(100),
  kind: z.enum(ORG_KINDS),
  creditCode: z.string().trim().max(18).optional(),
  contactPerson: z.string().trim().min(1).max(40),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[\d-]{7,20}$/, 'must be a phone number'),
  regionCode: RegionCode.refine((s) => s !== '', 'required'),
  username: z.string().trim().min(2).max(40),
  password: z.string().min(8).max(200),
});

export const RegionChoice = z.object({ code: z.string(), name: z.string(), level: z.number() });

export const OrganisationMe = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  region: Ref,
  totals: z.object({
    pledges: z.number(),
    delivered: z.number(),
    confirmed: z.number(),
    valueDelivered: z.number(),
    orders: z.number(),
    orderAmount: z.number(),
    incomeReachedHouseholds: z.number(),
  }),
});

export const Organisation = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  creditCode: z.string().nullable(),
  contactPerson: z.string(),
  contactPhone: z.string(),
  region: Ref,
  status: z.string(),
  username: z.string(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
});

export const OrganisationsQuery = z.object({
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
  region: RegionCode.optional(),
  ...paging,
});

// ---- needs
export const BoardNeed = z.object({
  id: z.string(),
  kind: z.string(),
  source: z.string(),
  title: z.string(),
  description: z.string(),
  amount: z.number(),
  township: Ref,
  status: z.string(),
  publishedAt: z.string(),
  pledgedByMe: z.boolean(),
  pledge: z
    .object({
      amount: z.number(),
      quantity: z.number().nullable(),
      expectedDate: z.string().nullable(),
      note: z.string().nullable(),
      pledgedAt: z.string(),
      deliveryNote: z.string().nullable(),
    })
    .nullable(),
  deliveredAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
});

export const OfficerNeed = BoardNeed.extend({
  village: Ref,
  householdId: z.string().nullable(),
  householdNo: z.string().nullable(),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  pledgeAmount: z.number().nullable(),
  expectedDate: z.string().nullable(),
  deliveryNote: z.string().nullable(),
  matchedAt: z.string().nullable(),
  confirmNote: z.string().nullable(),
  confirmRating: z.number().nullable(),
  onBehalfReason: z.string().nullable(),
});

export const BoardQuery = z.object({
  kind: z.enum(NEED_KINDS).optional(),
  township: Township.optional(),
  status: z.enum(NEED_STATUSES).optional(),
  ...paging,
});

export const NeedsQuery = z.object({
  region: RegionCode.optional(),
  kind: z.enum(NEED_KINDS).optional(),
  status: z.enum(NEED_STATUSES).optional(),
  ...paging,
});

export const NewNeedBody = z.object({
  kind: z.enum(NEED_KINDS),
  source: z.enum(['household', 'village']),
  householdId: Digits.optional(),
  villageCode: VillageCode.optional(),
  title: z.string().trim().min(2).max(100),
  description: z.string().trim().max(1000).default(''),
  amount: z.number().min(0).max(10_000_000),
});

export const PledgeBody = z.object({
  amount: z.number().min(0).max(10_000_000),
  quantity: z.number().int().positive().optional(),
  expectedDate: IsoDate.optional(),
  note: z.string().trim().max(500).optional(),
});

export const NoteBody = z.object({ note: Note });
export const ReasonBody = z.object({ reason: Note });

export const ConfirmBody = z.object({
  note: Note,
  rating: z.number().int().min(1).max(5).optional(),
  onBehalfReason: z.string().trim().max(500).optional(),
});

const StatLine = z.object({
  key: z.string(),
  name: z.string(),
  total: z.number(),
  matched: z.number(),
  delivered: z.number(),
  confirmed: z.number(),
  shareMatched: z.number().nullable(),
  medianDaysToMatch: z.number().nullable(),
  valuePledged: z.number(),
  valueDelivered: z.number(),
});

export const NeedStats = z.object({
  region: z.string(),
  total: StatLine,
  byTownship: z.array(StatLine),
  byOrganisation: z.array(StatLine),
  byKind: z.array(StatLine),
});

// ---- consumption assistance
export const Product = z.object({
  id: z.string(),
  name: z.string(),
  producerKind: z.string(),
  producerName: z.string().nullable(),
  township: Ref,
  unit: z.string(),
  price: z.number(),
  quantityAvailable: z.number(),
  season: z.string().nullable(),
  description: z.string(),
  active: z.boolean(),
  households: z.number().nullable(),
});

export const NewProductBody = z.object({
  name: z.string().trim().min(1).max(100),
  producerKind: z.enum(['household', 'cooperative']),
  producerName: z.string().trim().max(100).optional(),
  townshipCode: z.string().regex(/^\d{9}$/),
  unit: z.string().trim().min(1).max(20),
  price: z.number().positive().max(1_000_000),
  quantityAvailable: z.number().min(0).max(100_000_000),
  season: z.string().trim().max(40).optional(),
  description: z.string().trim().max(1000).optional(),
  householdIds: z.array(Digits).min(1).max(500),
});

export const OrderBody = z.object({
  quantity: z.number().positive().max(100_000_000),
  kind: z.enum(['order', 'commitment']).default('order'),
  note: z.string().trim().max(500).optional(),
});

export const Order = z.object({
  id: z.string(),
  productId: z.string(),
  productName: z.string(),
  unit: z.string(),
  township: Ref,
  organisation: z.object({ id: z.string(), name: z.string() }),
  kind: z.string(),
  quantity: z.number(),
  unitPrice: z.number(),
  amount: z.number(),
  status: z.string(),
  note: z.string().nullable(),
  orderedAt: z.string(),
  fulfilledAt: z.string().nullable(),
});

export const Income = z.object({
  region: z.string(),
  total: z.number(),
  households: z.number(),
  orders: z.number(),
  byTownship: z.array(
    z.object({ code: z.string(), name: z.string(), amount: z.number(), households: z.number() }),
  ),
  topHouseholds: z.array(
    z.object({ householdId: z.string(), householdNo: z.string(), village: z.string(), amount: z.number() }),
  ),
});
