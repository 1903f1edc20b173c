import { useEffect, useState, useSyncExternalStore } from 'react';
import { liveQuery } from 'dexie';
import { offlineDb, type CachedHousehold, type OutboxItem } from './store';

/** The value of a Dexie query, kept current as the store changes (undefined until first read). */
export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    const sub = liveQuery(query).subscribe({ next: setValue, error: () => setValue(undefined) });
    return () => sub.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the query reads
  }, deps);
  return value;
}

/** The user's outbox, in the order the changes were made. */
export const useOutbox = (owner: string): OutboxItem[] | undefined =>
  useLive(() => offlineDb.outbox.where('owner').equals(owner).sortBy('seq'), [owner]);

/** How many of the user's changes wait to be sent (conflicts and refusals included). */
export const useOutboxCount = (owner: string): number =>
  useLive(() => offlineDb.outbox.where('owner').equals(owner).count(), [owner]) ?? 0;

export const useCachedHouseholds = (): CachedHousehold[] | undefined =>
  useLive(() => offlineDb.households.toArray(), []);

const subscribeOnline = (cb: () => void) => {
  window.addEventListener('online', cb);
  window.addEventListener('offline', cb);
  return () => {
    window.removeEventListener('online', cb);
    window.removeEventListener('offline', cb);
  };
};

/** Whether the browser says it has a network. */
export const useOnline = (): boolean => useSyncExternalStore(subscribeOnline, () => navigator.onLine);
