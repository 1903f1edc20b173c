import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { ancestorCodes } from '../../domain/region-code.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { isStoredKey, PARAM_CATALOG, STORED_KEYS, type StoredKey } from './catalog.js';
import { policyRepository } from './repository.js';
import { prefixesOf, resolveParams, type EffectiveKey, type Resolved } from './resolve.js';
import type { Clock } from '../../kernel/clock.js';

export interface SetInput {
  regionPrefix: string;
  effectiveFrom: string;
  value: unknown;
  reason: string;
}

/** Keys in the order of the policy page: the stored ones, then last year's line (derived). */
const EFFECTIVE_KEYS: EffectiveKey[] = [...STORED_KEYS, 'previousPovertyLine'];

function assertMaySet(user: AuthUser, prefix: string): void {
  if (user.role === 'admin') return assertInScope(user, prefix); // an administrator of one county: its own
  if (user.role === 'county_officer' && user.scopeCode.length === 6 && prefix === user.scopeCode) return;
  throw new AppError(
    'E_FORBIDDEN',
    user.role === 'county_officer'
      ? `A county officer sets parameters for the county ${user.scopeCode} only`
      : 'Only an administrator or a county officer may set policy parameters',
    { regionPrefix: prefix },
  );
}

function parseValue(key: StoredKey, value: unknown): unknown {
  const r = PARAM_CATALOG[key].schema.safeParse(value);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ field: ['value', ...i.path].join('.'), message: i.message }));
  throw new AppError('E_VALIDATION', `Invalid value for ${key}: ${details[0]?.message ?? ''}`, details);
}

/**
 * Versioned policy parameters. `paramsFor` gives the rules their `PolicyParams` for a region and
 * date, with the provenance of every value; writes are limited by role and audited.
 */
export function createPolicyService(db: Kysely<DB>, clock: Clock) {
  async function resolve(regionCode: string, date: string): Promise<Resolved> {
    const [versions, western] = await Promise.all([
      policyRepository.versionsFor(db, prefixesOf(regionCode), date),
      policyRepository.western(db, [...ancestorCodes(regionCode), regionCode].filter(Boolean)),
    ]);
    return resolveParams(versions, regionCode, date, western);
  }

  return {
    resolve,
    today: () => clock.today(),

    async paramsFor(regionCode: string, date: string): Promise<PolicyParams> {
      return (await resolve(regionCode, date)).params;
    },

    /**
     * Every effective value for (region, date) with where it came from: a region in the user's scope
     * (absent: the user's own region), on `date` (absent: today).
     */
    async effective(user: AuthUser, region: string | undefined, day: string | undefined) {
      const regionCode = scopeFor(user, region);
      const date = day ?? clock.today();
      const r = await resolve(regionCode, date);
      const names = await regionNames(db, [regionCode, ...prefixesOf(regionCode)]);
      return {
        region: { code: regionCode, name: names.get(regionCode) ?? regionCode },
        date,
        year: r.params.year,
        western: r.params.western,
        params: EFFECTIVE_KEYS.map((key) => ({
          key,
          label: labelOf(key),
          unit: key === 'previousPovertyLine' ? 'yuan/person/year' : PARAM_CATALOG[key].unit,
          editable: key !== 'previousPovertyLine',
          value: r.values[key],
          source: { ...r.sources[key], regionName: names.get(r.sources[key].regionCode) ?? '' },
        })),
      };
    },

    /** Stored versions of a key that concern a region in scope (its own and its ancestors'), newest first. */
    async history(user: AuthUser, key: string, region: string | undefined) {
      if (!isStoredKey(key)) throw notFound('policy parameter', key);
      return policyRepository.history(db, key, prefixesOf(scopeFor(user, region)));
    },

    async set(user: AuthUser, key: string, input: SetInput) {
      if (!isStoredKey(key)) throw notFound('policy parameter', key);
      assertMaySet(user, input.regionPrefix);
      const value = parseValue(key, input.value);
      return db.transaction().execute(async (trx) => {
        const before = await policyRepository.get(trx, key, input.regionPrefix, input.effectiveFrom);
        const after = await policyRepository.upsert(trx, {
          key,
          regionPrefix: input.regionPrefix,
          effectiveFrom: input.effectiveFrom,
          value,
          setBy: user.username,
          setById: user.id,
          setAt: clock.now(),
          reason: input.reason,
        });
        await recordAudit(trx, actorOf(user), {
          action: 'policy.set',
          entityType: 'policy_param',
          entityId: `${key}@${input.regionPrefix || 'national'}@${input.effectiveFrom}`,
          regionCode: input.regionPrefix || null,
          before: before && { value: before.value, reason: before.reason, setBy: before.setBy },
          after: { value: after.value, reason: after.reason, setBy: after.setBy },
          reason: input.reason,
        });
        return after;
      });
    },

    /** Delete one version (the value then falls back to the next applicable one); audited. */
    async remove(user: AuthUser, key: string, input: Omit<SetInput, 'value'>) {
      if (!isStoredKey(key)) throw notFound('policy parameter', key);
      assertMaySet(user, input.regionPrefix);
      await db.transaction().execute(async (trx) => {
        const before = await policyRepository.get(trx, key, input.regionPrefix, input.effectiveFrom);
        if (!before) throw notFound('policy parameter version', `${key}@${input.effectiveFrom}`);
        await policyRepository.remove(trx, key, input.regionPrefix, input.effectiveFrom);
        await recordAudit(trx, actorOf(user), {
          action: 'policy.delete',
          entityType: 'policy_param',
          entityId: `${key}@${input.regionPrefix || 'national'}@${input.effectiveFrom}`,
          regionCode: input.regionPrefix || null,
          before: { value: before.value, reason: before.reason, setBy: before.setBy },
          reason: input.reason,
        });
      });
    },
  };
}
export type PolicyService = ReturnType<typeof createPolicyService>;

async function regionNames(db: Kysely<DB>, codes: string[]): Promise<Map<string, string>> {
  const rows = await policyRepository.regionNames(db, [...new Set(codes.filter(Boolean))]);
  return new Map([['', '全国'], ...rows.map((r) => [r.code, r.name] as [string, string])]);
}

function labelOf(key: EffectiveKey): { zh: string; en: string } {
  if (key === 'previousPovertyLine') return { zh: '上年扶贫标准', en: "Last year's poverty line" };
  const { zh, en } = PARAM_CATALOG[key];
  return { zh, en };
}
