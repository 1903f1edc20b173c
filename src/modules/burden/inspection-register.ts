import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { flagInspections, type InspectionLimits } from '../../domain/burden/catalogue.js';
import { assertInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { inspectionLimitsFor, settingAreaOf } from '../settings/effective.js';
import type { SettingsService } from '../settings/service.js';
import { mayRegister } from './register-rights.js';
import { regionOf } from './report-service.js';
import { burdenRepository as repo } from './repository.js';

/** The register of inspections of a region, flagged beyond the configured frequency (the limits). */
export interface InspectionInput {
  region: string;
  inspector: string;
  inspectorLevel: string;
  purpose: string;
  startOn: string;
  days: number;
  note?: string | null | undefined;
}

/**
 * The limits are a regional setting (src/modules/settings): each inspected region is flagged against
 * the limits effective in its county (or the region itself above a county).
 */
export function createInspectionRegister(db: Kysely<DB>, settings: Pick<SettingsService, 'set'>) {
  async function flagsOf(rows: { id: string; region_code: string; start_on: string; days: number }[]) {
    const byArea = new Map<string, typeof rows>();
    for (const r of rows) {
      const area = settingAreaOf(r.region_code);
      byArea.set(area, [...(byArea.get(area) ?? []), r]);
    }
    const flags: ReturnType<typeof flagInspections> = new Map();
    for (const [area, list] of byArea) {
      const lim = await inspectionLimitsFor(db, area);
      const f = flagInspections(
        list.map((r) => ({ id: r.id, regionCode: r.region_code, startOn: r.start_on, days: r.days })),
        lim,
      );
      for (const [id, v] of f) flags.set(id, v);
    }
    return flags;
  }

  return {
    /** The limits effective in `region` (a household's, an inspected region's). */
    limits: (region: string): Promise<InspectionLimits> => inspectionLimitsFor(db, settingAreaOf(region)),

    async inspections(user: AuthUser, region: string | undefined, year: number) {
      const scope = scopeFor(user, region);
      const [rows, lim] = await Promise.all([
        repo.inspections(db, scope, year),
        inspectionLimitsFor(db, settingAreaOf(scope)),
      ]);
      const flags = await flagsOf(rows);
      return {
        limits: lim,
        items: rows.map((r) => ({
          id: r.id,
          region: r.region_code,
          inspector: r.inspector,
          inspectorLevel: r.inspector_level,
          purpose: r.purpose,
          startOn: r.start_on,
          days: r.days,
          note: r.note,
          ...flags.get(r.id)!,
        })),
      };
    },

    async addInspection(user: AuthUser, input: InspectionInput) {
      mayRegister(user);
      assertInScope(user, input.region);
      await regionOf(db, input.region);
      return db.transaction().execute(async (trx) => {
        const row = await repo.insertInspection(trx, {
          region_code: input.region,
          inspector: input.inspector.trim(),
          inspector_level: input.inspectorLevel,
          purpose: input.purpose.trim(),
          start_on: input.startOn,
          days: input.days,
          note: input.note?.trim() || null,
          created_by: user.id,
        });
        await recordAudit(trx, actorOf(user), {
          action: 'burden.inspection',
          entityType: 'inspection',
          entityId: row.id,
          regionCode: input.region,
          after: { ...input },
        });
        return { id: row.id };
      });
    },

    /**
     * Set the inspection limits of the user's own setting region (a county officer: the county; an
     * administrator of the country: the national values): a regional setting, audited there.
     */
    async setLimits(user: AuthUser, next: InspectionLimits, reason: string) {
      const region = settingAreaOf(user.scopeCode);
      await settings.set(user, 'inspection_limits', {
        region,
        values: { perYear: next.perYear, daysPerYear: next.daysPerYear },
        reason,
      });
      return inspectionLimitsFor(db, region);
    },
  };
}
