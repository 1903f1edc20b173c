import type { Kysely } from 'kysely';
import type { DB, Region } from '../../db/types.js';
import { ancestorCodes, levelOf, LEVEL_LENGTH, type RegionLevel } from '../../domain/region-code.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { regionRepository } from './repository.js';

export interface RegionRef {
  code: string;
  name: string;
  level: number;
}

export const COUNTRY_REF: RegionRef = { code: '', name: '全国', level: 0 };

const ref = (r: Pick<Region, 'code' | 'name' | 'level'>): RegionRef => ({
  code: r.code,
  name: r.name,
  level: r.level,
});

export type RegionFlags = Partial<{ isPovertyCounty: boolean; isPoorVillage: boolean; isWestern: boolean }>;

export function createRegionService(db: Kysely<DB>) {
  async function get(code: string): Promise<Region> {
    const r = await regionRepository.byCode(db, code);
    if (!r) throw notFound('region', code);
    return r;
  }

  return {
    get,
    /** The latest year with household data (null before any import). */
    latestYear: (): Promise<number | null> => regionRepository.latestYear(db),

    async refOf(code: string): Promise<RegionRef> {
      return code === '' ? COUNTRY_REF : ref(await get(code));
    },

    /** The path from the province down to `code` (inclusive). */
    async path(user: AuthUser, code: string): Promise<RegionRef[]> {
      assertInScope(user, code);
      const codes = [...ancestorCodes(code), code];
      const rows = await regionRepository.byCodes(db, codes);
      if (!rows.some((r) => r.code === code)) throw notFound('region', code);
      return rows.sort((a, b) => a.level - b.level).map(ref);
    },

    /** Children of a region with household counts of `year` (default: the latest year with data). */
    async children(user: AuthUser, parentCode: string, atYear?: number) {
      const parent = scopeFor(user, parentCode);
      const parentRow = parent === '' ? null : await get(parent);
      const rows = await regionRepository.children(db, parentRow ? parentRow.code : null);
      const year = atYear ?? (await regionRepository.latestYear(db));
      const childLen = rows[0]
        ? rows[0].code.length
        : LEVEL_LENGTH[Math.min(5, (parentRow?.level ?? 0) + 1) as RegionLevel];
      const counts = year === null ? [] : await regionRepository.countsByPrefix(db, parent, childLen, year);
      const byPrefix = new Map(counts.map((c) => [c.prefix, c]));
      return {
        parent: parentRow ? ref(parentRow) : COUNTRY_REF,
        items: rows.map((r) => {
          const c = byPrefix.get(r.code);
          return {
            ...ref(r),
            isPovertyCounty: r.is_poverty_county,
            isPoorVillage: r.is_poor_village,
            isWestern: r.is_western,
            hasChildren: Boolean(r.has_children),
            households: c?.households ?? 0,
            persons: c?.persons ?? 0,
            poorHouseholds: c?.poorHouseholds ?? 0,
            poorPersons: c?.poorPersons ?? 0,
          };
        }),
      };
    },

    async search(user: AuthUser, text: string, limit: number) {
      const rows = await regionRepository.search(db, user.scopeCode, text, limit);
      const ancestors = new Map(
        (await regionRepository.byCodes(db, [...new Set(rows.flatMap((r) => ancestorCodes(r.code)))])).map(
          (r) => [r.code, r.name],
        ),
      );
      return rows.map((r) => ({
        ...ref(r),
        path: [...ancestorCodes(r.code).map((c) => ancestors.get(c) ?? c), r.name].join(' / '),
      }));
    },

    /** Set region flags (poverty county, poor village, western); audited. */
    async setFlags(user: AuthUser, code: string, flags: RegionFlags, reason: string) {
      if (!permissionsOf(user.role).setRegionFlags)
        throw new AppError('E_FORBIDDEN', 'Your role may not change region flags');
      assertInScope(user, code);
      if (!levelOf(code))
        throw new AppError('E_VALIDATION', `${code} is not a division code`, { field: 'code' });
      return db.transaction().execute(async (trx) => {
        const before = await regionRepository.byCode(trx, code);
        if (!before) throw notFound('region', code);
        const set = {
          ...(flags.isPovertyCounty !== undefined && { is_poverty_county: flags.isPovertyCounty }),
          ...(flags.isPoorVillage !== undefined && { is_poor_village: flags.isPoorVillage }),
          ...(flags.isWestern !== undefined && { is_western: flags.isWestern }),
        };
        if (Object.keys(set).length === 0)
          throw new AppError('E_VALIDATION', 'no flag given', { field: 'flags' });
        const after = await regionRepository.setFlags(trx, code, set);
        const pick = (r: Region | undefined) =>
          r && {
            isPovertyCounty: r.is_poverty_county,
            isPoorVillage: r.is_poor_village,
            isWestern: r.is_western,
          };
        await recordAudit(trx, actorOf(user), {
          action: 'region.flags',
          entityType: 'region',
          entityId: code,
          regionCode: code,
          before: pick(before),
          after: pick(after),
          reason,
        });
        return pick(after);
      });
    },
  };
}
export type RegionService = ReturnType<typeof createRegionService>;
