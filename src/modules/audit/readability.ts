import { isCivilAffairs, permissionsOf, type Permissions, type Role } from '../../domain/roles.js';
import type { AuditAction } from './actions.js';

/**
 * Who may read an audit event: the reader must be allowed to read the object the event is about.
 * The region is checked apart (an event is listed only inside the reader's scope, audit repository);
 * this table adds, per action, what the reader's role must be allowed:
 *
 *  - `staff`: every staff role (every role on the ladder; an organisation reads no audit log) — the
 *    object is one the staff read within their scope (households, members, plans, cadres, projects…);
 *  - a permission of `domain/roles.ts`: the object is read only with it (a grievance needs
 *    `handleGrievances`, user accounts and the demo need `administer`, organisations need
 *    `reviewOrganisations`).
 *
 * The civil-affairs roles (county bureau, township assistant) are not on the staff ladder: of the
 * `staff` rules they pass those whose object they read for their work (`CIVIL_AFFAIRS_READS`: the
 * registry, cases, regions, policy, plans, warnings and the safety net) — not cadres, projects,
 * evaluation, burden registers or matching.
 *
 * Events the reader may not read are left out of the list and its count (never a placeholder).
 * The table is exhaustive by type: a new action in `actions.ts` does not compile until it is
 * classified here.
 */
export type ReadRule = 'staff' | keyof Permissions;

/** The object kind an action is about, for the documentation of the table (docs/security.md). */
export type ObjectKind =
  | 'user'
  | 'household'
  | 'region'
  | 'match'
  | 'policy'
  | 'case'
  | 'warning'
  | 'quality'
  | 'evaluation'
  | 'plan'
  | 'cadre'
  | 'assistance'
  | 'participation'
  | 'organisation'
  | 'grievance'
  | 'burden'
  | 'safety_net'
  | 'demo';

export interface Readability {
  object: ObjectKind;
  rule: ReadRule;
}

/**
 * Two families are classified whole, by their prefix: case steps are data (`domain/cases`
 * definitions), and every `user.*` action is about an account (users module).
 */
type FamilyAction = Extract<AuditAction, `case.${string}` | `user.${string}` | `safety_net.${string}`>;
type ListedAction = Exclude<AuditAction, FamilyAction>;

const staff = (object: ObjectKind): Readability => ({ object, rule: 'staff' });
const needs = (object: ObjectKind, rule: keyof Permissions): Readability => ({ object, rule });

/** A case (a household's procedure: its status changes) reads as its household. */
export const CASE_READABILITY: Readability = staff('case');
/** User accounts (created, changed, disabled, passwords reset): whoever administers accounts (admins,
 *  county officers — the region check keeps a county officer to the county's accounts). */
export const USER_READABILITY: Readability = needs('user', 'manageUsers');

/** The safety net's events (`safety_net.*`: dibao, 特困, temporary assistance, reviews, payments) read
 *  as the household they are about: every staff role in the region, and civil affairs. */
export const SAFETY_NET_READABILITY: Readability = staff('safety_net');

const FAMILIES: readonly (readonly [prefix: string, r: Readability])[] = [
  ['case.', CASE_READABILITY],
  ['user.', USER_READABILITY],
  ['safety_net.', SAFETY_NET_READABILITY],
];

export const AUDIT_READABILITY: Readonly<Record<ListedAction, Readability>> = {
  // sign-in and accounts: who signs in when, and the accounts themselves, are the administrator's
  login: needs('user', 'administer'),
  logout: needs('user', 'administer'),
  // the household portal: the household's cadre sees its codes, sign-ins and repeated failures
  'portal.code_issue': staff('household'),
  'portal.lockout': staff('household'),
  'portal.login': staff('household'),
  'portal.rate': staff('household'),
  // the registry (the diffs' personal fields are presented per role: the audit service)
  'household.update': staff('household'),
  'household.status': staff('household'),
  'household.income': staff('household'),
  'household.member.add': staff('household'),
  'household.register': staff('household'),
  'household.member.remove': staff('household'),
  'household.member.update': staff('household'),
  'household.merge': staff('household'),
  'household.import': staff('household'),
  'household.export': staff('household'),
  'household.export.unmask': staff('household'),
  'household.unmask': staff('household'),
  'household.fact.record': staff('household'),
  'household.fact.propose': staff('household'),
  'household.fact.confirm': staff('household'),
  'household.fact.reject': staff('household'),
  'member.move_out': staff('household'),
  'region.flags': staff('region'),
  'department_list.import': staff('match'),
  // duplicates and matching (listed to the staff in scope; reviewed from township level)
  'duplicate.dismiss': staff('match'),
  'duplicates.unmask': staff('match'),
  'match_flag.confirm': staff('match'),
  'match_flag.dismiss': staff('match'),
  'match_flag.unmask': staff('match'),
  // policy, cases, warnings, quality, evaluation
  'policy.set': staff('policy'),
  'policy.delete': staff('policy'),
  'warning.case_opened': staff('warning'),
  'warning.derive': staff('warning'),
  'warning.disaster_area': staff('warning'),
  'warning.dismiss': staff('warning'),
  'warning.screening': staff('warning'),
  'warning.self_report': staff('warning'),
  'quality.run': staff('quality'),
  'quality.finding.review': staff('quality'),
  'evaluation.check': staff('evaluation'),
  'evaluation.run': staff('evaluation'),
  'evaluation.sample': staff('evaluation'),
  // plans, cadres and visits
  'plan.create': staff('plan'),
  'plan.agree': staff('plan'),
  'plan.decline': staff('plan'),
  'plan.measure.add': staff('plan'),
  'plan.measure.status': staff('plan'),
  'plan.measure.update': staff('plan'),
  'cadre.create': staff('cadre'),
  'cadre.update': staff('cadre'),
  'cadre_assignment.end': staff('cadre'),
  'cadre_assignment.assign': staff('cadre'),
  'cadre_assignment.handover': staff('cadre'),
  'work_team.create': staff('cadre'),
  'work_team.end': staff('cadre'),
  'visit.create': staff('cadre'),
  'visit_plan.set': staff('cadre'),
  // pairs, projects and targets (village cadres read them)
  'pair.create': staff('assistance'),
  'pair.commit': staff('assistance'),
  'pair.deliver': staff('assistance'),
  'project.create': staff('assistance'),
  'project.beneficiary': staff('assistance'),
  'project.benefit': staff('assistance'),
  'project.complete': staff('assistance'),
  'project.followup': staff('assistance'),
  'project.fund': staff('assistance'),
  'target.split': staff('assistance'),
  // participation: needs and products are read by the staff; organisations by their reviewers
  'need.publish': staff('participation'),
  'need.pledge': staff('participation'),
  'need.confirm': staff('participation'),
  'need.deliver': staff('participation'),
  'need.withdraw': staff('participation'),
  'product.create': staff('participation'),
  'product.order': staff('participation'),
  'product.fulfil': staff('participation'),
  'organisation.register': needs('organisation', 'reviewOrganisations'),
  'organisation.approve': needs('organisation', 'reviewOrganisations'),
  'organisation.reject': needs('organisation', 'reviewOrganisations'),
  'catalogue.create': staff('plan'),
  'catalogue.update': staff('plan'),
  'effort.record': staff('household'),
  'effort.wage': staff('assistance'),
  'effort.work_relief': staff('assistance'),
  'effort.ledger': staff('household'),
  'effort.rule': staff('policy'),
  'effort.shop': staff('assistance'),
  'effort.commitment': staff('plan'),
  'policy_document.create': staff('policy'),
  'practice.create': staff('plan'),
  'practice.review': staff('plan'),
  'training.record': staff('cadre'),
  // grievances: whoever may not read the grievance may not read that (or by whom) one was filed
  'grievance.file': needs('grievance', 'handleGrievances'),
  'grievance.acknowledge': needs('grievance', 'handleGrievances'),
  'grievance.resolve': needs('grievance', 'handleGrievances'),
  'grievance.escalate': needs('grievance', 'handleGrievances'),
  'grievance.feedback': needs('grievance', 'handleGrievances'),
  'grievance.reopen': needs('grievance', 'handleGrievances'),
  'grievance.unmask': needs('grievance', 'handleGrievances'),
  // attachments: read as their owner (a grievance's by its handlers; the others as the registry)
  'attachment.upload': staff('household'),
  'attachment.view': staff('household'),
  'attachment.delete': staff('household'),
  'grievance.attachment.upload': needs('grievance', 'handleGrievances'),
  'grievance.attachment.view': needs('grievance', 'handleGrievances'),
  'grievance.attachment.delete': needs('grievance', 'handleGrievances'),
  // burden registers
  'burden.inspection': staff('burden'),
  'burden.limits': staff('burden'),
  'settings.set': staff('policy'),
  'burden.request': staff('burden'),
  'burden.request_answer': staff('burden'),
  // demo data
  'demo.generate': needs('demo', 'administer'),
  'demo.delete': needs('demo', 'administer'),
};

const STAFF: readonly Role[] = ['village_cadre', 'township_officer', 'county_officer', 'admin'];

/** The objects whose `staff` events the civil-affairs roles read. */
export const CIVIL_AFFAIRS_READS: ReadonlySet<ObjectKind> = new Set<ObjectKind>([
  'household',
  'case',
  'region',
  'policy',
  'plan',
  'warning',
  'safety_net',
]);

/** Whether a role passes an action's read rule. */
export function passes(role: Role, r: Readability): boolean {
  if (isCivilAffairs(role))
    return r.rule === 'staff' ? CIVIL_AFFAIRS_READS.has(r.object) : permissionsOf(role)[r.rule];
  if (!STAFF.includes(role)) return false;
  return r.rule === 'staff' || permissionsOf(role)[r.rule];
}

/** The readability of a stored action name; null for a name the table does not know (never readable). */
export function readabilityOf(action: string): Readability | null {
  for (const [prefix, r] of FAMILIES) if (action.startsWith(prefix)) return r;
  return Object.hasOwn(AUDIT_READABILITY, action) ? AUDIT_READABILITY[action as ListedAction] : null;
}

/** Whether a role may read an event of this action (its region checked apart). */
export function mayRead(role: Role, action: string): boolean {
  const r = readabilityOf(action);
  return r !== null && passes(role, r);
}

/**
 * What a role may read, as a filter for the query: every listed action it passes and the prefixes
 * of the families it passes (names the table does not know are left out for every role).
 */
export function readableActions(role: Role): { actions: string[]; prefixes: string[] } {
  return {
    actions: Object.entries(AUDIT_READABILITY)
      .filter(([, r]) => passes(role, r))
      .map(([a]) => a),
    prefixes: FAMILIES.filter(([, r]) => passes(role, r)).map(([p]) => p),
  };
}
