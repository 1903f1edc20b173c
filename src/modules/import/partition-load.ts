import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/**
 * A province's first load (migration 055; docs/import.md, "A province's first load"). When the
 * partitions of a province hold no rows yet, a bulk import COPYs that province's new households into
 * standalone tables of its own (no secondary index, foreign key or trigger: the registry floor's
 * work), and before it commits builds their indexes, validates their keys once, writes the national
 * keys and what the INSERT triggers would have written, and swaps them in for the empty partitions.
 * Readers never wait on the load; the swap holds the registry tables' lock for milliseconds (lock
 * timeout and retry, see `jz_load_province_swap`). Provinces that already hold rows are written live.
 */
export interface LoadTables {
  household: string;
  member: string;
  household_year: string;
}

export class ProvinceLoads {
  /** Province → its load tables (null: written live). */
  private readonly provinces = new Map<string, LoadTables | null>();
  private xid: string | null = null;

  constructor(private readonly enabled: boolean) {}

  /** The tables new households of this village's province go to (staged or live). */
  async tablesFor(db: Kysely<DB>, village: string): Promise<LoadTables | null> {
    const p = village.slice(0, 2);
    const known = this.provinces.get(p);
    if (known !== undefined) return known;
    let tables: LoadTables | null = null;
    if (this.enabled) {
      const { rows } = await sql<{ ok: boolean; xid: string }>`
        select jz_load_province_begin(${p}) as ok, pg_current_xact_id()::text as xid`.execute(db);
      if (rows[0]?.ok) {
        this.xid = rows[0].xid;
        const name = (t: string) => `jz_load_${t}_p${p}_${this.xid}`;
        tables = {
          household: name('household'),
          member: name('member'),
          household_year: name('household_year'),
        };
      }
    }
    this.provinces.set(p, tables);
    return tables;
  }

  /** The provinces loaded into tables of their own. */
  staged(): string[] {
    return [...this.provinces].filter(([, t]) => t !== null).map(([p]) => p);
  }

  /** Indexes, keys, trigger effects of every staged province (no lock on the live tables). */
  async build(db: Kysely<DB>): Promise<void> {
    for (const p of this.staged()) await sql`select jz_load_province_build(${p})`.execute(db);
  }

  /** Swap the loaded tables in; returns the lock attempts it took. */
  async swap(db: Kysely<DB>): Promise<number> {
    let attempts = 0;
    for (const p of this.staged()) {
      const { rows } = await sql<{ n: number }>`select jz_load_province_swap(${p}) as n`.execute(db);
      attempts += Number(rows[0]?.n ?? 0);
    }
    return attempts;
  }
}
