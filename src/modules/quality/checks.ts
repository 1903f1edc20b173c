import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { QualityCheck } from '../../domain/quality/catalogue.js';
import { pooledHeapingSignal, unexplainedJumpSignal, villageJumpSignal } from './integrity-jumps.js';
import {
  nearCopySignal,
  reportedBenfordSignal,
  roundNumberSignal,
  sharedFactorSignal,
} from './integrity-signals.js';
import { consistencyRepository as consistency } from './repository-consistency.js';
import { integrityRepository, type YearRow } from './repository-integrity.js';
import { qualityRepository as repo, type FindingRow, type YearLines } from './repository.js';
import { paymentsReconcileFindings } from './safety-net-checks.js';
import { burstSignal, type SignalOutcome } from './signals.js';

/** Run one catalogue entry: its query, and for the signals its statistic (docs/quality.md). */

export interface CheckContext {
  db: Kysely<DB>;
  region: string;
  /** The run date (YYYY-MM-DD): ages are computed on it. */
  today: string;
  lines: readonly YearLines[];
  riskRemovalMinMonths: number;
  /** Review interval of decision-critical facts (policy parameter factMaxAgeMonths). */
  factMaxAgeMonths: number;
  /** The region's household-years, read once per run by the integrity signals. */
  memo?: { years?: Promise<YearRow[]> };
}

const plain = (findings: FindingRow[]): SignalOutcome => ({ findings, tested: 0, flagged: [] });

export async function runCheck(check: QualityCheck, ctx: CheckContext): Promise<SignalOutcome> {
  const { db, region } = ctx;
  const memo = (ctx.memo ??= {});
  const years = () => (memo.years ??= integrityRepository.yearRows(db, region));
  const p = check.params;
  const num = (k: string) => {
    const v = p[k];
    if (v === undefined) throw new Error(`check ${check.id}: parameter ${k} missing`);
    return v;
  };
  switch (check.id) {
    case 'duplicate_id_number':
      return plain(await repo.duplicateIdNumbers(db, region));
    case 'head_spouse_same_sex':
      return plain(await repo.headSpouseSameSex(db, region));
    case 'welfare_job_age':
      return plain(await repo.welfareJobAge(db, region, ctx.today, num('minAge'), num('maxAge')));
    case 'healthy_weak_labour':
      return plain(await repo.healthyWeakLabour(db, region, ctx.today, num('minAge'), num('maxAge')));
    case 'labour_cause_can_work':
      return plain(await repo.labourCauseCanWork(db, region, num('maxShare')));
    case 'illness_no_medical':
      return plain(await repo.illnessNoMedical(db, region));
    case 'risk_removed_early':
      return plain(await repo.riskRemovedEarly(db, region, ctx.riskRemovalMinMonths));
    case 'removed_below_range':
      return plain(await repo.removedBelowRange(db, region, ctx.lines));
    case 'dibao_no_transfer':
      return plain(await repo.dibaoNoTransfer(db, region));
    case 'implausible_land_distance':
      return plain(await repo.implausibleLand(db, region, p));
    case 'income_heaping':
      return pooledHeapingSignal(await repo.exitYearIncomes(db, region, ctx.lines, num('band')), p);
    case 'identical_income_vectors':
      return nearCopySignal(await years(), p);
    case 'income_jump_no_measure':
      return unexplainedJumpSignal(
        await integrityRepository.jumps(db, region, num('minRise'), num('minYuan')),
      );
    case 'benford_village':
    case 'benford_collector':
      return reportedBenfordSignal(
        await years(),
        check.id === 'benford_village' ? 'village' : 'collector',
        p,
      );
    case 'round_numbers_village':
    case 'round_numbers_collector':
      return roundNumberSignal(
        await years(),
        check.id === 'round_numbers_village' ? 'village' : 'collector',
        p,
      );
    case 'shared_factor':
      return sharedFactorSignal(await years(), p);
    case 'village_jump_rate':
      return villageJumpSignal(await years(), p);
    case 'plan_roll_conflict':
      return plain(await consistency.planRollConflict(db, region));
    case 'plan_dibao_no_roll':
      return plain(await consistency.planDibaoNoRoll(db, region));
    case 'dibao_tekun_same_person':
      return plain(await consistency.dibaoTekunSamePerson(db, region));
    case 'stale_facts':
      return plain(await consistency.staleFacts(db, region, ctx.today, ctx.factMaxAgeMonths));
    case 'risk_no_evidence':
      return plain(await consistency.riskNoEvidence(db, region, ctx.today));
    case 'payments_reconcile':
      return plain(await paymentsReconcileFindings(db, region, ctx.today, num('months')));
    case 'edit_burst': {
      const windowDays = num('windowDays');
      const baselineDays = num('baselineDays');
      const rows = await repo.editWindows(db, region, windowDays, baselineDays);
      return burstSignal(rows, windowDays, baselineDays, {
        maxP: num('maxP'),
        minRatio: num('minRatio'),
        minEdits: num('minEdits'),
      });
    }
    default:
      throw new Error(`no implementation for quality check ${check.id}`);
  }
}
