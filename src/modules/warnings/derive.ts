import type { Insertable, Kysely } from 'kysely';
import type { DB, WarningSignalTable } from '../../db/types.js';
import { chinaDate } from '../../domain/calendar.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import type { Actor } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { latestRuleRun } from '../worklists/service.js';
import { warningRepository } from './repository.js';

/**
 * (Re)derive the department and income signals of a region, idempotently: every derived signal names
 * its source (`department_record:<id>`, `match_flag:<id>`, `disaster_area:<id>`, `income:<year>`)
 * and (household, channel, kind, source) is unique, so running again adds only what is new.
 * Income signals come from the latest batch evaluation covering the region (worklists module).
 */
export interface DeriveOptions {
  /** A medical bill is large from this amount (yuan) … */
  medicalBillAmount: number;
  /** … or from this share of the household's annual net income. */
  medicalBillIncomeShare: number;
}

export const DEFAULT_DERIVE: DeriveOptions = { medicalBillAmount: 10_000, medicalBillIncomeShare: 0.5 };

export interface DeriveSummary {
  region: string;
  created: { medicalBill: number; flags: number; disasterArea: number; income: number };
  evaluationRunId: string | null;
  ms: number;
}

type ParamsFor = (region: string, date: string) => Promise<PolicyParams>;

async function incomeRows(db: Kysely<DB>, region: string, paramsFor: ParamsFor) {
  const run = await latestRuleRun(db, region);
  if (!run) return { runId: null, rows: [] as Insertable<WarningSignalTable>[] };
  const items = await warningRepository.monitoringItems(db, run.id, region);
  const memo = new Map<string, PolicyParams>();
  const rows: Insertable<WarningSignalTable>[] = [];
  for (const it of items) {
    const county = it.village_code.slice(0, 6);
    if (!memo.has(county)) memo.set(county, await paramsFor(county, run.as_of));
    const p = memo.get(county)!;
    rows.push({
      household_id: it.household_id,
      village_code: it.household_village,
      channel: 'income',
      kind: 'income_in_range',
      observed_on: run.as_of,
      detail: JSON.stringify({
        perCapita: it.per_capita === null ? null : Number(it.per_capita),
        monitoringLine: it.line === null ? p.monitoringLine : Number(it.line),
        povertyLine: p.povertyLine,
        year: run.year,
        category: it.decision,
        runId: run.id,
      }),
      source: `income:${run.year}`,
    });
  }
  return { runId: run.id, rows };
}

export async function deriveSignals(
  db: Kysely<DB>,
  region: string,
  deps: { paramsFor: ParamsFor; actor: Actor; now: Date; options?: DeriveOptions },
): Promise<DeriveSummary> {
  const t0 = performance.now();
  const o = deps.options ?? DEFAULT_DERIVE;
  const income = await incomeRows(db, region, deps.paramsFor);
  return db.transaction().execute(async (trx) => {
    const created = {
      medicalBill: await warningRepository.deriveMedicalBills(
        trx,
        region,
        o.medicalBillAmount,
        o.medicalBillIncomeShare,
      ),
      flags: await warningRepository.deriveFromFlags(trx, region),
      disasterArea: await warningRepository.deriveDisasterAreas(trx, region, chinaDate(deps.now)),
      income: await warningRepository.upsertIncome(trx, income.rows),
    };
    await recordAudit(trx, deps.actor, {
      action: 'warning.derive',
      entityType: 'warning_signal',
      regionCode: region || null,
      after: { created, evaluationRunId: income.runId },
      reason: '由部门名单和监测范围收入核对生成预警',
    });
    return { region, created, evaluationRunId: income.runId, ms: Math.round(performance.now() - t0) };
  });
}
