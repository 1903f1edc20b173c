import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * The floor of an import that keeps the registry readable: the database alone writing the rows the
 * import wrote (COPY dumps of the three tables) into empty copies `kept_<table>` that carry what the
 * live tables carry while an import runs without locking them — secondary indexes maintained row by
 * row, foreign keys checked row by row, the statement triggers (statistics marks, change capture) —
 * in one COPY per table, one transaction. Seconds.
 */
export async function keptFloorSeconds(
  client: pg.Client,
  tables: string[],
  dumps: string[],
): Promise<number> {
  const copyOf = (def: string) =>
    tables.reduce((d, t) => d.replaceAll(` ON public.${t} `, ` ON public.kept_${t} `), def);
  for (const t of tables) {
    await client.query(`create table kept_${t} (like ${t} including defaults including constraints)`);
    const keys = await client.query<{ def: string }>(
      `select pg_get_constraintdef(c.oid) as def from pg_constraint c
       where c.conrelid = '${t}'::regclass and c.contype in ('p', 'u')`,
    );
    for (const k of keys.rows) await client.query(`alter table kept_${t} add ${k.def}`);
  }
  const secondary = await client.query<{ def: string }>(
    `select pg_get_indexdef(i.indexrelid) as def from pg_index i join pg_class t on t.oid = i.indrelid
     where t.relname = any($1) and not i.indisprimary and not i.indisunique`,
    [tables],
  );
  for (const { def } of secondary.rows)
    await client.query(
      copyOf(def).replace(/^CREATE (UNIQUE )?INDEX (\S+)/, (_m, u = '') => `CREATE ${u}INDEX`),
    );
  const fks = await client.query<{ t: string; def: string }>(
    `select c.conrelid::regclass::text as t, pg_get_constraintdef(c.oid) as def from pg_constraint c
     where c.conrelid = any($1::regclass[]) and c.contype = 'f'`,
    [tables],
  );
  for (const fk of fks.rows)
    await client.query(
      `alter table kept_${fk.t} add ${fk.def.replace(/REFERENCES (household)\(/, 'REFERENCES kept_$1(')}`,
    );
  const triggers = await client.query<{ def: string }>(
    `select pg_get_triggerdef(oid) as def from pg_trigger where tgrelid = any($1::regclass[]) and not tgisinternal`,
    [tables],
  );
  for (const { def } of triggers.rows)
    await client.query(copyOf(def).replace(/^CREATE TRIGGER (\S+)/, 'CREATE TRIGGER kept_$1'));
  const t0 = performance.now();
  await client.query('begin');
  for (let i = 0; i < tables.length; i++)
    await pipeline(
      fs.createReadStream(dumps[i]!),
      client.query(copyFrom(`copy kept_${tables[i]} from stdin`)),
    );
  await client.query('commit');
  return (performance.now() - t0) / 1000;
}
