import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import {
  EVENT_LABELS,
  checkEventDate,
  encodedBirth,
  isJoining,
  statusAfter,
} from '../../domain/registration/member-events.js';
import { redactFields, viewerOf } from '../../domain/visibility.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import type { MemberEditService } from '../households/member-edit-service.js';
import { registrationRepository as repo } from './repository.js';
import type { MemberEventInput, MemberEventKind } from './schema.js';

const bad = (field: string, code: string, message: string, messageZh: string) =>
  new AppError('E_VALIDATION', `Invalid body.${field}: ${message}`, {
    errors: [{ field: `body.${field}`, code, message, messageZh }],
    messageZh,
  });

/**
 * Dated member events (birth, marriage in or out, moving in or out, death): each changes the member
 * list through the member edits (their checks: one head, no person in two households, the identity
 * as the import checks it) and is written in the same audited transaction as a `member_event` row.
 */
export function createMemberEventService(db: Kysely<DB>, clock: Clock, members: MemberEditService) {
  async function household(user: AuthUser, id: string) {
    const h = await repo.householdOf(db, id);
    assertObjectInScope(user, h?.village_code, 'household', id);
    return h!;
  }

  return {
    async list(user: AuthUser, householdId: string) {
      await household(user, householdId);
      const rows = await repo.eventsOf(db, householdId);
      const v = viewerOf(user.role, false, clock.today());
      return {
        items: rows.map(
          (r) =>
            redactFields(
              v.role,
              v.view,
              {
                id: r.id,
                memberId: r.member_id,
                memberName: r.member_name,
                kind: r.kind as MemberEventKind,
                date: r.event_date,
                note: r.note,
                recordedAt: r.recorded_at.toISOString(),
                recordedBy: r.recorded_by_name ?? null,
              },
              { today: clock.today() },
            ) as {
              id: string;
              memberId: string;
              memberName: string | null;
              kind: MemberEventKind;
              date: string;
              note: string;
              recordedAt: string;
              recordedBy: string | null;
            },
        ),
      };
    },

    async record(user: AuthUser, householdId: string, body: MemberEventInput) {
      const h = await household(user, householdId);
      const today = clock.today();
      const label = EVENT_LABELS[body.kind];
      const reason = `${label.zh} ${body.date}${body.note ? `：${body.note}` : ''}`;
      const within = (kind: MemberEventKind) => async (trx: Kysely<DB>, memberId: string) => {
        await repo.insertEvent(trx, {
          village_code: h.village_code,
          household_id: householdId,
          member_id: memberId,
          kind,
          event_date: body.date,
          note: body.note,
          recorded_by: user.id,
          recorded_at: clock.now(),
        });
      };
      if (isJoining(body.kind)) {
        if (!body.member)
          throw bad(
            'member',
            'E_REQUIRED',
            'the member who joins is required',
            '请填写新成员的姓名、身份证号和关系',
          );
        const birth = encodedBirth(body.member.idNumber.toUpperCase(), today);
        const p = checkEventDate(body.kind, body.date, today, birth)[0];
        if (p) throw bad(p.field, p.code, p.message, p.messageZh);
        return members.addMember(
          user,
          householdId,
          { version: body.version, reason, ...body.member },
          within(body.kind),
        );
      }
      if (!body.memberId)
        throw bad('memberId', 'E_REQUIRED', 'the member who leaves is required', '请选择离开的成员');
      const m = (await repo.membersOf(db, householdId)).find((x) => x.id === body.memberId);
      if (!m) throw notFound('member', body.memberId);
      const p = checkEventDate(body.kind, body.date, today, m.birth_date)[0];
      if (p) throw bad(p.field, p.code, p.message, p.messageZh);
      return members.removeMember(
        user,
        householdId,
        body.memberId,
        { version: body.version, reason, memberStatus: statusAfter(body.kind), newHeadId: body.newHeadId },
        within(body.kind),
      );
    },
  };
}
export type MemberEventService = ReturnType<typeof createMemberEventService>;
