import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { grievanceRepository as repo } from './repository.js';

/** Satisfaction statistics: how complainants and households judge the outcome and the help. */
export function createSatisfactionService(db: Kysely<DB>) {
  return {
    /** Share satisfied with grievance outcomes and mean rating of help, per child region, in a year. */
    satisfaction: (user: AuthUser, region: string | undefined, year: number) =>
      satisfactionFigures(db, scopeFor(user, region), year),
  };
}
export type SatisfactionService = ReturnType<typeof createSatisfactionService>;

/**
 * Satisfaction figures of a region and year (the approval indicator reads these): the share of
 * grievances with feedback whose complainant was satisfied, and the mean rating (1–5) households gave
 * the help they received; in total and per child region. No scope check: callers check.
 */
export async function satisfactionFigures(db: Kysely<DB>, region: string, year: number) {
  const s = await repo.satisfaction(db, region, year);
  const keys = [...new Set([...s.grievances.map((r) => r.key), ...s.ratings.map((r) => r.key)])].sort();
  const names = new Map((await repo.regionNames(db, keys)).map((r) => [r.code, r.name]));
  const line = (key: string, gs: typeof s.grievances, rs: typeof s.ratings) => {
    const sum = (xs: typeof gs, k: 'filed' | 'resolved' | 'with_feedback' | 'satisfied') =>
      xs.reduce((a, r) => a + Number(r[k]), 0);
    const withFeedback = sum(gs, 'with_feedback');
    const satisfied = sum(gs, 'satisfied');
    const ratings = rs.reduce((a, r) => a + Number(r.ratings), 0);
    const ratingSum = rs.reduce((a, r) => a + Number(r.ratings) * Number(r.mean ?? 0), 0);
    return {
      code: key,
      name: names.get(key) ?? key,
      grievances: sum(gs, 'filed'),
      resolved: sum(gs, 'resolved'),
      withFeedback,
      satisfied,
      shareSatisfied: withFeedback ? satisfied / withFeedback : null,
      ratings,
      meanRating: ratings ? ratingSum / ratings : null,
    };
  };
  return {
    region,
    year,
    total: line(region, s.grievances, s.ratings),
    byRegion: keys.map((k) =>
      line(
        k,
        s.grievances.filter((r) => r.key === k),
        s.ratings.filter((r) => r.key === k),
      ),
    ),
  };
}
