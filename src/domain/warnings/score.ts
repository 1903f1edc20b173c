import { daysBetween } from '../calendar.js';
import type { DataClass } from '../visibility.js';
import { HEALTH_AND_DISABILITY, percent, reason, round2, yuan, type Reason } from '../rules/reason.js';
import { SIGNAL_KIND_ZH, type Channel, type SignalKind } from './kinds.js';
import { DEFAULT_WEIGHTS, type WarningWeights } from './weights.js';

/**
 * The explainable risk score of return to poverty (pure): the sum of the household's open signals
 * (each decayed by its age, each kind counted once, capped), its income's proximity to the poverty
 * line inside the monitoring range, and its vulnerability (capped), at most 100. Every contribution is
 * a Reason with the points it adds, so a cadre can read out why a household stands where it does.
 */
export interface ScoreSignal {
  id: string;
  channel: Channel;
  kind: SignalKind;
  observedOn: string;
  detail: {
    estimatedLoss?: number | null;
    /** medical bill: out-of-pocket amount and the household's annual net income */
    amount?: number | null;
    annualIncome?: number | null;
    /** income: per-capita income, the monitoring line and the poverty line of its year */
    perCapita?: number | null;
    monitoringLine?: number | null;
    povertyLine?: number | null;
  };
}

export interface Vulnerability {
  noLabour: boolean;
  seriousIllness: boolean;
  disability: boolean;
  elderlyAlone: boolean;
}

export interface Contribution extends Reason {
  points: number;
  signalId: string | null;
  channel: Channel | null;
}

export interface RiskScore {
  score: number;
  contributions: Contribution[];
}

const contribution = (
  r: Reason,
  points: number,
  signalId: string | null = null,
  channel: Channel | null = null,
): Contribution => ({ ...r, points: round2(points), signalId, channel });

const num = (v: number | null | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

/** Points of one non-income signal before the one-per-kind rule and the cap. */
function signalPoints(s: ScoreSignal, today: string, w: WarningWeights): Contribution {
  const base = w.kinds[s.kind] ?? 0;
  const loss = num(s.detail.estimatedLoss);
  const lossPts = loss && loss > 0 ? Math.min(w.lossPointsMax, (loss / 1000) * w.lossPointsPer1000) : 0;
  const amount = num(s.detail.amount);
  const income = num(s.detail.annualIncome);
  const ratio = s.kind === 'medical_bill' && amount !== null && income && income > 0 ? amount / income : null;
  const ratioPts =
    ratio !== null ? Math.min(w.medicalRatioMax, ratio * 10 * w.medicalRatioPointsPer10pct) : 0;
  const age = Math.max(0, daysBetween(s.observedOn, today));
  const decay = Math.pow(0.5, age / w.halfLifeDays);
  const points = (base + lossPts + ratioPts) * decay;
  const extra = [
    lossPts ? `估计损失 ${yuan(loss!)} 元 +${round2(lossPts)}` : '',
    ratio !== null ? `医疗费用占家庭年纯收入 ${percent(ratio)} +${round2(ratioPts)}` : '',
  ].filter(Boolean);
  const extraEn = [
    lossPts ? `estimated loss ${yuan(loss!)} +${round2(lossPts)}` : '',
    ratio !== null ? `bill is ${percent(ratio)} of annual net income +${round2(ratioPts)}` : '',
  ].filter(Boolean);
  return contribution(
    reason(`signal.${s.kind}`, true, { observedOn: s.observedOn, ageDays: age, decay: round2(decay) }, base, {
      zh: `${s.observedOn} 的风险信号（${SIGNAL_KIND_ZH[s.kind] ?? s.kind}）基础分 ${base}${extra.length ? '，' + extra.join('，') : ''}，已过 ${age} 天，按半衰期 ${w.halfLifeDays} 天折算为 ${round2(points)} 分`,
      en: `signal ${s.kind} of ${s.observedOn}: base ${base}${extraEn.length ? ', ' + extraEn.join(', ') : ''}, ${age} days old, decayed (half-life ${w.halfLifeDays} days) to ${round2(points)}`,
    }),
    points,
    s.id,
    s.channel,
  );
}

function signalContributions(signals: ScoreSignal[], today: string, w: WarningWeights): Contribution[] {
  const scored = signals.filter((s) => s.channel !== 'income').map((s) => signalPoints(s, today, w));
  const best = new Map<string, Contribution>();
  for (const c of scored) {
    const cur = best.get(c.criterion);
    if (!cur || c.points > cur.points) best.set(c.criterion, c);
  }
  const out = scored.map((c) =>
    best.get(c.criterion) === c
      ? c
      : {
          ...c,
          points: 0,
          passed: false,
          label_zh: `${c.label_zh}；同类信号只计最高的一条，本条不另计分`,
          label_en: `${c.label_en}; a kind counts once (its strongest signal), so this one adds 0`,
        },
  );
  const total = out.reduce((a, c) => a + c.points, 0);
  if (total > w.signalsCap)
    out.push(
      contribution(
        reason('signals_cap', true, round2(total), w.signalsCap, {
          zh: `风险信号合计 ${round2(total)} 分，封顶 ${w.signalsCap} 分`,
          en: `signals total ${round2(total)}, capped at ${w.signalsCap}`,
        }),
        w.signalsCap - total,
      ),
    );
  return out;
}

function incomeContribution(signals: ScoreSignal[], w: WarningWeights): Contribution | null {
  const latest = signals
    .filter((s) => s.channel === 'income')
    .sort((a, b) => (a.observedOn < b.observedOn ? 1 : a.observedOn > b.observedOn ? -1 : 0))[0];
  if (!latest) return null;
  const pc = num(latest.detail.perCapita);
  const line = num(latest.detail.monitoringLine);
  const pov = num(latest.detail.povertyLine);
  if (pc === null || line === null || pov === null || line <= pov) return null;
  const share = Math.min(1, Math.max(0, (line - pc) / (line - pov)));
  const points = w.incomeMax * share;
  return contribution(
    reason(
      'income_proximity',
      pc < line,
      pc,
      { monitoringLine: line, povertyLine: pov },
      {
        zh: `人均纯收入 ${yuan(pc)} 元，在监测线 ${yuan(line)} 元与贫困线 ${yuan(pov)} 元之间的位置折算 ${round2(points)} 分（越接近贫困线分越高，满分 ${w.incomeMax}）`,
        en: `per-capita income ${yuan(pc)} between the monitoring line ${yuan(line)} and the poverty line ${yuan(pov)}: ${round2(points)} of ${w.incomeMax} (closer to the line, more)`,
      },
    ),
    points,
    latest.id,
    'income',
  );
}

/**
 * The personal data classes the score's contributions may rest on: a contribution reading them is
 * present only when it applies, so a reader who may not see them always gets the withheld line
 * (explanations.ts), whether or not the household has one.
 */
export const SCORE_MAY_REST_ON: readonly DataClass[] = HEALTH_AND_DISABILITY;

/** The data class each vulnerability reads (a member's recorded health, disability grade). */
const VULNERABILITY_RESTS: Record<keyof Vulnerability, readonly DataClass[]> = {
  noLabour: [],
  seriousIllness: ['health'],
  disability: ['health', 'disability'], // health 'disabled' or a disability grade
  elderlyAlone: [],
};

const VULNERABILITY_LABELS: Record<keyof Vulnerability, { zh: string; en: string }> = {
  noLabour: { zh: '家中无劳动力', en: 'no one in the household can work' },
  seriousIllness: { zh: '有成员患大病', en: 'a member is seriously ill' },
  disability: { zh: '有残疾成员', en: 'a member is disabled' },
  elderlyAlone: { zh: '老年人独居或老年人户', en: 'elderly living alone' },
};

function vulnerabilityContributions(v: Vulnerability, w: WarningWeights): Contribution[] {
  const keys = Object.keys(VULNERABILITY_LABELS) as (keyof Vulnerability)[];
  const out = keys
    .filter((k) => v[k])
    .map((k) =>
      contribution(
        reason(
          `vulnerability.${k}`,
          true,
          true,
          w.vulnerability[k],
          {
            zh: `${VULNERABILITY_LABELS[k].zh} +${w.vulnerability[k]}`,
            en: `${VULNERABILITY_LABELS[k].en} +${w.vulnerability[k]}`,
          },
          true,
          VULNERABILITY_RESTS[k],
        ),
        w.vulnerability[k],
      ),
    );
  const total = out.reduce((a, c) => a + c.points, 0);
  if (total > w.vulnerabilityCap)
    out.push(
      contribution(
        reason(
          'vulnerability_cap',
          true,
          total,
          w.vulnerabilityCap,
          {
            zh: `脆弱性合计 ${total} 分，封顶 ${w.vulnerabilityCap} 分`,
            en: `vulnerability total ${total}, capped at ${w.vulnerabilityCap}`,
          },
          true,
          SCORE_MAY_REST_ON, // its total adds the vulnerabilities read from health and disability
        ),
        w.vulnerabilityCap - total,
      ),
    );
  return out;
}

export function riskScore(
  signals: readonly ScoreSignal[],
  vulnerability: Vulnerability,
  today: string,
  w: WarningWeights = DEFAULT_WEIGHTS,
): RiskScore {
  const list = [...signals];
  const income = incomeContribution(list, w);
  const contributions = [
    ...signalContributions(list, today, w),
    ...(income ? [income] : []),
    ...vulnerabilityContributions(vulnerability, w),
  ];
  const total = contributions.reduce((a, c) => a + c.points, 0);
  if (total > 100)
    contributions.push(
      contribution(
        reason(
          'score_cap',
          true,
          round2(total),
          100,
          { zh: `合计 ${round2(total)} 分，封顶 100 分`, en: `total ${round2(total)}, capped at 100` },
          true,
          SCORE_MAY_REST_ON, // its total adds every contribution
        ),
        100 - total,
      ),
    );
  return { score: Math.round(Math.min(100, total) * 10) / 10, contributions };
}

/** The contributions that add the most, strongest first (the worklist's "top reasons"). */
export const topReasons = (r: RiskScore, n = 3): Contribution[] =>
  r.contributions
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, n);
