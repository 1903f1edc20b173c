import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { createSettingsService } from '../settings/service.js';
import { createInspectionRegister } from './inspection-register.js';
import { burdenMeter } from './meter.js';
import { createReportService } from './report-service.js';
import { createRequestRegister } from './request-register.js';

export type { InspectionInput } from './inspection-register.js';
export type { RequestInput } from './request-register.js';

/**
 * The burden meter (减负): what the system asked grassroots cadres to enter against what it derived
 * itself (meter.ts); standard reports generated on demand (logged, so derived work is counted;
 * report-service.ts); the register of data requests and inspections from higher levels, with flags
 * for requests for data the system already holds and for inspections beyond the configured
 * frequency (request-register.ts, inspection-register.ts).
 */
export function createBurdenService(db: Kysely<DB>, clock: Clock) {
  return {
    /** Asked versus derived for a region and year, by level. */
    meter: (user: AuthUser, region: string | undefined, year: number) =>
      burdenMeter(db, scopeFor(user, region), year),
    ...createReportService(db, clock),
    ...createRequestRegister(db),
    ...createInspectionRegister(db, createSettingsService(db, clock)),
  };
}

export type BurdenService = ReturnType<typeof createBurdenService>;
