import { maskValue } from '../visibility.js';
import type { FieldSpec } from './fields.js';

/** Field values as written in an audit event. */
export type FieldValues = Record<string, unknown>;

/**
 * Sensitive fields are masked in audit events: the log is readable by everyone in the region's scope
 * (village cadres included), so it must not become a way round masking. The record itself keeps the value.
 */
const AUDIT_MASK: Record<string, (v: unknown) => unknown> = {
  idNumber: (v) => (typeof v === 'string' ? maskValue('idNumber', v) : v),
  phone: (v) => (typeof v === 'string' ? maskValue('phone', v) : v),
  bankAccount: (v) => (typeof v === 'string' ? maskValue('bankAccount', v) : v),
  health: (v) => (v === null ? null : '***'),
  disabilityGrade: (v) => (v === null ? null : '***'),
};

/** A database value in a comparable form: numerics (strings from pg) as numbers, arrays joined. */
function normal(spec: FieldSpec, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (spec.kind.type === 'number' || spec.kind.type === 'money') return Number(v);
  return v;
}

const same = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) ? a.join('|') === b.join('|') : a === b;

/**
 * The fields that `next` (parsed values keyed by column) changes in `current` (a database row),
 * as `{ before, after }` keyed by API field name, sensitive values masked.
 */
export function changedFields(
  specs: readonly FieldSpec[],
  current: Record<string, unknown> | null,
  next: Record<string, unknown>,
): { before: FieldValues; after: FieldValues; columns: string[] } {
  const before: FieldValues = {};
  const after: FieldValues = {};
  const columns: string[] = [];
  for (const spec of specs) {
    if (!(spec.column in next)) continue;
    const was = current ? normal(spec, current[spec.column]) : null;
    const now = normal(spec, next[spec.column]);
    if (current && same(was, now)) continue;
    const mask = AUDIT_MASK[spec.field] ?? ((v: unknown) => v);
    before[spec.field] = mask(was);
    after[spec.field] = mask(now);
    columns.push(spec.column);
  }
  return { before, after, columns };
}
