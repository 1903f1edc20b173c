import { randomUUID } from 'node:crypto';
import { makeIdNumber } from '../../src/domain/id-number.js';

/**
 * The rules of the scope matrix (test/integration/scope-matrix.test.ts): which operations have no
 * region scope, which path values are fixed, which bodies need more than their schema's sample to
 * succeed in scope, which operations have no baseline. Every entry says why.
 */

/** Operations outside region scope: public, global reference data, the signed-in session itself. */
export const GLOBAL = new Set<string>([
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'GET /api/code-lists',
  'GET /api/regions', // the division tree is public reference data
  'GET /api/regions/search',
  'GET /api/regions/{code}/path',
  'POST /api/org/register', // public registration of an organisation
  'GET /api/org/regions',
  'GET /api/needs/board', // the anonymised needs board: open to every organisation of the county
  'GET /api/products', // consumption assistance: the county's products, open to every organisation
  'GET /api/public/grievance-regions',
  'POST /api/public/grievances', // public: anyone files a grievance for any village
  'GET /api/public/grievances/{code}', // public by tracking code (the code is the credential)
  'POST /api/public/grievances/{code}/feedback',
  'POST /api/portal/login', // the household portal: its own session, the household's data only
  'POST /api/portal/logout',
  'GET /api/portal/me',
  'GET /api/portal/decisions',
  'POST /api/portal/plan/agreement',
  'GET /api/portal/needs',
  'POST /api/portal/needs/{id}/confirm',
  'POST /api/portal/ratings',
  'POST /api/portal/difficulties',
  'GET /api/portal/grievances',
  'POST /api/portal/grievances',
  'POST /api/portal/grievances/{id}/feedback',
  'GET /api/portal/points', // the household's own points and its own village's and township's shop
  'POST /api/portal/points/redeem',
  'GET /api/imports/template.xlsx',
  'GET /api/plans/catalogue', // the measure catalogue is county-wide reference data
  'POST /api/plans/catalogue',
  'PATCH /api/plans/catalogue/{code}',
  'GET /api/burden/catalogue',
  'GET /api/warnings/weights',

  'POST /api/rules/{rule}/evaluate', // a what-if evaluation of a body: reads and stores nothing
]);

/**
 * Open to every approved organisation, of any county (east-west cooperation): pledging on the board's
 * needs and ordering products. The organisation role is not sent a foreign object here; its foreign
 * objects elsewhere are other organisations' pledges and orders.
 */
export const OPEN_TO_ORGANISATIONS = new Set<string>([
  'POST /api/needs/{id}/pledge',
  'POST /api/products/{id}/orders',
]);

/**
 * `<operation> <status>`: answers other than 403/404 that refuse a foreign object without disclosing
 * anything of it, and why.
 * - a split naming a child outside the region split: "not a sub-region" echoes only the codes sent;
 * - a benefit for a household that is not a beneficiary of the (in-scope) project: every beneficiary
 *   lies in the project's village, so a foreign household is "not a beneficiary" (the ids sent only);
 * - an organisation delivering on a need it did not pledge: the need's state is checked first (409);
 *   the board shows every need's state to every organisation, so nothing is disclosed;
 * - sectoral assistance naming a member of another household (foreign or not): "not a member of the
 *   household" answers alike for a member id that does not exist, and echoes only the id sent.
 */
export const NOT_REFUSAL_OK = new Set<string>([
  'PUT /api/targets/split 400',
  'PUT /api/projects/{id}/benefits 400',
  'POST /api/needs/{id}/deliver 409',
  'POST /api/safety-net/sectoral 400',
]);

/** Path values that are not objects of a region (a policy key, a year, a case step). */
export const FIXED: Record<string, string> = {
  'policy/{key}': 'povertyLine',
  'settings/{key}': 'inspection_limits',
  'years/{year}': '2025',
  'actions/{action}': 'submit',
};

/** Path kinds of one operation that differ from its segment's kind (the object must be in a state). */
export const PATH_KIND_BY_OPERATION: Record<string, string> = {
  'POST /api/needs/{id}/withdraw': 'openNeed',
  'POST /api/practices/{id}/review': 'practiceSubmitted',
};

/** Required query parameters that are not objects, with a valid value. */
export const QUERY_SAMPLES: Record<string, string> = { filename: 'list.csv', year: '2025' };

type Body = Record<string, unknown>;
export interface Ctx {
  /** The id of a kind the body names (HOME or FOREIGN, as the request being built). */
  id(kind: string): string | undefined;
  /** A value of the object the path addresses (same side as the path): no reference of its own. */
  addressed(kind: string): string | undefined;
  /** The current version of a row (0 when absent). */
  version(table: string, id: string | undefined): Promise<number>;
}
const REASON = 'scope matrix';
const HOUSING = {
  kind: 'housing_safety',
  source: 'home_visit',
  value: { grade: 'C', rebuilt: false, relocated: false },
};

/** Bodies that need more than the schema's sample to succeed in scope. */
export const BODY_OVERRIDES: Record<string, (b: Body, c: Ctx) => Promise<unknown>> = {
  // a regional setting of the county (a county officer keeps its own county's values)
  'PUT /api/settings/{key}': async (_b, c) => ({
    region: c.id('county'),
    values: { perYear: 5 },
    reason: REASON,
  }),
  // bulk assignment from today (the sample's fixed start date may precede a current assignment's)
  'POST /api/households/cadre/bulk': async (b) => ({ ...b, startDate: undefined }),
  // the demo's households are mostly ineligible or undecided for a new case: the opening is confirmed
  'POST /api/cases': async (b) => ({ ...b, confirmIneligible: true }),
  'POST /api/effort/projects/{id}/wages': async (_b, c) => ({
    memberId: c.id('member'),
    period: '2026-10',
    days: 5,
    amount: 300,
    paidOn: '2026-11-01',
  }),
  'POST /api/effort/households/{id}/ledger/earn': async () => ({ ruleCode: 'training_attended' }),
  'PATCH /api/households/{id}': async (_b, c) => ({
    version: await c.version('household', c.addressed('household')),
    phone: '13900000000',
    reason: REASON,
  }),
  'PUT /api/households/{id}/years/{year}': async (b, c) => ({
    ...b,
    size: undefined,
    version: await c.version('household', c.addressed('household')),
    reason: REASON,
  }),
  'POST /api/households/{id}/members': async (_b, c) => ({
    version: await c.version('household', c.addressed('household')),
    name: '范围测试',
    idNumber: makeIdNumber('433124', '2010-06-15', '2', 901),
    relation: 'daughter',
    reason: REASON,
  }),
  'PATCH /api/households/{id}/members/{memberId}': async (_b, c) => ({
    version: await c.version('household', c.addressed('household')),
    migrantPlace: '长沙',
    reason: REASON,
  }),
  'DELETE /api/households/{id}/members/{memberId}': async (b, c) => ({
    version: await c.version('household', c.addressed('household')),
    memberStatus: b.memberStatus,
    reason: REASON,
  }),
  'PUT /api/policy/{key}': async (_b, c) => ({
    regionPrefix: c.id('county'),
    effectiveFrom: '2026-01-01',
    value: 4500,
    reason: REASON,
  }),
  'DELETE /api/policy/{key}': async (b, c) => ({
    ...b,
    regionPrefix: c.id('county'),
    effectiveFrom: '2026-01-01',
  }),
  'PUT /api/targets/split': async (_b, c) => ({
    year: 2025,
    indicator: 'exit_households',
    regionCode: c.id('township'),
    value: 10,
    children: [{ regionCode: c.id('village'), value: 10 }],
  }),
  'POST /api/projects': async (_b, c) => ({
    name: '范围测试项目',
    projectType: 'planting',
    villageCode: c.id('village'),
    startYear: 2025,
    indicators: [{ name: '带动户均增收', targetValue: 1500, unit: '元' }],
    linkages: ['order_purchase'],
    linkageNote: '合作社保底收购',
  }),
  'POST /api/plans/{id}/measures': async (_b, c) => ({
    version: await c.version('household_plan', c.addressed('plan')),
    catalogueCode: c.addressed('catalogue'),
    reason: REASON,
  }),
  'POST /api/households/{id}/plan': async () => ({ year: 2026, reason: REASON }),
  'PATCH /api/plans/measures/{id}': async (_b, c) => ({
    version: await c.version('plan_measure', c.addressed('measure')),
    outcome: '进行中',
    reason: REASON,
  }),
  'POST /api/plans/{id}/agreement': async (_b, c) => ({
    version: await c.version('household_plan', c.addressed('plan')),
    agreed: true,
    by: c.addressed('planHead'),
    method: 'signature',
    at: '2026-11-20T08:00:00Z',
  }),
  'POST /api/burden/requests': async (_b, c) => ({
    region: c.id('township'),
    requester: '州乡村振兴局',
    requesterLevel: 'prefecture',
    title: '报送统计',
    items: ['poverty_counts'],
    receivedOn: '2026-03-02',
  }),
  'POST /api/burden/requests/{id}/answer': async (b, c) => ({
    ...b,
    version: await c.version('data_request', c.addressed('request')),
  }),
  'POST /api/evaluation/samples': async (_b, c) => ({
    region: c.id('county'),
    year: 2025,
    villagesPerTownship: 1,
    exitedPerVillage: 1,
    otherPerVillage: 1,
  }),
  'PUT /api/evaluation/samples/{id}/households/{householdId}': async (b, c) => ({
    ...b,
    wronglyExited: undefined,
    eligibleUnregistered: false,
    version: await c.version('evaluation_sample_household', c.addressed('sampleHousehold')),
  }),
  'POST /api/users/{id}/password-reset': async (b) => ({ ...b, password: 'Scope-matrix-2026!' }),
  // a village's need names the village (a household's need takes the household's village: the
  // household and its scope are covered by participation tests)
  'POST /api/needs': async (_b, c) => ({
    kind: 'daily_necessities',
    source: 'village',
    villageCode: c.id('village'),
    title: '村道照明',
    description: '需要太阳能路灯十盏',
    amount: 3000,
  }),
  'PATCH /api/cadres/{id}': async (b, c) => ({ ...b, regionCode: c.id('village'), userId: undefined }),
  // facts (docs/facts.md): a household's housing safety, its correction, a decision on a proposal
  'POST /api/households/{id}/facts': async () => ({ ...HOUSING, observedOn: '2026-10-12' }),
  'POST /api/households/{id}/facts/{factId}/correct': async () => ({
    source: HOUSING.source,
    value: HOUSING.value,
    observedOn: '2026-10-13',
    note: '范围测试更正',
  }),
  'POST /api/facts/{factId}/confirm': async () => ({ note: '范围测试确认' }),
  'POST /api/facts/{factId}/reject': async () => ({ note: '范围测试退回' }),
  // the safety net (docs/safety-net.md): amounts within the township's limit and the yearly ceiling
  'POST /api/safety-net/rolls/{id}/review': async () => ({ note: '范围测试复核' }),
  'POST /api/safety-net/rolls/{id}/cease': async () => ({ reason: 'other', note: '范围测试停发' }),
  'POST /api/safety-net/rolls/{id}/appeal': async () => ({ filedOn: '2026-11-20', grounds: '范围测试申诉' }),
  'POST /api/safety-net/temporary': async (_b, c) => ({
    householdId: c.id('household'),
    type: 'expenditure',
    cause: 'medical',
    amount: 200,
    fastTrack: false,
    note: REASON,
  }),
  'POST /api/safety-net/temporary/{id}/decide': async () => ({
    action: 'approve',
    amount: 200,
    note: REASON,
  }),
  'POST /api/safety-net/payments': async (_b, c) => ({ county: c.id('county'), month: '2026-11-01' }),
  'POST /api/safety-net/payments/{id}/lines/{lineId}/return': async () => ({ note: '银行退回（范围测试）' }),
  'POST /api/safety-net/payments/{id}/lines/{lineId}/correct': async () => ({ amount: 50, note: REASON }),
  'POST /api/cadres': async (b, c) => ({ ...b, regionCode: c.id('village'), userId: undefined }),
  // a member's death (docs/field.md member events): the household's last member, never its head
  'POST /api/households/{id}/member-events': async (_b, c) => ({
    version: await c.version('household', c.addressed('household')),
    kind: 'death',
    date: '2026-11-01',
    memberId: c.id('member'),
  }),
  // records sent from a device carry its key (a UUID; each request here a new record)
  'POST /api/visits': async (b) => ({ ...b, clientKey: randomUUID() }),
  'POST /api/warnings/self-reports': async (b) => ({ ...b, clientKey: randomUUID() }),
  // the practice library (docs/knowledge.md): an entry about a village, the county's review, a training
  'POST /api/practices': async (_b, c) => ({
    kind: 'experience',
    regionCode: c.id('village'),
    title: '范围测试案例',
    summary: '范围测试的案例摘要',
  }),
  'POST /api/practices/{id}/review': async (_b, c) => ({
    decision: 'approve',
    version: await c.version('practice', c.addressed('practiceSubmitted')),
  }),
  'POST /api/cadres/{id}/training': async () => ({
    trainedOn: '2026-10-01',
    topic: '范围测试培训',
    hours: 2,
    organiser: '县乡村振兴局',
  }),
};

/** Operations without an in-scope baseline, and why (their foreign requests are still sent). */
export const NO_BASELINE: Record<string, string> = {
  'POST /api/households/{id}/status': 'a status change follows its case procedure (lifecycle tests)',
  'POST /api/cases/{id}/actions/{action}': 'a step depends on the case state (cases tests)',
  'GET /api/cases/{id}/notice': 'a case has a notice only at its publicity step (cases tests)',
  'POST /api/matching/lists': 'a file upload (matching tests)',
  'POST /api/warnings/households/{id}/open-case': 'needs an open warning signal (warnings tests)',
  'POST /api/warnings/households/{id}/dismiss': 'needs an open warning signal (warnings tests)',
  'POST /api/warnings/dismiss': 'needs open warning signals (bulk-review tests)',
  'POST /api/warnings/confirm': 'needs open warning signals (bulk-review tests)',
  // a started job keeps writing after its 202 (batch evaluation, quality run): the digests of the
  // operations after it would change; jobs.test.ts starts jobs in scope
  'POST /api/jobs': 'a background job writes after its answer (jobs tests)',
  'POST /api/households/{id}/plan': "the demo household has this year's plan already (plans tests)",
  'POST /api/duplicates/merge': 'needs two households that are duplicates (duplicates tests)',
  'POST /api/effort/households/{id}/ledger/earn': 'needs a county incentive rule (incentive-ledger tests)',
  'POST /api/effort/households/{id}/ledger/redeem': 'needs points and a shop item (incentive-ledger tests)',
  'POST /api/effort/projects/{id}/wages': 'needs a work-relief project (work-relief tests)',
};

/** Operations the matrix cannot fill (a new one fails the test), and why. */
export const UNCOVERED: string[] = [
  // a registration draft is its owner's alone (docs/field.md); registration.test.ts asks for another
  // cadre's (404); the demo has no drafts
  'GET /api/registrations/{id} (registrations/{id})',
  'PUT /api/registrations/{id} (registrations/{id})',
  'POST /api/registrations/{id}/discard (registrations/{id})',
  'POST /api/registrations/{id}/check (registrations/{id})',
  'POST /api/registrations/{id}/submit (registrations/{id})',
  'POST /api/matching/flags/{id}/review (flags/{id})', // the demo county has no department-list flags
  'GET /api/jobs/{id} (jobs/{id})', // the demo has no background jobs; jobs.test.ts asks for others' (404)
  // the demo has no attachments; test/integration/attachments.test.ts sends foreign ones (404)
  'GET /api/attachments/{id}/content (attachments/{id})',
  'GET /api/attachments/{id}/thumbnail (attachments/{id})',
  'DELETE /api/attachments/{id} (attachments/{id})',
  'GET /api/imports/{id} (imports/{id})', // web import jobs live in memory, visible to their owner only
  'GET /api/imports/{id}/report.xlsx (imports/{id})',
  'GET /api/imports/{id}/report.json (imports/{id})',
];
