import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/** SQL of the needs board's matching statistics. */
export const statsRepository = {
  /** Matching statistics of the needs in a region, by township and by organisation. */
  needStats: async (db: Kysely<DB>, scope: string) => {
    const base = (
      group: ReturnType<typeof sql>,
      name: ReturnType<typeof sql>,
      join: ReturnType<typeof sql>,
    ) =>
      sql<{
        key: string | null;
        name: string | null;
        total: string;
        matched: string;
        delivered: string;
        confirmed: string;
        median_days: number | null;
        value_pledged: string | null;
        value_delivered: string | null;
      }>`select ${group} as key, ${name} as name, count(*) as total,
          count(*) filter (where n.status in ('pledged', 'delivered', 'confirmed')) as matched,
          count(*) filter (where n.status in ('delivered', 'confirmed')) as delivered,
          count(*) filter (where n.status = 'confirmed') as confirmed,
          percentile_cont(0.5) within group (order by extract(epoch from n.matched_at - n.published_at) / 86400)
            filter (where n.matched_at is not null) as median_days,
          sum(p.amount) as value_pledged,
          sum(p.amount) filter (where n.status in ('delivered', 'confirmed')) as value_delivered
        from need n left join need_pledge p on p.need_id = n.id ${join}
        where n.status <> 'withdrawn' and ${inRegion('n.village_code', scope)}
        group by 1, 2 order by 1`;
    const [total, byTownship, byOrganisation, byKind] = await Promise.all([
      base(sql`''`, sql`''`, sql``).execute(db),
      base(sql`n.township_code`, sql`t.name`, sql`join region t on t.code = n.township_code`).execute(db),
      base(
        sql`p.organisation_id::text`,
        sql`o.name`,
        sql`join organisation o on o.id = p.organisation_id`,
      ).execute(db),
      base(sql`n.kind`, sql`n.kind`, sql``).execute(db),
    ]);
    return {
      total: total.rows[0],
      byTownship: byTownship.rows,
      byOrganisation: byOrganisation.rows,
      byKind: byKind.rows,
    };
  },
};
