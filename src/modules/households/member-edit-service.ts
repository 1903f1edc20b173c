import type { Kysely } from 'kysely';
import type { DB, Member, NewMember } from '../../db/types.js';
import { labelOf } from '../../domain/code-lists.js';
import { changedFields } from '../../domain/registry-edit/changes.js';
import { MEMBER_FIELDS } from '../../domain/registry-edit/fields.js';
import {
  checkMembers,
  handOverHead,
  parseFields,
  resolveIdentity,
  type FieldError,
  type MemberLine,
} from '../../domain/registry-edit/validate.js';
import { notFound } from '../../kernel/errors.js';
import { withinScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { editRepository } from './edit-repository.js';
import type { FieldsBody } from './edit-service.js';
import { invalid, type EditTransaction } from './edit-transaction.js';

export type MemberBody = FieldsBody & { formerHeadRelation?: string | undefined };

export interface RemoveBody {
  version: number;
  reason: string;
  memberStatus: 'moved_out' | 'deceased';
  newHeadId?: string | undefined;
}

type Values = Record<string, unknown>;

/** More writes of a caller in a member edit's transaction, given the member added or removed. */
export type WithinEdit = (trx: Kysely<DB>, memberId: string) => Promise<void>;

const pick = (values: Values, columns: string[]) => Object.fromEntries(columns.map((c) => [c, values[c]]));
const line = (m: Member): MemberLine => m;

/** The former head's relation in an audit event: head before, the relation taken after. */
const formerHead = (d: { id: string; relation: string } | null, when: 'before' | 'after') =>
  d ? { formerHead: { memberId: d.id, relation: when === 'before' ? 'head' : d.relation } } : {};

/**
 * Edits of members: change, add, and mark moved out or deceased (never deleted). After each, the
 * household keeps exactly one head among its present members, no ID number twice, and no person
 * who is a present member of another household; its size and head name follow the members.
 */
export function createMemberEditService(tx: EditTransaction) {
  /** Parse the given fields; when the identity (ID number, sex, birth date) is touched, check it as the import does. */
  async function memberValues(
    trx: Kysely<DB>,
    householdId: string,
    fields: Values,
    before: Member | null,
    user: AuthUser,
  ) {
    const { values, errors } = parseFields(MEMBER_FIELDS, fields);
    const patch = pick(
      values,
      ['id_number', 'sex', 'birth_date'].filter((c) => c in values),
    );
    const touched = !before || Object.keys(patch).length > 0;
    if (touched && !errors.some((e) => ['idNumber', 'sex', 'birthDate'].includes(e.field))) {
      const identity = resolveIdentity(before, patch, tx.clock.today());
      errors.push(...identity.errors);
      Object.assign(values, identity.value);
      if (!identity.errors.length && identity.value.id_number !== before?.id_number) {
        const other = await editRepository.holderOf(trx, identity.value.id_number, householdId);
        if (other)
          errors.push({
            field: 'idNumber',
            code: 'E_PERSON_IN_OTHER_HOUSEHOLD',
            message: `this person is already registered in ${withinScope(user, other.village_code) ? `household ${other.household_no}` : 'another household outside your area'}`,
          });
      }
    }
    return { values, errors };
  }

  /** The members after the change, with the head handed over when the changed member becomes head. */
  function settle(
    next: MemberLine[],
    memberId: string,
    formerHeadRelation: string | undefined,
    errors: FieldError[],
  ) {
    const becomesHead = next.find((m) => m.id === memberId)?.relation === 'head';
    const handed = becomesHead ? handOverHead(next, memberId, formerHeadRelation) : null;
    const all = [
      ...errors,
      ...(handed?.errors ?? []),
      ...(handed?.errors.length ? [] : checkMembers(handed?.members ?? next)),
    ];
    if (all.length) throw invalid(all);
    return handed?.demotedId ? { id: handed.demotedId, relation: formerHeadRelation! } : null;
  }

  return {
    updateMember(user: AuthUser, id: string, memberId: string, body: MemberBody) {
      const { version, reason, formerHeadRelation, ...fields } = body;
      return tx.edit(user, id, version, async (trx) => {
        const members = await editRepository.members(trx, id);
        const m = members.find((x) => x.id === memberId);
        if (!m) throw notFound('member', memberId);
        const { values, errors } = await memberValues(trx, id, fields, m, user);
        const diff = changedFields(MEMBER_FIELDS, m, values);
        const next = members.map((x) => line(x.id === memberId ? ({ ...x, ...values } as Member) : x));
        const demoted = settle(next, memberId, formerHeadRelation, errors);
        if (!diff.columns.length) return null;
        await editRepository.updateMember(trx, memberId, pick(values, diff.columns));
        if (demoted) await editRepository.updateMember(trx, demoted.id, { relation: demoted.relation });
        await editRepository.refreshFromMembers(trx, id);
        return {
          action: 'household.member.update',
          before: { memberId, ...diff.before, ...formerHead(demoted, 'before') },
          after: { memberId, ...diff.after, ...formerHead(demoted, 'after') },
          reason,
        };
      });
    },

    /** `within`: more writes in the same transaction (a dated member event: src/modules/registration). */
    addMember(user: AuthUser, id: string, body: MemberBody, within?: WithinEdit) {
      const { version, reason, formerHeadRelation, ...fields } = body;
      return tx.edit(user, id, version, async (trx) => {
        const members = await editRepository.members(trx, id);
        const { values, errors } = await memberValues(trx, id, fields, null, user);
        const next = [
          ...members.map(line),
          { ...(values as unknown as MemberLine), id: 'new', member_status: 'present' },
        ];
        const demoted = settle(next, 'new', formerHeadRelation, errors);
        const added = await editRepository.insertMember(trx, {
          ...(values as Omit<NewMember, 'household_id'>),
          household_id: id,
        });
        if (demoted) await editRepository.updateMember(trx, demoted.id, { relation: demoted.relation });
        await editRepository.refreshFromMembers(trx, id);
        if (within) await within(trx, added.id);
        const { after } = changedFields(MEMBER_FIELDS, null, values);
        return {
          action: 'household.member.add',
          before: demoted ? formerHead(demoted, 'before') : null,
          after: { memberId: added.id, ...after, ...formerHead(demoted, 'after') },
          reason,
        };
      });
    },

    /** DELETE: the member stays on record as moved out or deceased; a departing head names the next one. */
    removeMember(user: AuthUser, id: string, memberId: string, body: RemoveBody, within?: WithinEdit) {
      const { version, reason, memberStatus, newHeadId } = body;
      return tx.edit(user, id, version, async (trx) => {
        const members = await editRepository.members(trx, id);
        const m = members.find((x) => x.id === memberId);
        if (!m) throw notFound('member', memberId);
        const heir = m.relation === 'head' ? newHeadId : undefined;
        const next = members.map((x) =>
          line(
            x.id === memberId
              ? { ...x, member_status: memberStatus }
              : x.id === heir
                ? { ...x, relation: 'head' }
                : x,
          ),
        );
        const errors = removalErrors(members, m, newHeadId);
        if (!errors.length) errors.push(...checkMembers(next));
        if (errors.length) throw invalid(errors);
        await editRepository.updateMember(trx, memberId, { member_status: memberStatus });
        if (heir) await editRepository.updateMember(trx, heir, { relation: 'head' });
        await editRepository.refreshFromMembers(trx, id);
        if (within) await within(trx, memberId);
        const heirWas = members.find((x) => x.id === heir)?.relation;
        return {
          action: 'household.member.remove',
          before: {
            memberId,
            memberStatus: m.member_status,
            ...(heir && { newHead: { memberId: heir, relation: heirWas } }),
          },
          after: { memberId, memberStatus, ...(heir && { newHead: { memberId: heir, relation: 'head' } }) },
          reason,
        };
      });
    },
  };
}
export type MemberEditService = ReturnType<typeof createMemberEditService>;

/** Why a member may not leave as asked: not present any more, or a head leaving without a present heir. */
function removalErrors(members: Member[], m: Member, newHeadId: string | undefined): FieldError[] {
  if (m.member_status !== 'present')
    return [
      {
        field: 'memberStatus',
        code: 'E_UNCHANGED',
        message: `the member is already ${labelOf('member_status', m.member_status)}`,
      },
    ];
  if (m.relation !== 'head') return [];
  const others = members.filter((x) => x.id !== m.id && x.member_status === 'present');
  if (newHeadId === undefined)
    return others.length
      ? [
          {
            field: 'newHeadId',
            code: 'E_HEAD_COUNT',
            message: `${m.name} is the ${labelOf('relation', 'head')}: name the present member who takes over (newHeadId)`,
          },
        ]
      : [];
  return others.some((x) => x.id === newHeadId)
    ? []
    : [{ field: 'newHeadId', code: 'E_NOT_FOUND', message: `${newHeadId} is not another present member` }];
}
