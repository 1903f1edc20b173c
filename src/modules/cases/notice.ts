import { enteredOn } from '../../domain/cases/requirements.js';
import type { CaseDefinition, CaseKind, CaseState } from '../../domain/cases/types.js';
import { addDays, daysBetween } from '../../domain/calendar.js';

/**
 * The public notice of a case (pure). Built from names, household numbers and the place only: the
 * caller never passes ID numbers, phones, bank accounts or health, so a notice cannot show them.
 */
export interface NoticeHousehold {
  householdNo: string;
  headName: string;
  size: number;
  memberNames: string[];
}

export interface NoticePlace {
  village: string;
  township: string;
  county: string;
}

export interface Notice {
  caseId: string;
  kind: CaseKind;
  stage: string;
  title: { zh: string; en: string };
  decision: { zh: string; en: string };
  place: NoticePlace & { villageCode: string };
  households: NoticeHousehold[];
  period: { start: string; end: string; days: number; minDays: number };
  objection: { zh: string; en: string };
  issuer: { zh: string; en: string };
  /** True while the notice is being posted (the case waits in the notice step). */
  current: boolean;
}

type Text = { zh: string; en: string };

const PROPOSED: Record<string, Text> = {
  'identification/first_notice': {
    zh: '经村民代表大会民主评议，拟识别为建档立卡贫困户',
    en: 'proposed for registration as poor after the village democratic review',
  },
  'identification/second_notice': {
    zh: '经乡镇审核，拟识别为建档立卡贫困户',
    en: 'proposed for registration as poor after the township review',
  },
  'exit/village_notice': {
    zh: '经村“两委”和驻村工作队核实、户主签字认可，拟退出（脱贫）',
    en: 'proposed for exit after verification, with the household’s signed consent',
  },
  'monitoring/village_notice': {
    zh: '经入户核实和民主评议，拟纳入防止返贫动态监测对象',
    en: 'proposed for monitoring after the home visit and democratic review',
  },
  'monitoring/removal_notice': {
    zh: '经回访核实和民主评议，拟消除返贫致贫风险',
    en: 'proposed for risk removal after the follow-up visit and democratic review',
  },
  'dibao/notice': {
    zh: '经入户调查和民主评议，拟纳入农村最低生活保障',
    en: 'proposed for rural dibao after the investigation and democratic review',
  },
  'tekun/notice': {
    zh: '经入户调查和乡镇审核，拟认定为特困人员',
    en: 'proposed for special-hardship support after the investigation and the township review',
  },
};

const TITLE: Record<CaseKind, Text> = {
  identification: { zh: '贫困户识别公示', en: 'Public notice: identification of poor households' },
  exit: { zh: '贫困户退出公示', en: 'Public notice: household exit' },
  monitoring: { zh: '防返贫监测对象公示', en: 'Public notice: monitoring' },
  dibao: { zh: '农村低保对象公示', en: 'Public notice: rural dibao' },
  tekun: { zh: '特困人员公示', en: 'Public notice: special hardship' },
};

/** The notice step of the current state, if the case is waiting in one. */
const noticeStep = (def: CaseDefinition, state: string) =>
  def.transitions
    .filter((t) => t.from === state)
    .flatMap((t) => t.requires.flatMap((r) => (r.kind === 'notice' ? [r] : [])))[0];

/** Default notice period of the current state: from the day the case entered it, minDays long. */
export function noticeDefaults(def: CaseDefinition, c: CaseState) {
  const step = noticeStep(def, c.state);
  const start = enteredOn(c);
  if (!step || !start) return null;
  return { start, end: addDays(start, step.minDays - 1), minDays: step.minDays };
}

/** The period and stage of the notice to print: the current one, else the last one recorded. */
function periodOf(def: CaseDefinition, c: CaseState) {
  const current = noticeDefaults(def, c);
  if (current) return { ...current, stage: c.state, current: true };
  const last = [...c.history].reverse().find((h) => h.payload.notice && h.from !== null);
  if (!last?.payload.notice || last.from === null) return null;
  const step = noticeStep(def, last.from);
  const { start, end } = last.payload.notice;
  return { start, end, minDays: step?.minDays ?? 0, stage: last.from, current: false };
}

export function buildNotice(
  caseId: string,
  def: CaseDefinition,
  c: CaseState,
  household: NoticeHousehold,
  place: NoticePlace & { villageCode: string },
): Notice | null {
  const p = periodOf(def, c);
  if (!p) return null;
  const byTownship = def.kind === 'identification' && p.stage === 'second_notice';
  return {
    caseId,
    kind: def.kind,
    stage: p.stage,
    title: TITLE[def.kind],
    decision: PROPOSED[`${def.kind}/${p.stage}`] ?? { zh: '拟办理事项', en: 'proposed decision' },
    place,
    households: [household],
    period: { start: p.start, end: p.end, days: daysBetween(p.start, p.end) + 1, minDays: p.minDays },
    objection: {
      zh: `公示期内如有异议，请向${place.village}村民委员会或${place.township}人民政府反映（可当面、书面或署名信件）。`,
      en: `Objections during the notice period go to the ${place.village} village committee or the ${place.township} government (in person or in writing).`,
    },
    issuer: byTownship
      ? { zh: `${place.township}人民政府`, en: `${place.township} government` }
      : { zh: `${place.village}村民委员会`, en: `${place.village} village committee` },
    current: p.current,
  };
}
