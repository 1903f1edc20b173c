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
    const none = { total: 0, urgent: 0, overdue: 0 };
    const cases = kinds.includes('case_step')
      ? await caseRows(deps, user, scope, today, cal)
      : { rows: [], total: 0, totals: { notice_ending: none, case_step: none }, monitoringStates: [] };
    const caseIds = new Set(cases.rows.map((r) => r.id));
    // each source lists at most PER_KIND rows, nearest due first, and counts all of them in the
    // database: the counts, urgent and overdue are the sources' totals (a county's 156 proposals are
    // 156, not the 100 listed; civil affairs' 447 overdue reviews are 447)
    let urgent = 0;
    let overdue = 0;
    for (const kind of kinds) {
      const r = await readSource(db, kind, user, scope, today, cal, cases.monitoringStates);
      // a monitoring case awaiting the user already stands in the inbox as its step (the source
      // leaves those states out; the filter keeps the list free of doubles whatever the states)
      const own = kind === 'monitoring_deadline' ? r.rows.filter((x) => !caseIds.has(x.id)) : r.rows;
      counts[kind] += r.total;
      urgent += r.urgent;
      overdue += r.overdue;
      for (const row of own) {
        const item = toItem(row, cal, today);
        if (item) all.push(item);
      }
    }
    for (const row of cases.rows) {
      const item = toItem(row, cal, today);
      if (item) all.push(item);
    }
    for (const k of ['notice_ending', 'case_step'] as const) {
      counts[k] += cases.totals[k].total;
      urgent += cases.totals[k].urgent;
      overdue += cases.totals[k].overdue;
    }
    all.sort(compareItems);
    return {
      today,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      urgent,
      overdue,
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
