import { api } from '../api/client';
import type { HouseholdRecord } from '../api/households';
import type { CadreDetail } from '../api/responsibility';
import { claimFor, offlineDb, saveCadre, type CachedFact, type PlanView } from './store';

/**
 * Keep the device's copy fresh while there is a network: the cadre's households (/api/cadres/me and
 * each household's record) and the code lists. Fetched through the service worker, so its cache of
 * these answers (and of /api/auth/me) lets the app start offline too.
 */
export async function refreshOfflineCopy(username: string, now: string): Promise<number> {
  await claimFor(username);
  await api('/api/auth/me');
  const lists = await api<unknown>('/api/code-lists');
  await offlineDb.lists.put({ key: 'code-lists', data: lists, savedAt: now });
  const mine = await api<CadreDetail>('/api/cadres/me');
  const records = await Promise.all(
    mine.households.map((h) => api<HouseholdRecord>(`/api/households/${encodeURIComponent(h.householdId)}`)),
  );
  const plans = await Promise.all(
    mine.households.map((h) =>
      api<PlanView>(`/api/households/${encodeURIComponent(h.householdId)}/plan`).catch(() => null),
    ),
  );
  const facts = await Promise.all(
    mine.households.map((h) =>
      api<{ facts: CachedFact[] }>(`/api/households/${encodeURIComponent(h.householdId)}/facts`)
        .then((r) => r.facts)
        .catch(() => null),
    ),
  );
  const ids = new Set(mine.households.map((h) => h.householdId));
  await offlineDb.transaction('rw', offlineDb.households, offlineDb.lists, offlineDb.meta, async () => {
    await saveCadre(mine, now);
    // a household handed to another cadre is no longer kept here
    await offlineDb.households.filter((h) => !ids.has(h.id)).delete();
    await offlineDb.households.bulkPut(
      mine.households.map((h, i) => ({
        id: h.householdId,
        summary: h,
        record: records[i] ?? null,
        plan: plans[i] ?? null,
        facts: facts[i] ?? null,
        savedAt: now,
      })),
    );
    await offlineDb.meta.put({ key: 'refreshedAt', value: now });
  });
  return mine.households.length;
}
