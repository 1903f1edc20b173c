import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { InboxItem } from '../../domain/inbox/items.js';
import { isRole, type Role } from '../../domain/roles.js';
import type { Clock } from '../../kernel/clock.js';
import type { AuthUser } from '../../kernel/user.js';
import { deliver, type NotificationDelivery } from './delivery.js';

/** Lines of a digest at most (the count names the rest). */
const DIGEST_LINES = 10;

export interface DigestDeps {
  db: Kysely<DB>;
  clock: Clock;
  inbox: (user: AuthUser) => Promise<{ total: number; urgent: number; overdue: number; items: InboxItem[] }>;
  delivery: NotificationDelivery;
}

/** The words of one user's digest (Chinese: what a cadre reads on the phone). */
export function digestText(
  today: string,
  b: { total: number; urgent: number; overdue: number; items: InboxItem[] },
) {
  const subject = `【精准】${today} 待办 ${b.total} 项（紧急 ${b.urgent} 项，逾期 ${b.overdue} 项）`;
  const lines = b.items.slice(0, DIGEST_LINES).map((i) => {
    const when = i.due === null ? '' : i.overdue ? `（已逾期，应于 ${i.due}）` : `（${i.due} 前）`;
    return `· ${i.title_zh}${when}`;
  });
  if (b.total > DIGEST_LINES) lines.push(`……另有 ${b.total - DIGEST_LINES} 项，请登录系统查看待办。`);
  return { subject, body: lines.join('\n') };
}

/**
 * The daily digest: each enabled staff account with something to do gets one message a day with
 * its inbox's count and first items, through the delivery interface. Returns how many were sent.
 */
export function createDigest(deps: DigestDeps) {
  return async function runDigest(): Promise<{ day: string; sent: number; users: number }> {
    const day = deps.clock.today();
    const users = await deps.db
      .selectFrom('app_user')
      .select(['id', 'username', 'display_name', 'role', 'scope_code'])
      .where('disabled', '=', false)
      .where('role', '<>', 'organisation')
      .orderBy('id')
      .execute();
    let sent = 0;
    for (const u of users) {
      if (!isRole(u.role)) continue;
      const user: AuthUser = {
        id: String(u.id),
        username: u.username,
        displayName: u.display_name,
        role: u.role as Role,
        scopeCode: u.scope_code,
      };
      const b = await deps.inbox(user);
      if (b.total === 0) continue;
      const text = digestText(day, b);
      const m = { userId: user.id, regionCode: u.scope_code, kind: 'digest', forDay: day, ...text };
      if (await deliver(deps.db, deps.delivery, m)) sent++;
    }
    return { day, sent, users: users.length };
  };
}
export type RunDigest = ReturnType<typeof createDigest>;

/**
 * Once a day at `hour` China time (JZ_DIGEST_HOUR; -1 = off): the check runs every ten minutes and
 * sends the day's digests once the hour has come (a digest is written once per user and day, so a
 * restart after the hour sends only what is missing). Returns a stop function.
 */
export function startDigestSchedule(
  run: RunDigest,
  clock: Clock,
  hour: number,
  log: { info(msg: string): void; error(msg: string): void },
): () => void {
  if (!(hour >= 0 && hour <= 23)) return () => undefined;
  let running = false;
  let doneFor = '';
  const timer = setInterval(() => {
    const chinaHour = (clock.now().getUTCHours() + 8) % 24;
    const today = clock.today();
    if (running || doneFor === today || chinaHour < hour) return;
    running = true;
    run()
      .then((r) => {
        doneFor = r.day;
        log.info(`notifications: daily digest of ${r.day}: ${r.sent} of ${r.users} accounts`);
      })
      .catch((e: unknown) => log.error(`notifications: daily digest failed: ${String(e)}`))
      .finally(() => (running = false));
  }, 600_000);
  timer.unref();
  return () => clearInterval(timer);
}
