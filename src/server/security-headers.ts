import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * The Content-Security-Policy of the web app (web/dist, a Vite-built React SPA): scripts only from
 * this server (the built index.html has no inline script), inline styles allowed (Ant Design and
 * the index.html's own <style> inject them), images from here and data:/blob: URLs, ECharts draws on
 * canvas (no source needed), API calls to this server only, no plugins, no framing.
 */
export const APP_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  scriptSrcAttr: ["'none'"],
};

/** The Swagger UI (/api/docs, only when JZ_API_DOCS allows it) needs inline script and style. */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

/**
 * Security headers on every response (API, static files, errors, 404) through @fastify/helmet.
 * `secure` (the server is reached over HTTPS: JZ_SECURE_COOKIES) adds HSTS and
 * upgrade-insecure-requests; over plain HTTP they would only break a LAN or loopback deployment.
 */
export async function installSecurityHeaders(app: FastifyInstance, secure: boolean): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...APP_CSP, upgradeInsecureRequests: secure ? [] : null },
    },
    hsts: secure ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.url === '/api/docs' || req.url.startsWith('/api/docs/'))
      reply.header('content-security-policy', DOCS_CSP);
  });
}
