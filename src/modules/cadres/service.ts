import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/types.js';
import {
  addDays,
  chinaDate,
  HOUSEHOLD_KINDS,
  needsCadre,
  visitDateProblem,
  type HouseholdKind,
  type VisitPurpose,
} from '../../domain/cadres/rules.js';
import { inScope } from '../../domain/region-code.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { createPlanService } from '../plans/service.js';
import { cadreRepository as repo, type CadreListRow } from './repository.js';
import type { CadreBody, CadrePatch, TeamBody } from './schema.js';
import type { Clock } from '../../kernel/clock.js';

const actorOf = (u: AuthUser) => ({ id: u.id, name: u.username });

const cadreDto = (r: CadreListRow) => ({
  id: String(r.id),
  name: r.name,
  workUnit: r.work_unit,
  unitLevel: r.unit_level,
  phone: r.phone,
  regionCode: r.region_code,
  regionName: r.region_name,
  userId: r.user_id === null ? null : String(r.user_id),
  username: r.username,
  active: r.active,
  caseload: r.caseload,
});

const dueDto = (p: {
  visits_per_year: number | null;
  last_visit: string | null;
  visits_this_year: number | null;
  due_on: string | null;
  overdue: boolean | null;
}) => ({
  visitsPerYear: p.visits_per_year,
  lastVisit: p.last_visit,
  visitsThisYear: p.visits_this_year ?? 0,
  dueOn: p.due_on,
  overdue: p.overdue ?? false,
});

const pageOf = <T>(total: number, page: number, pageSize: number, items: T[]) => ({
  total,
  page,
  pageSize,
  items,
});

function assertManage(user: AuthUser) {
  if (!permissionsOf(user.role).manageResponsibility)
    throw new AppError('E_FORBIDDEN', 'Only township officers and above assign cadres and manage work teams');
}

export function createCadreService(db: Kysely<DB>, clock: Clock) {
  const today = () => clock.today();
  const plans = createPlanService(db, clock); // the summary's plan-fit section

  function scopeOf(user: AuthUser, region: string): string {
    const scope = region || user.scopeCode;
    assertInScope(user, scope);
    return scope;
  }

  async function loadCadre(user: AuthUser, id: string) {
    const c = await repo.cadreById(db, id);
    if (!c) throw notFound('cadre', id);
    const own = c.user_id !== null && String(c.user_id) === user.id;
    if (!own) assertInScope(user, c.region_code);
    return c;
  }

  /** A linked login must exist, lie in the officer's scope and not be linked to another cadre. */
  async function checkLogin(trx: Kysely<DB>, user: AuthUser, userId: string, cadreId: string | null) {
    const u = await repo.userById(trx, userId);
    if (!u) throw new AppError('E_VALIDATION', `userId: user ${userId} does not exist`, { field: 'userId' });
    assertInScope(user, u.scope_code);
    const other = await repo.cadreIdOfUser(trx, userId);
    if (other && other !== cadreId)
      throw new AppError('E_CONFLICT', `user ${u.username} is already linked to cadre ${other}`, {
        field: 'userId',
      });
  }

  async function households(user: AuthUser, cadreId: string) {
    const t = today();
    const rows = (await repo.cadreHouseholds(db, cadreId, t)).filter((r) =>
      inScope(user.scopeCode, r.village_code),
    );
    const ids = rows.map((r) => String(r.household_id));
    const [measures, cases] = await Promise.all([repo.openMeasures(db, ids, t), repo.openCases(db, ids)]);
    return rows.map((r) => {
      const id = String(r.household_id);
      const m = measures.get(id) ?? null;
      const openCases = cases.get(id) ?? 0;
      const next: string[] = [];
      if (r.overdue) next.push(r.last_visit ? 'visit_overdue' : 'never_visited');
      if (m?.overdue) next.push('measure_overdue');
      else if (m?.open) next.push('measures_open');
      if (openCases) next.push('case_open');
      return {
        householdId: id,
        householdNo: r.household_no,
        headName: r.head_name,
        villageCode: r.village_code,
        villageName: r.village_name,
        status: r.status,
        since: r.start_date,
        visit: dueDto(r),
        measures: m,
        openCases,
        next,
      };
    });
  }

  return {
    today,

    async listCadres(
      user: AuthUser,
      q: { region: string; q?: string | undefined; page: number; pageSize: number },
    ) {
      const { total, rows } = await repo.listCadres(db, {
        scope: scopeOf(user, q.region),
        q: q.q,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return pageOf(total, q.page, q.pageSize, rows.map(cadreDto));
    },

    async createCadre(user: AuthUser, body: z.infer<typeof CadreBody>) {
      assertManage(user);
      assertInScope(user, body.regionCode);
      const id = await db.transaction().execute(async (trx) => {
        const region = await repo.village(trx, body.regionCode);
        if (!region)
          throw new AppError('E_VALIDATION', `regionCode: region ${body.regionCode} does not exist`);
        if (body.userId) await checkLogin(trx, user, body.userId, null);
        const row = {
          name: body.name,
          work_unit: body.workUnit,
          unit_level: body.unitLevel,
          phone: body.phone ?? null,
          region_code: body.regionCode,
          user_id: body.userId ?? null,
        };
        const { id } = await repo.insertCadre(trx, row);
        await recordAudit(trx, actorOf(user), {
          action: 'cadre.create',
          entityType: 'cadre',
          entityId: String(id),
          regionCode: body.regionCode,
          after: row,
        });
        return String(id);
      });
      return cadreDto((await repo.cadreById(db, id))!);
    },

    async updateCadre(user: AuthUser, id: string, patch: z.infer<typeof CadrePatch>) {
      assertManage(user);
      await db.transaction().execute(async (trx) => {
        const c = await repo.cadreForUpdate(trx, id);
        if (!c) throw notFound('cadre', id);
        assertInScope(user, c.region_code);
        if (patch.regionCode) assertInScope(user, patch.regionCode);
        if (patch.userId) await checkLogin(trx, user, patch.userId, id);
        const set = {
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.workUnit !== undefined && { work_unit: patch.workUnit }),
          ...(patch.unitLevel !== undefined && { unit_level: patch.unitLevel }),
          ...(patch.phone !== undefined && { phone: patch.phone }),
          ...(patch.regionCode !== undefined && { region_code: patch.regionCode }),
          ...(patch.userId !== undefined && { user_id: patch.userId }),
          ...(patch.active !== undefined && { active: patch.active }),
        };
        const before = Object.fromEntries(Object.keys(set).map((k) => [k, c[k as keyof typeof c]]));
        await repo.updateCadre(trx, id, set);
        await recordAudit(trx, actorOf(user), {
          action: 'cadre.update',
          entityType: 'cadre',
          entityId: id,
          regionCode: c.region_code,
          before,
          after: set,
          reason: patch.reason,
        });
      });
      return cadreDto((await repo.cadreById(db, id))!);
    },

    /** A cadre's page: the cadre and their current households with what each needs next. */
    async cadre(user: AuthUser, id: string) {
      const c = await loadCadre(user, id);
      return { cadre: cadreDto(c), households: await households(user, id) };
    },

    /** "My households": the cadre linked to the signed-in user. */
    async mine(user: AuthUser) {
      const id = await repo.cadreIdOfUser(db, user.id);
      if (!id)
        throw new AppError('E_NOT_FOUND', 'No responsible cadre is linked to your account', {
          entity: 'cadre',
        });
      const c = await loadCadre(user, String(id));
      return { cadre: cadreDto(c), households: await households(user, String(id)) };
    },

    async householdResponsibility(user: AuthUser, householdId: string) {
      const h = await repo.household(db, householdId);
      if (!h) throw notFound('household', householdId);
      assertInScope(user, h.village_code);
      const [rows, plan] = await Promise.all([
        repo.assignments(db, householdId),
        repo.householdPlan(db, householdId, today()),
      ]);
      const all = rows.map((a) => ({
        id: String(a.id),
        cadreId: String(a.cadre_id),
        name: a.name,
        workUnit: a.work_unit,
        unitLevel: a.unit_level,
        phone: a.phone,
        startDate: a.start_date,
        endDate: a.end_date,
        reason: a.reason,
        endReason: a.end_reason,
      }));
      return {
        householdId,
        status: h.status,
        needsCadre: needsCadre(h.status),
        current: all.find((a) => a.endDate === null) ?? null,
        history: all.filter((a) => a.endDate !== null),
        visit: plan ? dueDto(plan) : null,
      };
    },

    /**
     * Assign a responsible cadre to a household; a current one is handed over (its assignment ends the
     * day before the new one starts, history kept). Audited.
     */
    async assign(
      user: AuthUser,
      householdId: string,
      body: { cadreId: string; startDate?: string | undefined; reason: string },
    ) {
      assertManage(user);
      const start = body.startDate ?? today();
      if (start > today())
        throw new AppError('E_VALIDATION', 'startDate may not be in the future', { field: 'startDate' });
      await db.transaction().execute(async (trx) => {
        const h = await repo.householdForUpdate(trx, householdId);
        if (!h) throw notFound('household', householdId);
        assertInScope(user, h.village_code);
        const c = await repo.cadreForUpdate(trx, body.cadreId);
        if (!c)
          throw new AppError('E_VALIDATION', `cadreId: cadre ${body.cadreId} does not exist`, {
            field: 'cadreId',
          });
        if (!c.active)
          throw new AppError('E_VALIDATION', `cadreId: cadre ${c.name} is no longer active`, {
            field: 'cadreId',
          });
        // a cadre of the officer's scope, or of a unit above the household (county, township)
        if (!inScope(user.scopeCode, c.region_code) && !h.village_code.startsWith(c.region_code))
          throw new AppError('E_OUT_OF_SCOPE', `Cadre ${c.name} works outside your scope`, {
            region: c.region_code,
          });
        const cur = await repo.currentAssignment(trx, householdId);
        if (cur && String(cur.cadre_id) === String(c.id))
          throw new AppError('E_CONFLICT', `${c.name} is already the household's responsible cadre`, {
            field: 'cadreId',
          });
        if (cur && start <= cur.start_date)
          throw new AppError(
            'E_VALIDATION',
            `startDate must be after the current assignment's start ${cur.start_date}`,
            {
              field: 'startDate',
            },
          );
        if (cur) await repo.endAssignment(trx, String(cur.id), addDays(start, -1), body.reason);
        const { id } = await repo.insertAssignment(trx, {
          household_id: householdId,
          cadre_id: String(c.id),
          start_date: start,
          reason: body.reason,
          created_by: user.id,
        });
        await recordAudit(trx, actorOf(user), {
          action: cur ? 'cadre_assignment.handover' : 'cadre_assignment.assign',
          entityType: 'household',
          entityId: householdId,
          regionCode: h.village_code,
          before: cur ? { cadreId: String(cur.cadre_id), startDate: cur.start_date } : null,
          after: { assignmentId: String(id), cadreId: String(c.id), cadreName: c.name, startDate: start },
          reason: body.reason,
        });
      });
      return this.householdResponsibility(user, householdId);
    },

    /** End the current assignment without a successor (e.g. the household moved away). Audited. */
    async endAssignment(
      user: AuthUser,
      householdId: string,
      body: { endDate?: string | undefined; reason: string },
    ) {
      assertManage(user);
      const end = body.endDate ?? today();
      await db.transaction().execute(async (trx) => {
        const h = await repo.householdForUpdate(trx, householdId);
        if (!h) throw notFound('household', householdId);
        assertInScope(user, h.village_code);
        const cur = await repo.currentAssignment(trx, householdId);
        if (!cur) throw new AppError('E_CONFLICT', `household ${h.household_no} has no current cadre`);
        if (end < cur.start_date)
          throw new AppError('E_VALIDATION', `endDate must not be before the start ${cur.start_date}`, {
            field: 'endDate',
          });
        await repo.endAssignment(trx, String(cur.id), end, body.reason);
        await recordAudit(trx, actorOf(user), {
          action: 'cadre_assignment.end',
          entityType: 'household',
          entityId: householdId,
          regionCode: h.village_code,
          before: { cadreId: String(cur.cadre_id), startDate: cur.start_date },
          after: { endDate: end },
          reason: body.reason,
        });
      });
      return this.householdResponsibility(user, householdId);
    },

    // ---- gap lists ----

    async withoutCadre(user: AuthUser, q: { region: string; page: number; pageSize: number }) {
      const { total, rows } = await repo.withoutCadre(db, {
        scope: scopeOf(user, q.region),
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return pageOf(
        total,
        q.page,
        q.pageSize,
        rows.map((r) => ({
          householdId: String(r.household_id),
          householdNo: r.household_no,
          headName: r.head_name,
          villageCode: r.village_code,
          villageName: r.village_name,
          status: r.status,
          lastAssignmentEnd: r.since,
        })),
      );
    },

    async overdueVisits(
      user: AuthUser,
      q: { region: string; cadreId?: string | undefined; page: number; pageSize: number },
    ) {
      const { total, rows } = await repo.overdueVisits(db, {
        scope: scopeOf(user, q.region),
        today: today(),
        cadreId: q.cadreId,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return pageOf(
        total,
        q.page,
        q.pageSize,
        rows.map((r) => ({
          householdId: String(r.household_id),
          householdNo: r.household_no,
          headName: r.head_name,
          villageCode: r.village_code,
          villageName: r.village_name,
          status: r.status,
          kind: r.kind,
          visitsPerYear: r.visits_per_year,
          lastVisit: r.last_visit,
          dueOn: r.due_on,
          cadreId: r.cadre_id === null ? null : String(r.cadre_id),
          cadreName: r.cadre_name,
        })),
      );
    },

    async villagesWithoutTeam(user: AuthUser, q: { region: string; page: number; pageSize: number }) {
      const { total, rows } = await repo.villagesWithoutTeam(db, {
        scope: scopeOf(user, q.region),
        today: today(),
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return pageOf(
        total,
        q.page,
        q.pageSize,
        rows.map((r) => ({
          villageCode: r.village_code,
          villageName: r.village_name,
          townshipName: r.township_name,
          lastTeamEnd: r.last_team_end,
        })),
      );
    },

    async summary(user: AuthUser, region: string) {
      const scope = scopeOf(user, region);
      const t = today();
      const [s, p] = await Promise.all([
        repo.summary(db, scope, t),
        plans.figures(scope, Number(t.slice(0, 4))),
      ]);
      return {
        region: scope,
        asOf: t,
        cadres: { active: s.hh.cadres, householdsNeeding: s.hh.needing, householdsWithout: s.hh.without },
        visits: { planned: s.overdue.planned, overdue: s.overdue.overdue, neverVisited: s.overdue.never },
        teams: { poorVillages: s.villages.poor, villagesWithout: s.villages.without },
        plans: {
          year: p.year,
          plans: p.plans,
          notFitting: p.notFitting,
          withoutPlan: p.withoutPlan,
          overdueMeasures: p.overdue,
        },
      };
    },

    // ---- work teams ----

    async teams(user: AuthUser, q: { region: string; current: boolean }) {
      const rows = await repo.teams(db, {
        scope: scopeOf(user, q.region),
        today: today(),
        current: q.current,
      });
      return {
        items: rows.map((t) => ({
          id: String(t.id),
          villageCode: t.village_code,
          villageName: t.village_name,
          isPoorVillage: t.is_poor_village,
          sendingUnit: t.sending_unit,
          startDate: t.start_date,
          endDate: t.end_date,
          note: t.note,
          current: t.current,
          members: t.members.map((m) => ({ ...m, workUnit: m.workUnit ?? null, phone: m.phone ?? null })),
        })),
      };
    },

    /**
     * Station a work team in a village: exactly one first secretary; a team still open on the start
     * day is handed over (it ends the day before). Audited.
     */
    async createTeam(user: AuthUser, body: z.infer<typeof TeamBody>) {
      assertManage(user);
      assertInScope(user, body.villageCode);
      const secretaries = body.members.filter((m) => m.role === 'first_secretary').length;
      if (secretaries !== 1)
        throw new AppError(
          'E_VALIDATION',
          `members: a team needs exactly one first secretary (found ${secretaries})`,
          {
            field: 'members',
          },
        );
      if (body.endDate && body.endDate < body.startDate)
        throw new AppError('E_VALIDATION', 'endDate must not be before startDate', { field: 'endDate' });
      const id = await db.transaction().execute(async (trx) => {
        const v = await repo.village(trx, body.villageCode);
        if (!v || v.level !== 5)
          throw new AppError('E_VALIDATION', `villageCode: ${body.villageCode} is not a village`, {
            field: 'villageCode',
          });
        const open = await repo.openTeams(trx, body.villageCode, body.startDate);
        for (const t of open) {
          if (t.start_date >= body.startDate)
            throw new AppError('E_CONFLICT', `${v.name} already has a team from ${t.start_date}`, {
              teamId: String(t.id),
            });
          await repo.setTeamEnd(trx, String(t.id), addDays(body.startDate, -1));
        }
        const { id } = await repo.insertTeam(trx, {
          village_code: body.villageCode,
          sending_unit: body.sendingUnit,
          start_date: body.startDate,
          end_date: body.endDate ?? null,
          note: body.note ?? null,
        });
        await repo.insertMembers(
          trx,
          body.members.map((m) => ({
            team_id: String(id),
            name: m.name,
            role: m.role,
            work_unit: m.workUnit ?? null,
            phone: m.phone ?? null,
          })),
        );
        await recordAudit(trx, actorOf(user), {
          action: 'work_team.create',
          entityType: 'work_team',
          entityId: String(id),
          regionCode: body.villageCode,
          before: open.length ? { endedTeams: open.map((t) => String(t.id)) } : null,
          after: {
            sendingUnit: body.sendingUnit,
            startDate: body.startDate,
            endDate: body.endDate ?? null,
            members: body.members,
          },
          reason: body.reason,
        });
        return String(id);
      });
      return (await this.teams(user, { region: body.villageCode, current: false })).items.find(
        (x) => x.id === id,
      )!;
    },

    async endTeam(user: AuthUser, id: string, body: { endDate?: string | undefined; reason: string }) {
      assertManage(user);
      const end = body.endDate ?? today();
      await db.transaction().execute(async (trx) => {
        const t = await repo.team(trx, id);
        if (!t) throw notFound('work team', id);
        assertInScope(user, t.village_code);
        if (end < t.start_date)
          throw new AppError('E_VALIDATION', `endDate must not be before the start ${t.start_date}`, {
            field: 'endDate',
          });
        await repo.setTeamEnd(trx, id, end);
        await recordAudit(trx, actorOf(user), {
          action: 'work_team.end',
          entityType: 'work_team',
          entityId: id,
          regionCode: t.village_code,
          before: { endDate: t.end_date },
          after: { endDate: end },
          reason: body.reason,
        });
      });
      return { ok: true as const };
    },

    // ---- visits ----

    async visits(
      user: AuthUser,
      q: {
        region: string;
        householdId?: string | undefined;
        cadreId?: string | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      const scope = scopeOf(user, q.region);
      const { total, rows } = await repo.visits(db, {
        scope,
        householdId: q.householdId,
        cadreId: q.cadreId,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return pageOf(
        total,
        q.page,
        q.pageSize,
        rows.map((v) => ({
          id: String(v.id),
          householdId: String(v.household_id),
          householdNo: v.household_no,
          headName: v.head_name,
          cadreId: v.cadre_id === null ? null : String(v.cadre_id),
          cadreName: v.cadre_name,
          visitDate: v.visit_date,
          purpose: v.purpose,
          findings: v.findings,
          followUp: v.follow_up,
          recordedBy: v.recorded_by_name,
        })),
      );
    },

    /**
     * Record a visit: by the signed-in cadre (their linked cadre row), or by an officer for a cadre
     * (default: the household's current cadre). Audited.
     */
    async recordVisit(
      user: AuthUser,
      body: {
        householdId: string;
        cadreId?: string | undefined;
        visitDate?: string | undefined;
        purpose: VisitPurpose;
        findings: string;
        followUp?: string | null | undefined;
      },
    ) {
      const t = today();
      const date = body.visitDate ?? t;
      const problem = visitDateProblem(date, t);
      if (problem) throw new AppError('E_VALIDATION', problem, { field: 'visitDate' });
      const id = await db.transaction().execute(async (trx) => {
        const h = await repo.household(trx, body.householdId);
        if (!h) throw notFound('household', body.householdId);
        assertInScope(user, h.village_code);
        const own = await repo.cadreIdOfUser(trx, user.id);
        let cadreId: string | null = own ? String(own) : null;
        if (body.cadreId && body.cadreId !== cadreId) {
          if (!permissionsOf(user.role).manageResponsibility)
            throw new AppError('E_FORBIDDEN', 'You may record visits only as yourself', { field: 'cadreId' });
          const c = await repo.cadreById(trx, body.cadreId);
          if (!c)
            throw new AppError('E_VALIDATION', `cadreId: cadre ${body.cadreId} does not exist`, {
              field: 'cadreId',
            });
          cadreId = String(c.id);
        }
        if (!cadreId) {
          const cur = await repo.currentAssignment(trx, body.householdId);
          cadreId = cur ? String(cur.cadre_id) : null;
        }
        const { id } = await repo.insertVisit(trx, {
          household_id: body.householdId,
          cadre_id: cadreId,
          recorded_by: user.id,
          visit_date: date,
          purpose: body.purpose,
          findings: body.findings,
          follow_up: body.followUp ?? null,
        });
        await recordAudit(trx, actorOf(user), {
          action: 'visit.create',
          entityType: 'household',
          entityId: body.householdId,
          regionCode: h.village_code,
          after: { visitId: String(id), cadreId, visitDate: date, purpose: body.purpose },
        });
        return String(id);
      });
      const { rows } = await repo.visits(db, {
        scope: '',
        householdId: body.householdId,
        limit: 50,
        offset: 0,
      });
      const v = rows.find((r) => String(r.id) === id)!;
      return {
        id,
        householdId: String(v.household_id),
        householdNo: v.household_no,
        headName: v.head_name,
        cadreId: v.cadre_id === null ? null : String(v.cadre_id),
        cadreName: v.cadre_name,
        visitDate: v.visit_date,
        purpose: v.purpose,
        findings: v.findings,
        followUp: v.follow_up,
        recordedBy: v.recorded_by_name,
      };
    },

    // ---- visit plan ----

    async plan(user: AuthUser, region: string) {
      const scope = scopeOf(user, region);
      const rules = await repo.planRules(db);
      const relevant = rules.filter(
        (r) => scope.startsWith(r.region_prefix) || r.region_prefix.startsWith(scope),
      );
      const effective = HOUSEHOLD_KINDS.map((kind: HouseholdKind) => {
        const best = rules
          .filter((r) => r.household_kind === kind && scope.startsWith(r.region_prefix))
          .sort((a, b) => b.region_prefix.length - a.region_prefix.length)[0];
        return {
          kind,
          visitsPerYear: best?.visits_per_year ?? null,
          regionPrefix: best?.region_prefix ?? null,
        };
      });
      return {
        region: scope,
        effective,
        rules: relevant.map((r) => ({
          regionPrefix: r.region_prefix,
          kind: r.household_kind,
          visitsPerYear: r.visits_per_year,
          setBy: r.set_by,
          setAt: new Date(r.set_at).toISOString(),
          reason: r.reason,
        })),
      };
    },

    /** Set the minimum visits a year of a household kind for a region (county officers; audited). */
    async setPlanRule(
      user: AuthUser,
      body: { regionPrefix: string; kind: HouseholdKind; visitsPerYear: number; reason: string },
    ) {
      if (!permissionsOf(user.role).editVisitPlan)
        throw new AppError('E_FORBIDDEN', 'Only county officers and admins change the visit plan');
      assertInScope(user, body.regionPrefix);
      await db.transaction().execute(async (trx) => {
        const before = (await repo.planRules(trx)).find(
          (r) => r.region_prefix === body.regionPrefix && r.household_kind === body.kind,
        );
        await repo.upsertRule(trx, {
          region_prefix: body.regionPrefix,
          household_kind: body.kind,
          visits_per_year: body.visitsPerYear,
          set_by: user.username,
          reason: body.reason,
        });
        await recordAudit(trx, actorOf(user), {
          action: 'visit_plan.set',
          entityType: 'visit_plan_rule',
          entityId: `${body.regionPrefix || '*'}:${body.kind}`,
          regionCode: body.regionPrefix || null,
          before: before ? { visitsPerYear: before.visits_per_year } : null,
          after: { visitsPerYear: body.visitsPerYear },
          reason: body.reason,
        });
      });
      return this.plan(user, body.regionPrefix);
    },
  };
}
export type CadreService = ReturnType<typeof createCadreService>;
