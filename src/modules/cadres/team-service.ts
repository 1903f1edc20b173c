import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/types.js';
import { addDays } from '../../domain/calendar.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope, assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { assertManage, badField } from './access.js';
import { cadreRepository } from './repository.js';
import type { TeamBody } from './schema.js';
import { teamRepository as repo } from './team-repository.js';

type NewTeam = z.infer<typeof TeamBody>;
type TeamRow = Awaited<ReturnType<typeof repo.teams>>[number];

const teamDto = (t: TeamRow) => ({
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
});

/** A team has exactly one first secretary and does not end before it starts. */
function checkTeam(body: NewTeam) {
  const secretaries = body.members.filter((m) => m.role === 'first_secretary').length;
  if (secretaries !== 1)
    throw badField('members', `a team needs exactly one first secretary (found ${secretaries})`);
  if (body.endDate && body.endDate < body.startDate)
    throw new AppError('E_VALIDATION', 'endDate must not be before startDate', { field: 'endDate' });
}

/** Village work teams (驻村工作队): the teams of a region, stationing one (hand-over), ending one. */
export function createTeamService(db: Kysely<DB>, clock: Clock) {
  async function teams(user: AuthUser, q: { region?: string | undefined; current: boolean }) {
    const scope = scopeFor(user, q.region);
    const rows = await repo.teams(db, { scope, today: clock.today(), current: q.current });
    return { items: rows.map(teamDto) };
  }

  /** End the village's teams still open on the start day (the day before); refuse a later team. */
  async function handOver(trx: Kysely<DB>, body: NewTeam, villageName: string) {
    const open = await repo.openTeams(trx, body.villageCode, body.startDate);
    for (const t of open) {
      if (t.start_date >= body.startDate)
        throw new AppError('E_CONFLICT', `${villageName} already has a team from ${t.start_date}`, {
          teamId: String(t.id),
        });
      await repo.setTeamEnd(trx, String(t.id), addDays(body.startDate, -1));
    }
    return open.map((t) => String(t.id));
  }

  async function insertTeam(trx: Kysely<DB>, body: NewTeam) {
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
    return String(id);
  }

  return {
    teams,

    /**
     * Station a work team in a village: exactly one first secretary; a team still open on the start
     * day is handed over (it ends the day before). Audited.
     */
    async createTeam(user: AuthUser, body: NewTeam) {
      assertManage(user);
      assertInScope(user, body.villageCode);
      checkTeam(body);
      const id = await db.transaction().execute(async (trx) => {
        const v = await cadreRepository.village(trx, body.villageCode);
        if (!v || v.level !== 5) throw badField('villageCode', `${body.villageCode} is not a village`);
        const ended = await handOver(trx, body, v.name);
        const id = await insertTeam(trx, body);
        await recordAudit(trx, actorOf(user), {
          action: 'work_team.create',
          entityType: 'work_team',
          entityId: id,
          regionCode: body.villageCode,
          before: ended.length ? { endedTeams: ended } : null,
          after: {
            sendingUnit: body.sendingUnit,
            startDate: body.startDate,
            endDate: body.endDate ?? null,
            members: body.members,
          },
          reason: body.reason,
        });
        return id;
      });
      const { items } = await teams(user, { region: body.villageCode, current: false });
      return items.find((x) => x.id === id)!;
    },

    async endTeam(user: AuthUser, id: string, body: { endDate?: string | undefined; reason: string }) {
      assertManage(user);
      const end = body.endDate ?? clock.today();
      await db.transaction().execute(async (trx) => {
        const t = await repo.team(trx, id);
        if (!t) throw notFound('work team', id);
        assertObjectInScope(user, t.village_code, 'work team', id);
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
  };
}
export type TeamService = ReturnType<typeof createTeamService>;
