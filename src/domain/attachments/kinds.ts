/**
 * Attachments (issue 19 item 3): what they may hang on, what they are, and what files are accepted.
 * Pure values; their sensitivity (which data class a document shows whole) is classified in
 * `src/domain/visibility.ts` (`DOCUMENT_CLASS`), the one table of personal data.
 */

/** The objects an attachment may belong to. */
export const OWNER_KINDS = [
  'household',
  'member',
  'case',
  'visit',
  'project',
  'project_followup',
  'grievance',
] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

/** What a document is (the uploader chooses; the visibility table classifies each). */
export const DOCUMENT_KINDS = [
  'id_card_copy',
  'income_proof',
  'medical_record',
  'disability_certificate',
  'signed_commitment',
  'notice_photo',
  'visit_photo',
  'project_photo',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The accepted file types. */
export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export const isImage = (t: MediaType): boolean => t !== 'application/pdf';

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0): boolean =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);

/**
 * The type of a file by its first bytes (its magic number), or null when it is none of the accepted
 * ones: JPEG FF D8 FF; PNG 89 50 4E 47 0D 0A 1A 0A; WebP "RIFF" size "WEBP"; PDF "%PDF-".
 * The declared type and the file name's extension are not trusted.
 */
export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}

/** The media type a client declared, normalised ('image/jpg' and 'image/pjpeg' are JPEG), or null. */
export function declaredMediaType(declared: string): MediaType | null {
  const t = declared.split(';')[0]!.trim().toLowerCase();
  if (t === 'image/jpg' || t === 'image/pjpeg') return 'image/jpeg';
  return (MEDIA_TYPES as readonly string[]).includes(t) ? (t as MediaType) : null;
}

/**
 * Why a file is refused, or null when it is accepted: its bytes must be one of the accepted types, and
 * a declared type (other than the generic application/octet-stream) must agree with them.
 */
export function fileProblem(
  bytes: Uint8Array,
  declared: string,
  maxBytes: number,
): { reason: 'empty' | 'too_large' | 'type' | 'forged'; sniffed: MediaType | null } | null {
  if (bytes.length === 0) return { reason: 'empty', sniffed: null };
  if (bytes.length > maxBytes) return { reason: 'too_large', sniffed: null };
  const sniffed = sniffMediaType(bytes);
  if (sniffed === null) return { reason: 'type', sniffed };
  const generic = declared === '' || declared.toLowerCase().startsWith('application/octet-stream');
  if (!generic && declaredMediaType(declared) !== sniffed) return { reason: 'forged', sniffed };
  return null;
}
