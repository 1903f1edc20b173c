import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { addDays } from '../../domain/calendar.js';
import { caseDefinitions, mayFire, type CaseKind } from '../../domain/cases/index.js';
import {
  FACT_CONFIRM_WD,
  HORIZON_WD,
  SELF_REPORT_CHECK_WD,
  type InboxKind,
  type InboxSourceRow,
} from '../../domain/inbox/items.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import { addWorkingDays, type HolidayCalendar } from '../../domain/working-days.js';
import type { AuthUser } from '../../kernel/user.js';
import { caseActorOf } from '../cases/actor.js';
import { inboxRepository as repo, type HouseholdRef } from './repository.js';
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

export async function caseRows(deps: InboxDeps, user: AuthUser, scope: string, today: string) {
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
  // beyond the list's limit, how many of the open cases are notice periods and how many steps
  let notices = found.total;
  let steps = 0;
  if (found.total > found.rows.length) {
    const byPair = await repo.openCaseCounts(db, { scope, pairs });
    notices = byPair.filter((p) => notice.has(`${p.kind}/${p.state}`)).reduce((a, p) => a + p.n, 0);
    steps = byPair.reduce((a, p) => a + p.n, 0) - notices;
  } else {
    notices = rows.filter((r) => r.kind === 'notice_ending').length;
    steps = rows.length - notices;
  }
  return { rows, total: found.total, totals: { notice_ending: notices, case_step: steps } };
}

/** The rows of one kind (before the horizon and the working-day arithmetic). */
export async function readSource(
  db: Kysely<DB>,
  kind: InboxKind,
  user: AuthUser,
  scope: string,
  today: string,
  cal: HolidayCalendar,
): Promise<{ rows: InboxSourceRow[]; total: number }> {
  const horizon = HORIZON_WD[kind];
  const until = horizon === null ? today : addWorkingDays(cal, today, horizon);
  const q = { scope, until, limit: PER_KIND };
  switch (kind) {
    case 'case_step':
    case 'notice_ending':
      return { rows: [], total: 0 }; // read together by caseRows
    case 'monitoring_deadline': {
      const r = await repo.monitoringDue(db, q);
      const rows = r.rows.map((c) => ({
        kind,
        id: c.id,
        ...ref(c),
        due: c.due_on,
        detail: { caseKind: 'monitoring', state: c.state },
      }));
      return { rows, total: r.total };
    }
    case 'self_report': {
      const r = await repo.selfReports(db, q);
      const rows = r.rows.map((w) => ({
        kind,
        id: w.id,
        ...ref(w),
        due: addWorkingDays(cal, w.arrived, SELF_REPORT_CHECK_WD),
        detail: { reportKind: w.kind },
      }));
      return { rows, total: r.total };
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
      return { rows, total: r.total };
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
      return { rows, total: r.total };
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
      return { rows, total: r.total };
    }
    case 'fact_proposal': {
      const r = await repo.proposals(db, q);
      const rows = r.rows.map((f) => ({
        kind,
        id: f.id,
        ...ref(f),
        due: addWorkingDays(cal, f.proposed, FACT_CONFIRM_WD),
        detail: { factKind: f.kind },
      }));
      return { rows, total: r.total };
    }
    case 'pledge': {
      const r = await repo.pledges(db, { userId: user.id, limit: PER_KIND });
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
      return { rows, total: r.total };
    }
  }
}
