import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.js';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import type { ImportJobs, Upload } from './jobs.js';
import { buildTemplate } from './template.js';

/** Largest file accepted (≈ 1,000,000 persons as CSV is about 200 MB). */
export const MAX_UPLOAD_BYTES = 300 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['import'];

const Flag = z.enum(['true', 'false']).default('false');
const StartQuery = z.object({
  filename: z
    .string()
    .trim()
    .max(255)
    .default('')
    .describe('name of the file: its extension tells CSV from XLSX'),
  acceptValid: Flag.describe('write the households without errors; reject the others'),
  dryRun: Flag.describe('check only; write nothing'),
});
const JobParams = z.object({ id: z.string().max(64) });
const JobQuery = z.object({
  code: z.string().max(40).optional(),
  column: z.string().max(60).optional(),
  errorsPage: z.coerce.number().int().min(1).default(1),
  errorsPageSize: z.coerce.number().int().min(1).max(100_000).default(50),
});
const ImportErrorSchema = z.object({
  row: z.number(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
});
const Counts = z.object({ imported: z.number(), rejected: z.number() });
const HouseholdCounts = Counts.extend({
  created: z.number().optional().describe('new households (absent in reports of older imports)'),
  updated: z.number().optional().describe('registered households whose values the file changed'),
  unchanged: z
    .number()
    .optional()
    .describe('registered households the file repeats as they are (not rewritten)'),
});
const Facet = z.array(z.object({ value: z.string(), count: z.number() }));
const JobView = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed', 'interrupted']),
  filename: z.string(),
  acceptValid: z.boolean(),
  dryRun: z.boolean(),
  bytes: z.number(),
  rows: z.number().describe('data rows read so far (updated every 10,000 rows)'),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  message: z.string().optional(),
  report: z
    .object({
      households: HouseholdCounts,
      persons: Counts,
      errorsTotal: z.number(),
      errorsListed: z.number().describe('errors kept (at most 100,000)'),
      errorsMatching: z.number().describe('listed errors matching code and column'),
      errorsPage: z.number(),
      errorsPageSize: z.number(),
      errors: z.array(ImportErrorSchema),
      codes: Facet,
      columns: Facet,
      warnings: z.array(z.string()),
      dryRun: z.boolean(),
      committed: z.boolean(),
    })
    .optional(),
});
const CliReport = z.object({
  households: HouseholdCounts,
  persons: Counts,
  errors: z.array(ImportErrorSchema),
  errorsTotal: z.number(),
  warnings: z.array(z.string()),
});

const isUpload = (body: unknown): body is Upload =>
  typeof body === 'object' && body !== null && 'dir' in body && 'path' in body && 'bytes' in body;

const tooLarge = (limit: number) =>
  Object.assign(new Error(`The file is larger than ${limit / 1024 / 1024} MB`), { statusCode: 413 });

/**
 * The request body streamed to a temp file, never held in memory; the route's `bodyLimit` is
 * enforced here (Fastify only enforces it for parsers that buffer).
 */
function uploadParser(jobs: ImportJobs) {
  return async (req: FastifyRequest, payload: Readable): Promise<Upload> => {
    const limit = req.routeOptions.bodyLimit ?? MAX_UPLOAD_BYTES;
    if (Number(req.headers['content-length']) > limit) throw tooLarge(limit);
    const upload = await jobs.newUpload();
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        upload.bytes += chunk.length;
        done(upload.bytes > limit ? tooLarge(limit) : null, chunk);
      },
    });
    try {
      await pipeline(payload, count, fs.createWriteStream(upload.path));
    } catch (err) {
      await jobs.discard(upload);
      throw err;
    }
    return upload;
  };
}

const attachment = (reply: FastifyReply, filename: string, contentType: string) =>
  reply
    .header('content-type', contentType)
    .header(
      'content-disposition',
      `attachment; filename="${filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    )
    .header('cache-control', 'no-store');

/**
 * Web import: upload the file as the raw request body (`application/octet-stream`), poll the job,
 * download the report. Registered in a plugin of its own so that the octet-stream parser serves
 * these routes only.
 */
export function importRoutes(root: ZodApp, jobs: ImportJobs) {
  void root.register(async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    app.addContentTypeParser('application/octet-stream', uploadParser(jobs));

    app.post('/api/imports', {
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        tags,
        summary:
          'Start an import of the request body (the CSV or XLSX file, as application/octet-stream, up to 300 MB) within your scope; poll GET /api/imports/{id}',
        consumes: ['application/octet-stream'],
        querystring: StartQuery,
        response: { 202: z.object({ id: z.string() }), ...errorResponses, 409: ErrorBody, 413: ErrorBody },
      },
      onRequest: async (req) => jobs.assertMayStart(currentUser(req)),
      onResponse: async (req) => {
        if (isUpload(req.body)) await jobs.discard(req.body);
      },
      handler: async (req, reply) => {
        if (!isUpload(req.body))
          throw new AppError('E_VALIDATION', 'Send the file as the request body (application/octet-stream)');
        const { filename, acceptValid, dryRun } = req.query;
        const started = await jobs.start(currentUser(req), req.body, {
          filename,
          acceptValid: acceptValid === 'true',
          dryRun: dryRun === 'true',
        });
        return reply.status(202).send(started);
      },
    });

    app.get('/api/imports/template.xlsx', {
      schema: {
        tags,
        summary: 'The import template, with a sheet documenting every column and its allowed values',
        response: { 200: z.unknown().describe('the XLSX file'), ...errorResponses },
      },
      handler: async (req, reply) => {
        currentUser(req);
        const buffer = await (await buildTemplate()).xlsx.writeBuffer();
        return attachment(reply, '农户导入模板.xlsx', XLSX).send(Buffer.from(buffer));
      },
    });

    app.get('/api/imports/:id', {
      schema: {
        tags,
        summary:
          'State of an import you started; when done, its report with one page of errors (filter by code, column)',
        params: JobParams,
        querystring: JobQuery,
        response: { 200: JobView, ...errorResponses },
      },
      handler: (req) => jobs.view(currentUser(req), req.params.id, req.query),
    });

    app.get('/api/imports/:id/report.xlsx', {
      schema: {
        tags,
        summary:
          "The file's rows with every bad cell filled red and annotated, a 错误 column, and the error list",
        params: JobParams,
        response: { 200: z.unknown().describe('the XLSX file'), ...errorResponses, 409: ErrorBody },
      },
      handler: async (req, reply) => {
        const { filename, stream } = await jobs.reportXlsx(currentUser(req), req.params.id);
        return attachment(reply, filename, XLSX).send(stream);
      },
    });

    app.get('/api/imports/:id/report.json', {
      schema: {
        tags,
        summary: 'The JSON report of `jingzhun import --report`',
        params: JobParams,
        response: { 200: CliReport, ...errorResponses, 409: ErrorBody },
      },
      handler: async (req, reply) => {
        const { filename, report } = await jobs.reportJson(currentUser(req), req.params.id);
        return attachment(reply, filename, 'application/json; charset=utf-8').send(report);
      },
    });
  });
}
