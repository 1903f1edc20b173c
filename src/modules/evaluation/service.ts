import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { assertObjectInScope, containsScope, scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { createCheckRecorder } from './check-service.js';
import { createSampleDraw } from './draw-service.js';
import { sampleEstimates, type ParamsFor } from './estimates.js';
import { evaluationRepository as repo } from './repository.js';

export type { CheckInput } from './check-service.js';
export type { DrawInput } from './draw-service.js';
export type { ParamsFor } from './estimates.js';

/**
 * Third-party evaluation (第三方评估): draw a stratified sample of a county (draw-service.ts),
 * record the field checks (check-service.ts), and compute design-based 错退率, 漏评率 and approval
 * with 95 % intervals and the county-exit verdict (estimates.ts). Drawing and each check are audited.
 */
export interface HouseholdQuery {
  village?: string | undefined;
  stratum?: string | undefined;
  status?: string | undefined;
  page: number;
  pageSize: number;
}

type SampleRow = Pick<
  NonNullable<Awaited<ReturnType<typeof repo.sample>>>,
  | 'id'
  | 'region_code'
  | 'region_name'
  | 'year'
  | 'seed'
  | 'villages_per_township'
  | 'exited_per_village'
  | 'other_per_village'
  | 'note'
>;
type SampledRow = Awaited<ReturnType<typeof repo.households>>['rows'][number];

const sampleSummary = (s: SampleRow) => ({
  id: s.id,
  region: s.region_code,
  regionName: s.region_name,
  year: s.year,
  seed: s.seed,
  villagesPerTownship: s.villages_per_township,
  exitedPerVillage: s.exited_per_village,
  otherPerVillage: s.other_per_village,
  note: s.note,
});

const sampledHousehold = (r: SampledRow) => ({
  householdId: r.household_id,
  householdNo: r.household_no,
  headName: r.head_name ?? '',
  householdStatus: r.status,
  householdType: r.household_type,
  villageCode: r.village_code,
  villageName: r.village_name,
  stratum: r.stratum,
  weight: r.weight,
  checkStatus: r.check_status,
  wronglyExited: r.wrongly_exited,
  eligibleUnregistered: r.eligible_unregistered,
  approves: r.approves,
  note: r.note,
  checkedAt: r.checked_at ? new Date(r.checked_at).toISOString() : null,
  version: r.version,
});

export function createEvaluationService(db: Kysely<DB>, paramsFor: ParamsFor, clock: Clock) {
  async function sampleInScope(user: AuthUser, id: string) {
    const s = await repo.sample(db, id);
    if (!s) throw new AppError('E_NOT_FOUND', `No evaluation sample ${id}`);
    // a township officer works on the part of a county sample in the township
    if (!containsScope(user, s.region_code))
      assertObjectInScope(
        user,
        s.region_code,
        () => new AppError('E_NOT_FOUND', `No evaluation sample ${id}`),
      );
    return s;
  }

  return {
    draw: createSampleDraw(db, clock),
    recordCheck: createCheckRecorder(db, sampleInScope),

    async list(user: AuthUser, region: string | undefined) {
      const scope = scopeFor(user, region);
      // a township officer also sees the samples of the county it belongs to
      const rows = await repo.samples(db, scope.length > 6 ? scope.slice(0, 6) : scope);
      return rows.map((r) => ({
        ...sampleSummary(r),
        createdAt: new Date(r.created_at).toISOString(),
        createdBy: r.created_by_name ?? null,
        households: Number(r.households ?? 0),
        done: Number(r.done ?? 0),
        checked: Number(r.checked ?? 0),
      }));
    },

    async get(user: AuthUser, id: string) {
      const s = await sampleInScope(user, id);
      const villages = await repo.villages(db, id);
      return {
        ...sampleSummary(s),
        villages: villages.map((v) => ({
          code: v.village_code,
          name: v.village_name,
          townshipCode: v.township_code,
          townshipName: v.township_name ?? v.township_code,
          townshipVillages: v.township_villages,
          townshipSampled: v.township_sampled,
        })),
      };
    },

    /** Sampled households within the user's scope, with their field checks. */
    async households(user: AuthUser, id: string, q: HouseholdQuery) {
      await sampleInScope(user, id);
      const { total, rows } = await repo.households(db, id, {
        scope: scopeFor(user),
        village: q.village,
        stratum: q.stratum,
        status: q.status,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return { total, page: q.page, pageSize: q.pageSize, items: rows.map(sampledHousehold) };
    },

    async estimates(user: AuthUser, id: string) {
      const s = await sampleInScope(user, id);
      return sampleEstimates(db, paramsFor, id, s.region_code, s.year);
    },
  };
}

export type EvaluationService = ReturnType<typeof createEvaluationService>;
