/** Roles and what each may do. Scope (which regions) is separate: a region-code prefix per user. */
export const ROLES = [
  'admin',
  'county_officer',
  'township_officer',
  'village_cadre',
  'organisation',
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
  /** May keep the registers of data requests and inspections (township level and above). */
  keepBurdenRegisters: boolean;
  /** May set the inspection limits (county level and above). */
  setInspectionLimits: boolean;
  /** May import department lists, review their flags and resolve duplicates (township level and above). */
  reviewMatches: boolean;
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
  keepBurdenRegisters: 'township_officer',
  setInspectionLimits: 'county_officer',
  reviewMatches: 'township_officer',
};

/** The staff ladder; an organisation (src/modules/participation) is on none of it: the needs board,
 *  its pledges, products and orders only, every other route refused centrally
 *  (src/server/organisation-guard.ts). */
const LADDER: readonly Role[] = ['village_cadre', 'township_officer', 'county_officer', 'admin'];

const PERMISSIONS = Object.fromEntries(
  ROLES.map((role) => [
    role,
    Object.fromEntries(
      (Object.keys(FROM) as (keyof Permissions)[]).map((p) => [
        p,
        LADDER.includes(role) && LADDER.indexOf(role) >= LADDER.indexOf(FROM[p]),
      ]),
    ) as unknown as Permissions,
  ]),
) as Record<Role, Permissions>;

export const permissionsOf = (role: Role): Permissions => PERMISSIONS[role];
export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);
