import { redact, WITHHELD_CRITERION, withheldReason, type Reader } from '../../domain/explanations.js';
import type { Channel, SignalKind } from '../../domain/warnings/kinds.js';
import {
  riskScore,
  SCORE_MAY_REST_ON,
  topReasons,
  type Contribution,
  type RiskScore,
  type Vulnerability,
} from '../../domain/warnings/score.js';
import { sees } from '../../domain/visibility.js';
import type { WarningWeights } from '../../domain/warnings/weights.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { settingAreaOf, warningWeightsFor } from '../settings/effective.js';
import type { WarningContext } from './context.js';
import { warningRepository, type ScopedSignalRow, type SignalRow } from './repository.js';

/** The scored reads of the warnings: the worklist of a region and one household's score. */
export interface WorklistQuery {
  region?: string | undefined;
  channel?: Channel | undefined;
  minScore?: number | undefined;
  status: 'open' | 'case_opened' | 'dismissed';
  page: number;
  pageSize: number;
}

const NO_VULNERABILITY: Vulnerability = {
  noLabour: false,
  seriousIllness: false,
  disability: false,
  elderlyAlone: false,
};

const toScoreSignal = (s: SignalRow) => ({
  id: s.id,
  channel: s.channel as Channel,
  kind: s.kind as SignalKind,
  observedOn: s.observed_on,
  detail: (s.detail ?? {}) as Record<string, number | null>,
});

const presentSignal = (s: SignalRow) => ({
  id: s.id,
  channel: s.channel,
  kind: s.kind,
  observedOn: s.observed_on,
  detail: (s.detail ?? {}) as Record<string, unknown>,
  source: s.source,
  status: s.status,
  resolvedReason: s.resolved_reason,
  caseId: s.case_id,
  createdAt: new Date(s.created_at).toISOString(),
});

const byHouseholdOf = (rows: ScopedSignalRow[]) => {
  const byHousehold = new Map<string, ScopedSignalRow[]>();
  for (const r of rows) {
    const list = byHousehold.get(r.household_id);
    if (list) list.push(r);
    else byHousehold.set(r.household_id, [r]);
  }
  return byHousehold;
};

/**
 * The contributions a reader may see (explanations.ts): criteria resting on a member's health or
 * disability fold into one line without points, present for every household whenever the reader may
 * not see those classes. The score stays as computed (it may rest on withheld grounds).
 */
const withheldContribution = (): Contribution => ({
  ...withheldReason(),
  points: 0,
  signalId: null,
  channel: null,
});
const shownContributions = (cs: Contribution[], reader: Reader): Contribution[] =>
  redact(cs, reader, { neutral: withheldContribution, mayRestOn: SCORE_MAY_REST_ON });

/** The vulnerability flags a reader may see: a flag read from a hidden class is null. */
const shownVulnerability = (v: Vulnerability, reader: Reader) => ({
  noLabour: v.noLabour,
  seriousIllness: sees(reader.role, 'health', reader.view) ? v.seriousIllness : null,
  disability:
    sees(reader.role, 'health', reader.view) && sees(reader.role, 'disability', reader.view)
      ? v.disability
      : null,
  elderlyAlone: v.elderlyAlone,
});

/**
 * The top reasons of a worklist line: the strongest visible contributions (which do not depend on the
 * withheld ones), without the withheld line — it is no contribution of its own.
 */
const shownTop = (s: RiskScore, reader: Reader): Contribution[] => {
  const visible = shownContributions(s.contributions, reader).filter(
    (c) => c.criterion !== WITHHELD_CRITERION,
  );
  return topReasons({ score: s.score, contributions: visible }, 3);
};

/** One worklist line: the household, its score and what its signals are. */
const worklistLine = (
  id: string,
  signals: ScopedSignalRow[],
  s: RiskScore,
  status: WorklistQuery['status'],
  reader: Reader,
) => {
  const h = signals[0]!;
  return {
    householdId: id,
    householdNo: h.household_no,
    headName: h.head_name ?? '',
    villageCode: h.village_code,
    villageName: h.village_name ?? '',
    householdStatus: h.household_status,
    score: s.score,
    topReasons: shownTop(s, reader),
    channels: [...new Set(signals.map((x) => x.channel))].sort(),
    kinds: [...new Set(signals.map((x) => x.kind))].sort(),
    signals: signals.length,
    latestObservedOn: signals.reduce((a, x) => (x.observed_on > a ? x.observed_on : a), ''),
    status,
    caseId: signals.find((x) => x.case_id)?.case_id ?? null,
  };
};

export function createWarningScores(ctx: WarningContext) {
  const { db, clock } = ctx;

  /** The weights of each village's county (a regional setting), or the fixed ones of the deps. */
  async function weightsOf(villages: string[]): Promise<(village: string) => WarningWeights> {
    const fixed = ctx.weights;
    if (fixed) return () => fixed;
    const byArea = await warningWeightsFor(db, villages.length ? villages : ['']);
    return (village) => byArea.get(settingAreaOf(village))!;
  }

  /** Vulnerability of households, each with the elderly age of its own weights. */
  async function vulnerabilityOf(households: { id: string; w: WarningWeights }[], today: string) {
    const byAge = new Map<number, string[]>();
    for (const h of households) byAge.set(h.w.elderlyAge, [...(byAge.get(h.w.elderlyAge) ?? []), h.id]);
    const out = new Map<string, Vulnerability>();
    for (const [age, ids] of byAge)
      for (const r of await warningRepository.vulnerability(db, ids, age, today))
        out.set(r.household_id, {
          noLabour: r.no_labour,
          seriousIllness: r.serious_illness,
          disability: r.disability,
          elderlyAlone: r.elderly_alone,
        });
    return out;
  }

  function scoreOf(
    signals: SignalRow[],
    v: Vulnerability | undefined,
    today: string,
    w: WarningWeights,
  ): RiskScore {
    return riskScore(signals.map(toScoreSignal), v ?? NO_VULNERABILITY, today, w);
  }

  return {
    /** The weights effective in a region (default: the user's scope). */
    async weights(user: AuthUser, region?: string) {
      return (await weightsOf([scopeFor(user, region)]))(scopeFor(user, region));
    },

    async worklist(user: AuthUser, q: WorklistQuery) {
      const scope = scopeFor(user, q.region);
      const today = clock.today();
      const byHousehold = byHouseholdOf(await warningRepository.signalsInScope(db, scope, q.status));
      const weightsIn = await weightsOf([
        ...new Set([...byHousehold.values()].map((s) => s[0]!.village_code)),
      ]);
      const wOf = (id: string) => weightsIn(byHousehold.get(id)![0]!.village_code);
      const vuln = await vulnerabilityOf(
        [...byHousehold.keys()].map((id) => ({ id, w: wOf(id) })),
        today,
      );
      const channelCounts: Record<string, number> = {};
      const all = [...byHousehold].map(([id, signals]) => {
        const s = scoreOf(signals, vuln.get(id), today, wOf(id));
        const line = worklistLine(id, signals, s, q.status, user);
        for (const c of line.channels) channelCounts[c] = (channelCounts[c] ?? 0) + 1;
        return line;
      });
      const filtered = all
        .filter((x) => (q.channel ? x.channels.includes(q.channel) : true))
        .filter((x) => (q.minScore !== undefined ? x.score >= q.minScore : true))
        .sort((a, b) => b.score - a.score || Number(a.householdId) - Number(b.householdId));
      const start = (q.page - 1) * q.pageSize;
      return {
        total: filtered.length,
        page: q.page,
        pageSize: q.pageSize,
        channelCounts,
        items: filtered.slice(start, start + q.pageSize),
      };
    },

    async household(user: AuthUser, id: string) {
      const h = await ctx.householdInScope(user, id);
      const today = clock.today();
      const signals = await warningRepository.signalsOfHousehold(db, id);
      const w = (await weightsOf([h.village_code]))(h.village_code);
      const v = (await vulnerabilityOf([{ id, w }], today)).get(id) ?? NO_VULNERABILITY;
      const open = signals.filter((s) => s.status === 'open');
      const score = scoreOf(open, v, today, w);
      return {
        householdId: h.id,
        score: score.score,
        contributions: shownContributions(score.contributions, user),
        vulnerability: shownVulnerability(v, user),
        signals: signals.map(presentSignal),
      };
    },
  };
}
