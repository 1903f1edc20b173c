import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { permissionsOf } from '../../domain/roles.js';
import { chinaDate } from '../../domain/calendar.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import { isReportKind, type Channel, type ReportKind, type SignalKind } from '../../domain/warnings/kinds.js';
import { riskScore, topReasons, type RiskScore, type Vulnerability } from '../../domain/warnings/score.js';
import { DEFAULT_WEIGHTS, type WarningWeights } from '../../domain/warnings/weights.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope } from '../../kernel/scope.js';
import { recordAudit, type Actor } from '../audit/service.js';
import type { AuthUser } from '../../kernel/user.js';
import type { CaseService } from '../cases/service.js';
import { deriveSignals } from './derive.js';
import { warningRepository, type ScopedSignalRow, type SignalRow } from './repository.js';
import type { Clock } from '../../kernel/clock.js';

/**
 * Early warning against return to poverty: signals from self-reports, screenings, department lists
 * and the income check; an explainable score per household; a worklist that opens a monitoring case
 * (through the cases service) or dismisses the signals with a reason. Everything audited.
 */
export interface SelfReportInput {
  kind: ReportKind;
  description: string;
  observedOn: string;
}

const NO_VULNERABILITY: Vulnerability = {
  noLabour: false,
  seriousIllness: false,
  disability: false,
  elderlyAlone: false,
};

/**
 * A household's self-report (the household portal calls this inside its transaction). The actor is
 * the household unless a user records it on the household's behalf. Audited.
 */
export async function recordSelfReport(
  trx: Kysely<DB>,
  householdId: string,
  input: SelfReportInput,
  onBehalfOf?: { id: string; name: string },
): Promise<string> {
  if (!isReportKind(input.kind))
    throw new AppError('E_VALIDATION', `kind: unknown risk kind "${input.kind}"`);
  const h = await warningRepository.household(trx, householdId);
  if (!h) throw notFound('household', householdId);
  const id = await warningRepository.insertSignal(trx, {
    household_id: h.id,
    channel: 'self_report',
    kind: input.kind,
    observed_on: input.observedOn,
    detail: JSON.stringify({ description: input.description }),
    source: null,
    created_by: onBehalfOf?.id ?? null,
  });
  const actor: Actor = onBehalfOf ?? { id: null, name: `household ${h.household_no}` };
  await recordAudit(trx, actor, {
    action: 'warning.self_report',
    entityType: 'warning_signal',
    entityId: id,
    regionCode: h.village_code,
    after: { householdId: h.id, kind: input.kind, observedOn: input.observedOn, onBehalf: !!onBehalfOf },
    reason: input.description,
  });
  return id;
}

export interface WorklistQuery {
  region?: string | undefined;
  channel?: Channel | undefined;
  minScore?: number | undefined;
  status: 'open' | 'case_opened' | 'dismissed';
  page: number;
  pageSize: number;
}

export interface ScreeningInput {
  householdId: string;
  kind: ReportKind;
  observedOn?: string | undefined;
  estimatedLoss?: number | undefined;
  note?: string | undefined;
}

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

export function createWarningService(deps: {
  db: Kysely<DB>;
  cases: CaseService;
  paramsFor: (region: string, date: string) => Promise<PolicyParams>;
  clock: Clock;
  weights?: WarningWeights;
}) {
  const { db, cases, clock } = deps;
  const w = deps.weights ?? DEFAULT_WEIGHTS;
  const who = (u: AuthUser): Actor => ({ id: u.id, name: u.username });
  const mayEdit = (u: AuthUser) => {
    if (!permissionsOf(u.role).editHouseholds)
      throw new AppError('E_FORBIDDEN', 'Your role may not record warnings');
  };

  async function householdInScope(user: AuthUser, id: string, d: Kysely<DB> = db) {
    const h = await warningRepository.household(d, id);
    if (!h) throw notFound('household', id);
    assertInScope(user, h.village_code);
    return h;
  }

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

  async function worklist(user: AuthUser, q: WorklistQuery) {
    const scope = q.region ?? user.scopeCode;
    assertInScope(user, scope);
    const today = clock.today();
    const rows = await warningRepository.signalsInScope(db, scope, q.status);
    const byHousehold = new Map<string, ScopedSignalRow[]>();
    for (const r of rows) {
      const list = byHousehold.get(r.household_id);
      if (list) list.push(r);
      else byHousehold.set(r.household_id, [r]);
    }
    const vuln = await vulnerabilityOf([...byHousehold.keys()], today);
    const channelCounts: Record<string, number> = {};
    const all = [...byHousehold].map(([id, signals]) => {
      const s = scoreOf(signals, vuln.get(id), today);
      const channels = [...new Set(signals.map((x) => x.channel))].sort();
      for (const c of channels) channelCounts[c] = (channelCounts[c] ?? 0) + 1;
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
        channels,
        kinds: [...new Set(signals.map((x) => x.kind))].sort(),
        signals: signals.length,
        latestObservedOn: signals.reduce((a, x) => (x.observed_on > a ? x.observed_on : a), ''),
        status: q.status,
        caseId: signals.find((x) => x.case_id)?.case_id ?? null,
      };
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
  }

  return {
    worklist,
    weights: () => w,

    async household(user: AuthUser, id: string) {
      const h = await householdInScope(user, id);
      const today = clock.today();
      const signals = await warningRepository.signalsOfHousehold(db, id);
      const v = (await vulnerabilityOf([id], today)).get(id) ?? NO_VULNERABILITY;
      const score = scoreOf(
        signals.filter((s) => s.status === 'open'),
        v,
        today,
      );
      return {
        householdId: h.id,
        score: score.score,
        contributions: score.contributions,
        vulnerability: v,
        signals: signals.map(presentSignal),
      };
    },

    async screen(user: AuthUser, input: ScreeningInput) {
      mayEdit(user);
      const observedOn = input.observedOn ?? clock.today();
      const id = await db.transaction().execute(async (trx) => {
        const h = await householdInScope(user, input.householdId, trx);
        const signalId = await warningRepository.insertSignal(trx, {
          household_id: h.id,
          channel: 'cadre_screening',
          kind: input.kind,
          observed_on: observedOn,
          detail: JSON.stringify({ estimatedLoss: input.estimatedLoss ?? null, note: input.note ?? null }),
          source: null,
          created_by: user.id,
        });
        await recordAudit(trx, who(user), {
          action: 'warning.screening',
          entityType: 'warning_signal',
          entityId: signalId,
          regionCode: h.village_code,
          after: {
            householdId: h.id,
            kind: input.kind,
            observedOn,
            estimatedLoss: input.estimatedLoss ?? null,
          },
          reason: input.note ?? null,
        });
        return signalId;
      });
      return { id };
    },

    async selfReport(user: AuthUser, householdId: string, input: SelfReportInput) {
      mayEdit(user);
      const id = await db.transaction().execute(async (trx) => {
        await householdInScope(user, householdId, trx);
        return recordSelfReport(trx, householdId, input, who(user) as { id: string; name: string });
      });
      return { id };
    },

    /** Open a monitoring case (cases service) and mark the household's open signals with it, in one transaction. */
    async openCase(user: AuthUser, householdId: string, note: string | undefined) {
      const h = await householdInScope(user, householdId);
      const open = await warningRepository.signalsOfHousehold(db, householdId);
      const pending = open.filter((s) => s.status === 'open');
      if (pending.length === 0)
        throw new AppError('E_CONFLICT', `household ${h.household_no} has no open warning signals`);
      const top = pending[0]!.channel;
      const channel =
        top === 'department'
          ? 'department_warning'
          : top === 'income'
            ? 'worklist'
            : (top as 'self_report' | 'cadre_screening');
      let marked: string[] = [];
      const detail = await cases.open(
        user,
        {
          kind: 'monitoring',
          householdId,
          payload: { note: note ?? `防返贫预警：${[...new Set(pending.map((s) => s.kind))].join('、')}` },
          data: { channel },
        },
        async (trx, caseId) => {
          marked = await warningRepository.markCaseOpened(trx, householdId, caseId, user.id, clock.now());
          await recordAudit(trx, who(user), {
            action: 'warning.case_opened',
            entityType: 'household',
            entityId: householdId,
            regionCode: h.village_code,
            after: { caseId, signals: marked },
            reason: note ?? null,
          });
        },
      );
      return { caseId: detail.id, signals: marked };
    },

    async dismiss(user: AuthUser, householdId: string, reason: string, signalIds?: string[]) {
      mayEdit(user);
      return db.transaction().execute(async (trx) => {
        const h = await householdInScope(user, householdId, trx);
        const ids = await warningRepository.dismiss(
          trx,
          householdId,
          signalIds ?? null,
          reason,
          user.id,
          clock.now(),
        );
        if (ids.length === 0)
          throw new AppError(
            'E_CONFLICT',
            `household ${h.household_no} has no open warning signals to dismiss`,
          );
        await recordAudit(trx, who(user), {
          action: 'warning.dismiss',
          entityType: 'household',
          entityId: householdId,
          regionCode: h.village_code,
          after: { signals: ids },
          reason,
        });
        return { signals: ids };
      });
    },

    async derive(user: AuthUser, region: string | undefined) {
      if (user.role !== 'admin' && user.role !== 'county_officer')
        throw new AppError('E_FORBIDDEN', 'Only an administrator or a county officer derives warnings');
      const scope = region ?? user.scopeCode;
      assertInScope(user, scope);
      return deriveSignals(db, scope, { paramsFor: deps.paramsFor, actor: who(user), now: clock.now() });
    },

    async addDisasterAreas(
      user: AuthUser,
      input: {
        villageCodes: string[];
        kind: string;
        startedOn: string;
        endedOn?: string | undefined;
        severity: string;
        source?: string | undefined;
        note?: string | undefined;
      },
    ) {
      if (!permissionsOf(user.role).changeStatus)
        throw new AppError('E_FORBIDDEN', 'Only township officers and above declare disaster areas');
      for (const c of input.villageCodes) assertInScope(user, c);
      const known = await warningRepository.villages(db, input.villageCodes);
      const missing = input.villageCodes.filter((c) => !known.some((k) => k.code === c && k.level === 5));
      if (missing.length)
        throw new AppError('E_VALIDATION', `villageCodes: not village codes: ${missing.join(', ')}`, {
          missing,
        });
      return db.transaction().execute(async (trx) => {
        const rows = await warningRepository.insertDisasterAreas(
          trx,
          input.villageCodes.map((village_code) => ({
            village_code,
            kind: input.kind,
            started_on: input.startedOn,
            ended_on: input.endedOn ?? null,
            severity: input.severity,
            source: input.source ?? null,
            note: input.note ?? null,
            created_by: user.id,
          })),
        );
        for (const r of rows)
          await recordAudit(trx, who(user), {
            action: 'warning.disaster_area',
            entityType: 'disaster_area',
            entityId: r.id,
            regionCode: r.village_code,
            after: { kind: input.kind, startedOn: input.startedOn, severity: input.severity },
            reason: input.note ?? input.source ?? null,
          });
        return { created: rows.length };
      });
    },

    async disasterAreas(user: AuthUser, region: string | undefined) {
      const scope = region ?? user.scopeCode;
      assertInScope(user, scope);
      const rows = await warningRepository.disasterAreas(db, scope);
      return rows.map((r) => ({
        id: r.id,
        villageCode: r.village_code,
        villageName: r.village_name ?? '',
        kind: r.kind,
        startedOn: r.started_on,
        endedOn: r.ended_on,
        severity: r.severity,
        source: r.source,
        note: r.note,
      }));
    },
  };
}
export type WarningService = ReturnType<typeof createWarningService>;
