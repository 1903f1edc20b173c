import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { AppError } from './errors.js';

/** Largest department list accepted over HTTP (larger lists: the CLI). */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/**
 * Stream a request body to a temporary file (the name keeps the extension, which tells the reader
 * CSV from XLSX), run `fn` on it, and remove it afterwards.
 */
export async function withUploadedFile<T>(
  body: unknown,
  fileName: string,
  fn: (file: string) => Promise<T>,
): Promise<T> {
  if (!body || typeof (body as Readable).pipe !== 'function')
    throw new AppError('E_VALIDATION', 'Send the file as the request body (application/octet-stream)');
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'jz-list-'));
  const file = path.join(dir, `upload${path.extname(fileName).toLowerCase()}`);
  try {
    let bytes = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > MAX_UPLOAD_BYTES)
          done(new AppError('E_VALIDATION', `The file is larger than ${MAX_UPLOAD_BYTES / 1048576} MB`));
        else done(null, chunk);
      },
    });
    await pipeline(body as Readable, limit, fs.createWriteStream(file));
    if (bytes === 0) throw new AppError('E_VALIDATION', 'The file is empty');
    return await fn(file);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
