import Dexie, { type EntityTable } from 'dexie';
import type { CadreDetail, CadreHousehold } from '../api/responsibility';
import type { EditResult } from '../api/householdEdit';
import type { HouseholdRecord } from '../api/households';
import type { ApiResponse } from '../api/generated/helpers';
import type { HouseholdFacts } from '../pages/household/factsApi';

export type PlanView = ApiResponse<'/api/households/{id}/plan'>;
export type PlanMeasure = NonNullable<PlanView['plan']>['measures'][number];
export type CachedFact = HouseholdFacts['facts'][number];

/**
 * The device's store for work without a network (docs/offline.md): the signed-in cadre's households as
 * the server sent them (already what the role may see), the code lists, and the outbox of changes made
 * on the device, in the order they were made. IndexedDB through Dexie.
 */

/** One of the cadre's households: the row of "my households" and the household's record. */
export interface CachedHousehold {
  id: string;
  summary: CadreHousehold;
  record: HouseholdRecord | null;
  /** The household's plan of this year with its measures (null: none or not readable). */
  plan?: PlanView | null;
  /** The household's recorded facts (history included) as the user may see them; a fact update names the one it was based on. */
  facts?: CachedFact[] | null;
  savedAt: string;
}

/**
 * With a conflict: the server's values of the changed record, its version, what the change takes to
 * be based on it (`rebase`: `{ version }`, or a fact's `{ basedOn }`), and (households) the record.
 */
export interface Theirs {
  values: Record<string, unknown>;
  version: number;
  rebase: Record<string, unknown>;
  record?: EditResult;
}

export interface CachedList {
  key: 'cadre' | 'code-lists';
  data: unknown;
  savedAt: string;
}

export type OutboxKind = 'visit' | 'household' | 'measure' | 'fact' | 'report' | 'draft' | 'photo';
/**
 * pending: waits to be sent; conflict: the server's record changed meanwhile (the cadre chooses);
 * failed: the server refused it (the cadre reads why and edits or discards it); waiting: the server
 * cannot take it yet (a photo before the attachment route exists, or before its visit is sent).
 */
export type OutboxState = 'pending' | 'conflict' | 'failed' | 'waiting';

export interface PhotoPart {
  blob: Blob;
  name: string;
  /** The outbox item of the visit the photo was taken on; its server id once sent. */
  visitSeq?: number;
  ownerId?: string;
  takenAt?: string;
  lat?: number;
  lon?: number;
}

export interface OutboxItem {
  seq?: number;
  /** The user who made it: only they see and send it. */
  owner: string;
  kind: OutboxKind;
  /** The household changed; a registration draft: `draft:<id>`, or `draft:new:<key>` before it exists. */
  householdId: string;
  /** What the cadre sees in the list (household head, what was done). */
  label: string;
  method: 'POST' | 'PATCH' | 'PUT';
  path: string;
  body: Record<string, unknown>;
  /** The version of the record the change was based on (households, measures); null for inserts. */
  baseVersion: number | null;
  createdAt: string;
  state: OutboxState;
  error?: string;
  /** With a conflict: the record as the server now has it. */
  theirs?: Theirs;
  photo?: PhotoPart;
}

export interface Meta {
  key: 'owner' | 'refreshedAt';
  value: string;
}

class OfflineDb extends Dexie {
  households!: EntityTable<CachedHousehold, 'id'>;
  lists!: EntityTable<CachedList, 'key'>;
  outbox!: EntityTable<OutboxItem, 'seq'>;
  meta!: EntityTable<Meta, 'key'>;

  constructor() {
    super('jingzhun-offline');
    this.version(1).stores({ households: 'id', lists: 'key', outbox: '++seq, owner, state', meta: 'key' });
  }
}

export const offlineDb = new OfflineDb();

/** The service worker's cache of the API answers the cadre needs offline (vite.config.ts). */
export const API_CACHE = 'jz-api';

/**
 * Sign-out: forget the households, code lists and cached API answers on this device. The outbox
 * stays, bound to its user (sent when they sign in again; nobody else sees it) — nothing is lost.
 */
export async function clearOfflineData(): Promise<void> {
  await offlineDb.transaction('rw', offlineDb.households, offlineDb.lists, offlineDb.meta, async () => {
    await offlineDb.households.clear();
    await offlineDb.lists.clear();
    await offlineDb.meta.clear();
  });
  if (typeof caches !== 'undefined') await caches.delete(API_CACHE);
}

/** Another user on this device: the cached households of the one before are not theirs to see. */
export async function claimFor(username: string): Promise<void> {
  const owner = await offlineDb.meta.get('owner');
  if (owner && owner.value !== username) await clearOfflineData();
  await offlineDb.meta.put({ key: 'owner', value: username });
}

export async function saveCadre(detail: CadreDetail, now: string): Promise<void> {
  await offlineDb.lists.put({ key: 'cadre', data: detail, savedAt: now });
}
