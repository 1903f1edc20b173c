import { z } from 'zod';
import type { AuthUser } from '../../kernel/user.js';
import type { RulesService } from '../rules/service.js';
import type { PortalHousehold } from './household.js';

/**
 * The household's own policy assessments with their reasons in plain words (issue 16 item 8): every
 * household rule as the household page evaluates it, read as the household's village cadre reads it
 * (reasons resting on a member's health or disability withheld, as on the household's card), and
 * given without internal codes — no criterion, value or threshold, only the reason's text, whether it
 * was met, and what is still to be verified. The rule and decision keys stay for the page's labels.
 */

export const PortalDecisions = z.object({
  year: z.number().nullable(),
  asOf: z.string().nullable(),
  results: z.array(
    z.object({
      rule: z.string(),
      decision: z.string(),
      /** met / not_met: a deciding criterion; unknown: it lacks a fact (to verify); note: a consideration. */
      reasons: z.array(
        z.object({ zh: z.string(), en: z.string(), state: z.enum(['met', 'not_met', 'unknown', 'note']) }),
      ),
      toVerify: z.array(
        z.object({
          zh: z.string(),
          en: z.string(),
          supplier: z.enum(['village_cadre', 'township', 'department']),
        }),
      ),
    }),
  ),
});
export type PortalDecisions = z.infer<typeof PortalDecisions>;

/**
 * A decision as one key: a string decision, a status, or the linkage gaps joined by commas (with
 * `verify` when a gap could not be decided for lack of facts, as the worklists count it).
 */
export function decisionKey(d: unknown, undecided = false): string {
  if (typeof d === 'string') return d;
  if (d && typeof d === 'object' && 'status' in d) return String((d as { status: unknown }).status);
  if (d && typeof d === 'object' && 'gaps' in d) {
    const gaps = (d as { gaps: unknown }).gaps;
    const keys = [...(Array.isArray(gaps) ? gaps.map(String) : []), ...(undecided ? ['verify'] : [])];
    return keys.length ? keys.join(',') : 'none';
  }
  return '';
}

type ReasonState = PortalDecisions['results'][number]['reasons'][number]['state'];
const stateOf = (r: { passed: boolean; binding: boolean; missing?: string[] | undefined }): ReasonState =>
  !r.binding ? 'note' : r.missing?.length ? 'unknown' : r.passed ? 'met' : 'not_met';

export async function portalDecisions(rules: RulesService, h: PortalHousehold): Promise<PortalDecisions> {
  // the reader of the household's card (view-service.ts): its own village, the cadre's view
  const reader: AuthUser = {
    id: '0',
    username: `household:${h.householdNo}`,
    displayName: h.householdNo,
    role: 'village_cadre',
    scopeCode: h.villageCode,
  };
  const e = await rules.evaluateHousehold(reader, h.id);
  return {
    year: e.year,
    asOf: e.asOf,
    results: e.results.map((r) => ({
      rule: r.rule,
      decision: decisionKey(r.decision, r.missing.length > 0),
      reasons: r.reasons.map((x) => ({ zh: x.label_zh, en: x.label_en, state: stateOf(x) })),
      toVerify: r.missing.map((m) => ({ zh: m.label_zh, en: m.label_en, supplier: m.supplier })),
    })),
  };
}
