import { POOR_STATUSES } from '../../domain/code-lists.js';
import type { CaseKind } from '../../domain/cases/types.js';
import type { HouseholdFacts, HouseholdRuleName, Reason, RuleResult } from '../../domain/rules/index.js';

/**
 * Which rule results put a household on a worklist (pure): candidates for exit, monitoring and risk
 * removal; registry households hit by a red line; non-registered households that look eligible;
 * dibao and special-hardship candidates not yet covered; linkage gaps. Each entry keeps the rule's
 * reasons. A rule that cannot decide for lack of facts puts the household on the same list as
 * `verify` ("to verify", apart from the candidates) where a decision would have put it there. A region-wide gap (dibao standard below the line) is a run diagnostic, not an item.
 */
export interface WorklistEntry {
  rule: HouseholdRuleName;
  decision: string;
  reasons: Reason[];
}

/** The decision of a rule that cannot decide for lack of facts ("to verify", missing.ts). */
export const VERIFY = 'verify';

/** The procedure a cadre opens from an entry, if any (none for "to verify": the facts come first). */
export function caseKindFor(rule: string, decision: string): CaseKind | null {
  if (decision === VERIFY) return null;
  switch (rule) {
    case 'household_exit':
      return 'exit';
    case 'monitoring':
    case 'risk_removal':
      return 'monitoring';
    case 'identification':
      return decision === 'red_line_hit' ? null : 'identification';
    case 'dibao':
      return 'dibao';
    case 'special_hardship':
      return 'tekun';
    case 'linkage':
      return decision === 'poor_eligible_not_covered' ? 'dibao' : null;
    default:
      return null;
  }
}

/** A result's decision as one string per item (linkage: one per gap, and `verify` when a gap is undecided). */
export function decisionKeys(r: RuleResult<unknown>): string[] {
  const d = r.decision;
  if (typeof d === 'string') return [d];
  if (d && typeof d === 'object' && 'status' in d) return [String((d as { status: unknown }).status)];
  if (d && typeof d === 'object' && 'gaps' in d) {
    const gaps = (d as { gaps: string[] }).gaps;
    const keys = r.missing?.length ? [...gaps, VERIFY] : gaps;
    return keys.length ? keys : ['none'];
  }
  return [JSON.stringify(d)];
}

const redLineFailed = (r: RuleResult<unknown>) =>
  r.reasons.some((x) => x.criterion.startsWith('red_line.') && !x.passed);

function entriesOf(f: HouseholdFacts, r: RuleResult<unknown>): string[] {
  const poor = POOR_STATUSES.includes(f.status);
  const present = f.members.filter((m) => m.status === 'present');
  const [d = ''] = decisionKeys(r);
  switch (r.rule) {
    case 'identification':
      if (poor) return redLineFailed(r) ? ['red_line_hit'] : [];
      return f.status === 'none' && d !== 'not_eligible' ? [d] : [];
    case 'household_exit':
      return poor && (d === 'may_exit' || d === VERIFY) ? [d] : [];
    case 'monitoring':
      return !poor && f.status !== 'monitored' && d !== 'none' ? [d] : [];
    case 'risk_removal':
      return f.status === 'monitored' && (d === 'may_remove' || d === VERIFY) ? [d] : [];
    case 'dibao':
      if (d === 'gradual_exit' || d === VERIFY) return [d];
      return (d === 'eligible' || d === 'single_person') && !present.some((m) => m.dibao || m.tekun)
        ? [d]
        : [];
    case 'special_hardship':
      return (d === 'eligible' || d === VERIFY) && !present.some((m) => m.tekun) ? [d] : [];
    case 'linkage':
      return decisionKeys(r).filter((g) => g !== 'none' && g !== 'standard_below_line');
    default:
      return [];
  }
}

export function worklistEntries(f: HouseholdFacts, results: readonly RuleResult<unknown>[]): WorklistEntry[] {
  return results.flatMap((r) =>
    entriesOf(f, r).map((decision) => ({ rule: r.rule as HouseholdRuleName, decision, reasons: r.reasons })),
  );
}
