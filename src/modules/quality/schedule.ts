import { SYSTEM_ACTOR } from '../../kernel/user.js';
import type { QualityService } from './service.js';

/**
 * The scheduled run inside the server process: every `hours` (JZ_QUALITY_INTERVAL_HOURS; 0 = off)
 * the whole catalogue runs over the whole registry as the system actor. The first run comes one
 * interval after start-up, so a restart does not delay serving. Returns a stop function.
 */
export function startQualitySchedule(
  quality: QualityService,
  hours: number,
  log: { info(msg: string): void; error(msg: string): void },
): () => void {
  if (!(hours > 0)) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    quality
      .runAll('', SYSTEM_ACTOR, 'schedule')
      .then((r) => log.info(`quality: scheduled run ${r.runId}, ${r.findings} findings`))
      .catch((e: unknown) => log.error(`quality: scheduled run failed: ${String(e)}`))
      .finally(() => (running = false));
  }, hours * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
