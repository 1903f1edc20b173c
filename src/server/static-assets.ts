import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Hashed build output (Vite names every file under assets/ by its content): cached for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the other unhashed files: the browser revalidates them on every visit. */
export const REVALIDATE = 'no-cache';

export interface StaticAssetOptions {
  /** The built web app (web/dist): index.html, assets/*.js|css and their .br/.gz siblings. */
  root: string;
  /**
   * `legacy`: the way the app was served before (no precompressed files, `max-age=0` on everything) —
   * only the yardstick of bench/first-load.ts. Absent = `optimised`.
   */
  mode?: 'optimised' | 'legacy';
}

/** The root of a request's file with a precompressed suffix removed (…/x.js.br → …/x.js). */
const original = (file: string) => file.replace(/\.(br|gz)$/, '');

/** Is this file (absolute path under `root`) a content-hashed build asset? */
export function isHashedAsset(root: string, file: string): boolean {
  const rel = path.relative(root, original(file)).split(path.sep);
  return rel.length === 2 && rel[0] === 'assets';
}

/**
 * Serve the web app from `root` when it is built (index.html present): the precompressed sibling
 * (`.br`, else `.gz`; vite.config.ts writes them at build time) of a file when the browser accepts it,
 * hashed assets immutable for a year, index.html `no-cache`; client routes (anything not /api/) answer
 * index.html. Without a build every unknown route answers a JSON 404. Returns whether the app is served.
 * The security headers (security-headers.ts, an earlier onRequest/onSend hook) stay on every reply.
 */
export async function installStaticAssets(app: FastifyInstance, opts: StaticAssetOptions): Promise<boolean> {
  const apiNotFound = (method: string, url: string) => ({
    code: 'E_NOT_FOUND',
    message: `No route ${method} ${url}`,
  });
  if (!fs.existsSync(path.join(opts.root, 'index.html'))) {
    app.setNotFoundHandler((req, reply) => reply.status(404).send(apiNotFound(req.method, req.url)));
    return false;
  }
  const legacy = opts.mode === 'legacy';
  await app.register(fastifyStatic, {
    root: opts.root,
    wildcard: true,
    preCompressed: !legacy,
    setHeaders: legacy
      ? undefined
      : (reply, file) => {
          reply.header('cache-control', isHashedAsset(opts.root, file) ? IMMUTABLE : REVALIDATE);
        },
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return reply.status(404).send(apiNotFound(req.method, req.url));
    // an asset that is not there (an old hash after a deploy) must not answer the app's index.html
    if (req.url.startsWith('/assets/')) return reply.status(404).send(apiNotFound(req.method, req.url));
    return reply.sendFile('index.html');
  });
  return true;
}
