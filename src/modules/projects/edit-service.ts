import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { checkAdmission, type AdmissionGap } from '../../domain/projects/admission.js';
import type { FundSource, LinkageType, OperatingStatus, ProjectType } from '../../domain/projects/kinds.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope, assertObjectInScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { assertManager } from './access.js';
import { projectRepository as repo } from './repository.js';

export interface NewProject {
  name: string;
  projectType: ProjectType;
  villageCode: string;
  startYear: number;
  operator?: string | null | undefined;
  indicators: { name: string; targetValue: number | null; unit: string }[];
  linkages: LinkageType[];
  linkageNote: string;
}

export interface FollowUp {
  checkedOn: string;
  operatingStatus: OperatingStatus;
  assetStatus: 'good' | 'damaged' | 'lost';
  incomePersists: boolean;
  revivalPlan?: string | undefined;
  newOperator?: string | undefined;
  note?: string | undefined;
}

const ok = () => ({ ok: true as const });

/** The fields these errors name, in Chinese (the project page's labels). */
const FIELD_ZH: Record<string, string> = { completedOn: '竣工日期', checkedOn: '跟踪日期' };
/** What a project needs to enter the library (src/domain/projects/admission.ts), in Chinese. */
const GAP_ZH: Record<AdmissionGap, string> = {
  performance_targets: '绩效目标（至少一项有名称、目标值和单位的可衡量指标）',
  benefit_linkage: '利益联结（至少一种联结方式，并说明农户如何受益）',
};

/** A date the user states must not lie after today. */
function notInFuture(field: string, date: string, today: string) {
  if (date > today)
    throw new AppError('E_VALIDATION', `${field} ${date} lies in the future`, {
      field,
      messageZh: `${FIELD_ZH[field] ?? field} ${date} 晚于今天（${today}）`,
    });
}

/** Insert an admitted project with its measurable indicators and its linkages; returns its id. */
async function insertProject(trx: Kysely<DB>, user: AuthUser, b: NewProject) {
  const id = await repo.insert(trx, {
    name: b.name.trim(),
    project_type: b.projectType,
    village_code: b.villageCode,
    start_year: b.startYear,
    operator: b.operator ?? null,
    linkage_note: b.linkageNote.trim(),
    created_by: user.username,
  });
  const measurable = b.indicators.filter((i) => i.targetValue !== null && i.targetValue > 0 && i.unit.trim());
  await repo.insertIndicators(
    trx,
    measurable.map((i) => ({
      project_id: id,
      name: i.name.trim(),
      target_value: i.targetValue!,
      unit: i.unit.trim(),
    })),
  );
  await repo.insertLinkages(
    trx,
    [...new Set(b.linkages)].map((l) => ({ project_id: id, linkage_type: l })),
  );
  return id;
}

/** Changes to the project library: admission, funds, beneficiaries and benefits, completion, follow-ups. */
export function createProjectEditService(db: Kysely<DB>, clock: Clock) {
  /** A write: a manager, the project in scope; the write and its audit event share one transaction. */
  async function write<T>(
    user: AuthUser,
    id: string,
    action: Parameters<typeof recordAudit>[2]['action'],
    after: unknown,
    fn: (trx: Kysely<DB>) => Promise<T>,
  ) {
    assertManager(user, 'change projects');
    const p = await repo.byId(db, id);
    if (!p) throw notFound('project', id);
    assertObjectInScope(user, p.village_code, 'project', id);
    return db.transaction().execute(async (trx) => {
      const out = await fn(trx);
      await recordAudit(trx, actorOf(user), {
        action,
        entityType: 'project',
        entityId: id,
        regionCode: p.village_code,
        after,
      });
      return out;
    });
  }

  return {
    /** Admission to the library: refused (E_REQUIREMENT) without performance targets or benefit linkage. */
    async create(user: AuthUser, b: NewProject) {
      assertManager(user, 'enter projects');
      assertInScope(user, b.villageCode);
      const check = checkAdmission(b);
      if (!check.admitted)
        throw new AppError(
          'E_REQUIREMENT',
          `Project "${b.name}" cannot enter the library: missing ${check.reasons.join('; ')}`,
          {
            missing: check.missing,
            messageZh: `项目“${b.name}”不能入库：缺少${check.missing.map((m) => GAP_ZH[m]).join('；')}`,
          },
        );
      if ((await repo.regionLevel(db, b.villageCode)) !== 5)
        throw new AppError('E_VALIDATION', `${b.villageCode} is not a village`, {
          field: 'villageCode',
          messageZh: `${b.villageCode} 不是村`,
        });
      return db.transaction().execute(async (trx) => {
        const id = await insertProject(trx, user, b);
        await recordAudit(trx, actorOf(user), {
          action: 'project.create',
          entityType: 'project',
          entityId: id,
          regionCode: b.villageCode,
          after: b,
        });
        return { id };
      });
    },

    setFund: (
      user: AuthUser,
      id: string,
      f: { source: FundSource; year: number; allocated: number; disbursed: number },
    ) => {
      if (f.disbursed > f.allocated)
        throw new AppError(
          'E_VALIDATION',
          `disbursed ${f.disbursed} exceeds allocated ${f.allocated} (${f.source} ${f.year})`,
          {
            field: 'disbursed',
            messageZh: `已拨付 ${f.disbursed} 元超过已安排 ${f.allocated} 元（${f.year} 年）`,
          },
        );
      return write(user, id, 'project.fund', f, (trx) =>
        repo.upsertFund(trx, { project_id: id, ...f }).then(ok),
      );
    },

    async addBeneficiary(user: AuthUser, id: string, b: { householdId: string; linkageType: LinkageType }) {
      const h = await repo.household(db, b.householdId);
      if (!h) throw notFound('household', b.householdId);
      assertObjectInScope(user, h.village_code, 'household', b.householdId);
      return write(user, id, 'project.beneficiary', b, (trx) =>
        repo
          .addBeneficiary(trx, { project_id: id, household_id: b.householdId, linkage_type: b.linkageType })
          .then(ok),
      );
    },

    async recordBenefit(
      user: AuthUser,
      id: string,
      b: { householdId: string; year: number; amount: number },
    ) {
      // inside the write: the project's scope is checked before its beneficiaries are looked at
      return write(user, id, 'project.benefit', b, async (trx) => {
        if (!(await repo.isBeneficiary(trx, id, b.householdId)))
          throw new AppError(
            'E_VALIDATION',
            `Household ${b.householdId} is not a beneficiary of project ${id}`,
            { field: 'householdId', messageZh: '该户不是本项目的受益户' },
          );
        return repo
          .upsertBenefit(trx, { project_id: id, household_id: b.householdId, year: b.year, amount: b.amount })
          .then(ok);
      });
    },

    complete: (user: AuthUser, id: string, b: { completedOn: string }) => {
      notInFuture('completedOn', b.completedOn, clock.today());
      return write(user, id, 'project.complete', b, (trx) => repo.complete(trx, id, b.completedOn).then(ok));
    },

    /** Yearly follow-up; 'revival' needs a revival plan; a new operator reassigns the asset. */
    followUp(user: AuthUser, id: string, f: FollowUp) {
      if (f.operatingStatus === 'revival' && !f.revivalPlan?.trim())
        throw new AppError('E_VALIDATION', 'revivalPlan is required when operatingStatus is revival', {
          field: 'revivalPlan',
          messageZh: '运营状态为“盘活中”时须填写盘活方案',
        });
      notInFuture('checkedOn', f.checkedOn, clock.today());
      return write(user, id, 'project.followup', f, async (trx) => {
        const fid = await repo.insertFollowup(trx, {
          project_id: id,
          checked_on: f.checkedOn,
          operating_status: f.operatingStatus,
          asset_status: f.assetStatus,
          income_persists: f.incomePersists,
          revival_plan: f.revivalPlan?.trim() || null,
          note: f.note?.trim() || null,
          recorded_by: user.username,
        });
        if (f.newOperator?.trim()) await repo.setOperator(trx, id, f.newOperator.trim());
        return { id: fid };
      });
    },
  };
}
export type ProjectEditService = ReturnType<typeof createProjectEditService>;
