import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { containsRegion, inRegion } from '../../kernel/scope.js';
import type { FindingRow } from './repository.js';

type Db = Kysely<DB>;

/** Stored runs and findings of the quality checks. */
export const qualityResults = {
  async insertRun(
    db: Db,
    r: { region: string; trigger: string; actorId: string | null; actorName: string; startedAt: Date },
  ): Promise<string> {
    const row = await db
      .insertInto('quality_run')
      .values({
        region_code: r.region,
        trigger: r.trigger,
        actor_id: r.actorId,
        actor_name: r.actorName,
        started_at: r.startedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async finishRun(db: Db, id: string, at: Date, checks: unknown, findings: number): Promise<void> {
    await db
      .updateTable('quality_run')
      .set({ finished_at: at, checks: JSON.stringify(checks), findings })
      .where('id', '=', id)
      .execute();
  },

  async insertFindings(
    db: Db,
    runId: string,
    checkId: string,
    findings: readonly FindingRow[],
  ): Promise<void> {
    for (let i = 0; i < findings.length; i += 2000) {
      const chunk = findings.slice(i, i + 2000);
      await db
        .insertInto('quality_finding')
        .values(
          chunk.map((f) => ({
            run_id: runId,
            check_id: checkId,
            household_id: f.household_id,
            region_code: f.region_code,
            subject: f.subject,
            detail: JSON.stringify(f.detail),
            statistic: f.statistic ? JSON.stringify(f.statistic) : null,
          })),
        )
        .execute();
    }
  },

  /** The latest finished run whose region contains `region`. */
  latestRunCovering: (db: Db, region: string) =>
    db
      .selectFrom('quality_run')
      .selectAll()
      .where('finished_at', 'is not', null)
      .where(containsRegion('region_code', region))
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),

  /** Findings and households per check and child region (the first `childLength` digits). */
  countsByChild: (db: Db, runId: string, region: string, childLength: number) => {
    const child = sql<string>`left(region_code, ${sql.lit(Math.trunc(childLength))})`;
    return db
      .selectFrom('quality_finding')
      .select([
        'check_id',
        child.as('child'),
        sql<number>`count(*)::int`.as('findings'),
        sql<number>`count(distinct household_id)::int`.as('households'),
      ])
      .where('run_id', '=', runId)
      .where(inRegion('region_code', region))
      .groupBy(['check_id', child])
      .execute();
  },

  regionNames: (db: Db, codes: readonly string[]) =>
    codes.length === 0
      ? Promise.resolve([])
      : db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute(),

  async findings(
    db: Db,
    q: {
      runId: string;
      region: string;
      checkId?: string | undefined;
      /** Checks whose findings the reader may not see (explanations.ts). */
      withheld?: readonly string[];
      limit: number;
      offset: number;
    },
  ) {
    let base = db
      .selectFrom('quality_finding as f')
      .leftJoin('household as h', 'h.id', 'f.household_id')
      .leftJoin('region as r', 'r.code', 'f.region_code')
      .where('f.run_id', '=', q.runId)
      .where(inRegion('f.region_code', q.region));
    if (q.checkId) base = base.where('f.check_id', '=', q.checkId);
    if (q.withheld?.length) base = base.where('f.check_id', 'not in', [...q.withheld]);
    const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const items = await base
      .select([
        'f.id',
        'f.check_id',
        'f.household_id',
        'f.region_code',
        'f.subject',
        'f.detail',
        'f.statistic',
        'h.household_no',
        'h.head_name',
        'r.name as region_name',
      ])
      .orderBy('f.check_id')
      .orderBy('f.region_code')
      .orderBy('f.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute();
    return { total: total.n, items };
  },
};
