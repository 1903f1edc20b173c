import pg from 'pg';

/** A query the app sent: its text and parameters. */
export interface Captured {
  text: string;
  values: unknown[];
}

/** Every query the app's connections send while `run` runs. */
export async function captureQueries(run: () => Promise<unknown>): Promise<Captured[]> {
  const seen: Captured[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [q, v] = args;
    if (typeof q === 'string') seen.push({ text: q, values: Array.isArray(v) ? v : [] });
    else if (q && typeof q === 'object' && 'text' in q)
      seen.push({
        text: String((q as { text: string }).text),
        values: (q as { values?: unknown[] }).values ?? [],
      });
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    proto.query = original;
  }
  return seen;
}

/**
 * The partitions (relations whose name matches `partition`) a read-only query scans: its plan read
 * back with EXPLAIN ANALYZE on a connection of its own, nodes executed at least once.
 */
export async function partitionsRead(url: string, q: Captured, partition: RegExp): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin read only');
    const res = await client.query<{ 'QUERY PLAN': unknown }>(
      `explain (analyze, format json) ${q.text}`,
      q.values,
    );
    await client.query('rollback');
    const out = new Set<string>();
    const walk = (node: Record<string, unknown>) => {
      const rel = node['Relation Name'];
      if (typeof rel === 'string' && partition.test(rel) && Number(node['Actual Loops'] ?? 0) > 0)
        out.add(rel);
      for (const c of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(c);
    };
    walk((res.rows[0]!['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]!.Plan);
    return [...out].sort();
  } finally {
    await client.end();
  }
}
