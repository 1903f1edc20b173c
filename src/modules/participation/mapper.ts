import type { NeedRow } from './need-repository.js';

/** Row → response shapes of social participation: numbers from SQL numerics, ISO instants. */

export const num = (v: string | number | null | undefined): number =>
  v === null || v === undefined ? 0 : Number(v);
export const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/** What an organisation (and the board) may see of a need: no household, no village, no person. */
export function boardNeed(r: NeedRow, myOrgId: string | null) {
  const mine = r.organisation_id !== null && myOrgId !== null && r.organisation_id === myOrgId;
  return {
    id: r.id,
    kind: r.kind,
    source: r.source,
    title: r.title,
    description: r.description,
    amount: num(r.amount),
    township: { code: r.township_code, name: r.township_name },
    status: r.status,
    publishedAt: iso(r.published_at)!,
    pledgedByMe: mine,
    pledge: mine
      ? {
          amount: num(r.pledge_amount),
          quantity: r.pledge_quantity,
          expectedDate: r.expected_date,
          note: r.pledge_note,
          pledgedAt: iso(r.pledged_at)!,
          deliveryNote: r.delivery_note,
        }
      : null,
    deliveredAt: iso(r.delivered_at),
    confirmedAt: iso(r.confirmed_at),
    confirmedBy: r.confirmed_by,
  };
}

/** The officers' view of a need: the village and the household number (internal). */
export function officerNeed(r: NeedRow) {
  return {
    ...boardNeed(r, null),
    village: { code: r.village_code, name: r.village_name },
    householdId: r.household_id,
    householdNo: r.household_no,
    organisation: r.organisation_id ? { id: r.organisation_id, name: r.organisation_name ?? '' } : null,
    pledgeAmount: r.organisation_id ? num(r.pledge_amount) : null,
    expectedDate: r.expected_date,
    deliveryNote: r.delivery_note,
    matchedAt: iso(r.matched_at),
    confirmNote: r.confirm_note,
    confirmRating: r.confirm_rating,
    onBehalfReason: r.on_behalf_reason,
  };
}
