/**
 * Chinese search of the policy library (issue 21, docs/knowledge.md): the stored character bigrams
 * (`bigrams @> policy_bigrams(q)` with a GIN index, then the exact `strpos` check — what the app runs)
 * against pg_trgm (`ILIKE '%q%'` on the trigram GIN index of migration 037), with a sequential
 * `strpos` scan as the yardstick, on the demo's documents (the 11 national ones of the migration) and
 * on the same documents repeated to N rows. Also whether pg_trgm extracts trigrams from Chinese text
 * at all in this cluster (it does not under the C locale the embedded cluster uses).
 *
 *   npx tsx bench/policy-search.ts [--rows=20000]
 */
import os from 'node:os';
import { sql } from 'kysely';
import { benchDatabase, machine } from './lib.js';

const ROWS = Number(process.argv.find((a) => a.startsWith('--rows='))?.slice(7) ?? 20_000);
const QUERIES = ['低保', '返贫 监测', '中发〔2015〕34号', '危房改造'];
const RUNS = 30;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const { db, engine, close } = await benchDatabase('policysearch');
  try {
    const trgm = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_extension where extname = 'pg_trgm'`.execute(db);
    const hasTrgm = trgm.rows[0]!.n > 0;
    const ctype = await sql<{
      c: string;
    }>`select datctype as c from pg_database where datname = current_database()`.execute(db);
    console.log(
      `# policy library search — ${engine}; ${machine()}; load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(`pg_trgm installed: ${hasTrgm}; database LC_CTYPE ${ctype.rows[0]!.c}`);
    if (hasTrgm) {
      const t = await sql<{ t: string[] }>`select show_trgm('最低生活保障') as t`.execute(db);
      console.log(`show_trgm('最低生活保障') = ${JSON.stringify(t.rows[0]!.t)}`);
    }
    const methods: Record<string, (q: string) => Promise<number>> = {
      'seq strpos (yardstick)': async (q) => {
        const terms = q.split(' ');
        const r = await sql<{ n: number }>`select count(*)::int as n from policy_document where ${sql.join(
          terms.map(
            (x) =>
              sql`strpos(lower(title || ' ' || coalesce(doc_no, '') || ' ' || issuer || ' ' || body), ${x}) > 0`,
          ),
          sql` and `,
        )}`.execute(db);
        return r.rows[0]!.n;
      },
      'bigrams GIN + strpos (app)': async (q) => {
        const terms = q.split(' ');
        const r = await sql<{ n: number }>`select count(*)::int as n from policy_document
          where bigrams @> policy_bigrams(${q}) and ${sql.join(
            terms.map(
              (x) =>
                sql`strpos(lower(title || ' ' || coalesce(doc_no, '') || ' ' || issuer || ' ' || body), ${x}) > 0`,
            ),
            sql` and `,
          )}`.execute(db);
        return r.rows[0]!.n;
      },
    };
    if (hasTrgm)
      methods['pg_trgm GIN ILIKE'] = async (q) => {
        const terms = q.split(' ');
        const r = await sql<{ n: number }>`select count(*)::int as n from policy_document where ${sql.join(
          terms.map((x) => sql`(title || ' ' || coalesce(doc_no, '') || ' ' || body) ilike ${'%' + x + '%'}`),
          sql` and `,
        )}`.execute(db);
        return r.rows[0]!.n;
      };
    const measure = async (label: string) => {
      const count = await sql<{ n: number }>`select count(*)::int as n from policy_document`.execute(db);
      console.log(`\n## ${label}: ${count.rows[0]!.n} documents (median of ${RUNS} runs, ms)`);
      console.log(`| query | ${Object.keys(methods).join(' | ')} |`);
      for (const q of QUERIES) {
        const cells: string[] = [];
        let yard = 0;
        for (const [name, run] of Object.entries(methods)) {
          const hits = await run(q);
          const ts: number[] = [];
          for (let i = 0; i < RUNS; i++) {
            const t0 = performance.now();
            await run(q);
            ts.push(performance.now() - t0);
          }
          const m = median(ts);
          if (name.startsWith('seq')) yard = m;
          cells.push(
            `${m.toFixed(2)} (${hits} hits${yard && !name.startsWith('seq') ? `, ×${(m / yard).toFixed(2)}` : ''})`,
          );
        }
        console.log(`| ${q} | ${cells.join(' | ')} |`);
      }
    };
    await measure('demo documents');
    await sql`insert into policy_document (title, issuer, doc_no, body, bigrams)
      select d.title || '（副本' || g || '）', d.issuer, null, d.body, d.bigrams
      from policy_document d, generate_series(1, ${Math.ceil(ROWS / 11)}) g where d.key is not null`.execute(
      db,
    );
    await sql`analyze policy_document`.execute(db);
    await measure(`repeated to about ${ROWS}`);
    const plan = await sql<{
      'QUERY PLAN': string;
    }>`explain select id from policy_document where bigrams @> policy_bigrams('低保')`.execute(db);
    console.log(`\nplan (bigrams): ${plan.rows.map((r) => r['QUERY PLAN'].trim()).join(' / ')}`);
    if (hasTrgm) {
      const p2 = await sql<{
        'QUERY PLAN': string;
      }>`explain select id from policy_document where (title || ' ' || coalesce(doc_no, '') || ' ' || body) ilike '%低保%'`.execute(
        db,
      );
      console.log(`plan (pg_trgm): ${p2.rows.map((r) => r['QUERY PLAN'].trim()).join(' / ')}`);
    }
  } finally {
    await close();
  }
}
void main();
