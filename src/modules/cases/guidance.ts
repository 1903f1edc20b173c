import type { CaseKind } from '../../domain/cases/index.js';
import type { HouseholdRuleName } from '../../domain/rules/index.js';
import type { MissingFact, Reason } from '../../domain/rules/reason.js';
import { AppError } from '../../kernel/errors.js';
import type { AuthUser } from '../../kernel/user.js';

/**
 * Guidance in procedures (issue 20 item 7): before a case opens, the rule of its kind is read on the
 * household; a household the rules find ineligible — or cannot decide (`verify`) — answers 409 with the
 * reasons unless the request confirms (`confirmIneligible: true`), and the confirmation is kept in the
 * opening's audit entry.
 */

/** The household rule that speaks to each kind of case. */
export const RULE_OF_KIND: Record<CaseKind, HouseholdRuleName> = {
  identification: 'identification',
  exit: 'household_exit',
  monitoring: 'monitoring',
  dibao: 'dibao',
  tekun: 'special_hardship',
};

/**
 * The rule a vote step asks (民主评议): the kind's own rule, except the vote on removing a monitored
 * household's risk (`removal_vote`), which the risk-removal rule speaks to.
 */
export function ruleOfVote(kind: CaseKind, action: string): HouseholdRuleName {
  return action === 'removal_vote' ? 'risk_removal' : RULE_OF_KIND[kind];
}

/** Decisions that say "no" (per rule: risk removal's `keep` too); `verify` is its own outcome. */
const NO = new Set(['not_eligible', 'not_yet', 'none', 'keep']);

export type EligibilityOutcome = 'eligible' | 'ineligible' | 'verify';

/** A rule's result as the rules service gives it (redacted for the user). */
export interface RuleReading {
  rule: string;
  decision: unknown;
  reasons: Reason[];
  missing?: MissingFact[] | undefined;
}

/** The rules service's reading of one household (src/modules/rules/service.ts `evaluateHousehold`). */
export type EligibilityCheck = (user: AuthUser, householdId: string) => Promise<{ results: RuleReading[] }>;

const decisionCode = (d: unknown): string =>
  typeof d === 'string'
    ? d
    : d && typeof d === 'object' && 'status' in d && typeof d.status === 'string'
      ? d.status
      : '';

export function outcomeOf(r: RuleReading): EligibilityOutcome {
  const code = decisionCode(r.decision);
  if (code === 'verify') return 'verify';
  return NO.has(code) ? 'ineligible' : 'eligible';
}

/** What the confirmation shows and the audit keeps: the rule, its outcome, the binding reasons not met. */
export interface IneligibleFinding {
  rule: string;
  outcome: Exclude<EligibilityOutcome, 'eligible'>;
  decision: string;
  reasons: { criterion: string; label_zh: string; label_en: string }[];
  missing: { fact: string; label_zh: string; label_en: string }[];
}

export function findingOf(
  rule: HouseholdRuleName,
  results: readonly RuleReading[],
): IneligibleFinding | null {
  const r = results.find((x) => x.rule === rule);
  if (!r) return null;
  const outcome = outcomeOf(r);
  if (outcome === 'eligible') return null;
  return {
    rule: r.rule,
    outcome,
    decision: decisionCode(r.decision),
    reasons: r.reasons
      .filter((x) => x.binding && !x.passed)
      .map(({ criterion, label_zh, label_en }) => ({ criterion, label_zh, label_en })),
    missing: (r.missing ?? []).map(({ fact, label_zh, label_en }) => ({ fact, label_zh, label_en })),
  };
}

/** The 409 of a finding not confirmed: `what` names the step in both languages. */
function ineligibleRefusal(finding: IneligibleFinding, what: { zh: string; en: string }) {
  const zh = finding.outcome === 'verify' ? '规则无法判定（需核实）' : '规则认为不符合条件';
  return new AppError(
    'E_CONFLICT',
    `the rules find this household ${finding.outcome === 'verify' ? 'undecided (verify)' : 'ineligible'} for ${what.en}; confirm with confirmIneligible: true`,
    {
      reason: 'ineligible',
      messageZh: `${zh}（${what.zh}）；如仍要继续，请确认（confirmIneligible: true）`,
      ...finding,
    },
  );
}

/**
 * The rule's finding on a household about to enter a `kind` case: null when eligible (or when the rules
 * cannot read it: no income year), a 409 with the finding when not confirmed, else the finding to audit.
 * A household already monitored opening a monitoring case (follow-up, risk removal) is not checked.
 */
export async function checkEligibility(
  check: EligibilityCheck | undefined,
  user: AuthUser,
  kind: CaseKind,
  household: { id: string; status: string },
  confirmed: boolean,
): Promise<IneligibleFinding | null> {
  if (!check || (kind === 'monitoring' && household.status === 'monitored')) return null;
  const finding = findingOf(RULE_OF_KIND[kind], (await check(user, household.id)).results);
  if (!finding || confirmed) return finding;
  throw ineligibleRefusal(finding, { zh: '发起程序', en: `a ${kind} case` });
}

/**
 * The same confirmation at a vote step (民主评议 `review_vote`, `removal_vote`: a step whose requirements
 * hold a vote): the rule of the vote (ruleOfVote) is read on the household; a "no" or "verify" answers 409
 * with the reasons unless confirmed, and the confirmed finding goes to the step's audit entry.
 */
export async function checkVoteEligibility(
  check: EligibilityCheck | undefined,
  user: AuthUser,
  kind: CaseKind,
  action: string,
  householdId: string,
  confirmed: boolean,
): Promise<IneligibleFinding | null> {
  if (!check) return null;
  const finding = findingOf(ruleOfVote(kind, action), (await check(user, householdId)).results);
  if (!finding || confirmed) return finding;
  throw ineligibleRefusal(finding, { zh: '民主评议', en: `the vote (${action})` });
}
