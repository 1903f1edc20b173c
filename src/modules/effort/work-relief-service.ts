import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { IncomeMonthValue } from '../../domain/facts/kinds.js';
import { AppError } from '../../kernel/errors.js';
import { assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { checkFact, settingFor, writeFact, type FactServiceDeps } from '../household-facts/service.js';
import { householdIn, invalid, memberOf, need, shown } from './access.js';
import { wageDto } from './present.js';
import { effortRepository as repo } from './repository.js';

export interface WageInput {
  memberId: string;
  period: string;
  days: number;
  amount: number;
  paidOn: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The wage written into the income month: the current record's items with the wage raised. */
async function intoIncome(
  deps: FactServiceDeps,
  trx: Kysely<DB>,
  user: AuthUser,
  h: { id: string; village_code: string },
  w: WageInput,
  projectId: string,
) {
  const today = deps.clock.today();
  const [old] = await repo.incomeMonth(trx, h.id, w.period);
  const items = { ...((old?.value as IncomeMonthValue | undefined)?.items ?? {}) } as Record<string, number>;
  items.wage = round2((items.wage ?? 0) + w.amount);
  const checked = await checkFact(
    trx,
    h.id,
    {
      kind: 'income_month',
      memberId: null,
      observedOn: `${w.period}-01`,
      source: 'document',
      sourceRef: `以工代赈项目 #${projectId}`,
      value: { month: w.period, items },
    },
    today,
    'body',
  );
  if (!checked.ok) {
    const p = checked.problems[0]!;
    throw invalid('body.period', p.message, p.messageZh);
  }
  return writeFact(trx, user, h, checked.fact, {
    setting: await settingFor(deps, h.village_code, today),
    now: deps.clock.now(),
    supersedes: old ?? null,
    note: `以工代赈工资 ${w.amount} 元（项目 #${projectId}）`,
  });
}

/**
 * Work relief (以工代赈): a project of the project library flagged as work relief pays wages to
 * members of local households (the project's county). Each wage is written, in the same
 * transaction, into the household's recorded income month (household_fact income_month, the
 * period's month): the month's current record with its wage item raised by the amount supersedes
 * the old one through the facts module's own recording (maker–checker, history, audit), so the
 * rules and measures reading recorded income see it.
 */
export function createWorkReliefService(db: Kysely<DB>, deps: FactServiceDeps) {
  const { clock } = deps;
  const mayManage = (user: AuthUser) =>
    need(
      user,
      'manageAssistance',
      'Work relief is kept by the township and above',
      '以工代赈由乡镇及以上管理',
    );

  async function projectIn(dbx: Kysely<DB>, user: AuthUser, id: string) {
    const p = await repo.project(dbx, id);
    assertObjectInScope(user, p?.village_code, 'project', id);
    return p!;
  }

  return {
    async projects(user: AuthUser, region: string | undefined) {
      const rows = await repo.workReliefProjects(db, scopeFor(user, region));
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        villageCode: r.village_code,
        startYear: r.start_year,
        wages: Number(r.wages),
        paid: Number(r.paid),
        workers: Number(r.workers),
      }));
    },

    async flag(user: AuthUser, projectId: string, on: boolean) {
      mayManage(user);
      return db.transaction().execute(async (trx) => {
        const p = await projectIn(trx, user, projectId);
        await repo.setWorkRelief(trx, projectId, on);
        await recordAudit(trx, actorOf(user), {
          action: 'effort.work_relief',
          entityType: 'project',
          entityId: projectId,
          regionCode: p.village_code,
          before: { workRelief: p.work_relief },
          after: { workRelief: on },
        });
        return { id: projectId, workRelief: on };
      });
    },

    async wages(user: AuthUser, projectId: string) {
      await projectIn(db, user, projectId);
      const rows = await repo.wages(db, projectId, user.scopeCode);
      return shown(
        user,
        clock.today(),
        rows.map((r) => wageDto(r)),
      );
    },

    async pay(user: AuthUser, projectId: string, w: WageInput) {
      mayManage(user);
      const today = clock.today();
      if (w.paidOn > today)
        throw invalid('body.paidOn', `${w.paidOn} is in the future`, '发放日期不能晚于今天');
      if (`${w.period}-01` > today)
        throw invalid('body.period', `${w.period} is in the future`, '工资所属月份不能晚于本月');
      return db.transaction().execute(async (trx) => {
        const p = await projectIn(trx, user, projectId);
        const m = await memberOf(trx, user, null, w.memberId);
        if (!p.work_relief)
          throw new AppError('E_CONFLICT', `Project ${projectId} is not a work-relief project`, {
            messageZh: '该项目不是以工代赈项目',
          });
        if (m.village_code.slice(0, 6) !== p.village_code.slice(0, 6))
          throw invalid(
            'body.memberId',
            'the worker must be of a household of the project’s county',
            '务工人员须为项目所在县的本地农户成员',
          );
        const h = await householdIn(trx, user, m.household_id, true);
        const fact = await intoIncome(deps, trx, user, h, w, projectId);
        const row = await repo.insertWage(trx, {
          project_id: projectId,
          village_code: h.village_code,
          household_id: h.id,
          member_id: m.id,
          period: w.period,
          days: w.days,
          amount: w.amount,
          paid_on: w.paidOn,
          fact_id: fact.id,
          recorded_by: user.id,
          recorded_at: clock.now(),
        });
        await recordAudit(trx, actorOf(user), {
          action: 'effort.wage',
          entityType: 'project',
          entityId: projectId,
          regionCode: h.village_code,
          after: {
            wage: row.id,
            household: h.id,
            member: m.id,
            period: w.period,
            days: w.days,
            amount: w.amount,
            fact: fact.id,
            factState: fact.state,
          },
        });
        return shown(user, today, {
          ...wageDto({ ...row, member_name: m.name, project_name: p.name }),
          factState: fact.state,
        });
      });
    },
  };
}
export type WorkReliefService = ReturnType<typeof createWorkReliefService>;
