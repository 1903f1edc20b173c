import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import {
  safetyNetDefaults,
  withOverrides,
  type SafetyNetOverrides,
  type SafetyNetParams,
} from '../../domain/safety-net/params.js';
import type { PolicyParams } from '../../domain/rules/params.js';

/** The prefixes of a region code from the country down: '', '52', '5201', '520102', … */
const prefixes = (code: string): string[] => [
  '',
  ...[2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n)),
];

/**
 * The safety-net parameters of a region on a day: the defaults from the policy parameters, then the
 * overrides of `safety_net_param` from the country down to the region (for each level the latest
 * effective on or before the day).
 */
export function createSafetyNetParams(
  db: Kysely<DB>,
  paramsFor: (region: string, date: string) => Promise<PolicyParams>,
) {
  return async function safetyNetParams(
    region: string,
    date: string,
  ): Promise<{ policy: PolicyParams; params: SafetyNetParams }> {
    const policy = await paramsFor(region, date);
    const rows = await db
      .selectFrom('safety_net_param')
      .select(['region_code', 'values'])
      .where('region_code', 'in', prefixes(region))
      .where('effective_from', '<=', date)
      .distinctOn('region_code')
      .orderBy('region_code')
      .orderBy('effective_from', 'desc')
      .execute();
    const ordered = rows.sort((a, b) => a.region_code.length - b.region_code.length);
    return {
      policy,
      params: withOverrides(
        safetyNetDefaults(policy),
        ordered.map((r) => r.values as SafetyNetOverrides),
      ),
    };
  };
}
export type SafetyNetParamsFor = ReturnType<typeof createSafetyNetParams>;
