import type { FastifyRequest } from 'fastify';
import { AppError } from '../../kernel/errors.js';
import type { ReceivedFile } from './service.js';

const tooLarge = (fileName: string, maxBytes: number) =>
  new AppError('E_VALIDATION', `File ${fileName} is larger than the limit (${maxBytes / 1048576} MB)`, {
    field: 'file',
    file: fileName,
    reason: 'too_large',
    maxBytes,
    messageZh: `文件 ${fileName} 超过大小上限（${maxBytes / 1048576} MB）`,
  });

/**
 * Read a multipart/form-data upload: its text fields and its one file (field `file`). A file over
 * `maxBytes` is cut off by the parser and refused here, naming it; nothing is stored.
 */
export async function readMultipart(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ fields: Record<string, string>; file: ReceivedFile }> {
  if (!req.isMultipart())
    throw new AppError('E_VALIDATION', 'Send the upload as multipart/form-data with a field "file"', {
      field: 'body',
      messageZh: '请以 multipart/form-data 上传，文件字段名为 file',
    });
  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'field') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    const bytes = await part.toBuffer();
    if (part.file.truncated) throw tooLarge(part.filename, maxBytes);
    if (part.fieldname !== 'file' || file)
      throw new AppError('E_VALIDATION', 'Send exactly one file, in the field "file"', {
        field: part.fieldname,
        messageZh: '每次只能上传一个文件，字段名为 file',
      });
    file = { fileName: part.filename || 'file', declaredType: part.mimetype ?? '', bytes };
  }
  if (!file)
    throw new AppError('E_VALIDATION', 'Invalid body.file: required', [
      { field: 'body.file', message: 'required', messageZh: '缺少文件' },
    ]);
  return { fields, file };
}
