import { MISSING_FACT_KEYS, missingFact, type MissingFactKey } from '../rules/missing.js';
import { factKindEn, factKindZh, warningKindZh } from './labels.js';

/**
 * "What to do next" for one household (我的帮扶户 and the household page): one ordered list built
 * from its open warnings, overdue visits and measures, linkage gaps, worklist candidates, proposals
 * waiting for confirmation and the facts the rules miss — each step a link to where it is done.
 */
export const NEXT_KINDS = [
  'warning',
  'visit',
  'measure',
  'linkage_gap',
  'worklist',
  'proposal',
  'missing_fact',
] as const;
export type NextKind = (typeof NEXT_KINDS)[number];

export interface NextStep {
  kind: NextKind;
  title_zh: string;
  title_en: string;
  /** The date it was due (overdue visits and measures), else null. */
  due: string | null;
  link: string;
}

/** What the sources hold for one household. */
export interface NextSources {
  householdId: string;
  warnings: { id: string; kind: string; channel: string; observedOn: string }[];
  visitOverdueSince: string | null | undefined; // undefined: not overdue; null: never visited
  measures: { id: string; type: string; deadline: string }[];
  worklist: { rule: string; decision: string; missing: string[] }[];
  proposals: { kind: string; since: string }[];
}

const RULE_ZH: Record<string, string> = {
  identification: '识别为贫困户',
  household_exit: '贫困户退出',
  monitoring: '纳入防返贫监测',
  risk_removal: '风险消除',
  dibao: '低保',
  special_hardship: '特困供养',
  linkage: '低保与监测衔接',
};

const LINKAGE_ZH: Record<string, string> = {
  poor_eligible_not_covered: '符合低保条件但未纳入',
  dibao_labour_no_development: '有劳动能力的低保对象未落实产业就业帮扶',
};

export function nextSteps(s: NextSources): NextStep[] {
  const home = `/households/${s.householdId}`;
  const steps: NextStep[] = [];
  for (const w of s.warnings)
    steps.push({
      kind: 'warning',
      title_zh: `处理风险预警（${warningKindZh(w.kind)}，${w.observedOn}）`,
      title_en: `handle the warning (${w.kind}, ${w.observedOn})`,
      due: null,
      link: '/warnings',
    });
  if (s.visitOverdueSince !== undefined)
    steps.push({
      kind: 'visit',
      title_zh: s.visitOverdueSince
        ? `入户走访（应于 ${s.visitOverdueSince} 前）`
        : '入户走访（尚无走访记录）',
      title_en: s.visitOverdueSince ? `visit (due ${s.visitOverdueSince})` : 'visit (never visited)',
      due: s.visitOverdueSince,
      link: `${home}?tab=visits`,
    });
  for (const m of s.measures)
    steps.push({
      kind: 'measure',
      title_zh: `帮扶措施逾期未完成（期限 ${m.deadline}）`,
      title_en: `overdue measure (${m.type}, deadline ${m.deadline})`,
      due: m.deadline,
      link: `${home}?tab=plan`,
    });
  const missing = new Set<string>();
  for (const w of s.worklist) {
    for (const k of w.missing) missing.add(k);
    if (w.decision === 'verify') continue;
    if (w.rule === 'linkage')
      steps.push({
        kind: 'linkage_gap',
        title_zh: `衔接缺口：${LINKAGE_ZH[w.decision] ?? '保障衔接待核实'}`,
        title_en: `linkage gap: ${w.decision}`,
        due: null,
        link: '/linkage',
      });
    else
      steps.push({
        kind: 'worklist',
        title_zh: `规则研判：${RULE_ZH[w.rule] ?? '其他'}${w.decision.startsWith('not') ? '' : '候选'}`,
        title_en: `rule candidate: ${w.rule} (${w.decision})`,
        due: null,
        link: `/worklists?rule=${w.rule}`,
      });
  }
  for (const p of s.proposals)
    steps.push({
      kind: 'proposal',
      title_zh: `上报信息待乡镇确认（${factKindZh(p.kind)}，${p.since}）`,
      title_en: `proposed fact awaiting confirmation (${factKindEn(p.kind)}, ${p.since})`,
      due: null,
      link: `${home}?tab=facts`,
    });
  for (const k of MISSING_FACT_KEYS)
    if (missing.has(k)) {
      const f = missingFact(k as MissingFactKey);
      steps.push({
        kind: 'missing_fact',
        title_zh: `补充信息：${f.label_zh}`,
        title_en: `record: ${f.label_en}`,
        due: null,
        link: `${home}?tab=facts`,
      });
    }
  return steps.sort((a, b) => {
    const k = NEXT_KINDS.indexOf(a.kind) - NEXT_KINDS.indexOf(b.kind);
    if (k !== 0) return k;
    return (a.due ?? '9999') < (b.due ?? '9999') ? -1 : (a.due ?? '9999') > (b.due ?? '9999') ? 1 : 0;
  });
}
