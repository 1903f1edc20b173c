import type { Kysely } from 'kysely';
import type { DB, PolicyParamRow } from '../../db/types.js';
import type { ParamVersion } from './resolve.js';

export const toVersion = (r: PolicyParamRow): ParamVersion => ({
  key: r.key,
  regionPrefix: r.region_prefix,
  effectiveFrom: r.effective_from,
  value: r.value,
  setBy: r.set_by,
  setAt: new Date(r.set_at).toISOString(),
  reason: r.reason,
  synthetic: r.synthetic,
});

export interface NewVersion {
  key: string;
  regionPrefix: string;
  effectiveFrom: string;
  value: unknown;
  setBy: string;
  setById: string | null;
  setAt: Date;
  reason: string;
}

const pk = (db: Kysely<DB>, key: string, prefix: string, from: string) =>
  db
    .selectFrom('policy_param')
    .selectAll()
    .where('key', '=', key)
    .where('region_prefix', '=', prefix)
    .where('effective_from', '=', from);

export const policyRepository = {
  /** Names of regions (the provenance of a value names its region). */
  regionNames: (db: Kysely<DB>, codes: string[]) =>
    codes.length
      ? db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute()
      : Promise.resolve([]),
  /** Every version held by one of `prefixes`, effective on or before `date` (all keys). */
  async versionsFor(db: Kysely<DB>, prefixes: string[], date: string): Promise<ParamVersion[]> {
    const rows = await db
      .selectFrom('policy_param')
      .selectAll()
      .where('region_prefix', 'in', prefixes)
      .where('effective_from', '<=', date)
      .execute();
    return rows.map(toVersion);
  },

  /** Versions of one key held by one of `prefixes`, newest first, most specific first. */
  async history(db: Kysely<DB>, key: string, prefixes: string[]): Promise<ParamVersion[]> {
    const rows = await db
      .selectFrom('policy_param')
      .selectAll()
      .where('key', '=', key)
      .where('region_prefix', 'in', prefixes)
      .orderBy('effective_from', 'desc')
      .orderBy('region_prefix', 'desc')
      .execute();
    return rows.map(toVersion);
  },

  async get(db: Kysely<DB>, key: string, prefix: string, from: string) {
    const row = await pk(db, key, prefix, from).executeTakeFirst();
    return row ? toVersion(row) : null;
  },

  async upsert(db: Kysely<DB>, v: NewVersion): Promise<ParamVersion> {
    const values = {
      value: JSON.stringify(v.value),
      set_by: v.setBy,
      set_by_id: v.setById,
      set_at: v.setAt,
      reason: v.reason,
      synthetic: false,
    };
    const row = await db
      .insertInto('policy_param')
      .values({ key: v.key, region_prefix: v.regionPrefix, effective_from: v.effectiveFrom, ...values })
      .onConflict((oc) => oc.columns(['key', 'region_prefix', 'effective_from']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toVersion(row);
  },

  async remove(db: Kysely<DB>, key: string, prefix: string, from: string): Promise<void> {
    await db
      .deleteFrom('policy_param')
      .where('key', '=', key)
      .where('region_prefix', '=', prefix)
      .where('effective_from', '=', from)
      .execute();
  },

  /** Whether any region on the path (ancestors and the region itself) is flagged western. */
  async western(db: Kysely<DB>, codes: string[]): Promise<boolean> {
    if (codes.length === 0) return false;
    const row = await db
      .selectFrom('region')
      .select('code')
      .where('code', 'in', codes)
      .where('is_western', '=', true)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },
};
