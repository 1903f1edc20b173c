import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.js';

export interface GapPage<T> {
  total: number;
  rows: T[];
}

/** One page of `q` in `order` with the count of all its rows. */
export async function paged<T>(
  db: Kysely<DB>,
  q: RawBuilder<unknown>,
  order: RawBuilder<unknown>,
  limit: number,
  offset: number,
) {
  const r = await sql<T & { total: string }>`
    select x.*, count(*) over () as total from (${q}) x order by ${order} limit ${limit} offset ${offset}`.execute(
    db,
  );
  return { total: Number(r.rows[0]?.total ?? 0), rows: r.rows.map(({ total: _t, ...rest }) => rest as T) };
}
