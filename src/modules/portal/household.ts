import type { Actor } from '../../kernel/user.js';

/** The household signed in to the portal: everything it reads or does is its own household's. */
export interface PortalHousehold {
  id: string;
  householdNo: string;
  villageCode: string;
}

/** The actor of a household's own writes in the audit log. */
export const householdActor = (h: { household_no: string } | PortalHousehold): Actor => ({
  id: null,
  name: `household ${'householdNo' in h ? h.householdNo : h.household_no}`,
});
