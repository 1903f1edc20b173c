import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { redactFields } from '../../domain/visibility.js';
import type { Clock } from '../../kernel/clock.js';
import { inRegion, scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';

const day = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));

/** Progress reported on commitments and not yet confirmed, in a region (oldest first). */
const pendingIn = (db: Kysely<DB>, scope: string, limit: number) =>
  db
    .selectFrom('commitment_progress as p')
    .innerJoin('household_commitment as c', 'c.id', 'p.commitment_id')
    .innerJoin('household as h', 'h.id', 'p.household_id')
    .select([
      'p.id',
      'p.commitment_id',
      'p.household_id',
      'p.village_code',
      'p.reported_on',
      'p.reported_via',
      'p.text',
      'c.text as commitment_text',
      'c.due_on',
      'h.household_no',
      'h.head_name',
    ])
    .where(inRegion('p.village_code', scope))
    .where('p.confirmed_at', 'is', null)
    .where('c.state', '=', 'open')
    .orderBy('p.reported_on')
    .orderBy('p.id')
    .limit(limit)
    .execute();

/**
 * The cadre's confirmation screen (一户一策 commitments, docs/effort.md): progress that households
 * reported in the portal (or cadres recorded) and nobody has confirmed yet, in the user's scope or
 * a region within it. Confirming is the commitment service's `confirm` on the household.
 */
export function createCommitmentQueue(db: Kysely<DB>, clock: Clock) {
  return {
    async pending(user: AuthUser, region: string | undefined) {
      const scope = scopeFor(user, region);
      const rows = await pendingIn(db, scope, 501);
      const items = rows.slice(0, 500).map((r) => ({
        progressId: r.id,
        commitmentId: r.commitment_id,
        commitment: r.commitment_text,
        dueOn: r.due_on === null ? null : day(r.due_on),
        householdId: r.household_id,
        householdNo: r.household_no,
        headName: r.head_name,
        villageCode: r.village_code,
        reportedOn: day(r.reported_on),
        reportedVia: r.reported_via,
        text: r.text,
      }));
      return {
        truncated: rows.length > 500,
        items: redactFields(user.role, 'default', items, { today: clock.today() }) as typeof items,
      };
    },
  };
}
