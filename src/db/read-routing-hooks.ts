import type { FastifyInstance } from 'fastify';
import type { ReadRouter } from './read-routing.js';

/**
 * The request side of read routing: a request's reads are routed as its user (read-your-writes), and
 * a user's successful write request notes the primary's WAL position before its answer leaves, so
 * that user's next read waits for a replica that has replayed it (or goes to the primary).
 */
export function installReadRouting(app: FastifyInstance, reads: ReadRouter): void {
  if (reads.db === reads.primary) return; // no replicas: nothing to route
  app.addHook('onRequest', (req, _reply, done) => reads.as(req.user?.id ?? null, done));
  app.addHook('onSend', async (req, reply, payload) => {
    const write = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
    if (req.user && write && reply.statusCode < 400)
      await reads.noteWrite(req.user.id).catch(() => undefined);
    return payload;
  });
}
