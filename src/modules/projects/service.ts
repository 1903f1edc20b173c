import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { concentration, costSignals, idleReasons } from '../../domain/projects/signals.js';
import type { Clock } from '../../kernel/clock.js';
import { notFound } from '../../kernel/errors.js';
import { assertObjectInScope, scopeFor, withinScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { projectRepository as repo, type ProjectListRow } from './repository.js';

type Detail = {
  [K in 'indicators' | 'funds' | 'beneficiaries' | 'followups']: Awaited<ReturnType<(typeof repo)[K]>>;
};

/** Signals of every project of a list: cost vs peers (bonsai) and idle reasons. */
function withSignals(rows: readonly ProjectListRow[], lastYear: number) {
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
type ListedProject = ReturnType<typeof withSignals>[number];

/** The list's totals: counts by signal, funds, and how concentrated the funds are by village. */
function listFigures(all: readonly ListedProject[]) {
  const byVillage = new Map<string, number>();
  for (const p of all) byVillage.set(p.villageCode, (byVillage.get(p.villageCode) ?? 0) + p.allocated);
  const conc = concentration([...byVillage].map(([villageCode, funds]) => ({ villageCode, funds })));
  const names = new Map(all.map((p) => [p.villageCode, p.villageName]));
  return {
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
}

/** A project's indicators, funds, beneficiaries and follow-ups as the API shows them. */
const detailDto = (d: Detail) => ({
  indicators: d.indicators.map((i) => ({ ...i, targetValue: Number(i.target_value) })),
  funds: d.funds.map((f) => ({
    id: f.id,
    source: f.source,
    year: f.year,
    allocated: Number(f.allocated),
    disbursed: Number(f.disbursed),
  })),
  beneficiaryList: d.beneficiaries.map((b) => ({
    householdId: b.household_id,
    householdNo: b.household_no,
    headName: b.head_name ?? '',
    status: b.status,
    linkageType: b.linkage_type,
    benefits: b.benefits ?? {},
  })),
  followups: d.followups.map((f) => ({
    id: f.id,
    checkedOn: f.checked_on,
    operatingStatus: f.operating_status,
    assetStatus: f.asset_status,
    incomePersists: f.income_persists,
    revivalPlan: f.revival_plan,
    note: f.note,
    recordedBy: f.recorded_by,
  })),
});

/** The project library (项目库): the projects of a region with their signals, and one project. */
export function createProjectService(db: Kysely<DB>, clock: Clock) {
  /** Projects of a region ('' or absent: the user's scope) with their signals. */
  async function listed(user: AuthUser, region?: string) {
    const scope = scopeFor(user, region);
    const lastYear = Number(clock.today().slice(0, 4)) - 1;
    return withSignals(await repo.list(db, scope, lastYear), lastYear);
  }

  return {
    async list(user: AuthUser, q: { region?: string | undefined; filter?: 'idle' | 'bonsai' | undefined }) {
      const all = await listed(user, q.region);
      const items = all.filter((p) =>
        q.filter === 'idle' ? p.idle.length > 0 : q.filter === 'bonsai' ? p.bonsai : true,
      );
      return { items, ...listFigures(all) };
    },

    /** One project; its signals compare it with the county's projects (or the village's, for a user below). */
    async get(user: AuthUser, id: string) {
      const p = await repo.byId(db, id);
      if (!p) throw notFound('project', id);
      assertObjectInScope(user, p.village_code, 'project', id);
      const county = p.village_code.slice(0, 6);
      const peers = withinScope(user, county) ? county : p.village_code;
      const [indicators, linkages, funds, beneficiaries, followups, all] = await Promise.all([
        repo.indicators(db, id),
        repo.linkages(db, id),
        repo.funds(db, id),
        repo.beneficiaries(db, id),
        repo.followups(db, id),
        listed(user, peers),
      ]);
      const signals = all.find((x) => x.id === id)!;
      const detail = detailDto({ indicators, funds, beneficiaries, followups });
      return { ...signals, linkageNote: p.linkage_note, version: p.version, linkages, ...detail };
    },
  };
}
export type ProjectService = ReturnType<typeof createProjectService>;
