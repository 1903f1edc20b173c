import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { loggingDelivery, type NotificationDelivery } from '../notifications/delivery.js';
import { createDigest, startDigestSchedule } from '../notifications/digest.js';
import type { RuleRun } from '../worklists/rule-run.js';
import { ruleRunDeps, startRuleRunSchedule } from './rule-schedule.js';
import type { InboxService } from './service.js';

/**
 * The server's background work of the inbox: the scheduled rule run (worklists never empty) and
 * the daily digest through the delivery interface (the logging default unless one is given).
 */
export function startInboxSchedules(o: {
  db: Kysely<DB>;
  clock: Clock;
  inbox: InboxService;
  ruleRun: RuleRun;
  latestYear: () => Promise<number | null>;
  /** JZ_RULE_RUN_INTERVAL_HOURS; 0 or absent = off. */
  ruleRunHours?: number | undefined;
  /** JZ_DIGEST_HOUR, China time; -1 or absent = off. */
  digestHour?: number | undefined;
  delivery?: NotificationDelivery;
  log: { info(msg: string): void; error(msg: string): void };
}): () => void {
  const stopRules = startRuleRunSchedule(
    ruleRunDeps(o.db, o.ruleRun, o.latestYear),
    o.ruleRunHours ?? 0,
    o.log,
  );
  const digest = createDigest({
    db: o.db,
    clock: o.clock,
    inbox: o.inbox.inbox,
    delivery: o.delivery ?? loggingDelivery(o.log),
  });
  const stopDigest = startDigestSchedule(digest, o.clock, o.digestHour ?? -1, o.log);
  return () => {
    stopRules();
    stopDigest();
  };
}
