import { z } from 'zod';
import { NEED_KINDS, NEED_STATUSES, ORG_KINDS } from '../../domain/participation/needs.js';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Page, PageSize, RegionCode } from '../../kernel/schema.js';
import type { ParticipationService } from './service.js';

const Id = z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a numeric id') });
const Ref = z.object({ code: z.string(), name: z.string() });
const Ok = z.object({ status: z.string() });
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const Township = z.string().regex(/^(\d{6}|\d{9})$/, 'must be a county (6) or township (9) code');

const BoardNeed = z.object({
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
const OfficerNeed = BoardNeed.extend({
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
const Product = z.object({
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
const Order = z.object({
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
const Organisation = z.object({
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
const pageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ total: z.number(), items: z.array(item) });
const paging = { page: Page, pageSize: PageSize(100, 20) };

/** Social participation: organisations (/api/org), the needs board (/api/needs), consumption assistance (/api/products). */
export function participationRoutes(
  app: ZodApp,
  svc: ParticipationService,
  opts: { registerPerMinute: number },
) {
  // ---- public (no sign-in): registration and the division list it needs
  app.post('/api/org/register', {
    config: { rateLimit: { max: opts.registerPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['participation'],
      summary: 'Public: an organisation registers itself (pending until a county officer approves)',
      body: z.object({
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
      }),
      response: { 200: z.object({ id: z.string(), status: z.string() }), ...errorResponses },
    },
    handler: (req) => svc.register(req.body),
  });

  app.get('/api/org/regions', {
    schema: {
      tags: ['participation'],
      summary: 'Public: division codes below a parent, for the registration form',
      querystring: z.object({ parent: RegionCode.default('') }),
      response: {
        200: z.array(z.object({ code: z.string(), name: z.string(), level: z.number() })),
        ...errorResponses,
      },
    },
    handler: (req) => svc.publicRegions(req.query.parent),
  });

  // ---- the organisation's own
  app.get('/api/org/me', {
    schema: {
      tags: ['participation'],
      summary: 'The signed-in organisation and its totals',
      response: {
        200: z.object({
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
        }),
        ...errorResponses,
      },
    },
    handler: (req) => svc.me(currentUser(req)),
  });

  app.get('/api/org/pledges', {
    schema: {
      tags: ['participation'],
      summary: "The organisation's pledges (anonymised needs)",
      querystring: z.object(paging),
      response: { 200: pageOf(BoardNeed), ...errorResponses },
    },
    handler: (req) => svc.myPledges(currentUser(req), req.query),
  });

  // ---- officers: review organisations
  app.get('/api/org/organisations', {
    schema: {
      tags: ['participation'],
      summary: 'Organisations registered for regions in your scope (pending first)',
      querystring: z.object({
        status: z.enum(['pending', 'approved', 'rejected']).optional(),
        region: RegionCode.optional(),
        ...paging,
      }),
      response: { 200: pageOf(Organisation), ...errorResponses },
    },
    handler: (req) => svc.organisations(currentUser(req), req.query),
  });

  app.post('/api/org/organisations/:id/approve', {
    schema: {
      tags: ['participation'],
      summary: "Approve a registration; creates the organisation's account",
      params: Id,
      body: z.object({}).optional(),
      response: { 200: Ok, ...errorResponses },
    },
    handler: (req) => svc.review(currentUser(req), req.params.id, 'approve'),
  });

  app.post('/api/org/organisations/:id/reject', {
    schema: {
      tags: ['participation'],
      summary: 'Reject a registration with a reason',
      params: Id,
      body: z.object({ reason: z.string().trim().min(1).max(500) }),
      response: { 200: Ok, ...errorResponses },
    },
    handler: (req) => svc.review(currentUser(req), req.params.id, 'reject', req.body.reason),
  });

  // ---- needs
  app.get('/api/needs/board', {
    schema: {
      tags: ['participation'],
      summary: 'The anonymised needs board: kind, text, amount and township only',
      querystring: z.object({
        kind: z.enum(NEED_KINDS).optional(),
        township: Township.optional(),
        status: z.enum(NEED_STATUSES).optional(),
        ...paging,
      }),
      response: { 200: pageOf(BoardNeed), ...errorResponses },
    },
    handler: (req) => svc.board(currentUser(req), req.query),
  });

  app.get('/api/needs', {
    schema: {
      tags: ['participation'],
      summary: 'Officers: needs in a region with village and household number',
      querystring: z.object({
        region: RegionCode.optional(),
        kind: z.enum(NEED_KINDS).optional(),
        status: z.enum(NEED_STATUSES).optional(),
        ...paging,
      }),
      response: { 200: pageOf(OfficerNeed), ...errorResponses },
    },
    handler: (req) => svc.needs(currentUser(req), req.query),
  });

  app.post('/api/needs', {
    schema: {
      tags: ['participation'],
      summary: 'Publish a need of a household or a village (text must carry no personal data)',
      body: z.object({
        kind: z.enum(NEED_KINDS),
        source: z.enum(['household', 'village']),
        householdId: z.string().regex(/^\d+$/).optional(),
        villageCode: z
          .string()
          .regex(/^\d{12}$/)
          .optional(),
        title: z.string().trim().min(2).max(100),
        description: z.string().trim().max(1000).default(''),
        amount: z.number().min(0).max(10_000_000),
      }),
      response: { 200: z.object({ id: z.string() }), ...errorResponses },
    },
    handler: (req) => svc.publishNeed(currentUser(req), req.body),
  });

  app.get('/api/needs/stats', {
    schema: {
      tags: ['participation'],
      summary: 'Matching statistics: share matched, median days to match, value delivered',
      querystring: z.object({ region: RegionCode.optional() }),
      response: {
        200: z.object({
          region: z.string(),
          total: StatLine,
          byTownship: z.array(StatLine),
          byOrganisation: z.array(StatLine),
          byKind: z.array(StatLine),
        }),
        ...errorResponses,
      },
    },
    handler: (req) => svc.stats(currentUser(req), req.query.region),
  });

  app.post('/api/needs/:id/pledge', {
    schema: {
      tags: ['participation'],
      summary: 'An organisation pledges to an open need',
      params: Id,
      body: z.object({
        amount: z.number().min(0).max(10_000_000),
        quantity: z.number().int().positive().optional(),
        expectedDate: IsoDate.optional(),
        note: z.string().trim().max(500).optional(),
      }),
      response: { 200: Ok, ...errorResponses },
    },
    handler: (req) => svc.pledge(currentUser(req), req.params.id, req.body),
  });

  app.post('/api/needs/:id/deliver', {
    schema: {
      tags: ['participation'],
      summary: 'The pledging organisation marks the need delivered',
      params: Id,
      body: z.object({ note: z.string().trim().min(1).max(500) }),
      response: { 200: Ok, ...errorResponses },
    },
    handler: (req) => svc.deliver(currentUser(req), req.params.id, req.body.note),
  });

  app.post('/api/needs/:id/confirm', {
    schema: {
      tags: ['participation'],
      summary:
        'The village confirms delivery of a village need, or of a household need on its behalf (with reason)',
      params: Id,
      body: z.object({
        note: z.string().trim().min(1).max(500),
        rating: z.number().int().min(1).max(5).optional(),
        onBehalfReason: z.string().trim().max(500).optional(),
      }),
      response: { 200: Ok, ...errorResponses },
    },
    handler: (req) => svc.confirmByVillage(currentUser(req), req.params.id, req.body),
  });

  app.post('/api/needs/:id/withdraw', {
    schema: {
      tags: ['participation'],
      summary: 'Withdraw an open need',
      params: Id,
      body: z.object({ reason: z.string().trim().min(1).max(500) }),
      response: { 200: Ok, ...errorResponses },
    },
    handler: (req) => svc.withdraw(currentUser(req), req.params.id, req.body.reason),
  });

  // ---- consumption assistance
  app.get('/api/products', {
    schema: {
      tags: ['participation'],
      summary: 'Products of poor households and cooperatives (no producer persons)',
      querystring: z.object({ township: Township.optional(), ...paging }),
      response: { 200: pageOf(Product), ...errorResponses },
    },
    handler: (req) => svc.products(currentUser(req), req.query),
  });

  app.post('/api/products', {
    schema: {
      tags: ['participation'],
      summary: 'List a product, linked (internally) to the households whose income it carries',
      body: z.object({
        name: z.string().trim().min(1).max(100),
        producerKind: z.enum(['household', 'cooperative']),
        producerName: z.string().trim().max(100).optional(),
        townshipCode: z.string().regex(/^\d{9}$/),
        unit: z.string().trim().min(1).max(20),
        price: z.number().positive().max(1_000_000),
        quantityAvailable: z.number().min(0).max(100_000_000),
        season: z.string().trim().max(40).optional(),
        description: z.string().trim().max(1000).optional(),
        householdIds: z.array(z.string().regex(/^\d+$/)).min(1).max(500),
      }),
      response: { 200: z.object({ id: z.string() }), ...errorResponses },
    },
    handler: (req) => svc.createProduct(currentUser(req), req.body),
  });

  app.post('/api/products/:id/orders', {
    schema: {
      tags: ['participation'],
      summary: 'An organisation orders a product or commits to buy it',
      params: Id,
      body: z.object({
        quantity: z.number().positive().max(100_000_000),
        kind: z.enum(['order', 'commitment']).default('order'),
        note: z.string().trim().max(500).optional(),
      }),
      response: { 200: z.object({ id: z.string(), amount: z.number() }), ...errorResponses },
    },
    handler: (req) => svc.order(currentUser(req), req.params.id, req.body),
  });

  app.get('/api/products/orders', {
    schema: {
      tags: ['participation'],
      summary: "Orders: an organisation's own, or those for products in an officer's scope",
      querystring: z.object({ status: z.enum(['ordered', 'fulfilled', 'cancelled']).optional(), ...paging }),
      response: { 200: pageOf(Order), ...errorResponses },
    },
    handler: (req) => svc.orders(currentUser(req), req.query),
  });

  app.post('/api/products/orders/:id/fulfil', {
    schema: {
      tags: ['participation'],
      summary: "Record an order fulfilled; its amount is allocated to the product's households",
      params: Id,
      body: z.object({}).optional(),
      response: { 200: z.object({ status: z.string(), households: z.number() }), ...errorResponses },
    },
    handler: (req) => svc.fulfil(currentUser(req), req.params.id),
  });

  app.get('/api/products/income', {
    schema: {
      tags: ['participation'],
      summary: 'Officers: income that reached households from fulfilled orders (internal figure)',
      querystring: z.object({ region: RegionCode.optional() }),
      response: {
        200: z.object({
          region: z.string(),
          total: z.number(),
          households: z.number(),
          orders: z.number(),
          byTownship: z.array(
            z.object({ code: z.string(), name: z.string(), amount: z.number(), households: z.number() }),
          ),
          topHouseholds: z.array(
            z.object({
              householdId: z.string(),
              householdNo: z.string(),
              village: z.string(),
              amount: z.number(),
            }),
          ),
        }),
        ...errorResponses,
      },
    },
    handler: (req) => svc.income(currentUser(req), req.query.region),
  });
}
