import { labelOf, type PovertyCause } from '../../domain/code-lists.js';
import { povertyLine } from '../../domain/policy/defaults.js';
import { yearOf } from './calendar.js';
import type { TimelineEvent } from './timeline.js';
import type { AssistanceClass, DemoStatusChange, DemoYearRow } from './types.js';

/** Status-history rows with the reason a cadre would write, quoting the year's income and line. */

export type Risk =
  | 'illness'
  | 'disability'
  | 'schooling'
  | 'disaster'
  | 'accident'
  | 'unstable_job'
  | 'industry'
  | 'labour'
  | 'other';

export const RISK_LABEL: Record<Risk, string> = {
  illness: '因病',
  disability: '因残',
  schooling: '因学',
  disaster: '因灾',
  accident: '因意外事故',
  unstable_job: '务工就业不稳',
  industry: '产业项目失败',
  labour: '缺劳动力',
  other: '其他',
};

/** The poverty-cause code a risk is recorded under for a household outside the registry. */
export const RISK_CAUSE: Record<Risk, PovertyCause> = {
  illness: 'illness',
  disability: 'disability',
  schooling: 'schooling',
  disaster: 'disaster',
  accident: 'other',
  unstable_job: 'other',
  industry: 'other',
  labour: 'labour',
  other: 'other',
};

const CATEGORY_LABEL = {
  unstable: '脱贫不稳定户',
  marginal: '边缘易致贫户',
  sudden: '突发严重困难户',
} as const;

export interface HistoryFacts {
  assistanceClass: AssistanceClass | null;
  cause: PovertyCause | null;
  returnRisk: Risk;
  monitoring: { category: keyof typeof CATEGORY_LABEL; risk: Risk } | null;
  relocatedYear: number | null;
  houseFixed: boolean;
  rows: readonly DemoYearRow[];
}

const yuan = (n: number) => String(Math.round(n));

function reason(e: TimelineEvent, f: HistoryFacts): string {
  const year = yearOf(e.on);
  const row = f.rows.find((r) => r.year === year);
  const income = row ? `${year}年人均纯收入 ${yuan(row.per_capita_income)} 元` : `${year}年`;
  const line = `标准 ${yuan(povertyLine(year))} 元`;
  switch (e.kind) {
    case 'register': {
      const how = year > 2014 ? '动态调整（回头看）新识别' : '建档立卡识别';
      const cls = f.assistanceClass ? labelOf('household_type', f.assistanceClass) : '贫困户';
      return `${how}为${cls}，主要致贫原因：${labelOf('poverty_cause', f.cause ?? 'other')}；${income}，低于${line}`;
    }
    case 'exit': {
      const measures = [
        f.relocatedYear !== null && f.relocatedYear <= year ? '易地扶贫搬迁' : null,
        f.houseFixed ? '危房改造' : null,
      ].filter(Boolean);
      const extra = measures.length > 0 ? `（${measures.join('、')}）` : '';
      return `脱贫退出：${income}，高于${line}；两不愁三保障达标${extra}，户主签字认可`;
    }
    case 'return':
      return `返贫：${RISK_LABEL[f.returnRisk]}，${income}，低于${line}`;
    case 're_exit':
      return `再次脱贫：${income}，高于${line}`;
    case 'monitor': {
      const m = f.monitoring!;
      return `纳入防返贫监测（${CATEGORY_LABEL[m.category]}）：风险类型${RISK_LABEL[m.risk]}；${income}`;
    }
    case 'remove_risk':
      return `风险消除：收入持续稳定高于监测范围，${RISK_LABEL[f.monitoring!.risk]}风险已化解，帮扶措施已落实`;
  }
}

export function historyRows(events: readonly TimelineEvent[], facts: HistoryFacts): DemoStatusChange[] {
  return events.map((e) => ({
    from_status: e.from,
    to_status: e.to,
    changed_on: e.on,
    reason: reason(e, facts),
  }));
}
