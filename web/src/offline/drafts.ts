import type { RegistrationForm } from '../api/registration';
import { enqueue } from './outbox';
import { offlineDb } from './store';

/**
 * New-household drafts (登记新农户, issue 19 items 1–2) saved on the device without a network and sent
 * in order when it returns (docs/offline.md). A new draft is `POST /api/registrations` (village and
 * form); a save of an existing draft is `PUT /api/registrations/:id` with the version read, so that a
 * draft saved meanwhile elsewhere is a conflict shown side by side. A second save of the same draft
 * before sending joins the waiting one (one save, one version).
 */
export type DraftPayload = RegistrationForm;

/** A draft in one line: head and member count ("龙老六 · 2 人"). */
export function draftSummary(p: DraftPayload, lang: 'zh' | 'en'): string {
  const members = Array.isArray(p.members) ? p.members : [];
  const head = members.find((m) => m.relation === 'head' || m.relation === '户主') ?? members[0];
  const name = typeof head?.name === 'string' && head.name ? head.name : '—';
  return lang === 'en' ? `${name} · ${members.length} members` : `${name} · ${members.length} 人`;
}

async function waitingFor(owner: string, key: string) {
  return offlineDb.outbox
    .where('owner')
    .equals(owner)
    .filter((o) => o.kind === 'draft' && o.householdId === key && o.state === 'pending')
    .first();
}

/**
 * The register page's hook: save a draft's form on the device (no network) to be sent as
 * `PUT /api/registrations/:id` on the version the page read. Answers the outbox item's number.
 */
export async function queueDraftSave(
  owner: string,
  draft: { id: string; version: number },
  payload: DraftPayload,
  label: string,
): Promise<number> {
  const key = `draft:${draft.id}`;
  const waiting = await waitingFor(owner, key);
  if (waiting) {
    await offlineDb.outbox.update(waiting.seq!, { body: { ...waiting.body, payload }, label });
    return waiting.seq!;
  }
  return enqueue(owner, {
    kind: 'draft',
    householdId: key,
    label,
    method: 'PUT',
    path: `/api/registrations/${encodeURIComponent(draft.id)}`,
    body: { version: draft.version, payload },
    baseVersion: draft.version,
  });
}

/**
 * A new draft started on the device (`POST /api/registrations`); `key` (a UUID) names it until it is
 * sent and is sent as its `clientKey`, so that a resend whose first answer was lost makes no second draft.
 */
export async function queueNewDraft(
  owner: string,
  key: string,
  villageCode: string,
  payload: DraftPayload,
  label: string,
): Promise<number> {
  const waiting = await waitingFor(owner, `draft:new:${key}`);
  if (waiting) {
    await offlineDb.outbox.update(waiting.seq!, { body: { villageCode, payload, clientKey: key }, label });
    return waiting.seq!;
  }
  return enqueue(owner, {
    kind: 'draft',
    householdId: `draft:new:${key}`,
    label,
    method: 'POST',
    path: '/api/registrations',
    // the key answers the same draft when the outbox sends it again (the first answer lost)
    body: { villageCode, payload, clientKey: key },
    baseVersion: null,
  });
}
