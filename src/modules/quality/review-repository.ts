import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/** Reviews of quality findings (migration 048), keyed by what a finding is about so they outlive runs. */
export interface FindingKey {
  id: string;
  check_id: string;
  region_code: string;
  household_id: string | null;
  subject: string | null;
}

export interface ReviewRow {
  check_id: string;
  region_code: string;
  household_id: string | null;
  subject: string;
  decision: 'confirmed' | 'dismissed';
  reason: string | null;
  reviewed_by_name: string;
  reviewed_at: Date;
}

/** The key of a finding as text, the same on both sides of the join. */
export const keyOf = (f: {
  check_id: string;
  region_code: string;
  household_id: string | null;
  subject: string | null;
}) => [f.check_id, f.region_code, f.household_id ?? '0', f.subject ?? ''].join('|');

export const reviewRepository = {
  findingsById: async (db: Kysely<DB>, ids: readonly string[]) =>
    (
      await sql<FindingKey>`select id::text, check_id, region_code, household_id::text, subject
        from quality_finding where id = any(${[...ids]}::bigint[])`.execute(db)
    ).rows,

  /** The reviews of these findings' keys (the latest decision per key). */
  async reviewsOf(
    db: Kysely<DB>,
    findings: readonly Omit<FindingKey, 'id'>[],
  ): Promise<Map<string, ReviewRow>> {
    if (findings.length === 0) return new Map();
    const r =
      await sql<ReviewRow>`select check_id, region_code, household_id::text, subject, decision, reason,
          reviewed_by_name, reviewed_at
        from quality_finding_review
        where (check_id, region_code, coalesce(household_id, 0), subject) in (
          select * from unnest(${findings.map((f) => f.check_id)}::text[], ${findings.map((f) => f.region_code)}::text[],
            ${findings.map((f) => f.household_id ?? '0')}::bigint[], ${findings.map((f) => f.subject ?? '')}::text[]))`.execute(
        db,
      );
    return new Map(r.rows.map((x) => [keyOf(x), x]));
  },

  upsert: (
    db: Kysely<DB>,
    f: FindingKey,
    v: { decision: string; reason: string | null; userId: string; userName: string; at: Date },
  ) =>
    sql`insert into quality_finding_review (check_id, region_code, household_id, subject, finding_id, decision,
          reason, reviewed_by, reviewed_by_name, reviewed_at)
        values (${f.check_id}, ${f.region_code}, ${f.household_id}, ${f.subject ?? ''}, ${f.id}, ${v.decision},
          ${v.reason}, ${v.userId}, ${v.userName}, ${v.at})
        on conflict (check_id, region_code, (coalesce(household_id, 0)), subject) do update set
          finding_id = excluded.finding_id, decision = excluded.decision, reason = excluded.reason,
          reviewed_by = excluded.reviewed_by, reviewed_by_name = excluded.reviewed_by_name,
          reviewed_at = excluded.reviewed_at`.execute(db),
};
