import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { drawSample } from '../../domain/evaluation/design.js';
import { permissionsOf } from '../../domain/roles.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { assertInScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { evaluationRepository as repo } from './repository.js';

/** Drawing the stratified sample of a county (src/domain/evaluation/design.ts); audited. */
export interface DrawInput {
  region: string;
  year: number;
  villagesPerTownship: number;
  exitedPerVillage: number;
  otherPerVillage: number;
  seed?: string | undefined;
  note?: string | undefined;
}

const STRATA = ['exited', 'outside_vulnerable', 'outside_other'];

export function createSampleDraw(db: Kysely<DB>, clock: Clock) {
  return async function draw(user: AuthUser, input: DrawInput) {
    if (!permissionsOf(user.role).drawEvaluationSamples)
      throw new AppError('E_FORBIDDEN', 'Only county officers and above draw evaluation samples');
    if (input.region.length !== 6)
      throw new AppError(
        'E_VALIDATION',
        `region ${input.region}: an evaluation sample is drawn for a county (6 digits)`,
      );
    assertInScope(user, input.region);
    const villages = await repo.frameVillages(db, input.region);
    if (villages.length === 0)
      throw new AppError('E_VALIDATION', `region ${input.region} has no villages to sample`);
    const households = await repo.frameHouseholds(db, input.region, input.year);
    const seed = input.seed ?? `${input.region}-${input.year}-${clock.now().getTime()}`;
    const sample = drawSample(villages, households, { ...input, seed });
    const byStratum = Object.fromEntries(
      STRATA.map((s) => [s, sample.households.filter((h) => h.stratum === s).length]),
    );
    return db.transaction().execute(async (trx) => {
      const id = await repo.insertSample(
        trx,
        {
          region_code: input.region,
          year: input.year,
          seed,
          villages_per_township: input.villagesPerTownship,
          exited_per_village: input.exitedPerVillage,
          other_per_village: input.otherPerVillage,
          note: input.note ?? null,
          created_by: user.id,
        },
        sample,
      );
      await recordAudit(trx, actorOf(user), {
        action: 'evaluation.sample',
        entityType: 'evaluation_sample',
        entityId: id,
        regionCode: input.region,
        after: { year: input.year, seed, villages: sample.villages.length, households: byStratum },
      });
      return { id, villages: sample.villages.length, households: sample.households.length, byStratum, seed };
    });
  };
}
