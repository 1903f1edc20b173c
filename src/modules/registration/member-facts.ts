import { KIND_INFO, type FactKind } from '../../domain/facts/kinds.js';
import {
  MEMBER_FACT_KINDS,
  type FactInput,
  type FormError,
  type RegistrationForm,
} from '../../domain/registration/form.js';
import { checkValue, observedOnFor } from '../household-facts/rules.js';

/** One fact the form gives beyond the import's columns: its kind, its member (by place) and value. */
export interface FormFact {
  kind: FactKind;
  /** The member's place in `form.members` (0-based), or null for a fact of the household. */
  memberIndex: number | null;
  value: FactInput;
  /** Where in the form (`facts.members.1.schooling`, `facts.spending.0`). */
  place: string;
}

/** The member facts (schooling, insurance, disability) and rigid spending the form gives. */
export function formFactsOf(form: RegistrationForm): FormFact[] {
  const out: FormFact[] = [];
  (form.facts.members ?? []).forEach((m, i) => {
    if (!m) return;
    for (const kind of MEMBER_FACT_KINDS) {
      const value = m[kind];
      if (value) out.push({ kind, memberIndex: i, value, place: `facts.members.${i}.${kind}` });
    }
  });
  (form.facts.spending ?? []).forEach((value, i) =>
    out.push({ kind: 'rigid_spending', memberIndex: null, value, place: `facts.spending.${i}` }),
  );
  return out;
}

/**
 * The facts' own checks (src/modules/household-facts/rules.ts: the kind's value schema, no date after
 * today) on the form's member facts and spending, as form errors in English and Chinese; a member
 * fact must name a member the form has.
 */
export function checkFormFacts(form: RegistrationForm, today: string): FormError[] {
  const errors: FormError[] = [];
  const err = (f: FormFact, field: string, code: string, message: string, messageZh: string) =>
    errors.push({
      field,
      row: (f.memberIndex ?? 0) + 1,
      column: KIND_INFO[f.kind].zh,
      code,
      message,
      messageZh,
    });
  for (const f of formFactsOf(form)) {
    if (f.memberIndex !== null && f.memberIndex >= form.members.length) {
      err(
        f,
        f.place,
        'E_FACT_MEMBER',
        `member ${f.memberIndex + 1} is not on the form`,
        `表中没有第 ${f.memberIndex + 1} 名成员`,
      );
      continue;
    }
    const v = checkValue(f.kind, f.value, f.place);
    if (!v.ok) {
      for (const p of v.problems) err(f, p.field, 'E_FACT_VALUE', p.message, p.messageZh);
      continue;
    }
    const day = observedOnFor(v.kv, today, today, f.place);
    if (!day.ok)
      for (const p of day.problems)
        err(f, p.field.replace('.value.', '.'), 'E_DATE_FUTURE', p.message, p.messageZh);
  }
  return errors;
}
