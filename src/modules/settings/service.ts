import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { permissionsOf } from '../../domain/roles.js';
import {
  isSettingKey,
  leafOf,
  leafProblem,
  resolveLeaves,
  SETTING_DEFS,
  SETTING_KEYS,
  setRefusal,
  settingRegionsOf,
  type SettingKey,
} from '../../domain/settings/regional-settings.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { settingsRepository as repo, type SettingRow } from './repository.js';

export interface SetSettingInput {
  /** '' the country, else a province, prefecture or county code. */
  region: string;
  /** New values by path; null removes the region's own value (it inherits again). */
  values: Record<string, number | null>;
  reason: string;
}

const bad = (field: string, message: string, messageZh: string) =>
  new AppError('E_VALIDATION', `Invalid body.${field}: ${message}`, {
    errors: [{ field: `body.${field}`, message, messageZh }],
    messageZh,
  });

const provenance = (r: SettingRow, names: Map<string, string>) => ({
  region: r.region_code,
  regionName: r.region_code === '' ? '' : (names.get(r.region_code) ?? r.region_code),
  setBy: r.set_by_name,
  setAt: r.set_at.toISOString(),
  reason: r.reason,
});

/** The setting region a reader's view is of: the requested region's own level, else its county. */
const viewRegionOf = (region: string) => region.slice(0, Math.min(region.length, 6));

/**
 * Regional settings (docs/settings.md): everyone in scope reads the effective values of a region with
 * the national, inherited and local value of each and who set it; writes are limited by level and
 * audited in the same transaction.
 */
export function createSettingsService(db: Kysely<DB>, clock: Clock) {
  async function view(user: AuthUser, requested: string | undefined) {
    const region = viewRegionOf(scopeFor(user, requested));
    const regions = settingRegionsOf(region);
    const [rows, names] = await Promise.all([repo.rows(db, regions), repo.regionNames(db, regions)]);
    const maySet = permissionsOf(user.role).setInspectionLimits;
    return {
      region: { code: region, name: region === '' ? '' : (names.get(region) ?? region) },
      editable: setRefusal({ role: user.role, scopeCode: user.scopeCode, maySet }, region) === null,
      settings: SETTING_KEYS.map((key) => {
        const leaves = resolveLeaves(
          key,
          rows
            .filter((r) => r.setting === key)
            .map((r) => ({
              path: r.path,
              region: r.region_code,
              value: r.value,
              provenance: provenance(r, names),
            })),
          region,
        );
        return {
          key,
          labelZh: SETTING_DEFS[key].zh,
          labelEn: SETTING_DEFS[key].en,
          values: leaves.map((l) => ({
            path: l.def.path,
            labelZh: l.def.zh,
            labelEn: l.def.en,
            min: l.def.min,
            max: l.def.max,
            integer: l.def.integer,
            defaultValue: l.def.defaultValue,
            value: l.value,
            national: l.national,
            inherited: l.inherited,
            local: l.local,
            source: l.provenance,
          })),
        };
      }),
    };
  }

  function checkValues(key: SettingKey, values: Record<string, number | null>) {
    const entries = Object.entries(values);
    if (entries.length === 0) throw bad('values', 'no value given', '未填写任何数值');
    for (const [path, v] of entries) {
      const def = leafOf(key, path);
      if (!def) throw bad(`values.${path}`, `unknown value ${path} of ${key}`, `${path} 不是该设置的项目`);
      const problem = v === null ? null : leafProblem(def, v);
      if (problem)
        throw bad(
          `values.${path}`,
          `${path} ${problem}`,
          `${def.zh}应为${def.integer ? '整数，' : ''}介于 ${def.min} 与 ${def.max} 之间`,
        );
    }
  }

  return {
    view,

    async set(user: AuthUser, key: string, input: SetSettingInput) {
      if (!isSettingKey(key)) throw notFound('setting', key);
      const maySet = permissionsOf(user.role).setInspectionLimits;
      const refusal = setRefusal({ role: user.role, scopeCode: user.scopeCode, maySet }, input.region);
      if (refusal)
        throw new AppError('E_FORBIDDEN', `Cannot set ${key} for region '${input.region}': ${refusal}`, {
          region: input.region,
          messageZh: input.region === '' ? '全国数值仅由全国管理员设置' : '只能设置本辖区的数值',
        });
      const reason = input.reason.trim();
      if (!reason) throw bad('reason', 'required', '请填写修改原因');
      checkValues(key, input.values);
      const at = clock.now();
      await db.transaction().execute(async (trx) => {
        const current = new Map(
          (await repo.lockRegion(trx, key, input.region)).map((r) => [r.path, r.value]),
        );
        const before: Record<string, number | null> = {};
        const after: Record<string, number | null> = {};
        for (const [path, v] of Object.entries(input.values)) {
          const now = current.get(path) ?? null;
          if (now === v) continue;
          before[path] = now;
          after[path] = v;
          if (v === null) await repo.remove(trx, key, input.region, path);
          else
            await repo.upsert(trx, {
              setting: key,
              region: input.region,
              path,
              value: v,
              reason,
              setBy: user.id,
              setByName: user.username,
              at,
            });
        }
        if (Object.keys(after).length === 0) return;
        await recordAudit(trx, actorOf(user), {
          action: 'settings.set',
          entityType: 'regional_setting',
          entityId: `${key}@${input.region || 'national'}`,
          regionCode: input.region || null,
          before,
          after,
          reason,
        });
      });
      return view(user, input.region === '' ? undefined : input.region);
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
