import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import type { Actor } from '../kernel/user.js';
import { recordAudit } from '../modules/audit/service.js';

/** Delete every household of a county (members, years and history cascade); audited. */
export async function deleteCountyHouseholds(
  db: Kysely<DB>,
  countyCode: string,
  actor: Actor,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const r = await sql`delete from household where village_code like ${countyCode + '%'}`.execute(trx);
    const n = Number(r.numAffectedRows ?? 0);
    if (n > 0) {
      await recordAudit(trx, actor, {
        action: 'demo.delete',
        entityType: 'region',
        entityId: countyCode,
        regionCode: countyCode,
        before: { households: n },
        reason: 'demo regenerated',
      });
    }
    return n;
  });
}
