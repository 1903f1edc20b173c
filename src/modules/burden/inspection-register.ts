import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import {
  DEFAULT_INSPECTION_LIMITS,
  flagInspections,
  type InspectionLimits,
} from '../../domain/burden/catalogue.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import { assertInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
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

const LIMITS_KEY = 'burden:inspection-limits';

export function createInspectionRegister(db: Kysely<DB>) {
  async function limits(): Promise<InspectionLimits> {
    const stored = (await repo.setting(db, LIMITS_KEY)) as Partial<InspectionLimits> | undefined;
    return { ...DEFAULT_INSPECTION_LIMITS, ...(stored ?? {}) };
  }

  return {
    limits,

    async inspections(user: AuthUser, region: string | undefined, year: number) {
      const [rows, lim] = await Promise.all([repo.inspections(db, scopeFor(user, region), year), limits()]);
      const flags = flagInspections(
        rows.map((r) => ({ id: r.id, regionCode: r.region_code, startOn: r.start_on, days: r.days })),
        lim,
      );
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

    async setLimits(user: AuthUser, next: InspectionLimits, reason: string) {
      if (!permissionsOf(user.role).setInspectionLimits)
        throw new AppError('E_FORBIDDEN', 'Only county officers and above set the inspection limits');
      if (!reason.trim()) throw new AppError('E_VALIDATION', 'reason: required');
      const before = await limits();
      await db.transaction().execute(async (trx) => {
        await repo.saveSetting(trx, LIMITS_KEY, next);
        await recordAudit(trx, actorOf(user), {
          action: 'burden.limits',
          entityType: 'setting',
          entityId: LIMITS_KEY,
          regionCode: null,
          before: { ...before },
          after: { ...next },
          reason,
        });
      });
      return next;
    },
  };
}
