import { api, isApiError, NETWORK_ERROR } from '../api/client';
import type { EditResult } from '../api/householdEdit';
import {
  offlineDb,
  type CachedFact,
  type OutboxItem,
  type PhotoPart,
  type PlanMeasure,
  type Theirs,
} from './store';

/**
 * The outbox (docs/offline.md): changes made on the device, sent in the order they were made when the
 * network is there. Each carries the version it was based on; a 409 keeps the item with the server's
 * record beside it until the cadre chooses (keep mine / take theirs / merge). Nothing is dropped
 * without the cadre's choice.
 */

type Outcome = 'sent' | 'conflict' | 'failed' | 'waiting' | 'stop';

export type NewItem = Omit<OutboxItem, 'seq' | 'state' | 'createdAt' | 'owner'>;

export async function enqueue(owner: string, item: NewItem): Promise<number> {
  const seq = await offlineDb.outbox.add({
    ...item,
    owner,
    state: 'pending',
    createdAt: new Date().toISOString(),
  });
  if (seq === undefined) throw new Error('outbox: no key given');
  return seq;
}

/** POST /api/attachments (multipart). No such route on this server yet: the photo waits. */
async function sendPhoto(photo: PhotoPart, ownerId: string): Promise<void> {
  const form = new FormData();
  form.set('ownerKind', 'visit');
  form.set('ownerId', ownerId);
  form.set('kind', 'visit_photo');
  if (photo.takenAt) form.set('takenAt', photo.takenAt);
  if (photo.lat !== undefined && photo.lon !== undefined) {
    form.set('lat', String(photo.lat));
    form.set('lon', String(photo.lon));
  }
  form.set('file', photo.blob, photo.name);
  let res: Response;
  try {
    res = await fetch('/api/attachments', { method: 'POST', body: form, credentials: 'same-origin' });
  } catch (e) {
    throw Object.assign(new Error(String(e)), { offline: true });
  }
  if (res.ok) return;
  const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string; details?: unknown };
  throw Object.assign(new Error(body.message ?? res.statusText), {
    status: res.status,
    code: body.code,
    // no attachment route on this server yet: a 404 of the route, or 415 (no multipart parser at all)
    noRoute: (res.status === 404 && /^No route/.test(body.message ?? '')) || res.status === 415,
  });
}

/** The server's side of a 409: the household record, the measure, the newer fact, or the draft. */
function theirsOf(item: OutboxItem, details: unknown): Theirs | null {
  const d = details as { current?: unknown; measure?: PlanMeasure } | undefined;
  if (item.kind === 'household') {
    const cur = d?.current as EditResult | undefined;
    if (!cur?.household) return null;
    const version = cur.household.version;
    return { values: { ...cur.household }, version, rebase: { version }, record: cur };
  }
  if (item.kind === 'measure' && d?.measure)
    return { values: { ...d.measure }, version: d.measure.version, rebase: { version: d.measure.version } };
  if (item.kind === 'fact') {
    const cur = d?.current as CachedFact | undefined;
    if (!cur?.id) return null;
    return {
      values: { value: cur.value, observedOn: cur.observedOn },
      version: 0,
      rebase: { basedOn: cur.id },
    };
  }
  if (item.kind === 'draft') {
    const cur = d?.current as { payload?: unknown; version?: number } | undefined;
    if (!cur?.payload || typeof cur.version !== 'number') return null;
    return { values: { payload: cur.payload }, version: cur.version, rebase: { version: cur.version } };
  }
  return null;
}

async function sendOne(
  item: OutboxItem,
): Promise<{ outcome: Outcome; id?: string; answer?: unknown; theirs?: Theirs; error?: string }> {
  try {
    if (item.kind === 'photo') {
      const ownerId = item.photo?.ownerId;
      if (!item.photo || !ownerId) return { outcome: 'waiting', error: 'visit not sent yet' };
      await sendPhoto(item.photo, ownerId);
      return { outcome: 'sent' };
    }
    const r = await api<{ id?: string }>(item.path, { method: item.method, body: item.body });
    return { outcome: 'sent', id: r?.id, answer: r };
  } catch (e) {
    const err = e as { offline?: boolean; noRoute?: boolean; status?: number; message?: string };
    if (err.offline || (isApiError(e) && e.code === NETWORK_ERROR)) return { outcome: 'stop' };
    if (err.noRoute) return { outcome: 'waiting', error: err.message ?? '' };
    if (isApiError(e) && (e.status === 401 || e.status >= 500)) return { outcome: 'stop', error: e.message };
    const theirs = isApiError(e) && e.status === 409 ? theirsOf(item, e.details) : null;
    if (theirs) return { outcome: 'conflict', theirs, error: (e as Error).message };
    return { outcome: 'failed', error: err.message ?? String(e) };
  }
}

let running: Promise<number> | null = null;

/** One sender at a time across the app's tabs (Web Locks), so that two tabs do not send an item twice. */
const oneSender = (fn: () => Promise<number>): Promise<number> =>
  'locks' in navigator ? navigator.locks.request('jingzhun-outbox', fn) : fn();

/** Send what waits, in order; stop at the first sign of no network. Answers how many were sent. */
export function flushOutbox(owner: string): Promise<number> {
  running ??= oneSender(() => flush(owner)).finally(() => {
    running = null;
  });
  return running;
}

async function flush(owner: string): Promise<number> {
  const items = await offlineDb.outbox.where('owner').equals(owner).sortBy('seq');
  // a household with an unresolved conflict or refusal: its later changes wait behind it, in order
  const held = new Set<string>();
  let sent = 0;
  for (const item of items) {
    if (item.state === 'conflict' || item.state === 'failed') {
      held.add(item.householdId);
      continue;
    }
    if (held.has(item.householdId) && item.kind !== 'photo') continue;
    const r = await sendOne(item);
    if (r.outcome === 'stop') break;
    const seq = item.seq!;
    if (r.outcome === 'sent') {
      sent++;
      await afterSent(item, r.id, r.answer);
    } else {
      await offlineDb.outbox.update(seq, { state: r.outcome, error: r.error, theirs: r.theirs });
      if (r.outcome !== 'waiting') held.add(item.householdId);
    }
  }
  return sent;
}

async function afterSent(item: OutboxItem, id: string | undefined, answer: unknown) {
  await offlineDb.transaction('rw', offlineDb.outbox, offlineDb.households, async () => {
    await offlineDb.outbox.delete(item.seq!);
    if (item.kind === 'visit' && id) {
      // the photos taken on this visit now know the visit they belong to
      const photos = await offlineDb.outbox.filter((o) => o.photo?.visitSeq === item.seq).toArray();
      for (const p of photos)
        await offlineDb.outbox.update(p.seq!, { photo: { ...p.photo!, ownerId: id }, state: 'pending' });
    }
    if (item.kind === 'household') {
      const cached = await offlineDb.households.get(item.householdId);
      if (cached?.record)
        await offlineDb.households.put({
          ...cached,
          record: { ...cached.record, ...(answer as EditResult) },
        });
    }
  });
}

/**
 * Conflict resolved with the cadre's choice (mine, or merged field by field): `body` is the change to
 * send again, already based on the server's record (its version, or the fact it now follows).
 */
export async function resolveWith(seq: number, body: Record<string, unknown>, theirsVersion: number) {
  await offlineDb.outbox.update(seq, {
    body,
    baseVersion: theirsVersion,
    state: 'pending',
    error: undefined,
    theirs: undefined,
  });
}

/** Conflict resolved by taking the server's record, or a refused item discarded: the cadre chose. */
export async function discard(seq: number, theirs?: EditResult) {
  const item = await offlineDb.outbox.get(seq);
  if (!item) return;
  await offlineDb.transaction('rw', offlineDb.outbox, offlineDb.households, async () => {
    await offlineDb.outbox.delete(seq);
    const cached = await offlineDb.households.get(item.householdId);
    if (theirs && cached?.record)
      await offlineDb.households.put({ ...cached, record: { ...cached.record, ...theirs } });
  });
}
