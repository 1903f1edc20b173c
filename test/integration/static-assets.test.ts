import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSecurityHeaders } from '../../src/server/security-headers.js';
import { IMMUTABLE, installStaticAssets } from '../../src/server/static-assets.js';

/**
 * The web app's static files (src/server/static-assets.ts) from a small fake build in a temporary
 * folder: precompressed siblings chosen by Accept-Encoding, hashed assets immutable, index.html
 * revalidated, the security headers kept; the legacy mode (the benchmark's yardstick) as before.
 */

let dir: string;
const script = `console.log(${JSON.stringify('精准'.repeat(400))});\n`;
const asset = '/assets/index-AbC123xy.js';

async function serve(mode?: 'legacy'): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await installSecurityHeaders(app, false);
  await installStaticAssets(app, { root: dir, mode });
  await app.ready();
  return app;
}

let app: FastifyInstance;
let legacy: FastifyInstance;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jz-static-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><script src="${asset}"></script>`);
  const file = path.join(dir, asset);
  fs.writeFileSync(file, script);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(script));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(script));
  app = await serve();
  legacy = await serve('legacy');
});

afterAll(async () => {
  await app?.close();
  await legacy?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('static assets', () => {
  it('answers a hashed asset brotli-compressed and immutable when the browser accepts br', async () => {
    const r = await app.inject({ url: asset, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['cache-control']).toBe(IMMUTABLE);
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(String(r.headers.vary)).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(r.rawPayload).toString()).toBe(script);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers gzip to a browser without br, and the plain file to one without either', async () => {
    const gz = await app.inject({ url: asset, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await app.inject({ url: asset, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('revalidates index.html, at / and for a client route', async () => {
    for (const url of ['/', '/index.html', '/portal/login']) {
      const r = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toMatch(/text\/html/);
      expect(r.headers['cache-control'], url).toBe('no-cache');
      expect(r.headers['content-security-policy'], url).toContain("default-src 'self'");
    }
  });

  it('answers 404 (not the app) for a missing asset or API route', async () => {
    expect((await app.inject({ url: '/assets/index-OldHash1.js' })).statusCode).toBe(404);
    const api = await app.inject({ url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'E_NOT_FOUND' });
  });

  it('serves the old way in legacy mode: uncompressed, max-age=0', async () => {
    const r = await legacy.inject({ url: asset, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['cache-control']).toBe('public, max-age=0');
    expect(r.body).toBe(script);
  });
});
