import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { checkAdmission } from '../../domain/projects/admission.js';
import type { FundSource, LinkageType, OperatingStatus, ProjectType } from '../../domain/projects/kinds.js';
import { concentration, costSignals, idleReasons } from '../../domain/projects/signals.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope } from '../../kernel/scope.js';
import { recordAudit } from '../audit/service.js';
import type { AuthUser } from '../../kernel/user.js';
import { actorOf, assertManager, regionOf } from './access.js';
import { projectRepository as repo, type ProjectListRow } from './repository.js';
import type { Clock } from '../../kernel/clock.js';

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

/** Signals of every project of a list: cost vs peers (bonsai) and idle reasons. */
function withSignals(rows: readonly ProjectListRow[], today: Date) {
  const lastYear = today.getUTCFullYear() - 1;
  const costs = new Map(
    costSignals(
      rows.map((r) => ({
        id: r.id,
        type: r.project_type,
        funds: Number(r.allocated),
        beneficiaries: r.beneficiaries,
      })),
    ).map((s) => [s.id, s]),
  );
  return rows.map((r) => {
    const c = costs.get(r.id)!;
    return {
      id: r.id,
      name: r.name,
      projectType: r.project_type,
      villageCode: r.village_code,
      villageName: r.village_name,
      startYear: r.start_year,
      completedOn: r.completed_on,
      operator: r.operator,
      linkages: r.linkages,
      allocated: Number(r.allocated),
      disbursed: Number(r.disbursed),
      beneficiaries: r.beneficiaries,
      benefitLastYear: Number(r.benefit_last_year),
      latestStatus: r.latest_status,
      latestCheckedOn: r.latest_checked_on,
      costPerBeneficiary: c.costPerBeneficiary,
      peerMedian: c.peerMedian,
      costRatio: c.ratio,
      bonsai: c.bonsai,
      idle: idleReasons({
        completed: r.completed_on !== null,
        latestStatus: r.latest_status,
        beneficiaries: r.beneficiaries,
        benefitLastYear: Number(r.benefit_last_year),
        completedBeforeLastYear: r.completed_on !== null && Number(r.completed_on.slice(0, 4)) < lastYear,
      }),
    };
  });
}

export function createProjectService(db: Kysely<DB>, clock: Clock) {
  const today = () => clock.today();

  async function load(user: AuthUser, id: string) {
    const p = await repo.byId(db, id);
    if (!p) throw notFound('project', id);
    assertInScope(user, p.village_code);
    return p;
  }

  /** Load for a write: a manager, in scope; the write and its audit event share one transaction. */
  async function write<T>(
    user: AuthUser,
    id: string,
    action: string,
    after: unknown,
    fn: (trx: Kysely<DB>) => Promise<T>,
  ) {
    assertManager(user, 'change projects');
    const p = await load(user, id);
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

  async function list(user: AuthUser, region?: string) {
    const scope = regionOf(user, region);
    assertInScope(user, scope);
    const now = clock.now();
    return withSignals(await repo.list(db, scope, now.getUTCFullYear() - 1), now);
  }

  return {
    async list(user: AuthUser, q: { region?: string | undefined; filter?: 'idle' | 'bonsai' | undefined }) {
      const all = await list(user, q.region);
      const byVillage = new Map<string, number>();
      for (const p of all) byVillage.set(p.villageCode, (byVillage.get(p.villageCode) ?? 0) + p.allocated);
      const conc = concentration([...byVillage].map(([villageCode, funds]) => ({ villageCode, funds })));
      const names = new Map(all.map((p) => [p.villageCode, p.villageName]));
      const items = all.filter((p) =>
        q.filter === 'idle' ? p.idle.length > 0 : q.filter === 'bonsai' ? p.bonsai : true,
      );
      return {
        items,
        counts: {
          all: all.length,
          idle: all.filter((p) => p.idle.length).length,
          bonsai: all.filter((p) => p.bonsai).length,
        },
        funds: { allocated: conc.total, disbursed: all.reduce((s, p) => s + p.disbursed, 0) },
        concentration: {
          hhi: conc.hhi,
          villages: conc.villages,
          top: conc.top.map((t) => ({ ...t, villageName: names.get(t.villageCode) ?? '' })),
        },
      };
    },

    async get(user: AuthUser, id: string) {
      const p = await load(user, id);
      const [indicators, linkages, funds, beneficiaries, followups, listed] = await Promise.all([
        repo.indicators(db, id),
        repo.linkages(db, id),
        repo.funds(db, id),
        repo.beneficiaries(db, id),
        repo.followups(db, id),
        list(user, p.village_code.slice(0, 6)).catch(() => list(user, p.village_code)),
      ]);
      const signals = listed.find((x) => x.id === id)!;
      return {
        ...signals,
        linkageNote: p.linkage_note,
        version: p.version,
        linkages,
        indicators: indicators.map((i) => ({ ...i, targetValue: Number(i.target_value) })),
        funds: funds.map((f) => ({
          id: f.id,
          source: f.source,
          year: f.year,
          allocated: Number(f.allocated),
          disbursed: Number(f.disbursed),
        })),
        beneficiaryList: beneficiaries.map((b) => ({
          householdId: b.household_id,
          householdNo: b.household_no,
          headName: b.head_name ?? '',
          status: b.status,
          linkageType: b.linkage_type,
          benefits: b.benefits ?? {},
        })),
        followups: followups.map((f) => ({
          id: f.id,
          checkedOn: f.checked_on,
          operatingStatus: f.operating_status,
          assetStatus: f.asset_status,
          incomePersists: f.income_persists,
          revivalPlan: f.revival_plan,
          note: f.note,
          recordedBy: f.recorded_by,
        })),
      };
    },

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
          },
        );
      const village = await db
        .selectFrom('region')
        .select('level')
        .where('code', '=', b.villageCode)
        .executeTakeFirst();
      if (village?.level !== 5)
        throw new AppError('E_VALIDATION', `${b.villageCode} is not a village`, { field: 'villageCode' });
      return db.transaction().execute(async (trx) => {
        const id = await repo.insert(trx, {
          name: b.name.trim(),
          project_type: b.projectType,
          village_code: b.villageCode,
          start_year: b.startYear,
          operator: b.operator ?? null,
          linkage_note: b.linkageNote.trim(),
          created_by: user.username,
        });
        const measurable = b.indicators.filter(
          (i) => i.targetValue !== null && i.targetValue > 0 && i.unit.trim(),
        );
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
          { field: 'disbursed' },
        );
      return write(user, id, 'project.fund', f, (trx) =>
        repo.upsertFund(trx, { project_id: id, ...f }).then(() => ({ ok: true as const })),
      );
    },

    async addBeneficiary(user: AuthUser, id: string, b: { householdId: string; linkageType: LinkageType }) {
      const h = await repo.household(db, b.householdId);
      if (!h) throw notFound('household', b.householdId);
      assertInScope(user, h.village_code);
      return write(user, id, 'project.beneficiary', b, (trx) =>
        repo
          .addBeneficiary(trx, { project_id: id, household_id: b.householdId, linkage_type: b.linkageType })
          .then(() => ({ ok: true as const })),
      );
    },

    async recordBenefit(
      user: AuthUser,
      id: string,
      b: { householdId: string; year: number; amount: number },
    ) {
      if (!(await repo.isBeneficiary(db, id, b.householdId)))
        throw new AppError(
          'E_VALIDATION',
          `Household ${b.householdId} is not a beneficiary of project ${id}`,
          { field: 'householdId' },
        );
      return write(user, id, 'project.benefit', b, (trx) =>
        repo
          .upsertBenefit(trx, { project_id: id, household_id: b.householdId, year: b.year, amount: b.amount })
          .then(() => ({ ok: true as const })),
      );
    },

    complete: (user: AuthUser, id: string, b: { completedOn: string }) => {
      if (b.completedOn > today())
        throw new AppError('E_VALIDATION', `completedOn ${b.completedOn} lies in the future`, {
          field: 'completedOn',
        });
      return write(user, id, 'project.complete', b, (trx) =>
        repo.complete(trx, id, b.completedOn).then(() => ({ ok: true as const })),
      );
    },

    /** Yearly follow-up; 'revival' needs a revival plan; a new operator reassigns the asset. */
    followUp(user: AuthUser, id: string, f: FollowUp) {
      if (f.operatingStatus === 'revival' && !f.revivalPlan?.trim())
        throw new AppError('E_VALIDATION', 'revivalPlan is required when operatingStatus is revival', {
          field: 'revivalPlan',
        });
      if (f.checkedOn > today())
        throw new AppError('E_VALIDATION', `checkedOn ${f.checkedOn} lies in the future`, {
          field: 'checkedOn',
        });
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
export type ProjectService = ReturnType<typeof createProjectService>;
