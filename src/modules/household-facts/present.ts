import { isFactKind, type FactSource, type FactState } from '../../domain/facts/catalogue.js';
import { parseFactValue, valueClassOf, type KindValue } from '../../domain/facts/kinds.js';
import { redactFields, seen, treatment, type Viewer } from '../../domain/visibility.js';
import type { FactRow } from './repository.js';
import type { FactDto } from './schema.js';

/** A row with the names the lists join to it. */
export type NamedFactRow = FactRow & {
  recorded_by_name?: string | null;
  confirmed_by_name?: string | null;
  member_name?: string | null;
};

const kindValueOf = (r: FactRow): KindValue | null => {
  if (!isFactKind(r.kind)) return null;
  const p = parseFactValue(r.kind, r.value);
  return p.ok ? ({ kind: r.kind, value: p.value } as KindValue) : null;
};

/**
 * A fact as a viewer sees it: a value whose data class the viewer does not see whole (a disability, a
 * medical spending record) is withheld as a whole; the fields of a class inside a value (a
 * supporter's name) are presented through the visibility table (redactFields); a member's name too.
 */
export function factDto(r: NamedFactRow, v: Viewer): FactDto {
  const kv = kindValueOf(r);
  const cls = kv ? valueClassOf(kv) : null;
  const withheld = cls !== null && treatment(v.role, cls, v.view) !== 'show';
  const raw = (kv?.value ?? r.value) as Record<string, unknown>;
  return {
    id: r.id,
    householdId: r.household_id,
    kind: r.kind as FactDto['kind'],
    memberId: r.member_id,
    memberName: seen(v, 'name', r.member_name ?? null),
    subject: withheld ? '' : r.subject,
    value: withheld
      ? null
      : (redactFields(v.role, v.view, raw, { today: v.today }) as Record<string, unknown>),
    withheld,
    observedOn: r.observed_on,
    source: r.source as FactSource,
    sourceRef: r.source_ref,
    state: r.state as FactState,
    recordedBy: r.recorded_by_name ?? null,
    recordedAt: new Date(r.recorded_at).toISOString(),
    confirmedBy: r.confirmed_by_name ?? null,
    confirmedAt: r.confirmed_at === null ? null : new Date(r.confirmed_at).toISOString(),
    decisionNote: r.decision_note,
    supersedes: r.supersedes,
  };
}

/**
 * A fact in an audit record: what, about whom, as of when, from where, in which state; the value
 * under `healthFact` (a JSON text, a class of the visibility table) when it reveals illness, so that
 * the audit page hides it from those who may not see health, or as `value` otherwise (its personal
 * fields are classified by name: disabilityType, disabilityGrade, supporterName).
 */
export function factAudit(r: FactRow): Record<string, unknown> {
  const kv = kindValueOf(r);
  const cls = kv ? valueClassOf(kv) : null;
  return {
    factId: r.id,
    kind: r.kind,
    memberId: r.member_id,
    observedOn: r.observed_on,
    source: r.source,
    sourceRef: r.source_ref,
    state: r.state,
    supersedes: r.supersedes,
    ...(cls === 'health' ? { healthFact: JSON.stringify(r.value) } : { value: r.value }),
  };
}
