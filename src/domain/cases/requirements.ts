import { chinaDate, daysBetween } from '../calendar.js';
import type { CaseState, FirePayload, Requirement } from './types.js';

/** One unmet requirement: a stable key and a message saying what is missing. */
export interface Finding {
  key: string;
  message: string;
}

export interface CheckContext {
  payload: FirePayload;
  c: CaseState;
  /** Today in China. */
  today: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const filled = (s: string | undefined): boolean => s !== undefined && s.trim().length > 0;
const f = (key: string, message: string): Finding[] => [{ key, message }];
const fmtShare = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Date the case was opened, and the date it entered its current state (China dates). */
export const openedOn = (c: CaseState): string | null =>
  c.history[0] ? chinaDate(new Date(c.history[0].at)) : null;
export const enteredOn = (c: CaseState): string | null => {
  const last = c.history[c.history.length - 1];
  return last ? chinaDate(new Date(last.at)) : null;
};

function checkVote(r: Extract<Requirement, { kind: 'vote' }>, p: FirePayload): Finding[] {
  const v = p.vote;
  if (!v) return f('vote', 'a vote (total, present, for, against) is required');
  const counts = [v.total, v.present, v.for, v.against];
  if (
    !counts.every((n) => Number.isInteger(n) && n >= 0) ||
    v.total === 0 ||
    v.present > v.total ||
    v.for + v.against > v.present
  )
    return f('vote.invalid', 'vote counts are inconsistent (need present ≤ total, for + against ≤ present)');
  const out: Finding[] = [];
  const quorum = Math.ceil(r.quorum * v.total - 1e-9);
  if (v.present < quorum)
    out.push({
      key: 'vote.quorum',
      message: `${v.present} of ${v.total} present; quorum ${fmtShare(r.quorum)} needs ${quorum}`,
    });
  const needed =
    r.approvalRule === 'at_least'
      ? Math.ceil(r.approval * v.present - 1e-9)
      : Math.floor(r.approval * v.present + 1e-9) + 1;
  if (v.for < needed)
    out.push({
      key: 'vote.approval',
      message: `${v.for} of ${v.present} present agree; ${r.approvalRule === 'at_least' ? 'at least' : 'more than'} ${fmtShare(r.approval)} needs ${needed}`,
    });
  return out;
}

function checkNotice(r: Extract<Requirement, { kind: 'notice' }>, ctx: CheckContext): Finding[] {
  const n = ctx.payload.notice;
  if (!n) return f('notice', `a public notice (start, end, objections) is required`);
  if (!ISO.test(n.start) || !ISO.test(n.end) || n.end < n.start)
    return f('notice.invalid', 'notice dates are invalid');
  const out: Finding[] = [];
  const entered = enteredOn(ctx.c);
  if (entered && n.start < entered)
    out.push({
      key: 'notice.backdated',
      message: `notice starts ${n.start}, before the case reached this step (${entered})`,
    });
  const days = daysBetween(n.start, n.end) + 1;
  if (days < r.minDays)
    out.push({
      key: 'notice.period',
      message: `notice runs ${days} day(s) (${n.start} to ${n.end}); at least ${r.minDays} required`,
    });
  if (ctx.today <= n.end) {
    const remain = daysBetween(ctx.today, n.end) + 1;
    out.push({
      key: 'notice.elapsed',
      message: `notice period not over: ${remain} day(s) remain (ends ${n.end})`,
    });
  }
  if (n.objections.some((o) => !o.resolved))
    out.push({ key: 'notice.objection', message: 'an objection is unresolved' });
  if (n.objections.some((o) => o.resolved && !filled(o.resolution)))
    out.push({
      key: 'notice.objection_resolution',
      message: 'a resolved objection needs its resolution recorded',
    });
  return out;
}

/** What `r` still lacks; empty when met. The switch is exhaustive over requirement kinds. */
export function checkRequirement(r: Requirement, ctx: CheckContext): Finding[] {
  const p = ctx.payload;
  switch (r.kind) {
    case 'vote':
      return checkVote(r, p);
    case 'notice':
      return checkNotice(r, ctx);
    case 'signature':
      return p.signatures?.some((s) => s.who === r.who && filled(s.name))
        ? []
        : f(`signature.${r.who}`, `the ${r.who}'s signature is required`);
    case 'dataConsent':
      return p.dataConsent && filled(p.dataConsent.by)
        ? []
        : f('data_consent', "the household's signed consent to data checks is required");
    case 'evidence':
      return filled(p.note) ? [] : f('evidence', `a note is required: ${r.note}`);
    case 'staff': {
      const names = new Set((p.staff ?? []).map((s) => s.trim()).filter(Boolean));
      return names.size >= r.min
        ? []
        : f('staff', `at least ${r.min} staff must take part (${names.size} recorded)`);
    }
    case 'homeVisitIfStaffRelative':
      return ctx.c.data.staffRelative !== true || (p.homeVisit && p.homeVisit.visitors.length > 0)
        ? []
        : f('home_visit', 'the applicant is a relative of staff or cadres: a home visit is required');
    case 'deadline': {
      const opened = openedOn(ctx.c);
      const late = opened !== null && daysBetween(opened, ctx.today) > r.days;
      return !late || filled(p.lateReason)
        ? []
        : f(
            'deadline.late_reason',
            `over ${r.days} days since the case opened: give the reason for the delay`,
          );
    }
    default:
      return assertNever(r);
  }
}

function assertNever(x: never): never {
  throw new Error(`Unknown requirement ${JSON.stringify(x)}`);
}
