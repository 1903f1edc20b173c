import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { rankPractices, type RelevanceSubject } from '../../domain/practices/relevance.js';
import { AppError } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { practiceRepository as repo } from './repository.js';
import { practiceDto } from './service.js';

/**
 * Practices relevant to a household (plan drafting) or a project (the project library): the county's
 * approved entries ranked by place, shared causes and measures (src/domain/practices/relevance.ts),
 * each with why it is shown.
 */
export function createRelevantPracticeService(db: Kysely<DB>) {
  /** The household's subject (with the project as context when both are named), or the project's. */
  async function subjectOf(
    user: AuthUser,
    q: { householdId?: string | undefined; projectId?: string | undefined },
  ): Promise<RelevanceSubject> {
    const project = q.projectId ? await repo.projectSubject(db, q.projectId) : null;
    if (q.projectId) assertObjectInScope(user, project?.villageCode, 'project', q.projectId);
    if (q.householdId) {
      const s = await repo.householdSubject(db, q.householdId);
      assertObjectInScope(user, s?.villageCode, 'household', q.householdId);
      return { ...s!, projectId: q.projectId ?? null };
    }
    if (project) return { ...project, projectId: q.projectId ?? null };
    throw new AppError('E_VALIDATION', 'Invalid query: householdId or projectId is required', {
      field: 'querystring.householdId',
      messageZh: '请指定农户或项目',
    });
  }

  return {
    async relevant(
      user: AuthUser,
      q: { householdId?: string | undefined; projectId?: string | undefined; limit: number },
    ) {
      const subject = await subjectOf(user, q);
      const rows = await repo.approvedOfCounty(db, subject.villageCode.slice(0, 6));
      const facts = rows.map((r) => ({
        row: r,
        id: r.id,
        regionCode: r.region_code,
        causes: r.causes,
        measureCodes: r.measure_codes,
        projectIds: r.project_ids,
        createdAt: new Date(r.created_at).toISOString(),
      }));
      return rankPractices(facts, subject, q.limit).map((r) => ({
        practice: practiceDto(r.entry.row),
        place: r.place,
        reasons: r.reasons.map((x) => ({ ...x, rests: [...x.rests] })),
      }));
    },
  };
}
export type RelevantPracticeService = ReturnType<typeof createRelevantPracticeService>;
