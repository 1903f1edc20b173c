import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.js';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { readMultipart } from './multipart.js';
import { Attachment, DeleteBody, IdParams, ListQuery, UploadFields } from './schema.js';
import type { AttachmentService } from './service.js';

const tags = ['attachments'];

/** Parse the upload's text fields: a 400 naming the first field at fault (body.<name>). */
function uploadFields(raw: Record<string, string>) {
  const parsed = UploadFields.safeParse(raw);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({
    field: ['body', ...i.path].join('.'),
    message: i.message,
  }));
  throw new AppError('E_VALIDATION', `Invalid ${details[0]!.field}: ${details[0]!.message}`, details);
}

const send = (reply: FastifyReply, f: { bytes: Buffer; mediaType: string; fileName: string }) =>
  reply
    .header('content-type', f.mediaType)
    .header(
      'content-disposition',
      `inline; filename="${f.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
    )
    .header('cache-control', 'private, no-store')
    .send(f.bytes);

/**
 * Attachments: photos and documents on households, members, cases, visits, projects, follow-ups and
 * grievances. A plugin of its own so that the multipart parser serves these routes only.
 */
export function attachmentRoutes(root: ZodApp, attachments: AttachmentService) {
  void root.register(async (plugin) => {
    await plugin.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: attachments.maxBytes, files: 1, fields: 12, fieldSize: 4096, parts: 16 },
    });
    const app = plugin.withTypeProvider<ZodTypeProvider>();

    app.post('/api/attachments', {
      schema: {
        tags,
        summary:
          'Attach a file (multipart/form-data: ownerKind, ownerId, kind, file; optional takenAt, lat, lon, note). JPEG, PNG, WebP or PDF by content, within the size limit',
        consumes: ['multipart/form-data'],
        response: { 201: Attachment, ...errorResponses },
      },
      handler: async (req, reply) => {
        const user = currentUser(req);
        const { fields, file } = await readMultipart(req, attachments.maxBytes);
        return reply.status(201).send(await attachments.upload(user, uploadFields(fields), file));
      },
    });

    app.get('/api/attachments', {
      schema: {
        tags,
        summary: 'The attachments of one object (not deleted), newest first',
        querystring: ListQuery,
        response: { 200: z.object({ items: z.array(Attachment) }), ...errorResponses },
      },
      handler: async (req) => ({
        items: await attachments.list(currentUser(req), req.query.ownerKind, req.query.ownerId),
      }),
    });

    app.get('/api/attachments/:id/content', {
      schema: {
        tags,
        summary: 'The file as uploaded (opening a sensitive document is logged)',
        params: IdParams,
        response: { 200: z.unknown().describe('the file'), ...errorResponses },
      },
      handler: async (req, reply) =>
        send(reply, await attachments.open(currentUser(req), req.params.id, 'content')),
    });

    app.get('/api/attachments/:id/thumbnail', {
      schema: {
        tags,
        summary: "An image's thumbnail (WebP, 320 px; a sensitive document's is logged as an opening)",
        params: IdParams,
        response: { 200: z.unknown().describe('the WebP thumbnail'), ...errorResponses },
      },
      handler: async (req, reply) =>
        send(reply, await attachments.open(currentUser(req), req.params.id, 'thumbnail')),
    });

    app.delete('/api/attachments/:id', {
      schema: {
        tags,
        summary: 'Delete an attachment (kept as evidence with who, when and the reason)',
        params: IdParams,
        body: DeleteBody,
        response: { 204: z.null(), ...errorResponses, 409: ErrorBody },
      },
      handler: async (req, reply) => {
        await attachments.remove(currentUser(req), req.params.id, req.body.reason);
        return reply.status(204).send(null);
      },
    });
  });
}
