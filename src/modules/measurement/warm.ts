import type { FastifyInstance } from 'fastify';
import type { MeasuresService } from './service.js';

/**
 * Warm the measures cache in the background once the server listens (readiness is not delayed):
 * the stores of the counties with households and each year's default answer, so a dashboard user
 * does not pay the first read — only when they all fit in the cache (a county's or a prefecture's
 * install). Above that (a province's: 100 counties and more) none: which counties users will ask is
 * not known, and warming a few arbitrary ones only takes the machine from the first requests (the
 * province benchmark measured it). Stops at close.
 */
export function warmMeasuresAfterListen(app: FastifyInstance, measures: MeasuresService): void {
  let closed = false;
  app.addHook('onListen', (done) => {
    const t0 = Date.now();
    setImmediate(() => {
      measures
        .warm(() => closed)
        .then((counties) => {
          if (closed) return;
          if (counties.length > 0) app.log.info({ counties, ms: Date.now() - t0 }, 'measures cache warmed');
          else app.log.info('measures cache not warmed: more counties than it holds (or none)');
        })
        .catch((err: unknown) => {
          if (!closed) app.log.warn({ err }, 'measures cache warm-up failed');
        });
    });
    done();
  });
  app.addHook('onClose', (_app, done) => {
    closed = true;
    done();
  });
}
