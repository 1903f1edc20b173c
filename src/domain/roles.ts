/** Roles and what each may do. Scope (which regions) is separate: a region-code prefix per user. */
export const ROLES = [
  'admin',
  'county_officer',
  'township_officer',
  'village_cadre',
  'organisation',
  'civil_affairs_county',
  'civil_affairs_township',
] as const;
export type Role = (typeof ROLES)[number];

export interface Permissions {
  /** May ask for unmasked ID numbers, phones, bank accounts and health (each request is logged). */
  unmask: boolean;
  /** May change region flags and administer users. */
  administer: boolean;
  /** May administer the staff accounts of their county below their own rank (src/modules/users/access.ts). */
  manageUsers: boolean;
  /** May set region flags within scope (poor village, poverty county). */
  setRegionFlags: boolean;
  /** May edit households and members (fields, members, yearly income) within scope. */
  editHouseholds: boolean;
  /** May change a household's status within scope (township level and above). */
  changeStatus: boolean;
  /** May approve or reject organisations' registrations within scope (county level and above). */
  reviewOrganisations: boolean;
  /** May draw third-party evaluation samples within scope (county level and above). */
  drawEvaluationSamples: boolean;
  /** May record evaluation field checks within scope (township level and above). */
  recordEvaluationChecks: boolean;
  /** May edit the measure catalogue of household plans (county level and above). */
  editMeasureCatalogue: boolean;
  /** May see, acknowledge and resolve grievances within scope (township level and above). */
  handleGrievances: boolean;
  /** May assign and hand over cadres, keep work teams and edit cadres (township level and above). */
  manageResponsibility: boolean;
  /** May change the visit plan (county level and above). */
  editVisitPlan: boolean;
  /** May keep pairs, targets, projects and funds (township level and above; village cadres read). */
  manageAssistance: boolean;
  /** May start data-quality runs (township level and above). */
  runQualityChecks: boolean;
  /** May run the batch evaluation of the rules over a region, from the app or its API (county level and above). */
  runBatchEvaluation: boolean;
  /** May keep the registers of data requests and inspections (township level and above). */
  keepBurdenRegisters: boolean;
  /** May set the inspection limits (county level and above). */
  setInspectionLimits: boolean;
  /** May import department lists, review their flags and resolve duplicates (township level and above). */
  reviewMatches: boolean;
  /** May confirm or reject village cadres' proposed facts (township level and above; docs/facts.md). */
  confirmFacts: boolean;
  /** May run the safety-net procedures within scope: dibao, 特困 and temporary-assistance cases,
   *  means-test facts, reviews, sectoral assistance records (civil affairs, both levels; admin). */
  runSafetyNet: boolean;
  /** May decide them: approve, change or cease a benefit, approve temporary assistance, close a
   *  month's payment list (the county civil-affairs bureau; admin). */
  decideSafetyNet: boolean;
  /** May export a payment list as the bank file, the one place bank accounts appear whole (logged;
   *  the county civil-affairs bureau; admin). */
  exportPayments: boolean;
}

/** Who may do what, by the lowest role that may: admin > county > township > village cadre. */
const FROM: Record<keyof Permissions, Role> = {
  unmask: 'township_officer',
  administer: 'admin',
  manageUsers: 'county_officer',
  setRegionFlags: 'county_officer',
  editHouseholds: 'village_cadre',
  changeStatus: 'township_officer',
  reviewOrganisations: 'county_officer',
  drawEvaluationSamples: 'county_officer',
  recordEvaluationChecks: 'township_officer',
  editMeasureCatalogue: 'county_officer',
  handleGrievances: 'township_officer',
  manageResponsibility: 'township_officer',
  editVisitPlan: 'county_officer',
  manageAssistance: 'township_officer',
  runQualityChecks: 'township_officer',
  runBatchEvaluation: 'county_officer',
  keepBurdenRegisters: 'township_officer',
  setInspectionLimits: 'county_officer',
  reviewMatches: 'township_officer',
  confirmFacts: 'township_officer',
  runSafetyNet: 'admin',
  decideSafetyNet: 'admin',
  exportPayments: 'admin',
};

/**
 * The civil-affairs roles are on no rung of the staff ladder: they read the registry of their region
 * (a county bureau: its county, a township assistant: its township) and run the safety net, and may
 * do only what is listed here — no registry edit, status change, grievance or user administration.
 */
const CIVIL_AFFAIRS: Partial<Record<Role, readonly (keyof Permissions)[]>> = {
  civil_affairs_township: ['runSafetyNet'],
  civil_affairs_county: ['runSafetyNet', 'decideSafetyNet', 'exportPayments'],
};

/** Whether a role is one of the civil-affairs roles (county bureau, township assistant). */
export const isCivilAffairs = (role: Role): boolean => CIVIL_AFFAIRS[role] !== undefined;

/** The staff ladder; an organisation (src/modules/participation) is on none of it: the needs board,
 *  its pledges, products and orders only, every other route refused centrally
 *  (src/server/organisation-guard.ts). Nor are the civil-affairs roles (`CIVIL_AFFAIRS` above). */
const LADDER: readonly Role[] = ['village_cadre', 'township_officer', 'county_officer', 'admin'];

const PERMISSIONS = Object.fromEntries(
  ROLES.map((role) => [
    role,
    Object.fromEntries(
      (Object.keys(FROM) as (keyof Permissions)[]).map((p) => [
        p,
        (LADDER.includes(role) && LADDER.indexOf(role) >= LADDER.indexOf(FROM[p])) ||
          (CIVIL_AFFAIRS[role]?.includes(p) ?? false),
      ]),
    ) as unknown as Permissions,
  ]),
) as Record<Role, Permissions>;

export const permissionsOf = (role: Role): Permissions => PERMISSIONS[role];
export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);
