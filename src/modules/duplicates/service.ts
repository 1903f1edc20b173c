import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { parseGroupKey } from '../../domain/duplicates/detect.js';
import { DUPLICATE_KINDS, type DuplicateKind } from '../../domain/duplicates/kinds.js';
import { mayReview } from '../../domain/matching/review.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import { assertInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { nearPersonGroups, sameHouseholdGroups, sameIdGroups, type Group } from './detect.js';
import { duplicateRepository as repo, type PersonRow } from './repository.js';
import { mergeHouseholds, moveOutMember, type MergeRequest } from './resolve.js';
import type { Clock } from '../../kernel/clock.js';
import { seen, seenBirthDate, viewerOf, type Viewer } from '../../domain/visibility.js';

export interface DuplicateQuery {
  region: string;
  kind?: DuplicateKind | undefined;
  unmask: boolean;
  page: number;
  pageSize: number;
}

function assertResolver(user: AuthUser) {
  if (!mayReview(user.role))
    throw new AppError('E_FORBIDDEN', 'Only township officers and above resolve duplicates');
}

function personDto(p: PersonRow, v: Viewer) {
  return {
    id: p.id,
    name: seen(v, 'name', p.name) ?? '',
    sex: p.sex,
    idNumber: seen(v, 'idNumber', p.id_number) ?? '',
    birthDate: seenBirthDate(v, p.birth_date) ?? '',
    relation: p.relation,
    memberStatus: p.member_status,
    version: p.version,
  };
}

function groupDto(g: Group, v: Viewer) {
  return {
    kind: g.kind,
    key: g.key,
    villageCode: g.villageCode,
    villageName: g.households[0]?.household.village_name ?? '',
    detail: g.detail,
    households: g.households.map(({ household: h, members }) => ({
      id: h.household_id,
      householdNo: h.household_no,
      villageCode: h.village_code,
      villageName: h.village_name ?? '',
      headName: seen(v, 'name', h.head_name) ?? '',
      size: h.size,
      status: h.status,
      version: h.household_version,
      members: members.map((m) => personDto(m, v)),
    })),
    elsewhere: g.elsewhere,
  };
}

export function createDuplicateService(db: Kysely<DB>, clock: Clock) {
  async function detect(scope: string, kind: DuplicateKind): Promise<Group[]> {
    switch (kind) {
      case 'same_id':
        return sameIdGroups(await repo.sameIdPersons(db, scope), scope);
      case 'near_person':
        return nearPersonGroups(await repo.nearPersonCandidates(db, scope));
      case 'same_household': {
        const pairs = await repo.householdPairCandidates(db, scope);
        const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
        return sameHouseholdGroups(pairs, await repo.presentMembersOf(db, ids));
      }
      default: {
        const never: never = kind;
        return never;
      }
    }
  }

  /** Groups of one kind not dismissed, ordered by village then key. */
  async function open(scope: string, kind: DuplicateKind): Promise<Group[]> {
    const groups = await detect(scope, kind);
    const dismissed = await repo.dismissedAmong(
      db,
      kind,
      groups.map((g) => g.key),
    );
    return groups
      .filter((g) => !dismissed.has(g.key))
      .sort((a, b) => a.villageCode.localeCompare(b.villageCode) || a.key.localeCompare(b.key));
  }

  return {
    async list(user: AuthUser, q: DuplicateQuery) {
      const scope = scopeFor(user, q.region);
      if (q.unmask && !permissionsOf(user.role).unmask)
        throw new AppError('E_FORBIDDEN', 'Your role may not see unmasked personal data');
      const byKind = await Promise.all(DUPLICATE_KINDS.map(async (k) => [k, await open(scope, k)] as const));
      const counts = Object.fromEntries(byKind.map(([k, g]) => [k, g.length])) as Record<
        DuplicateKind,
        number
      >;
      const groups = byKind.filter(([k]) => !q.kind || k === q.kind).flatMap(([, g]) => g);
      const page = groups.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      if (q.unmask && page.length)
        await db.transaction().execute((trx) =>
          recordAudit(trx, actorOf(user), {
            action: 'duplicates.unmask',
            entityType: 'duplicate',
            regionCode: scope || null,
            reason: 'viewed full ID numbers of duplicate groups',
          }),
        );
      return {
        total: groups.length,
        page: q.page,
        pageSize: q.pageSize,
        counts,
        masked: !q.unmask,
        items: page.map((g) => groupDto(g, viewerOf(user.role, q.unmask, clock.today()))),
      };
    },

    /** Mark groups as not duplicates; they no longer appear (unless a new member joins the group). */
    async dismiss(user: AuthUser, b: { kind: DuplicateKind; keys: string[]; reason: string }) {
      assertResolver(user);
      const parsed = b.keys.map((key) => ({ key, ids: parseGroupKey(key) }));
      const bad = parsed.find((p) => !p.ids);
      if (bad) throw new AppError('E_VALIDATION', `Not a duplicate group key: ${bad.key}`, { field: 'keys' });
      const ids = [...new Set(parsed.flatMap((p) => p.ids!))];
      const found =
        b.kind === 'same_household' ? await repo.householdsByIds(db, ids) : await repo.membersByIds(db, ids);
      const region = new Map(found.map((f) => [f.id, f.village_code]));
      const missing = ids.find((id) => !region.has(id));
      if (missing)
        throw new AppError(
          'E_NOT_FOUND',
          `No ${b.kind === 'same_household' ? 'household' : 'member'} ${missing}`,
        );
      for (const code of region.values()) assertInScope(user, code);
      return db.transaction().execute(async (trx) => {
        const rows = parsed.map((p) => ({
          kind: b.kind,
          key: p.key,
          region_code: region.get(p.ids![0]!) ?? null,
          reason: b.reason.trim(),
          dismissed_by: user.id,
          dismissed_by_name: user.username,
        }));
        const inserted = await repo.dismiss(trx, rows);
        await recordAudit(trx, actorOf(user), {
          action: 'duplicate.dismiss',
          entityType: 'duplicate',
          entityId: `${b.kind}:${b.keys.join(',')}`.slice(0, 200),
          regionCode: rows[0]?.region_code ?? null,
          after: { kind: b.kind, keys: b.keys },
          reason: b.reason.trim(),
        });
        return { dismissed: inserted.length };
      });
    },

    async merge(user: AuthUser, r: MergeRequest) {
      assertResolver(user);
      const today = clock.today();
      return db.transaction().execute((trx) => mergeHouseholds(trx, user, r, today));
    },

    async moveOut(user: AuthUser, r: { memberId: string; version: number; reason: string }) {
      assertResolver(user);
      return db.transaction().execute((trx) => moveOutMember(trx, user, r));
    },
  };
}
export type DuplicateService = ReturnType<typeof createDuplicateService>;
