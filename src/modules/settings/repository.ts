import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/**
 * SQL of regional settings (table regional_setting, migration 051). Written with `sql` templates:
 * the table is new in this wave and src/db/types.ts is regenerated with the lead's partitioning
 * change (then these can become typed queries).
 */
export interface SettingRow {
  setting: string;
  region_code: string;
  path: string;
  value: number;
  reason: string;
  set_by: string | null;
  set_by_name: string;
  set_at: Date;
  version: number;
}

const COLUMNS = sql.raw(
  'setting, region_code, path, value::float8 as value, reason, set_by, set_by_name, set_at, version',
);

export const settingsRepository = {
  /** The rows of `setting` (absent: every setting) stored at the given regions. */
  async rows(db: Kysely<DB>, regions: readonly string[], setting?: string): Promise<SettingRow[]> {
    const res = await sql<SettingRow>`
      select ${COLUMNS} from regional_setting
      where region_code = any(${[...regions]}::text[])
        and (${setting ?? null}::text is null or setting = ${setting ?? null})
      order by setting, path, region_code`.execute(db);
    return res.rows;
  },

  /** The rows of `setting` at `region`, locked for a change. */
  async lockRegion(db: Kysely<DB>, setting: string, region: string): Promise<SettingRow[]> {
    const res = await sql<SettingRow>`
      select ${COLUMNS} from regional_setting
      where setting = ${setting} and region_code = ${region}
      for update`.execute(db);
    return res.rows;
  },

  async upsert(
    db: Kysely<DB>,
    r: {
      setting: string;
      region: string;
      path: string;
      value: number;
      reason: string;
      setBy: string;
      setByName: string;
      at: Date;
    },
  ): Promise<void> {
    await sql`
      insert into regional_setting (setting, region_code, path, value, reason, set_by, set_by_name, set_at)
      values (${r.setting}, ${r.region}, ${r.path}, ${r.value}, ${r.reason}, ${r.setBy}, ${r.setByName}, ${r.at})
      on conflict (setting, region_code, path) do update set
        value = excluded.value, reason = excluded.reason, set_by = excluded.set_by,
        set_by_name = excluded.set_by_name, set_at = excluded.set_at,
        version = regional_setting.version + 1`.execute(db);
  },

  async remove(db: Kysely<DB>, setting: string, region: string, path: string): Promise<void> {
    await sql`delete from regional_setting
      where setting = ${setting} and region_code = ${region} and path = ${path}`.execute(db);
  },

  async regionNames(db: Kysely<DB>, codes: readonly string[]): Promise<Map<string, string>> {
    const rows = await db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('code', 'in', [...codes, '-'])
      .execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  },
};
