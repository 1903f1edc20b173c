import { addDays } from '../../domain/calendar.js';
import {
  compareItems,
  INBOX_KINDS,
  KINDS_BY_ROLE,
  toItem,
  type InboxItem,
  type InboxKind,
} from '../../domain/inbox/items.js';
import { holidayCalendar, type HolidayCalendar } from '../../domain/working-days.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { createNextSteps } from './next-service.js';
import { inboxRepository as repo } from './repository.js';
import { caseRows, readSource, type InboxDeps } from './sources.js';

export type { InboxDeps } from './sources.js';

export interface Inbox {
  today: string;
  total: number;
  urgent: number;
  overdue: number;
  counts: Record<InboxKind, number>;
  items: InboxItem[];
}

/**
 * The inbox (待办) of a user, computed from the registry at each request: what waits for them in
 * their region and role, each with its due date, working days left and the screen where it is done.
 */
export function createInboxService(deps: InboxDeps) {
  const { db, clock } = deps;

  /** The working-day calendar of a region for the year around `today`. */
  async function calendarFor(scope: string, today: string): Promise<HolidayCalendar> {
    return holidayCalendar(await repo.holidays(db, scope, addDays(today, -400), addDays(today, 400)));
  }

  async function inbox(user: AuthUser): Promise<Inbox> {
    const today = clock.today();
    const scope = scopeFor(user);
    const cal = await calendarFor(scope, today);
    const kinds = KINDS_BY_ROLE[user.role];
    const counts = Object.fromEntries(INBOX_KINDS.map((k) => [k, 0])) as Record<InboxKind, number>;
    const all: InboxItem[] = [];
    const cases = kinds.includes('case_step')
      ? await caseRows(deps, user, scope, today)
      : { rows: [], total: 0, totals: { notice_ending: 0, case_step: 0 } };
    const caseIds = new Set(cases.rows.map((r) => r.id));
    // each source lists at most PER_KIND rows, nearest due first, and counts all of them: the counts
    // are the sources' totals (a county's 156 proposals are 156, not the 100 listed)
    const beyond = Object.fromEntries(INBOX_KINDS.map((k) => [k, 0])) as Record<InboxKind, number>;
    for (const kind of kinds) {
      const { rows, total } = await readSource(db, kind, user, scope, today, cal);
      // a monitoring case awaiting the user already stands in the inbox as its step
      const own = kind === 'monitoring_deadline' ? rows.filter((x) => !caseIds.has(x.id)) : rows;
      beyond[kind] += Math.max(0, total - rows.length);
      for (const r of own) {
        const item = toItem(r, cal, today);
        if (item) all.push(item);
      }
    }
    for (const r of cases.rows) {
      const item = toItem(r, cal, today);
      if (item) all.push(item);
    }
    for (const k of ['notice_ending', 'case_step'] as const)
      beyond[k] += Math.max(0, cases.totals[k] - cases.rows.filter((r) => r.kind === k).length);
    for (const i of all) counts[i.kind]++;
    for (const k of INBOX_KINDS) counts[k] += beyond[k];
    all.sort(compareItems);
    return {
      today,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      urgent: all.filter((i) => i.urgent).length,
      overdue: all.filter((i) => i.overdue).length,
      counts,
      items: all,
    };
  }

  return {
    inbox,
    /** The header's badge: how many items, how many urgent. */
    async counts(user: AuthUser) {
      const b = await inbox(user);
      return { today: b.today, total: b.total, urgent: b.urgent, overdue: b.overdue, counts: b.counts };
    },
    calendarFor,
    ...createNextSteps(db, clock),
  };
}
export type InboxService = ReturnType<typeof createInboxService>;
