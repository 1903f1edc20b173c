import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import {
  fileProblem,
  isImage,
  sniffMediaType,
  type DocumentKind,
  type MediaType,
  type OwnerKind,
} from '../../domain/attachments/kinds.js';
import { isCivilAffairs, permissionsOf, type Role } from '../../domain/roles.js';
import { DOCUMENT_CLASS, mayOpenDocument } from '../../domain/visibility.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit, type AuditAction } from '../audit/service.js';
import { readImage } from './image.js';
import { attachmentRepository as repo, type AttachmentRow, type OwnerPlace } from './repository.js';
import type { AttachmentDto, UploadFields } from './schema.js';

/** The default largest file accepted (config.ts JZ_ATTACHMENT_MAX_MB). */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** A file as received: its name, the type the client declared, its bytes. */
export interface ReceivedFile {
  fileName: string;
  declaredType: string;
  bytes: Buffer;
}

/** Whether a role reads owners of a kind at all (scope aside): the owner's own read rule. */
function readsOwnerKind(role: Role, kind: OwnerKind): boolean {
  if (role === 'organisation') return false;
  if (kind === 'grievance') return permissionsOf(role).handleGrievances;
  if (kind === 'project' || kind === 'project_followup') return !isCivilAffairs(role);
  return true;
}

const REFUSALS = {
  empty: ['is empty', '是空文件'],
  too_large: ['is larger than the limit', '超过大小上限'],
  type: [
    'is not a JPEG, PNG, WebP or PDF file (by its content)',
    '不是 JPEG、PNG、WebP 或 PDF 文件（按文件内容判断）',
  ],
  forged: ['does not match its declared type', '的内容与声明的类型不符'],
} as const;

const auditAction = (owner: OwnerKind, verb: 'upload' | 'view' | 'delete'): AuditAction =>
  owner === 'grievance' ? `grievance.attachment.${verb}` : `attachment.${verb}`;

/** An attachment as the API answers it (for a viewer of a role). */
const dto = (r: AttachmentRow, role: Role): AttachmentDto => ({
  id: String(r.id),
  ownerKind: r.owner_kind as OwnerKind,
  ownerId: String(r.owner_id),
  kind: r.kind as DocumentKind,
  sensitive: DOCUMENT_CLASS[r.kind as DocumentKind].sensitivity === 'sensitive',
  mayOpen: mayOpenDocument(role, r.kind as DocumentKind),
  fileName: r.file_name,
  mediaType: r.media_type as MediaType,
  byteSize: r.byte_size,
  sha256: r.sha256,
  width: r.width,
  height: r.height,
  hasThumbnail: r.has_thumbnail,
  takenAt: r.taken_at ? r.taken_at.toISOString() : null,
  timeSource: r.time_source as AttachmentDto['timeSource'],
  latitude: r.latitude,
  longitude: r.longitude,
  placeSource: r.place_source as AttachmentDto['placeSource'],
  note: r.note,
  uploadedAt: r.uploaded_at.toISOString(),
});

/** Refuse a file that is empty, too large, of another type or not what it declares: a 400 naming it. */
function refuseFile(file: ReceivedFile, maxBytes: number): void {
  const problem = fileProblem(file.bytes, file.declaredType, maxBytes);
  if (!problem) return;
  const [en, zh] = REFUSALS[problem.reason];
  const limit = problem.reason === 'too_large' ? ` (${maxBytes / 1048576} MB)` : '';
  throw new AppError('E_VALIDATION', `File ${file.fileName} ${en}${limit}`, {
    field: 'file',
    file: file.fileName,
    reason: problem.reason,
    declared: file.declaredType,
    detected: problem.sniffed,
    maxBytes,
    messageZh: `文件 ${file.fileName} ${zh}${limit}`,
  });
}

/** Photos and documents on registry objects, stored in the database (docs/operations.md "Attachments"). */
export function createAttachmentService(db: Kysely<DB>, opts: { clock: Clock; maxBytes?: number }) {
  const { clock } = opts;
  const maxBytes = opts.maxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES;

  /** The owner, if it exists and the user reads it; else the same 404 as a missing one. */
  async function ownerInScope(user: AuthUser, kind: OwnerKind, id: string): Promise<OwnerPlace> {
    const place = readsOwnerKind(user.role, kind) ? await repo.owner(db, kind, id) : null;
    assertObjectInScope(user, place?.regionCode, kind, id);
    return place!;
  }

  /** An attachment the user may see (its owner readable by them, not deleted), else 404. */
  async function attachmentInScope(user: AuthUser, id: string): Promise<AttachmentRow> {
    const row = await repo.byId(db, id);
    const visible = row && row.deleted_at === null && readsOwnerKind(user.role, row.owner_kind as OwnerKind);
    assertObjectInScope(user, visible ? row.region_code : null, 'attachment', id);
    return row!;
  }

  return {
    maxBytes,

    /** Store a file on an owner: checked by its bytes, thumbnail and EXIF read, audited. */
    async upload(user: AuthUser, fields: UploadFields, file: ReceivedFile): Promise<AttachmentDto> {
      const place = await ownerInScope(user, fields.ownerKind, fields.ownerId);
      refuseFile(file, maxBytes);
      const mediaType = sniffMediaType(file.bytes)!; // known after refuseFile
      const img = isImage(mediaType) ? await readImage(file.bytes, file.fileName) : null;
      const now = clock.now();
      const clientAt = fields.takenAt ? new Date(fields.takenAt) : null;
      if (clientAt && clientAt.getTime() > now.getTime() + 86_400_000)
        throw new AppError('E_VALIDATION', 'Invalid body.takenAt: lies in the future', [
          { field: 'body.takenAt', message: 'lies in the future', messageZh: '拍摄时间晚于当前时间' },
        ]);
      const exifPlace = img?.latitude != null && img.longitude != null;
      const clientPlace = fields.lat !== undefined && fields.lon !== undefined;
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      const id = await db.transaction().execute(async (trx) => {
        const newId = await repo.insert(trx, {
          region_code: place.regionCode,
          owner_kind: fields.ownerKind,
          owner_id: fields.ownerId,
          household_id: place.householdId,
          kind: fields.kind,
          file_name: file.fileName,
          media_type: mediaType,
          byte_size: file.bytes.length,
          sha256,
          content: file.bytes,
          thumbnail: img?.thumbnail ?? null,
          width: img?.width ?? null,
          height: img?.height ?? null,
          taken_at: img?.takenAt ?? clientAt,
          time_source: img?.takenAt ? 'exif' : clientAt ? 'client' : null,
          latitude: exifPlace ? img.latitude : clientPlace ? fields.lat! : null,
          longitude: exifPlace ? img.longitude : clientPlace ? fields.lon! : null,
          place_source: exifPlace ? 'exif' : clientPlace ? 'client' : null,
          note: fields.note ?? null,
          uploaded_by: user.id,
          uploaded_at: now,
        });
        await recordAudit(trx, actorOf(user), {
          action: auditAction(fields.ownerKind, 'upload'),
          entityType: 'attachment',
          entityId: newId,
          regionCode: place.regionCode,
          after: { ...fields, fileName: file.fileName, mediaType, byteSize: file.bytes.length, sha256 },
        });
        return newId;
      });
      return dto((await repo.byId(db, id))!, user.role);
    },

    async list(user: AuthUser, ownerKind: OwnerKind, ownerId: string): Promise<AttachmentDto[]> {
      await ownerInScope(user, ownerKind, ownerId);
      return (await repo.list(db, ownerKind, ownerId)).map((r) => dto(r, user.role));
    },

    /** The bytes of the file or its thumbnail; a sensitive document's opening is audited. */
    async open(user: AuthUser, id: string, which: 'content' | 'thumbnail') {
      const row = await attachmentInScope(user, id);
      const kind = row.kind as DocumentKind;
      if (!mayOpenDocument(user.role, kind))
        throw new AppError('E_FORBIDDEN', `Your role may not open documents of the kind ${kind}`, {
          kind,
          messageZh: '您的角色无权查看此类材料',
        });
      if (which === 'thumbnail' && !row.has_thumbnail) throw notFound('thumbnail of attachment', id);
      const bytes = await db.transaction().execute(async (trx) => {
        if (DOCUMENT_CLASS[kind].sensitivity === 'sensitive')
          await recordAudit(trx, actorOf(user), {
            action: auditAction(row.owner_kind as OwnerKind, 'view'),
            entityType: 'attachment',
            entityId: id,
            regionCode: row.region_code,
            after: { ownerKind: row.owner_kind, ownerId: String(row.owner_id), kind, which },
          });
        return repo.bytes(trx, id, which);
      });
      const mediaType = which === 'thumbnail' ? 'image/webp' : row.media_type;
      return { bytes: bytes!, mediaType, fileName: row.file_name };
    },

    /** Soft delete with a reason (the row and its bytes stay, as evidence); audited. */
    async remove(user: AuthUser, id: string, reason: string): Promise<void> {
      const row = await attachmentInScope(user, id);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.softDelete(trx, id, user.id, clock.now(), reason))) throw notFound('attachment', id);
        await recordAudit(trx, actorOf(user), {
          action: auditAction(row.owner_kind as OwnerKind, 'delete'),
          entityType: 'attachment',
          entityId: id,
          regionCode: row.region_code,
          before: {
            ownerKind: row.owner_kind,
            ownerId: String(row.owner_id),
            kind: row.kind,
            fileName: row.file_name,
          },
          reason,
        });
      });
    },
  };
}
export type AttachmentService = ReturnType<typeof createAttachmentService>;
