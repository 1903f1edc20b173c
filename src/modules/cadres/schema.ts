import { z } from 'zod';
import { HOUSEHOLD_KINDS, TEAM_ROLES, UNIT_LEVELS, VISIT_PURPOSES } from '../../domain/cadres/rules.js';
import { Id, IsoDate, Page, PageSize, RegionCode } from '../../kernel/schema.js';

const s = z.string().nullable();
const Reason = z.string().trim().min(2, 'a reason is required').max(500);
const Phone = z
  .string()
  .trim()
  .regex(/^[\d\- +]{5,20}$/, 'must be a phone number')
  .nullable()
  .optional();

export const RegionPage = z.object({
  region: RegionCode.default(''),
  page: Page,
  pageSize: PageSize(200, 20),
});

export const CadreBody = z.object({
  name: z.string().trim().min(1).max(50),
  workUnit: z.string().trim().min(1).max(100),
  unitLevel: z.enum(UNIT_LEVELS),
  phone: Phone,
  regionCode: RegionCode.refine((c) => c.length > 0, 'a region is required'),
  userId: Id.nullable().optional(),
});
export const CadrePatch = CadreBody.partial().extend({ active: z.boolean().optional(), reason: Reason });

export const Cadre = z.object({
  id: z.string(),
  name: z.string(),
  workUnit: z.string(),
  unitLevel: z.string(),
  phone: s,
  regionCode: z.string(),
  regionName: z.string(),
  userId: s,
  username: s,
  active: z.boolean(),
  caseload: z.number(),
});
export const CadrePage = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(Cadre),
});

const Due = z.object({
  visitsPerYear: z.number().nullable(),
  lastVisit: s,
  visitsThisYear: z.number(),
  dueOn: s,
  overdue: z.boolean(),
});

export const CadreHousehold = z.object({
  householdId: z.string(),
  householdNo: z.string(),
  headName: s,
  villageCode: z.string(),
  villageName: z.string(),
  status: z.string(),
  since: z.string(),
  visit: Due,
  measures: z.object({ open: z.number(), overdue: z.number(), nextDeadline: s }).nullable(),
  openCases: z.number(),
  /** What to do next, most urgent first: visit_overdue, never_visited, measure_overdue, measures_open, case_open. */
  next: z.array(z.string()),
});
export const CadreDetail = z.object({ cadre: Cadre, households: z.array(CadreHousehold) });

export const AssignBody = z.object({
  cadreId: Id,
  startDate: IsoDate.optional(),
  reason: Reason,
});
export const EndBody = z.object({ endDate: IsoDate.optional(), reason: Reason });

export const Assignment = z.object({
  id: z.string(),
  cadreId: z.string(),
  name: z.string(),
  workUnit: z.string(),
  unitLevel: z.string(),
  phone: s,
  startDate: z.string(),
  endDate: s,
  reason: z.string(),
  endReason: s,
});
export const HouseholdResponsibility = z.object({
  householdId: z.string(),
  status: z.string(),
  needsCadre: z.boolean(),
  current: Assignment.nullable(),
  history: z.array(Assignment),
  visit: Due.nullable(),
});

export const TeamMemberBody = z.object({
  name: z.string().trim().min(1).max(50),
  role: z.enum(TEAM_ROLES),
  workUnit: z.string().trim().max(100).nullable().optional(),
  phone: Phone,
});
export const TeamBody = z.object({
  villageCode: RegionCode.refine((c) => c.length === 12, 'must be a village code (12 digits)'),
  sendingUnit: z.string().trim().min(1).max(100),
  startDate: IsoDate,
  endDate: IsoDate.nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
  members: z.array(TeamMemberBody).min(1).max(20),
  reason: Reason,
});
export const TeamQuery = z.object({
  region: RegionCode.default(''),
  current: z.enum(['true', 'false']).default('true'),
});
export const Team = z.object({
  id: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  isPoorVillage: z.boolean(),
  sendingUnit: z.string(),
  startDate: z.string(),
  endDate: s,
  note: s,
  current: z.boolean(),
  members: z.array(z.object({ id: z.string(), name: z.string(), role: z.string(), workUnit: s, phone: s })),
});

export const VisitBody = z.object({
  householdId: Id,
  cadreId: Id.optional(),
  visitDate: IsoDate.optional(),
  purpose: z.enum(VISIT_PURPOSES),
  findings: z.string().trim().min(2, 'findings are required').max(2000),
  followUp: z.string().trim().max(2000).nullable().optional(),
  clientKey: z
    .uuid()
    .optional()
    .describe('made on the device (offline outbox): the same key again answers the visit already stored'),
});
export const VisitQuery = RegionPage.extend({ householdId: Id.optional(), cadreId: Id.optional() });
export const Visit = z.object({
  id: z.string(),
  householdId: z.string(),
  householdNo: z.string(),
  headName: s,
  cadreId: s,
  cadreName: s,
  visitDate: z.string(),
  purpose: z.string(),
  findings: z.string(),
  followUp: s,
  recordedBy: s,
});
export const VisitPage = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(Visit),
});

export const PlanRuleBody = z.object({
  regionPrefix: RegionCode,
  kind: z.enum(HOUSEHOLD_KINDS),
  visitsPerYear: z.number().int().min(0).max(52),
  reason: Reason,
});
export const PlanRule = z.object({
  regionPrefix: z.string(),
  kind: z.string(),
  visitsPerYear: z.number(),
  setBy: z.string(),
  setAt: z.string(),
  reason: z.string(),
});
export const Plan = z.object({
  region: z.string(),
  effective: z.array(z.object({ kind: z.string(), visitsPerYear: z.number().nullable(), regionPrefix: s })),
  rules: z.array(PlanRule),
});

const GapHousehold = z.object({
  householdId: z.string(),
  householdNo: z.string(),
  headName: s,
  villageCode: z.string(),
  villageName: z.string(),
  status: z.string(),
});
export const NoCadrePage = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(GapHousehold.extend({ lastAssignmentEnd: s })),
});
export const OverduePage = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(
    GapHousehold.extend({
      kind: z.string(),
      visitsPerYear: z.number(),
      lastVisit: s,
      dueOn: s,
      cadreId: s,
      cadreName: s,
    }),
  ),
});
export const NoTeamPage = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(
    z.object({ villageCode: z.string(), villageName: z.string(), townshipName: s, lastTeamEnd: s }),
  ),
});

/**
 * The dashboard's responsibility figures. An object of sections so that other features can add
 * their own (plan fit, targets, funds) with `ResponsibilitySummary.extend({...})`.
 */
export const ResponsibilitySummary = z.object({
  region: z.string(),
  asOf: z.string(),
  cadres: z.object({ active: z.number(), householdsNeeding: z.number(), householdsWithout: z.number() }),
  visits: z.object({ planned: z.number(), overdue: z.number(), neverVisited: z.number() }),
  teams: z.object({ poorVillages: z.number(), villagesWithout: z.number() }),
  /** Plan fit of the current year (read from the plans module, docs/plans.md). */
  plans: z.object({
    year: z.number(),
    plans: z.number(),
    notFitting: z.number(),
    withoutPlan: z.number(),
    overdueMeasures: z.number(),
  }),
});
