import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { levelOf } from '../../domain/region-code.js';
import { recordAudit } from '../audit/service.js';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

const FLAG_COLUMNS = ['is_poverty_county', 'is_poor_village', 'is_western'] as const;
type FlagColumn = (typeof FLAG_COLUMNS)[number];

function parseFlag(v: string | undefined): boolean | undefined | 'invalid' {
  if (v === undefined || v === '') return undefined;
  const s = v.trim().toLowerCase();
  if (['1', 'true', 'yes', 'y', '是'].includes(s)) return true;
  if (['0', 'false', 'no', 'n', '否'].includes(s)) return false;
  return 'invalid';
}

/**
 * Import region flags from parsed CSV rows (header row = row 1). All-or-nothing: one error and no
 * flag changes. Each changed region is audited.
 */
export async function importRegionFlags(db: Kysely<DB>, rows: Record<string, string>[], reason: string) {
  const errors: RowError[] = [];
  const updates: { code: string; set: Partial<Record<FlagColumn, boolean>> }[] = [];
  const known = new Set(
    (
      await db
        .selectFrom('region')
        .select('code')
        .where(
          'code',
          'in',
          rows
            .map((r) => r.code ?? '')
            .filter(Boolean)
            .concat(['-']),
        )
        .execute()
    ).map((r) => r.code),
  );
  rows.forEach((r, i) => {
    const row = i + 2;
    const code = (r.code ?? '').trim();
    if (!levelOf(code))
      return errors.push({ row, column: 'code', message: `"${code}" is not a division code` });
    if (!known.has(code))
      return errors.push({ row, column: 'code', message: `region ${code} is not loaded` });
    const set: Partial<Record<FlagColumn, boolean>> = {};
    for (const col of FLAG_COLUMNS) {
      const v = parseFlag(r[col]);
      if (v === 'invalid')
        errors.push({ row, column: col, message: `"${r[col]}" is not 1/0, true/false or empty` });
      else if (v !== undefined) set[col] = v;
    }
    updates.push({ code, set });
  });
  if (errors.length) return { updated: 0, errors };
  let updated = 0;
  await db.transaction().execute(async (trx) => {
    for (const u of updates) {
      if (Object.keys(u.set).length === 0) continue;
      const before = await trx
        .selectFrom('region')
        .select(FLAG_COLUMNS)
        .where('code', '=', u.code)
        .executeTakeFirstOrThrow();
      await trx.updateTable('region').set(u.set).where('code', '=', u.code).execute();
      await recordAudit(
        trx,
        { id: null, name: 'cli' },
        {
          action: 'region.flags',
          entityType: 'region',
          entityId: u.code,
          regionCode: u.code,
          before,
          after: { ...before, ...u.set },
          reason,
        },
      );
      updated++;
    }
  });
  return { updated, errors };
}
