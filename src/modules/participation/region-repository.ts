import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/** Division lookups of social participation (names and codes are public). */
export const regionRepository = {
  regionsUnder: (db: Kysely<DB>, parent: string | null) =>
    db
      .selectFrom('region')
      .select(['code', 'name', 'level'])
      .where((eb) => (parent ? eb('parent_code', '=', parent) : eb('parent_code', 'is', null)))
      .orderBy('code')
      .execute(),
  region: (db: Kysely<DB>, code: string) =>
    db
      .selectFrom('region')
      .select(['code', 'name', 'level', 'parent_code'])
      .where('code', '=', code)
      .executeTakeFirst(),
};
