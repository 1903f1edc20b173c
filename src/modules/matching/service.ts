import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { ListKind } from '../../domain/matching/kinds.js';
import { mayReview, review, type ReviewDecision } from '../../domain/matching/review.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { UnreadableFileError } from '../import/reader.js';
import { importList } from './list-import.js';
import { flagDto, listDto } from './mapper.js';
import { matchingRepository } from './repository.js';
import { nationalDefaults, type ParamsFor } from './run.js';
import type { Clock } from '../../kernel/clock.js';
import { viewerOf } from '../../domain/visibility.js';

export interface MatchingDeps {
  /** Policy parameters of a village and year; default: the national defaults (DOMAIN.md §4). */
  paramsFor?: ParamsFor;
  clock: Clock;
}

export interface FlagQuery {
  region: string;
  status?: string | undefined;
  kind?: string | undefined;
  matchType?: string | undefined;
  listId?: string | undefined;
  unmask: boolean;
  page: number;
  pageSize: number;
}

export interface UploadQuery {
  kind: ListKind;
  department?: string | undefined;
  filename: string;
  region: string;
}

export function createMatchingService(db: Kysely<DB>, deps: MatchingDeps) {
  const paramsFor: ParamsFor = deps.paramsFor ?? nationalDefaults;
  const clock = deps.clock;

  /** Unmasked ID numbers for roles that may see them; each such viewing is logged. */
  async function unmasking(user: AuthUser, unmask: boolean, scope: string, what: string): Promise<boolean> {
    if (!unmask) return false;
    if (!permissionsOf(user.role).unmask)
      throw new AppError('E_FORBIDDEN', 'Your role may not see unmasked personal data');
    await db.transaction().execute((trx) =>
      recordAudit(trx, actorOf(user), {
        action: 'match_flag.unmask',
        entityType: 'match_flag',
        regionCode: scope || null,
        reason: `viewed full ID numbers of ${what}`,
      }),
    );
    return true;
  }

  /** Whether the user may import a list for the region (checked before the file is received); its scope. */
  function assertMayImport(user: AuthUser, region: string): string {
    if (!mayReview(user.role))
      throw new AppError('E_FORBIDDEN', 'Only township officers and above import department lists');
    return scopeFor(user, region);
  }

  return {
    /** Import a department list from a file already saved on disk and match it in the region. */
    assertMayImport,

    async importFile(user: AuthUser, file: string, q: UploadQuery) {
      const scope = assertMayImport(user, q.region);
      const report = await importList(db, file, {
        actor: actorOf(user),
        scope,
        kind: q.kind,
        department: q.department ?? null,
        fileName: q.filename,
        paramsFor,
        today: clock.now(),
      }).catch((err: unknown) => {
        if (err instanceof UnreadableFileError) throw new AppError('E_VALIDATION', err.message);
        throw err;
      });
      if (!report.committed)
        throw new AppError('E_VALIDATION', report.errors[0]?.message ?? 'The file was not accepted', report);
      return report;
    },

    async flags(user: AuthUser, q: FlagQuery) {
      const scope = scopeFor(user, q.region);
      const unmasked = await unmasking(user, q.unmask, scope, 'the review queue');
      const { total, rows } = await matchingRepository.listFlags(db, {
        scope,
        status: q.status,
        kind: q.kind,
        matchType: q.matchType,
        listId: q.listId,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return {
        total,
        page: q.page,
        pageSize: q.pageSize,
        masked: !unmasked,
        items: rows.map((r) => flagDto(r, viewerOf(user.role, unmasked, clock.today()))),
      };
    },

    /** Flags of one household (every status), newest first. */
    async householdFlags(user: AuthUser, householdId: string) {
      const h = await matchingRepository.householdRegion(db, householdId);
      if (!h) throw notFound('household', householdId);
      assertObjectInScope(user, h.village_code, 'household', householdId);
      const { rows } = await matchingRepository.listFlags(db, {
        scope: h.village_code,
        householdId,
        limit: 1000,
        offset: 0,
      });
      return { items: rows.map((r) => flagDto(r, viewerOf(user.role, false, clock.today()))) };
    },

    async summary(user: AuthUser, region: string) {
      const rows = await matchingRepository.summary(db, scopeFor(user, region));
      return {
        items: rows.map((r) => ({
          listKind: r.list_kind,
          matchType: r.match_type,
          status: r.status,
          count: Number(r.n),
        })),
      };
    },

    async lists(user: AuthUser, page: number, pageSize: number) {
      const { total, rows } = await matchingRepository.lists(
        db,
        user.scopeCode,
        pageSize,
        (page - 1) * pageSize,
      );
      return { total, page, pageSize, items: rows.map(listDto) };
    },

    /** Confirm or dismiss a pending flag, with a reason; audited with the state before and after. */
    async review(user: AuthUser, id: string, decision: ReviewDecision, reason: string) {
      await db.transaction().execute(async (trx) => {
        const flag = await matchingRepository.flagForUpdate(trx, id);
        if (!flag) throw notFound('flag', id);
        assertObjectInScope(user, flag.village_code, 'flag', id);
        const outcome = review(flag.status as Parameters<typeof review>[0], decision, user.role, reason);
        if (!outcome.ok) throw new AppError(outcome.code, outcome.message, { status: flag.status });
        const at = clock.now();
        await matchingRepository.setReview(trx, id, {
          status: outcome.to,
          reviewerId: user.id,
          reviewerName: user.username,
          reason: reason.trim(),
          at,
        });
        await recordAudit(trx, actorOf(user), {
          action: `match_flag.${decision}`,
          entityType: 'match_flag',
          entityId: id,
          regionCode: flag.village_code,
          before: { status: flag.status, reviewer: flag.reviewer_name, reason: flag.reason },
          after: {
            status: outcome.to,
            reviewer: user.username,
            reason: reason.trim(),
            reviewedAt: at.toISOString(),
          },
          reason: reason.trim(),
        });
      });
      const { rows } = await matchingRepository.listFlags(db, { scope: '', id, limit: 1, offset: 0 });
      return flagDto(rows[0]!, viewerOf(user.role, false, clock.today()));
    },
  };
}
export type MatchingService = ReturnType<typeof createMatchingService>;
