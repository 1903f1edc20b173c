import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import {
  drawSample,
  type SampleCell,
  type SampledVillage,
  type Stratum,
} from '../../domain/evaluation/design.js';
import { estimateProportion, type Observation } from '../../domain/evaluation/estimate.js';
import { evaluationVerdict } from '../../domain/evaluation/verdict.js';
import { permissionsOf } from '../../domain/roles.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import { AppError } from '../../kernel/errors.js';
import { assertInScope } from '../../kernel/scope.js';
import { recordAudit } from '../audit/service.js';
import type { AuthUser } from '../../kernel/user.js';
import { satisfactionFigures } from '../grievances/service.js';
import { evaluationRepository as repo } from './repository.js';

/**
 * Third-party evaluation (第三方评估): draw a stratified sample of a county (src/domain/evaluation),
 * record the field checks, and compute design-based 错退率, 漏评率 and approval with 95 % intervals
 * and the county-exit verdict. Drawing and each check are audited.
 */
export interface DrawInput {
  region: string;
  year: number;
  villagesPerTownship: number;
  exitedPerVillage: number;
  otherPerVillage: number;
  seed?: string | undefined;
  note?: string | undefined;
}

export interface CheckInput {
  version: number;
  checkStatus: 'checked' | 'unreachable';
  wronglyExited?: boolean | null | undefined;
  eligibleUnregistered?: boolean | null | undefined;
  approves?: boolean | null | undefined;
  note?: string | null | undefined;
}

const actorOf = (u: AuthUser) => ({ id: u.id, name: u.username });

export type ParamsFor = (region: string, date: string) => Promise<PolicyParams>;

export function createEvaluationService(db: Kysely<DB>, paramsFor: ParamsFor) {
  async function sampleInScope(user: AuthUser, id: string) {
    const s = await repo.sample(db, id);
    if (!s) throw new AppError('E_NOT_FOUND', `No evaluation sample ${id}`);
    // a township officer works on the part of a county sample in the township
    if (!user.scopeCode.startsWith(s.region_code)) assertInScope(user, s.region_code);
    return s;
  }

  async function estimates(id: string, region: string, year: number) {
    const [villageRows, cellRows, answers] = await Promise.all([
      repo.villages(db, id),
      repo.cells(db, id),
      repo.answers(db, id),
    ]);
    const villages: SampledVillage[] = villageRows.map((v) => ({
      code: v.village_code,
      township: v.township_code,
      townshipVillages: v.township_villages,
      townshipSampled: v.township_sampled,
    }));
    const cells: SampleCell[] = cellRows.map((c) => ({
      village: c.village_code,
      stratum: c.stratum as Stratum,
      frame: c.frame,
      sampled: c.sampled,
    }));
    const observe = (pick: (a: (typeof answers)[number]) => boolean | null): Observation[] =>
      answers.map((a) => {
        const v = a.check_status === 'checked' ? pick(a) : null;
        return { village: a.village_code, stratum: a.stratum as Stratum, y: v === null ? null : v ? 1 : 0 };
      });
    const outside = (s: Stratum) => s !== 'exited';
    const all = {
      wrongExit: observe((a) => a.wrongly_exited),
      omission: observe((a) => a.eligible_unregistered),
      approval: observe((a) => a.approves),
    };
    const compute = (vs: SampledVillage[]) => {
      const codes = new Set(vs.map((v) => v.code));
      const only = (o: Observation[]) => o.filter((x) => codes.has(x.village));
      return {
        wrongExit: estimateProportion(vs, cells, only(all.wrongExit), (s) => s === 'exited'),
        omission: estimateProportion(vs, cells, only(all.omission), outside),
        approval: estimateProportion(vs, cells, only(all.approval), () => true),
      };
    };
    const overall = compute(villages);
    const townships = [...new Set(villages.map((v) => v.township))].sort().map((t) => {
      const row = villageRows.find((v) => v.township_code === t);
      return { code: t, name: row?.township_name ?? t, ...compute(villages.filter((v) => v.township === t)) };
    });
    const params = await paramsFor(region, `${year}-12-31`);
    const incidence = await repo.incidence(db, region, year);
    const verdict = evaluationVerdict(overall, incidence, params);
    // households' own feedback in the registry (grievance outcomes, help ratings): beside the
    // surveyed approval, not part of the veto
    const f = (await satisfactionFigures(db, region, year)).total;
    const feedback = {
      grievances: f.grievances,
      withFeedback: f.withFeedback,
      shareSatisfied: f.shareSatisfied,
      ratings: f.ratings,
      meanRating: f.meanRating,
    };
    const progress = {
      total: answers.length,
      checked: answers.filter((a) => a.check_status === 'checked').length,
      unreachable: answers.filter((a) => a.check_status === 'unreachable').length,
    };
    return { overall, townships, verdict, incidence, progress, feedback, thresholds: params.evaluationVeto };
  }

  return {
    async draw(user: AuthUser, input: DrawInput) {
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
      const seed = input.seed ?? `${input.region}-${input.year}-${Date.now()}`;
      const sample = drawSample(villages, households, { ...input, seed });
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
        const byStratum = Object.fromEntries(
          ['exited', 'outside_vulnerable', 'outside_other'].map((s) => [
            s,
            sample.households.filter((h) => h.stratum === s).length,
          ]),
        );
        await recordAudit(trx, actorOf(user), {
          action: 'evaluation.sample',
          entityType: 'evaluation_sample',
          entityId: id,
          regionCode: input.region,
          after: { year: input.year, seed, villages: sample.villages.length, households: byStratum },
        });
        return {
          id,
          villages: sample.villages.length,
          households: sample.households.length,
          byStratum,
          seed,
        };
      });
    },

    async list(user: AuthUser, region: string | undefined) {
      const scope = region ?? user.scopeCode;
      assertInScope(user, scope);
      // a township officer also sees the samples of the county it belongs to
      const rows = await repo.samples(db, scope.length > 6 ? scope.slice(0, 6) : scope);
      return rows.map((r) => ({
        id: r.id,
        region: r.region_code,
        regionName: r.region_name,
        year: r.year,
        seed: r.seed,
        villagesPerTownship: r.villages_per_township,
        exitedPerVillage: r.exited_per_village,
        otherPerVillage: r.other_per_village,
        note: r.note,
        createdAt: new Date(r.created_at).toISOString(),
        createdBy: r.created_by_name ?? null,
        households: Number(r.households ?? 0),
        done: Number(r.done ?? 0),
      }));
    },

    async get(user: AuthUser, id: string) {
      const s = await sampleInScope(user, id);
      const villages = await repo.villages(db, id);
      return {
        id: s.id,
        region: s.region_code,
        regionName: s.region_name,
        year: s.year,
        seed: s.seed,
        villagesPerTownship: s.villages_per_township,
        exitedPerVillage: s.exited_per_village,
        otherPerVillage: s.other_per_village,
        note: s.note,
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

    async households(
      user: AuthUser,
      id: string,
      q: {
        village?: string | undefined;
        stratum?: string | undefined;
        status?: string | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      await sampleInScope(user, id);
      const { total, rows } = await repo.households(db, id, {
        scope: user.scopeCode,
        village: q.village,
        stratum: q.stratum,
        status: q.status,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return {
        total,
        page: q.page,
        pageSize: q.pageSize,
        items: rows.map((r) => ({
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
        })),
      };
    },

    async recordCheck(user: AuthUser, sampleId: string, householdId: string, input: CheckInput) {
      if (!permissionsOf(user.role).recordEvaluationChecks)
        throw new AppError('E_FORBIDDEN', 'Only township officers and above record evaluation checks');
      await sampleInScope(user, sampleId);
      const row = await repo.sampledHousehold(db, sampleId, householdId);
      if (!row) throw new AppError('E_NOT_FOUND', `Household ${householdId} is not in sample ${sampleId}`);
      assertInScope(user, row.village_code);
      const exited = row.stratum === 'exited';
      const checked = input.checkStatus === 'checked';
      if (exited && input.eligibleUnregistered != null)
        throw new AppError(
          'E_VALIDATION',
          'eligibleUnregistered: an exited household is checked for a wrong exit, not omission',
        );
      if (!exited && input.wronglyExited != null)
        throw new AppError(
          'E_VALIDATION',
          'wronglyExited: a household outside the registry is checked for omission, not a wrong exit',
        );
      if (checked && exited && input.wronglyExited == null)
        throw new AppError('E_VALIDATION', 'wronglyExited: required for a checked exited household');
      if (checked && !exited && input.eligibleUnregistered == null)
        throw new AppError(
          'E_VALIDATION',
          'eligibleUnregistered: required for a checked household outside the registry',
        );
      if (checked && input.approves == null)
        throw new AppError('E_VALIDATION', 'approves: required for a checked household (群众认可度)');
      const values = {
        check_status: input.checkStatus,
        wrongly_exited: checked && exited ? (input.wronglyExited ?? null) : null,
        eligible_unregistered: checked && !exited ? (input.eligibleUnregistered ?? null) : null,
        approves: checked ? (input.approves ?? null) : null,
        note: input.note?.trim() || null,
        checked_by: user.id,
      };
      return db.transaction().execute(async (trx) => {
        const updated = await repo.recordCheck(trx, sampleId, householdId, input.version, values);
        if (!updated)
          throw new AppError(
            'E_CONFLICT',
            `Household ${householdId} of sample ${sampleId} was changed by someone else; reload`,
            {
              currentVersion: row.version,
            },
          );
        await recordAudit(trx, actorOf(user), {
          action: 'evaluation.check',
          entityType: 'evaluation_sample',
          entityId: sampleId,
          regionCode: row.village_code,
          before: {
            householdId,
            checkStatus: row.check_status,
            wronglyExited: row.wrongly_exited,
            eligibleUnregistered: row.eligible_unregistered,
            approves: row.approves,
          },
          after: { householdId, ...values },
        });
        return { version: updated.version, checkStatus: updated.check_status };
      });
    },

    async estimates(user: AuthUser, id: string) {
      const s = await sampleInScope(user, id);
      return estimates(id, s.region_code, s.year);
    },
  };
}

export type EvaluationService = ReturnType<typeof createEvaluationService>;
