import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { CODE_LISTS } from '../../domain/code-lists.js';

/** Write the code lists of src/domain/code-lists.ts into the `code_list` table (idempotent). */
export async function syncCodeLists(db: Kysely<DB>): Promise<number> {
  const rows = Object.entries(CODE_LISTS).flatMap(([list, entries]) =>
    entries.map((e, i) => ({ list, code: e.code, label_zh: e.zh, label_en: e.en, sort: i })),
  );
  await db.transaction().execute(async (trx) => {
    await sql`delete from code_list`.execute(trx);
    await trx.insertInto('code_list').values(rows).execute();
  });
  return rows.length;
}
