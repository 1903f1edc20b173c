import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { requireOfficer } from './access.js';
import { num } from './mapper.js';
import { statsRepository } from './stats-repository.js';

type StatRow = NonNullable<Awaited<ReturnType<typeof statsRepository.needStats>>['total']>;

const EMPTY: StatRow = {
  key: '',
  name: '',
  total: '0',
  matched: '0',
  delivered: '0',
  confirmed: '0',
  median_days: null,
  value_pledged: null,
  value_delivered: null,
};

const line = (r: StatRow) => ({
  key: r.key ?? '',
  name: r.name ?? '',
  total: num(r.total),
  matched: num(r.matched),
  delivered: num(r.delivered),
  confirmed: num(r.confirmed),
  shareMatched: num(r.total) ? num(r.matched) / num(r.total) : null,
  medianDaysToMatch: r.median_days === null ? null : Number(r.median_days),
  valuePledged: num(r.value_pledged),
  valueDelivered: num(r.value_delivered),
});

/** Matching statistics of the needs board. */
export function createParticipationStatsService(db: Kysely<DB>) {
  return {
    /** Share matched, median days to match, value delivered; by township, organisation, kind. */
    async stats(user: AuthUser, region: string | undefined) {
      requireOfficer(user);
      const scope = scopeFor(user, region);
      const s = await statsRepository.needStats(db, scope);
      return {
        region: scope,
        total: line(s.total ?? EMPTY),
        byTownship: s.byTownship.map(line),
        byOrganisation: s.byOrganisation.map(line),
        byKind: s.byKind.map(line),
      };
    },
  };
}
export type ParticipationStatsService = ReturnType<typeof createParticipationStatsService>;
