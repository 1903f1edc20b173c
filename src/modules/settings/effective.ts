import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { InspectionLimits } from '../../domain/burden/catalogue.js';
import type { Deadlines, GrievanceKind } from '../../domain/grievances/lifecycle.js';
import {
  grievanceDeadlinesOf,
  inspectionLimitsOf,
  settingRegionsOf,
  warningWeightsOf,
  type SettingKey,
  type StoredLeaf,
} from '../../domain/settings/regional-settings.js';
import type { WarningWeights } from '../../domain/warnings/weights.js';
import { settingsRepository as repo } from './repository.js';

/**
 * The effective regional settings of a region (a household's village, a grievance's region, an
 * inspected region): the services that apply them read them here, never the national values alone.
 */
const leavesOf = async (db: Kysely<DB>, key: SettingKey, regions: readonly string[]): Promise<StoredLeaf[]> =>
  (await repo.rows(db, regions, key)).map((r) => ({ path: r.path, region: r.region_code, value: r.value }));

/** The setting region of a region code: its county (or the code itself above a county). */
export const settingAreaOf = (region: string): string => region.slice(0, Math.min(region.length, 6));

export async function inspectionLimitsFor(db: Kysely<DB>, region: string): Promise<InspectionLimits> {
  return inspectionLimitsOf(await leavesOf(db, 'inspection_limits', settingRegionsOf(region)), region);
}

export async function grievanceDeadlinesFor(
  db: Kysely<DB>,
  region: string,
): Promise<Record<GrievanceKind, Deadlines>> {
  return grievanceDeadlinesOf(await leavesOf(db, 'grievance_deadlines', settingRegionsOf(region)), region);
}

/**
 * The warning weights of each of `regions` (one query for all): keyed by the setting region of each
 * (`settingAreaOf`), so a worklist over a province scores each household with its county's weights.
 */
export async function warningWeightsFor(
  db: Kysely<DB>,
  regions: readonly string[],
): Promise<Map<string, WarningWeights>> {
  const areas = [...new Set(regions.map(settingAreaOf))];
  const all = [...new Set(areas.flatMap(settingRegionsOf))];
  const rows = await leavesOf(db, 'warning_weights', all);
  return new Map(areas.map((a) => [a, warningWeightsOf(rows, a)]));
}
