import type { Channel, SignalKind } from '../../domain/warnings/kinds.js';
import { riskScore, topReasons, type RiskScore, type Vulnerability } from '../../domain/warnings/score.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
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

/** One worklist line: the household, its score and what its signals are. */
const worklistLine = (
  id: string,
  signals: ScopedSignalRow[],
  s: RiskScore,
  status: WorklistQuery['status'],
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
    topReasons: topReasons(s, 3),
    channels: [...new Set(signals.map((x) => x.channel))].sort(),
    kinds: [...new Set(signals.map((x) => x.kind))].sort(),
    signals: signals.length,
    latestObservedOn: signals.reduce((a, x) => (x.observed_on > a ? x.observed_on : a), ''),
    status,
    caseId: signals.find((x) => x.case_id)?.case_id ?? null,
  };
};

export function createWarningScores(ctx: WarningContext) {
  const { db, clock, w } = ctx;

  async function vulnerabilityOf(ids: string[], today: string) {
    const rows = await warningRepository.vulnerability(db, ids, w.elderlyAge, today);
    return new Map(
      rows.map((r) => [
        r.household_id,
        {
          noLabour: r.no_labour,
          seriousIllness: r.serious_illness,
          disability: r.disability,
          elderlyAlone: r.elderly_alone,
        },
      ]),
    );
  }

  function scoreOf(signals: SignalRow[], v: Vulnerability | undefined, today: string): RiskScore {
    return riskScore(signals.map(toScoreSignal), v ?? NO_VULNERABILITY, today, w);
  }

  return {
    weights: () => w,

    async worklist(user: AuthUser, q: WorklistQuery) {
      const scope = scopeFor(user, q.region);
      const today = clock.today();
      const byHousehold = byHouseholdOf(await warningRepository.signalsInScope(db, scope, q.status));
      const vuln = await vulnerabilityOf([...byHousehold.keys()], today);
      const channelCounts: Record<string, number> = {};
      const all = [...byHousehold].map(([id, signals]) => {
        const line = worklistLine(id, signals, scoreOf(signals, vuln.get(id), today), q.status);
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
      const v = (await vulnerabilityOf([id], today)).get(id) ?? NO_VULNERABILITY;
      const open = signals.filter((s) => s.status === 'open');
      const score = scoreOf(open, v, today);
      return {
        householdId: h.id,
        score: score.score,
        contributions: score.contributions,
        vulnerability: v,
        signals: signals.map(presentSignal),
      };
    },
  };
}
