import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { resolveRepository as repo } from './resolve-repository.js';

export interface MergeRequest {
  keepHouseholdId: string;
  removeHouseholdId: string;
  keepVersion: number;
  removeVersion: number;
  reason: string;
}

const conflict = (what: string, version: number, current: number) =>
  new AppError(
    'E_CONFLICT',
    `${what} was changed by someone else (version ${current}, you had ${version}); reload`,
    {
      current,
    },
  );

type HouseholdRow = Awaited<ReturnType<typeof repo.lockHouseholds>>[number];

/** Both households, locked, in scope and at the versions the reviewer saw. */
async function lockPair(trx: Kysely<DB>, user: AuthUser, r: MergeRequest) {
  if (r.keepHouseholdId === r.removeHouseholdId)
    throw new AppError('E_VALIDATION', 'Choose two different households', { field: 'removeHouseholdId' });
  const locked = await repo.lockHouseholds(trx, [r.keepHouseholdId, r.removeHouseholdId]);
  const keep = locked.find((h) => h.id === r.keepHouseholdId);
  const remove = locked.find((h) => h.id === r.removeHouseholdId);
  if (!keep) throw notFound('household', r.keepHouseholdId);
  if (!remove) throw notFound('household', r.removeHouseholdId);
  assertObjectInScope(user, keep.village_code, 'household', r.keepHouseholdId);
  assertObjectInScope(user, remove.village_code, 'household', r.removeHouseholdId);
  if (keep.version !== r.keepVersion)
    throw conflict(`Household ${keep.household_no}`, r.keepVersion, keep.version);
  if (remove.version !== r.removeVersion)
    throw conflict(`Household ${remove.household_no}`, r.removeVersion, remove.version);
  return { keep, remove };
}

/** Last status-history line, archive of the whole record, then the delete (cascading). */
async function archiveAndRemove(
  trx: Kysely<DB>,
  user: AuthUser,
  remove: HouseholdRow,
  keep: HouseholdRow,
  reason: string,
  today: string,
) {
  await repo.addStatusHistory(trx, {
    householdId: remove.id,
    villageCode: remove.village_code,
    status: remove.status,
    on: today,
    reason: `合并至 ${keep.household_no}（merged into ${keep.household_no}）: ${reason}`,
    actorId: user.id,
  });
  const snapshot = { household: remove, related: await repo.relatedRows(trx, remove.id) };
  const archived = await repo.archive(trx, {
    householdId: remove.id,
    householdNo: remove.household_no,
    villageCode: remove.village_code,
    mergedInto: keep.id,
    reason,
    snapshot,
    actor: actorOf(user),
  });
  await repo.removeHousehold(trx, remove.id, keep.id);
  return archived.id;
}

const summaryOf = (h: HouseholdRow, members: { id: string }[]) => ({
  id: h.id,
  householdNo: h.household_no,
  size: h.size,
  version: h.version,
  memberIds: members.map((m) => m.id),
});

/**
 * Merge a household registered twice into the one kept, in one transaction: members of the removed
 * household whose ID number the kept one lacks move over (with their flags); the removed household
 * gets a last status-history line, is archived whole (with every row that references it) and is
 * deleted. Nothing is written unless every check passes.
 */
export async function mergeHouseholds(trx: Kysely<DB>, user: AuthUser, r: MergeRequest, today: string) {
  const { keep, remove } = await lockPair(trx, user, r);
  const keptMembers = await repo.membersOf(trx, keep.id);
  const removedMembers = await repo.membersOf(trx, remove.id);
  const keptIds = new Set(keptMembers.map((m) => m.id_number));
  const moved = removedMembers.filter((m) => !keptIds.has(m.id_number)).map((m) => m.id);
  await repo.moveMembers(trx, moved, keep.id);
  const reason = r.reason.trim();
  const archiveId = await archiveAndRemove(trx, user, remove, keep, reason, today);
  const kept = await repo.recountHousehold(trx, keep.id);
  await recordAudit(trx, actorOf(user), {
    action: 'household.merge',
    entityType: 'household',
    entityId: keep.id,
    regionCode: keep.village_code,
    before: { keep: summaryOf(keep, keptMembers), remove: summaryOf(remove, removedMembers) },
    after: {
      keep: { id: keep.id, size: kept.size, version: kept.version },
      movedMemberIds: moved,
      archiveId,
    },
    reason,
  });
  return {
    keptHouseholdId: keep.id,
    size: kept.size,
    version: kept.version,
    movedMemberIds: moved,
    archiveId,
  };
}

/** Resolve a person registered in a wrong household: the member is marked moved out, with a reason. */
export async function moveOutMember(
  trx: Kysely<DB>,
  user: AuthUser,
  r: { memberId: string; version: number; reason: string },
) {
  const m = await repo.memberForUpdate(trx, r.memberId);
  if (!m) throw notFound('member', r.memberId);
  assertObjectInScope(user, m.village_code, 'member', r.memberId);
  if (m.version !== r.version) throw conflict(`Member ${m.name}`, r.version, m.version);
  if (m.member_status !== 'present')
    throw new AppError('E_CONFLICT', `Member ${m.name} is not present (${m.member_status})`, {
      current: m.version,
    });
  const updated = await repo.setMemberStatus(trx, m.id, 'moved_out');
  const household = await repo.recountHousehold(trx, m.household_id);
  await recordAudit(trx, actorOf(user), {
    action: 'member.move_out',
    entityType: 'member',
    entityId: m.id,
    regionCode: m.village_code,
    before: { memberStatus: m.member_status, version: m.version, householdNo: m.household_no },
    after: { memberStatus: updated.member_status, version: updated.version, householdSize: household.size },
    reason: r.reason.trim(),
  });
  return {
    memberId: m.id,
    memberStatus: updated.member_status,
    version: updated.version,
    householdVersion: household.version,
  };
}
