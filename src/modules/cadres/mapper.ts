import type { CadreListRow } from './repository.js';
import type { VisitRow } from './visit-repository.js';

/** Rows of the responsibility tables as the API shows them. */

export const cadreDto = (r: CadreListRow) => ({
  id: String(r.id),
  name: r.name,
  workUnit: r.work_unit,
  unitLevel: r.unit_level,
  phone: r.phone,
  regionCode: r.region_code,
  regionName: r.region_name,
  userId: r.user_id === null ? null : String(r.user_id),
  username: r.username,
  active: r.active,
  caseload: r.caseload,
});

/** A household's visit plan: visits a year, last visit, visits this year, next due, overdue. */
export const dueDto = (p: {
  visits_per_year: number | null;
  last_visit: string | null;
  visits_this_year: number | null;
  due_on: string | null;
  overdue: boolean | null;
}) => ({
  visitsPerYear: p.visits_per_year,
  lastVisit: p.last_visit,
  visitsThisYear: p.visits_this_year ?? 0,
  dueOn: p.due_on,
  overdue: p.overdue ?? false,
});

export const visitDto = (v: VisitRow) => ({
  id: String(v.id),
  householdId: String(v.household_id),
  householdNo: v.household_no,
  headName: v.head_name,
  cadreId: v.cadre_id === null ? null : String(v.cadre_id),
  cadreName: v.cadre_name,
  visitDate: v.visit_date,
  purpose: v.purpose,
  findings: v.findings,
  followUp: v.follow_up,
  recordedBy: v.recorded_by_name,
});

export const pageOf = <T>(total: number, page: number, pageSize: number, items: T[]) => ({
  total,
  page,
  pageSize,
  items,
});

/** The page's limit and offset. */
export const limitOffset = (q: { page: number; pageSize: number }) => ({
  limit: q.pageSize,
  offset: (q.page - 1) * q.pageSize,
});
