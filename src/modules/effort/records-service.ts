import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/types.js';
import { passiveExitFlag } from '../../domain/effort/passive-exit.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import type { Clock } from '../../kernel/clock.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { householdIn, invalid, memberOf, need, shown } from './access.js';
import { employmentDto, entryDto, trainingDto, wageDto } from './present.js';
import { effortRepository as repo } from './repository.js';
import type { Commitment } from './schema.js';

export interface EmploymentInput {
  memberId: string;
  year: number;
  place: string;
  employer?: string | null | undefined;
  reach: 'local' | 'county' | 'province' | 'out_of_province';
  months: number;
  income: number;
  observedOn: string;
  source: string;
  sourceRef?: string | null | undefined;
}

export interface TrainingInput {
  memberId: string;
  course: string;
  organiser: string;
  startedOn: string;
  endedOn: string;
  certificate?: string | null | undefined;
  source: string;
}

export interface RecordsDeps {
  clock: Clock;
  paramsFor: (region: string, date: string) => Promise<PolicyParams>;
  /** The household's commitments (plans/commitment-service.ts), read for the effort tab. */
  commitments: (user: AuthUser, householdId: string) => Promise<z.infer<typeof Commitment>[]>;
}

/**
 * Members' employment and skills training records, and the household's effort as one answer
 * (employment, training, work-relief wages, commitments, ledger, the passive-exit flag of its latest
 * income year). Writes are audited (`effort.record`); personal fields go through FIELD_CLASS.
 */
export function createEffortRecordsService(db: Kysely<DB>, deps: RecordsDeps) {
  const { clock } = deps;
  const mayEdit = (user: AuthUser) =>
    need(
      user,
      'editHouseholds',
      'Your role may not record employment or training',
      '您的角色不能登记务工或培训',
    );

  /** The passive-exit flag of the household's latest income year (household_year), or null. */
  async function passiveExit(householdId: string, village: string) {
    const y = await repo.latestYear(db, householdId);
    if (!y) return null;
    const asOf = `${y.year}-12-31` < clock.today() ? `${y.year}-12-31` : clock.today();
    const line = (await deps.paramsFor(village, asOf)).povertyLine;
    const f = passiveExitFlag(
      { netIncome: Number(y.net_income), transfers: Number(y.transfer_income), size: y.size },
      line,
    );
    return { year: y.year, ...f, reasons: f.reasons.map(({ rests: _r, ...r }) => r) };
  }

  return {
    passiveExit: async (user: AuthUser, householdId: string) => {
      const h = await householdIn(db, user, householdId);
      return passiveExit(h.id, h.village_code);
    },

    async overview(user: AuthUser, householdId: string) {
      const h = await householdIn(db, user, householdId);
      const [employment, training, wages, entries, commitments, flag] = await Promise.all([
        repo.employment(db, h.id),
        repo.training(db, h.id),
        repo.wagesOfHousehold(db, h.id),
        repo.entries(db, h.id),
        deps.commitments(user, h.id),
        passiveExit(h.id, h.village_code),
      ]);
      return shown(user, clock.today(), {
        householdId: h.id,
        employment: employment.map(employmentDto),
        training: training.map(trainingDto),
        wages: wages.map(wageDto),
        commitments,
        ledger: {
          householdId: h.id,
          balance: entries[0]?.balance_after ?? 0,
          entries: entries.map(entryDto),
        },
        passiveExit: flag,
      });
    },

    async addEmployment(user: AuthUser, householdId: string, b: EmploymentInput) {
      mayEdit(user);
      const h = await householdIn(db, user, householdId);
      const m = await memberOf(db, user, h.id, b.memberId);
      if (b.observedOn > clock.today())
        throw invalid('body.observedOn', 'in the future', '记录日期不能晚于今天');
      if (b.year > Number(clock.today().slice(0, 4)))
        throw invalid('body.year', 'in the future', '年份不能晚于今年');
      return db.transaction().execute(async (trx) => {
        const row = await repo.insertEmployment(trx, {
          village_code: h.village_code,
          household_id: h.id,
          member_id: m.id,
          year: b.year,
          place: b.place,
          employer: b.employer ?? null,
          reach: b.reach,
          months: b.months,
          income: b.income,
          observed_on: b.observedOn,
          source: b.source,
          source_ref: b.sourceRef ?? null,
          recorded_by: user.id,
          recorded_at: clock.now(),
        });
        await recordAudit(trx, actorOf(user), {
          action: 'effort.record',
          entityType: 'household',
          entityId: h.id,
          regionCode: h.village_code,
          after: {
            kind: 'employment',
            id: row.id,
            member: m.id,
            year: b.year,
            reach: b.reach,
            months: b.months,
            income: b.income,
          },
        });
        return shown(user, clock.today(), employmentDto({ ...row, member_name: m.name }));
      });
    },

    async addTraining(user: AuthUser, householdId: string, b: TrainingInput) {
      mayEdit(user);
      const h = await householdIn(db, user, householdId);
      const m = await memberOf(db, user, h.id, b.memberId);
      if (b.endedOn < b.startedOn)
        throw invalid('body.endedOn', 'before body.startedOn', '结束日期不能早于开始日期');
      if (b.startedOn > clock.today())
        throw invalid('body.startedOn', 'in the future', '开始日期不能晚于今天');
      return db.transaction().execute(async (trx) => {
        const row = await repo.insertTraining(trx, {
          village_code: h.village_code,
          household_id: h.id,
          member_id: m.id,
          course: b.course,
          organiser: b.organiser,
          started_on: b.startedOn,
          ended_on: b.endedOn,
          certificate: b.certificate ?? null,
          source: b.source,
          recorded_by: user.id,
          recorded_at: clock.now(),
        });
        await recordAudit(trx, actorOf(user), {
          action: 'effort.record',
          entityType: 'household',
          entityId: h.id,
          regionCode: h.village_code,
          after: { kind: 'training', id: row.id, member: m.id, course: b.course, endedOn: b.endedOn },
        });
        return shown(user, clock.today(), trainingDto({ ...row, member_name: m.name }));
      });
    },
  };
}
export type EffortRecordsService = ReturnType<typeof createEffortRecordsService>;
