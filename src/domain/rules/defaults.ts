import {
  HEALTH_CODES,
  type DefaultedValue,
  type Health,
  type HouseholdFacts,
  type MemberFacts,
} from './facts.js';
import { canWork, inferredLabour } from './members.js';
import { missingFacts, unknownReason, type MissingFactKey } from './missing.js';
import { HEALTH_AND_DISABILITY, NO_PERSONAL_DATA, type Reason, type RuleResult } from './reason.js';

/**
 * Values the data layer had to fill in without a recorded fact (issue 16: "no decision rests on a
 * default"). The mapper lists each in `HouseholdFacts.defaults` with the value it put in; a rule's
 * decision is kept only when it is the same for every value the fact could take (each default's
 * range, all combinations); otherwise the rule answers `verify` naming the missing fact. A kept
 * decision carries a non-binding note that the value was not recorded and did not matter. The
 * defaulted values: `DefaultedValue` (facts.ts).
 */
export type { DefaultedValue };
export type DefaultKey = DefaultedValue['key'];

const DIBAO_RULES = ['dibao', 'special_hardship', 'linkage'] as const;
const BIG = 1e12;

interface DefaultInfo {
  missing: MissingFactKey;
  /** The rules that read the value (null: every rule). */
  rules: readonly string[] | null;
  rests: Reason['rests'];
  zh: string;
  en: string;
}

export const DEFAULT_INFO: Record<DefaultKey, DefaultInfo> = {
  member_health: {
    missing: 'member_health',
    rules: null,
    rests: HEALTH_AND_DISABILITY,
    zh: '有成员没有登记健康状况',
    en: 'a member has no health status recorded',
  },
  migrant_wage: {
    missing: 'migrant_wage',
    rules: DIBAO_RULES,
    rests: NO_PERSONAL_DATA,
    zh: '有外出务工成员没有登记月工资',
    en: 'a migrant member has no monthly wage recorded',
  },
  employment_cost: {
    missing: 'income_months',
    rules: DIBAO_RULES,
    rests: NO_PERSONAL_DATA,
    zh: '就业成本没有逐月记录',
    en: 'employment costs not recorded by month',
  },
  deductible_spending: {
    missing: 'rigid_spending',
    rules: DIBAO_RULES,
    rests: NO_PERSONAL_DATA,
    zh: '近 12 个月可以扣除的教育等刚性支出没有入户核实',
    en: 'deductible spending (schooling and other) of the 12 months not checked at a visit',
  },
  support_in_income: {
    missing: 'income_months',
    rules: DIBAO_RULES,
    rests: NO_PERSONAL_DATA,
    zh: '没有逐月收入记录，不知道赡养费有多少已计入收入',
    en: 'without monthly records, how much of the support paid is already in the income is unknown',
  },
};

type Patch = (f: HouseholdFacts) => HouseholdFacts;

const withMember = (f: HouseholdFacts, id: string, change: (m: MemberFacts) => MemberFacts) => ({
  ...f,
  members: f.members.map((m) => (m.id === id ? change(m) : m)),
});

/** Every value a default could stand for (the first: the one the mapper put in), as patches. */
function alternatives(d: DefaultedValue): Patch[] {
  switch (d.key) {
    case 'member_health':
      return (['healthy', ...HEALTH_CODES.filter((h) => h !== 'healthy')] as Health[]).map(
        (health) => (f) =>
          withMember(f, d.memberId, (m) => ({
            ...m,
            health,
            labourCapacity: d.labourInferred ? inferredLabour(m.age, health) : m.labourCapacity,
          })),
      );
    case 'migrant_wage':
      return [(f) => f, (f) => withMember(f, d.memberId, (m) => ({ ...m, earnings12m: BIG }))];
    case 'employment_cost':
      return [
        (f) => f,
        (f) => {
          const present = f.members.filter((m) => m.status === 'present');
          const workers = present.filter((m) => canWork(m) || m.earnings12m > 0);
          const on = workers.length ? workers : present;
          const each = f.income.wages / Math.max(1, on.length);
          return {
            ...f,
            members: f.members.map((m) => (on.includes(m) ? { ...m, employmentCost12m: each } : m)),
          };
        },
      ];
    case 'deductible_spending':
      return [
        (f) => f,
        (f) => ({
          ...f,
          dibao: {
            ...f.dibao,
            deductible12m: {
              ...f.dibao.deductible12m,
              ...Object.fromEntries(d.categories.map((c) => [c, BIG])),
            },
          },
        }),
      ];
    case 'support_in_income':
      return [(f) => f, (f) => ({ ...f, dibao: { ...f.dibao, obligedSupport12m: 0 } })];
  }
}

/** At most this many combinations are tried; beyond, the decision is not kept. */
const MAX_VARIANTS = 256;

/** The facts under every combination of the defaults' values (null: too many). */
function variants(f: HouseholdFacts, ds: readonly DefaultedValue[]): HouseholdFacts[] | null {
  let out: HouseholdFacts[] = [f];
  for (const d of ds) {
    const alts = alternatives(d);
    if (out.length * alts.length > MAX_VARIANTS) return null;
    out = out.flatMap((v) => alts.map((a) => a(v)));
  }
  return out;
}

/** What must not change: the decision (but the assessed income it reports) and the missing facts. */
const signature = (r: RuleResult<unknown>) =>
  JSON.stringify([r.decision, (r.missing ?? []).map((m) => m.fact)], (k, v: unknown) =>
    k === 'perCapitaMonthlyIncome' ? undefined : v,
  );

/** A decision made "verify": the rule's own verify shape. */
function asVerify(decision: unknown, all: readonly RuleResult<unknown>[]): unknown {
  if (typeof decision === 'string') return 'verify';
  if (decision && typeof decision === 'object' && 'status' in decision) {
    const d = decision as Record<string, unknown>;
    return {
      ...d,
      status: 'verify',
      ...('monthlyBenefit' in d ? { monthlyBenefit: 0, coveredMemberIds: [], reviewEveryMonths: null } : {}),
    };
  }
  if (decision && typeof decision === 'object' && 'gaps' in decision) {
    // linkage: the gaps found under every value
    const gapsOf = (r: RuleResult<unknown>) => (r.decision as { gaps: string[] }).gaps;
    return { gaps: gapsOf(all[0]!).filter((g) => all.every((r) => gapsOf(r).includes(g))) };
  }
  return decision;
}

/**
 * One rule on facts with defaults: its result when every value of the defaults gives the same
 * decision (with a note per default), else `verify` naming the facts to record.
 */
export function evaluateWithDefaults(
  rule: string,
  run: (f: HouseholdFacts) => RuleResult<unknown>,
  f: HouseholdFacts,
): RuleResult<unknown> {
  const ds = (f.defaults ?? []).filter((d) => DEFAULT_INFO[d.key].rules?.includes(rule) ?? true);
  const primary = run(f);
  if (ds.length === 0) return primary;
  const keys = [...new Set(ds.map((d) => d.key))];
  const vs = variants(f, ds);
  const all = vs ? vs.map(run) : null;
  const same = all !== null && all.every((r) => signature(r) === signature(primary));
  if (same)
    return {
      ...primary,
      reasons: [...primary.reasons, ...keys.map((k) => defaultNote(k))],
    };
  const unknown = keys.map((k) =>
    unknownReason(`default.${k}`, [DEFAULT_INFO[k].missing], DEFAULT_INFO[k], DEFAULT_INFO[k].rests),
  );
  return {
    ...primary,
    decision: asVerify(primary.decision, all ?? [primary]),
    reasons: [...primary.reasons, ...unknown],
    missing: missingFacts([
      ...(primary.missing ?? []).map((m) => m.fact),
      ...keys.map((k) => DEFAULT_INFO[k].missing),
    ]),
  };
}

/** The note on a decision that does not depend on a value the registry lacks. */
export function defaultNote(k: DefaultKey): Reason {
  const i = DEFAULT_INFO[k];
  return {
    criterion: `default.${k}`,
    label_zh: `${i.zh}；无论实际情况如何，本结论都相同`,
    label_en: `${i.en}; the decision is the same whatever it is`,
    value: null,
    threshold: null,
    passed: true,
    binding: false,
    rests: i.rests,
  };
}
