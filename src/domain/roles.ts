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
}

const PERMISSIONS: Record<Role, Permissions> = {
  admin: {
    unmask: true,
    administer: true,
    setRegionFlags: true,
    editHouseholds: true,
    changeStatus: true,
    reviewOrganisations: true,
    drawEvaluationSamples: true,
    recordEvaluationChecks: true,
    editMeasureCatalogue: true,
    handleGrievances: true,
  },
  county_officer: {
    unmask: true,
    administer: false,
    setRegionFlags: true,
    editHouseholds: true,
    changeStatus: true,
    reviewOrganisations: true,
    drawEvaluationSamples: true,
    recordEvaluationChecks: true,
    editMeasureCatalogue: true,
    handleGrievances: true,
  },
  township_officer: {
    unmask: true,
    administer: false,
    setRegionFlags: false,
    editHouseholds: true,
    changeStatus: true,
    reviewOrganisations: false,
    drawEvaluationSamples: false,
    recordEvaluationChecks: true,
    editMeasureCatalogue: false,
    handleGrievances: true,
  },
  village_cadre: {
    unmask: false,
    administer: false,
    setRegionFlags: false,
    editHouseholds: true,
    changeStatus: false,
    reviewOrganisations: false,
    drawEvaluationSamples: false,
    recordEvaluationChecks: false,
    editMeasureCatalogue: false,
    handleGrievances: false,
  },
  // an approved organisation (src/modules/participation): the needs board, its pledges, products and
  // orders only; every other route is refused centrally (src/server/organisation-guard.ts)
  organisation: {
    unmask: false,
    administer: false,
    setRegionFlags: false,
    editHouseholds: false,
    changeStatus: false,
    reviewOrganisations: false,
    drawEvaluationSamples: false,
    recordEvaluationChecks: false,
    editMeasureCatalogue: false,
    handleGrievances: false,
  },
};

export const permissionsOf = (role: Role): Permissions => PERMISSIONS[role];
export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);
