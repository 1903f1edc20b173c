import { KIND_INFO, SOURCE_LABELS, isFactKind, type FactKind } from '../facts/catalogue.js';
import type { HouseholdFacts } from './facts.js';
import type { HouseholdRuleName } from './index.js';
import { reason, type Reason } from './reason.js';

/**
 * Which recorded fact kinds (household_fact) each household rule reads — the household page lists
 * each with its date and source beside the rule — and the notes on proposals awaiting confirmation
 * (maker–checker): the rule decided on the confirmed facts and says a change is pending.
 */
export const RULE_FACT_KINDS: Record<HouseholdRuleName, readonly FactKind[]> = {
  identification: ['housing_safety'],
  household_exit: ['food_clothing', 'housing_safety', 'drinking_water', 'schooling', 'insurance'],
  monitoring: ['income_month', 'rigid_spending', 'shock'],
  risk_removal: [
    'income_month',
    'rigid_spending',
    'risk',
    'housing_safety',
    'drinking_water',
    'food_clothing',
  ],
  dibao: ['income_month', 'rigid_spending', 'dibao_means', 'legal_supporter'],
  special_hardship: ['income_month', 'dibao_means', 'legal_supporter'],
  linkage: ['income_month', 'dibao_means', 'legal_supporter'],
};

export interface FactUse {
  kind: FactKind;
  label_zh: string;
  label_en: string;
  observedOn: string | null;
  source: string;
  source_zh: string;
  sourceRef: string | null;
}

/** The recorded facts a rule read, with date and source (none: the rule read registry fields only). */
export function factsUsed(rule: HouseholdRuleName, f: HouseholdFacts): FactUse[] {
  return RULE_FACT_KINDS[rule].flatMap((kind) => {
    const s = f.sources?.[kind];
    if (!s) return [];
    const src = SOURCE_LABELS[s.source as keyof typeof SOURCE_LABELS];
    return [
      {
        kind,
        label_zh: KIND_INFO[kind].zh,
        label_en: KIND_INFO[kind].en,
        observedOn: s.observedOn,
        source: s.source,
        source_zh: src?.zh ?? s.source,
        sourceRef: s.sourceRef,
      },
    ];
  });
}

/** A non-binding note per pending proposal of a kind the rule reads. */
export function pendingReasons(rule: HouseholdRuleName, f: HouseholdFacts): Reason[] {
  const kinds = new Set<string>(RULE_FACT_KINDS[rule]);
  const seen = new Set<string>();
  return (f.pending ?? [])
    .filter((p) => isFactKind(p.kind) && kinds.has(p.kind) && !seen.has(p.kind) && seen.add(p.kind))
    .map((p) => {
      const info = KIND_INFO[p.kind as FactKind];
      return reason(
        `pending.${p.kind}`,
        true,
        p.since.slice(0, 10),
        null,
        {
          zh: `“${info.zh}”有一项修改待确认（${p.since.slice(0, 10)} 提交），本结论按已确认的信息作出`,
          en: `a proposal is pending confirmation (${info.en}, since ${p.since.slice(0, 10)}); decided on the confirmed facts`,
        },
        false,
      );
    });
}
