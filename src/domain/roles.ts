/** Roles and what each may do. Scope (which regions) is separate: a region-code prefix per user. */
export const ROLES = ['admin', 'county_officer', 'township_officer', 'village_cadre'] as const;
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
}

const PERMISSIONS: Record<Role, Permissions> = {
  admin: { unmask: true, administer: true, setRegionFlags: true, editHouseholds: true, changeStatus: true },
  county_officer: {
    unmask: true,
    administer: false,
    setRegionFlags: true,
    editHouseholds: true,
    changeStatus: true,
  },
  township_officer: {
    unmask: true,
    administer: false,
    setRegionFlags: false,
    editHouseholds: true,
    changeStatus: true,
  },
  village_cadre: {
    unmask: false,
    administer: false,
    setRegionFlags: false,
    editHouseholds: true,
    changeStatus: false,
  },
};

export const permissionsOf = (role: Role): Permissions => PERMISSIONS[role];
export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);
