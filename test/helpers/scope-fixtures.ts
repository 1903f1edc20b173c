import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';

/**
 * Fixtures of the scope matrix (test/integration/scope-matrix.test.ts, docs/security.md "Scope").
 *
 * A KIND is a sort of object an operation can address (path parameter, region query) or name in its
 * body. Each kind is an SQL query giving one real id of that kind in a region: the
 * matrix asks it twice: `$IN(column)` becomes "in the HOME township" (the scope of the township
 * officer and, through its village, of the village cadre: the in-scope baseline) and then "in the
 * demo county outside the HOME township" (FOREIGN: every request must be refused).
 */
const HOUSEHOLD = `select min(id) from household where $IN(village_code) and status <> 'none' and size >= 2`;

export const KINDS: Record<string, string> = {
  // a registered (or once registered) household of two members or more (it has a plan; one member can leave)
  household: `select min(id)::text from household where $IN(village_code) and status <> 'none' and size >= 2`,
  household2: `select id::text from household where $IN(village_code) and status <> 'none' and size >= 2 order by id offset 1 limit 1`,
  // the last member of that household: never its head (deleting it is allowed)
  member: `select id::text from member where household_id = (${HOUSEHOLD}) and member_status = 'present' order by id desc limit 1`,
  village: `select village_code from household where id = (${HOUSEHOLD})`,
  township: `select left(village_code, 9) from household where id = (${HOUSEHOLD})`,
  case: `select id::text from case_file where $IN(village_code) order by id limit 1`,
  pair: `select id::text from assist_pair where $IN(recipient_code) and length(recipient_code) >= 9 order by id limit 1`,
  project: `select id::text from project where $IN(village_code) order by id limit 1`,
  organisation: `select id::text from organisation where $IN(region_code) order by status = 'pending' desc, id limit 1`,
  need: `select id::text from need where $IN(village_code) order by status in ('open', 'pledged', 'delivered') desc, id limit 1`,
  openNeed: `select id::text from need where $IN(village_code) and status = 'open' order by id desc limit 1`,
  product: `select id::text from product where $IN(township_code) order by id limit 1`,
  order: `select o.id::text from product_order o join product p on p.id = o.product_id where $IN(p.township_code) order by o.id limit 1`,
  grievance: `select id::text from grievance where $IN(region_code) order by state in ('received', 'acknowledged') desc, id limit 1`,
  tracking: `select tracking_code from grievance where $IN(region_code) order by state in ('received', 'acknowledged') desc, id limit 1`,
  team: `select id::text from work_team where $IN(village_code) order by id limit 1`,
  cadre: `select id::text from cadre where $IN(region_code) and active order by id limit 1`,
  plan: `select p.id::text from household_plan p join household h on h.id = p.household_id where $IN(h.village_code) order by p.year desc, p.id limit 1`,
  measure: `select m.id::text from plan_measure m join household h on h.id = m.household_id where $IN(h.village_code) order by m.id desc limit 1`,
  request: `select id::text from data_request where $IN(region_code) order by id limit 1`,
  // a county's sample: foreign only to the users of the other county (COUNTY_KINDS)
  sample: `select id::text from evaluation_sample order by id limit 1`,
  user: `select id::text from app_user where $IN(scope_code) and username like 'sm_x%' order by id limit 1`,
  catalogue: `select code from measure_catalogue where active order by sort, code limit 1`,
  planHead: `select h.head_name from household_plan p join household h on h.id = p.household_id where $IN(h.village_code) order by p.year desc, p.id limit 1`,
  county: `select left(min(village_code), 6) from household`,
  // a housing-safety fact of that household, a pending proposal first (beforeAll proposes some)
  fact: `select id::text from household_fact where household_id = (${HOUSEHOLD}) and kind = 'housing_safety' and state in ('proposed', 'confirmed') order by state = 'proposed' desc, id desc limit 1`,
  // an open dibao entry (reviewed, ceased, appealed)
  roll: `select id::text from assistance_roll where $IN(village_code) and programme = 'dibao' and state <> 'ceased' order by id limit 1`,
  // a temporary-assistance case waiting for its decision first (beforeAll applies for one)
  temporary: `select id::text from temporary_assistance where $IN(village_code) order by state = 'applied' desc, id desc limit 1`,
  // the county's first payment list: foreign only to the users of the other county (COUNTY_KINDS)
  paymentList: `select min(id)::text from payment_list`,
  // the demo county's own policy document: foreign only to the users of the other county (COUNTY_KINDS)
  policyDocument: `select min(id)::text from policy_document where length(region_code) = 6`,
  // the county's approved practice entry and one waiting for review (read county-wide: COUNTY_KINDS)
  practice: `select min(id)::text from practice where state = 'approved'`,
  practiceSubmitted: `select min(id)::text from practice where state = 'submitted'`,
  // a line of that list still due (returned, corrected)
  paymentLine: `select id::text from payment_line where $IN(village_code) and state = 'due' and list_id = (select min(id) from payment_list) order by id limit 1`,
  sampleHousehold: `select s.household_id::text from evaluation_sample_household s join household h on h.id = s.household_id where $IN(h.village_code) and s.sample_id = (select min(id) from evaluation_sample) order by 1 limit 1`,
};

/** Path parameters (`<segment before>/{param}` or `{param}`) → kind. */
export const PATH_KINDS: Record<string, string> = {
  'households/{id}': 'household',
  'documents/{id}': 'policyDocument',
  'practices/{id}': 'practice',
  '{memberId}': 'member',
  'regions/{code}': 'township',
  'villages/{code}': 'village',
  'cases/{id}': 'case',
  'pairs/{id}': 'pair',
  'projects/{id}': 'project',
  'organisations/{id}': 'organisation',
  'needs/{id}': 'need',
  'products/{id}': 'product',
  'orders/{id}': 'order',
  'grievances/{id}': 'grievance',
  'work-teams/{id}': 'team',
  'cadres/{id}': 'cadre',
  'plans/{id}': 'plan',
  'measures/{id}': 'measure',
  'requests/{id}': 'request',
  'samples/{id}': 'sample',
  'households/{householdId}': 'sampleHousehold', // of an evaluation sample
  'portal-codes/{householdId}': 'household',
  'users/{id}': 'user',
  'facts/{factId}': 'fact',
  'rolls/{id}': 'roll',
  'temporary/{id}': 'temporary',
  'payments/{id}': 'paymentList',
  'lines/{lineId}': 'paymentLine',
};

/** Query parameters and body fields naming an object or a region → kind. */
export const FIELD_KINDS: Record<string, string> = {
  region: 'township',
  township: 'township',
  householdId: 'household',
  householdIds: 'household',
  households: 'household', // the inbox's next steps of a list of households
  keepHouseholdId: 'household',
  removeHouseholdId: 'household2',
  memberId: 'member',
  newHeadId: 'member',
  cadreId: 'cadre',
  villageCode: 'village',
  villageCodes: 'village',
  regionCode: 'village',
  recipientCode: 'village',
  townshipCode: 'township',
  regionPrefix: 'county', // policy and visit plan: a county or above
  measureId: 'measure',
  county: 'county', // a county's payment lists
  village: 'village', // a payment list's lines of one village
  ownerId: 'household', // attachments: the first owner kind (household) is the sample's
  projectId: 'project', // practices relevant to a project
};

/** Kinds that are county-wide objects a township may legitimately read (an evaluation sample). */
export const COUNTY_KINDS = new Set([
  'sample',
  'county',
  'catalogue',
  'paymentList',
  'policyDocument',
  'practice',
  'practiceSubmitted',
]);

export type Ids = Record<string, string | undefined>;

/** Every kind's id: `home` true inside the township, false in the county outside it. */
export async function resolveKinds(
  db: Database,
  county: string,
  township: string,
  home: boolean,
): Promise<Ids> {
  const out: Ids = {};
  for (const [kind, text] of Object.entries(KINDS)) {
    const q = text.replace(/\$IN\(([\w.]+)\)/g, (_m, col: string) =>
      home ? `${col} like '${township}%'` : `(${col} like '${county}%' and ${col} not like '${township}%')`,
    );
    const r = await sql<Record<string, string | null>>`${sql.raw(q)}`.execute(db);
    const v = r.rows[0] ? Object.values(r.rows[0])[0] : undefined;
    out[kind] = v ?? undefined;
  }
  return out;
}
