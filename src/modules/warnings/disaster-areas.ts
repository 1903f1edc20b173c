import { permissionsOf } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import { assertInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import type { WarningContext } from './context.js';
import { warningRepository } from './repository.js';

/** Villages declared a disaster area from a department's list (a source of derived signals). */
export interface DisasterAreaInput {
  villageCodes: string[];
  kind: string;
  startedOn: string;
  endedOn?: string | undefined;
  severity: string;
  source?: string | undefined;
  note?: string | undefined;
}

export function createDisasterAreas(ctx: WarningContext) {
  const { db } = ctx;

  async function checkVillages(user: AuthUser, codes: string[]) {
    if (!permissionsOf(user.role).changeStatus)
      throw new AppError('E_FORBIDDEN', 'Only township officers and above declare disaster areas');
    for (const c of codes) assertInScope(user, c);
    const known = await warningRepository.villages(db, codes);
    const missing = codes.filter((c) => !known.some((k) => k.code === c && k.level === 5));
    if (missing.length)
      throw new AppError('E_VALIDATION', `villageCodes: not village codes: ${missing.join(', ')}`, {
        missing,
      });
  }

  return {
    async addDisasterAreas(user: AuthUser, input: DisasterAreaInput) {
      await checkVillages(user, input.villageCodes);
      return db.transaction().execute(async (trx) => {
        const rows = await warningRepository.insertDisasterAreas(
          trx,
          input.villageCodes.map((village_code) => ({
            village_code,
            kind: input.kind,
            started_on: input.startedOn,
            ended_on: input.endedOn ?? null,
            severity: input.severity,
            source: input.source ?? null,
            note: input.note ?? null,
            created_by: user.id,
          })),
        );
        for (const r of rows)
          await recordAudit(trx, actorOf(user), {
            action: 'warning.disaster_area',
            entityType: 'disaster_area',
            entityId: r.id,
            regionCode: r.village_code,
            after: { kind: input.kind, startedOn: input.startedOn, severity: input.severity },
            reason: input.note ?? input.source ?? null,
          });
        return { created: rows.length };
      });
    },

    async disasterAreas(user: AuthUser, region: string | undefined) {
      const rows = await warningRepository.disasterAreas(db, scopeFor(user, region));
      return rows.map((r) => ({
        id: r.id,
        villageCode: r.village_code,
        villageName: r.village_name ?? '',
        kind: r.kind,
        startedOn: r.started_on,
        endedOn: r.ended_on,
        severity: r.severity,
        source: r.source,
        note: r.note,
      }));
    },
  };
}
