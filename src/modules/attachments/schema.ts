import { z } from 'zod';
import { DOCUMENT_KINDS, MEDIA_TYPES, OWNER_KINDS } from '../../domain/attachments/kinds.js';
import { Id } from '../../kernel/schema.js';

// eslint-disable-next-line no-control-regex
const STORABLE = (s: string) => !/\u0000/.test(s);
const text = (max: number) => z.string().max(max).refine(STORABLE, 'must not contain a NUL character');

export const OwnerKind = z.enum(OWNER_KINDS);
export const DocumentKind = z.enum(DOCUMENT_KINDS);

/** The text fields of an upload (multipart form fields beside `file`). */
export const UploadFields = z.object({
  ownerKind: OwnerKind,
  ownerId: Id,
  kind: DocumentKind,
  takenAt: z.iso.datetime({ offset: true }).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lon: z.coerce.number().min(-180).max(180).optional(),
  note: text(2000).optional(),
});
export type UploadFields = z.infer<typeof UploadFields>;

export const ListQuery = z.object({ ownerKind: OwnerKind, ownerId: Id });
export const IdParams = z.object({ id: Id });
export const DeleteBody = z.object({ reason: text(500).pipe(z.string().trim().min(2)) });

export const Attachment = z.object({
  id: z.string(),
  ownerKind: OwnerKind,
  ownerId: z.string(),
  kind: DocumentKind,
  sensitive: z.boolean().describe('a sensitive document: every opening is logged'),
  mayOpen: z.boolean().describe("whether the viewer's role may open it (content, thumbnail)"),
  fileName: z.string(),
  mediaType: z.enum(MEDIA_TYPES),
  byteSize: z.number(),
  sha256: z.string(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  hasThumbnail: z.boolean(),
  takenAt: z.string().nullable().describe('when the photo was taken (EXIF, else as the client sent it)'),
  timeSource: z.enum(['exif', 'client']).nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  placeSource: z.enum(['exif', 'client']).nullable(),
  note: z.string().nullable(),
  uploadedAt: z.string().describe("when it reached the server (the server's clock)"),
});
export type AttachmentDto = z.infer<typeof Attachment>;
