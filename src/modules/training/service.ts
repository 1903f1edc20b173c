import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/types.js';
import { permissionsOf } from '../../domain/roles.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { trainingRepository as repo } from './repository.js';

const dto = (t: Selectable<DB['cadre_training']>) => ({
  id: t.id,
  cadreId: t.cadre_id,
  region: t.region_code,
  trainedOn: t.trained_on,
  topic: t.topic,
  hours: Number(t.hours),
  organiser: t.organiser,
});

/**
 * Cadres' training records (issue 21 item 8): date, topic, hours, organiser, kept by the township and
 * above for the cadres in their scope (audited), read by whoever reads the cadre; counted per
 * township for a year.
 */
export function createTrainingService(db: Kysely<DB>, clock: Clock) {
  async function cadreOf(user: AuthUser, id: string) {
    const c = await repo.cadre(db, id);
    assertObjectInScope(user, c?.region_code, 'cadre', id);
    if (!c) throw notFound('cadre', id);
    return c;
  }

  return {
    async list(user: AuthUser, cadreId: string) {
      await cadreOf(user, cadreId);
      return (await repo.ofCadre(db, cadreId)).map(dto);
    },

    async record(
      user: AuthUser,
      cadreId: string,
      input: { trainedOn: string; topic: string; hours: number; organiser: string },
    ) {
      const c = await cadreOf(user, cadreId);
      if (!permissionsOf(user.role).manageResponsibility)
        throw new AppError('E_FORBIDDEN', 'Only township officers and above record training', {
          messageZh: '培训记录由乡镇及以上录入',
        });
      if (input.trainedOn > clock.today())
        throw new AppError('E_VALIDATION', `Invalid body.trainedOn: ${input.trainedOn} is in the future`, {
          field: 'body.trainedOn',
          messageZh: '培训日期不能晚于今天',
        });
      return db.transaction().execute(async (trx) => {
        const row = await repo.insert(trx, {
          cadre_id: cadreId,
          region_code: c.region_code,
          trained_on: input.trainedOn,
          topic: input.topic,
          hours: String(input.hours),
          organiser: input.organiser,
          created_by: user.id,
        });
        await recordAudit(trx, actorOf(user), {
          action: 'training.record',
          entityType: 'cadre',
          entityId: cadreId,
          regionCode: c.region_code,
          after: {
            trainedOn: input.trainedOn,
            topic: input.topic,
            hours: input.hours,
            organiser: input.organiser,
          },
        });
        return dto(row);
      });
    },

    async summary(user: AuthUser, q: { region?: string | undefined; year?: number | undefined }) {
      const region = scopeFor(user, q.region);
      const year = q.year ?? Number(clock.today().slice(0, 4));
      const rows = await repo.perTownship(db, region, `${year}-01-01`, `${year}-12-31`);
      return {
        region,
        year,
        townships: rows.map((r) => ({
          township: r.township,
          name: r.name,
          records: Number(r.records),
          cadres: Number(r.cadres),
          hours: Number(r.hours),
        })),
      };
    },
  };
}
export type TrainingService = ReturnType<typeof createTrainingService>;
