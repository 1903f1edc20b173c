import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, NETWORK_ERROR } from './client';
import type { ApiResponse, Item } from './generated/helpers';
import type { DocumentKind, OwnerKind } from '../../../src/domain/attachments/kinds';

export type { DocumentKind, OwnerKind };
export { DOCUMENT_KINDS } from '../../../src/domain/attachments/kinds';

export type Attachment = Item<ApiResponse<'/api/attachments'>['items']>;

export const attachmentContentUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}/content`;
export const attachmentThumbnailUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}/thumbnail`;

const listKey = (ownerKind: OwnerKind, ownerId: string) => ['attachments', ownerKind, ownerId] as const;

/** The attachments of one object. */
export function useAttachments(ownerKind: OwnerKind, ownerId: string | undefined) {
  return useQuery({
    queryKey: listKey(ownerKind, ownerId ?? ''),
    queryFn: ({ signal }) =>
      api<ApiResponse<'/api/attachments'>>('/api/attachments', { query: { ownerKind, ownerId }, signal }),
    enabled: Boolean(ownerId),
  });
}

export interface NewAttachment {
  ownerKind: OwnerKind;
  ownerId: string;
  kind: DocumentKind;
  file: Blob;
  fileName: string;
  /** ISO instant with offset, where the client knows when the photo was taken. */
  takenAt?: string;
  lat?: number;
  lon?: number;
  note?: string;
}

/**
 * POST /api/attachments as multipart/form-data (the contract the offline outbox also uses): the text
 * fields, then the file in the field `file`.
 */
export async function uploadAttachment(a: NewAttachment): Promise<Attachment> {
  const form = new FormData();
  form.set('ownerKind', a.ownerKind);
  form.set('ownerId', a.ownerId);
  form.set('kind', a.kind);
  if (a.takenAt) form.set('takenAt', a.takenAt);
  if (a.lat !== undefined && a.lon !== undefined) {
    form.set('lat', String(a.lat));
    form.set('lon', String(a.lon));
  }
  if (a.note) form.set('note', a.note);
  form.set('file', a.file, a.fileName);
  let res: Response;
  try {
    res = await fetch('/api/attachments', { method: 'POST', credentials: 'same-origin', body: form });
  } catch (e) {
    throw new ApiError(0, NETWORK_ERROR, e instanceof Error ? e.message : String(e));
  }
  const body = (await res.json().catch(() => null)) as
    (Attachment & { code?: string; message?: string; details?: unknown }) | null;
  if (!res.ok)
    throw new ApiError(
      res.status,
      body?.code ?? `HTTP_${res.status}`,
      body?.message ?? res.statusText,
      body?.details,
    );
  return body as Attachment;
}

export function useUploadAttachment(ownerKind: OwnerKind, ownerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: Omit<NewAttachment, 'ownerKind' | 'ownerId'>) =>
      uploadAttachment({ ...a, ownerKind, ownerId }),
    onSuccess: () => qc.invalidateQueries({ queryKey: listKey(ownerKind, ownerId) }),
  });
}

export function useDeleteAttachment(ownerKind: OwnerKind, ownerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; reason: string }) =>
      api<null>(`/api/attachments/${encodeURIComponent(v.id)}`, {
        method: 'DELETE',
        body: { reason: v.reason },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: listKey(ownerKind, ownerId) }),
  });
}
