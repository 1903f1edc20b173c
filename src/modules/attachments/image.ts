import exifr from 'exifr';
import sharp from 'sharp';
import { AppError } from '../../kernel/errors.js';

/** The longest side of a thumbnail, in pixels (WebP; the list shows it, the original opens whole). */
export const THUMBNAIL_SIZE = 320;
/** Images larger than this many pixels are refused (a decompression bomb, not a photo). */
const MAX_PIXELS = 100_000_000;

export interface ImageFacts {
  width: number | null;
  height: number | null;
  thumbnail: Buffer;
  /** From the EXIF, when the device wrote it: when the photo was taken, where. */
  takenAt: Date | null;
  latitude: number | null;
  longitude: number | null;
}

/** EXIF 'YYYY:MM:DD HH:MM:SS' (+ its offset when recorded; else China's, the cameras' zone here). */
export function exifInstant(value: unknown, offset: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!m) return null;
  const off = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : '+08:00';
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${off}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

const finite = (v: unknown, bound: number): number | null =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= bound ? v : null;

/** When and where the EXIF says the photo was taken (nothing when it has no readable EXIF). */
async function exifFacts(bytes: Buffer): Promise<Pick<ImageFacts, 'takenAt' | 'latitude' | 'longitude'>> {
  try {
    const raw: unknown = await exifr.parse(bytes, {
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal'],
      reviveValues: false,
    });
    const e = (raw ?? {}) as Record<string, unknown>;
    const gps = ((await exifr.gps(bytes).catch(() => null)) ?? {}) as Record<string, unknown>;
    const lat = finite(gps.latitude, 90);
    const lon = finite(gps.longitude, 180);
    return {
      takenAt: exifInstant(e.DateTimeOriginal, e.OffsetTimeOriginal),
      // (0, 0) is what some devices write without a fix
      latitude: lat !== null && lon !== null && (lat !== 0 || lon !== 0) ? lat : null,
      longitude: lat !== null && lon !== null && (lat !== 0 || lon !== 0) ? lon : null,
    };
  } catch {
    return { takenAt: null, latitude: null, longitude: null };
  }
}

/**
 * Read an image: its size, a thumbnail (turned upright by its EXIF orientation, no metadata kept) and
 * the EXIF time and place. An image the decoder cannot read is refused, naming the file.
 */
export async function readImage(bytes: Buffer, fileName: string): Promise<ImageFacts> {
  try {
    const meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
    const thumbnail = await sharp(bytes, { limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
    return { width: meta.width ?? null, height: meta.height ?? null, thumbnail, ...(await exifFacts(bytes)) };
  } catch (e) {
    throw new AppError(
      'E_VALIDATION',
      `File ${fileName}: the image cannot be read (${(e as Error).message})`,
      {
        field: 'file',
        file: fileName,
        reason: 'unreadable',
        messageZh: `文件 ${fileName} 无法读取为图片`,
      },
    );
  }
}
