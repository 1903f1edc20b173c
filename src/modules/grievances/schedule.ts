import type { FastifyBaseLogger } from 'fastify';
import type { GrievanceService } from './service.js';

/** Escalate overdue grievances every hour in this process (reads escalate too). Returns a stop function. */
export function startEscalationSchedule(
  grievances: GrievanceService,
  log: FastifyBaseLogger,
  minutes = 60,
): () => void {
  const timer = setInterval(() => {
    grievances.escalation
      .escalateOverdue()
      .then((n) => n && log.info(`grievances: ${n} overdue escalated to the county`))
      .catch((err: unknown) => log.error(err, 'grievance escalation failed'));
  }, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
