import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { addDays } from '../../domain/calendar.js';
import { caseDefinitions, mayFire, type CaseKind } from '../../domain/cases/index.js';
import {
  FACT_CONFIRM_WD,
  HORIZON_WD,
  SELF_REPORT_CHECK_WD,
  URGENT_WD,
  type InboxKind,
  type InboxSourceRow,
} from '../../domain/inbox/items.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import { addWorkingDays, type HolidayCalendar } from '../../domain/working-days.js';
import type { AuthUser } from '../../kernel/user.js';
import { caseActorOf } from '../cases/actor.js';
import { inboxRepository as repo, type Cutoffs, type HouseholdRef } from './repository.js';
import type { Clock } from '../../kernel/clock.js';

/** The sources of the inbox: each reads its rows where they live (repository.ts). */

export interface InboxDeps {
  db: Kysely<DB>;
  clock: Clock;
  paramsFor: (region: string, date: string) => Promise<PolicyParams>;
}

/** Items per kind at most (the count says how many there are in all). */
export const PER_KIND = 100;

const ref = (r: HouseholdRef) => ({
  householdId: r.household_id,
  householdNo: r.household_no,
  headName: r.head_name,
  regionCode: r.region_code,
  regionName: r.region_name,
});

/** The (kind, state) pairs whose next step the user may take, and the notice states among them. */
export function awaiting(user: AuthUser, params: PolicyParams) {
  const actor = caseActorOf(user);
  const pairs: [string, string][] = [];
  const notice = new Map<string, number>();
  for (const def of Object.values(caseDefinitions(params)))
    for (const t of def.transitions) {
      // a step of the user's own level (a township may also dismiss a village's lead: not its work)
      if (!mayFire(t, actor) || !t.roles.includes(actor.role) || t.level !== actor.scopeLevel) continue;
      const key = `${def.kind}/${t.from}`;
      if (!pairs.some(([k, s]) => `${k}/${s}` === key)) pairs.push([def.kind, t.from]);
      for (const r of t.requires) if (r.kind === 'notice') notice.set(key, r.minDays);
    }
  return { pairs, notice };
}

/**
 * The cut-off days of urgent and overdue as of `today`, on the due date: an item is urgent when at
 * most URGENT_WD working days are left (due before the (URGENT_WD + 1)-th working day after today),
 * overdue when at least one working day has passed since it was due (due before the last working
 * day on or before today). `toItem` (src/domain/inbox/items.ts) says the same item by item.
 */
export function dueCutoffs(cal: HolidayCalendar, today: string): Cutoffs {
  return {
    urgent: addWorkingDays(cal, today, URGENT_WD + 1),
    overdue: addWorkingDays(cal, addDays(today, 1), -1),
  };
}

/**
 * The same cut-offs on the day a thing arrived when it is due `n` working days later (n ≥ 1): its due
 * day is before X exactly when it arrived before the n-th working day before X.
 */
export function arrivalCutoffs(cal: HolidayCalendar, due: Cutoffs, n: number): Cutoffs {
  return { urgent: addWorkingDays(cal, due.urgent, -n), overdue: addWorkingDays(cal, due.overdue, -n) };
}

export async function caseRows(
  deps: InboxDeps,
  user: AuthUser,
  scope: string,
  today: string,
  cal: HolidayCalendar,
) {
  const { db } = deps;
  const params = await deps.paramsFor(scope, today);
  const { pairs, notice } = awaiting(user, params);
  const found = await repo.openCases(db, { scope, pairs, limit: PER_KIND * 2 });
  const rows: InboxSourceRow[] = found.rows.map((c) => {
    const minDays = notice.get(`${c.kind}/${c.state}`);
    const detail = { caseKind: c.kind as CaseKind, state: c.state };
    // a notice of minDays days, first and last day included, posted on the day the case entered the step
    if (minDays !== undefined)
      return { kind: 'notice_ending', id: c.id, ...ref(c), due: addDays(c.entered, minDays - 1), detail };
    return { kind: 'case_step', id: c.id, ...ref(c), due: c.due_on, detail };
  });
  // all the open cases, beyond the list's limit: how many notice periods and steps, how many urgent
  // and overdue (counted by the database, from the cut-off days of the calendar)
  const byPair = await repo.openCaseCounts(db, {
    scope,
    pairs: pairs.map(([k, s]) => [k, s, notice.get(`${k}/${s}`) ?? null] as const),
    cut: dueCutoffs(cal, today),
  });
  const sum = (isNotice: boolean) => {
    const mine = byPair.filter((p) => notice.has(`${p.kind}/${p.state}`) === isNotice);
    return {
      total: mine.reduce((a, p) => a + p.n, 0),
      urgent: mine.reduce((a, p) => a + p.urgent, 0),
      overdue: mine.reduce((a, p) => a + p.overdue, 0),
    };
  };
  // the monitoring states whose step awaits the user: those cases stand in the inbox as their step
  const monitoringStates = pairs.filter(([k]) => k === 'monitoring').map(([, s]) => s);
  return {
    rows,
    total: found.total,
    totals: { notice_ending: sum(true), case_step: sum(false) },
    monitoringStates,
  };
}

/** What a source answers: the rows listed, and of all its rows how many, urgent and overdue. */
export interface SourceRead {
  rows: InboxSourceRow[];
  total: number;
  urgent: number;
  overdue: number;
}

/** The rows of one kind (before the horizon and the working-day arithmetic). */
export async function readSource(
  db: Kysely<DB>,
  kind: InboxKind,
  user: AuthUser,
  scope: string,
  today: string,
  cal: HolidayCalendar,
  monitoringStates: readonly string[] = [],
): Promise<SourceRead> {
  const horizon = HORIZON_WD[kind];
  const until = horizon === null ? today : addWorkingDays(cal, today, horizon);
  const cut = dueCutoffs(cal, today);
  const q = { scope, until, limit: PER_KIND, cut };
  const read = (
    r: { total: number; urgent: number; overdue: number },
    rows: InboxSourceRow[],
  ): SourceRead => ({
    rows,
    total: r.total,
    urgent: r.urgent,
    overdue: r.overdue,
  });
  switch (kind) {
    case 'case_step':
    case 'notice_ending':
      return { rows: [], total: 0, urgent: 0, overdue: 0 }; // read together by caseRows
    case 'monitoring_deadline': {
      const r = await repo.monitoringDue(db, { ...q, exceptStates: monitoringStates });
      const rows = r.rows.map((c) => ({
        kind,
        id: c.id,
        ...ref(c),
        due: c.due_on,
        detail: { caseKind: 'monitoring', state: c.state },
      }));
      return read(r, rows);
    }
    case 'self_report': {
      const r = await repo.selfReports(db, { ...q, cut: arrivalCutoffs(cal, cut, SELF_REPORT_CHECK_WD) });
      const rows = r.rows.map((w) => ({
        kind,
        id: w.id,
        ...ref(w),
        due: addWorkingDays(cal, w.arrived, SELF_REPORT_CHECK_WD),
        detail: { reportKind: w.kind },
      }));
      return read(r, rows);
    }
    case 'grievance': {
      const r = await repo.grievances(db, q);
      const rows = r.rows.map((g) => ({
        kind,
        id: g.id,
        ...ref(g),
        due: g.due,
        detail: { trackingCode: g.tracking_code, step: g.step },
      }));
      return read(r, rows);
    }
    case 'visit_due': {
      const r = await repo.visitsDue(db, { ...q, today });
      const rows = r.rows.map((v) => ({
        kind,
        id: v.household_id ?? '',
        ...ref(v),
        due: v.due_on ?? today, // never visited: due now
        detail: { lastVisit: v.last_visit ?? '' },
      }));
      return read(r, rows);
    }
    case 'dibao_review': {
      const r = await repo.reviewsDue(db, q);
      const rows = r.rows.map((a) => ({
        kind,
        id: a.id,
        ...ref(a),
        due: a.due,
        detail: { programme: a.programme },
      }));
      return read(r, rows);
    }
    case 'fact_proposal': {
      const r = await repo.proposals(db, { ...q, cut: arrivalCutoffs(cal, cut, FACT_CONFIRM_WD) });
      const rows = r.rows.map((f) => ({
        kind,
        id: f.id,
        ...ref(f),
        due: addWorkingDays(cal, f.proposed, FACT_CONFIRM_WD),
        detail: { factKind: f.kind },
      }));
      return read(r, rows);
    }
    case 'pledge': {
      const r = await repo.pledges(db, { userId: user.id, limit: PER_KIND, cut });
      const rows = r.rows.map((p) => ({
        kind,
        id: p.id,
        householdId: null,
        householdNo: null,
        headName: null,
        regionCode: p.region_code,
        regionName: p.region_name,
        due: p.due,
        detail: { title: p.title },
      }));
      return read(r, rows);
    }
  }
}
