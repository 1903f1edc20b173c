import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { SampleCell, SampledVillage, Stratum } from '../../domain/evaluation/design.js';
import { estimateProportion, type Observation } from '../../domain/evaluation/estimate.js';
import { checkCoverage } from '../../domain/evaluation/coverage.js';
import { evaluationVerdict } from '../../domain/evaluation/verdict.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import { satisfactionFigures } from '../grievances/service.js';
import { evaluationRepository as repo } from './repository.js';

/**
 * The design-based estimates of a sample: 错退率 (wrong exits), 漏评率 (omissions) and approval with
 * 95 % intervals, overall and by township, and the county-exit verdict — or `insufficient` ("not enough
 * checks yet") while the checks do not cover the design (src/domain/evaluation/coverage.ts).
 */
export type ParamsFor = (region: string, date: string) => Promise<PolicyParams>;

type Answer = Awaited<ReturnType<typeof repo.answers>>[number];

const observe = (answers: Answer[], pick: (a: Answer) => boolean | null): Observation[] =>
  answers.map((a) => {
    const v = a.check_status === 'checked' ? pick(a) : null;
    return { village: a.village_code, stratum: a.stratum as Stratum, y: v === null ? null : v ? 1 : 0 };
  });

/** The three proportions over a set of sampled villages. */
function proportions(answers: Answer[], cells: SampleCell[]) {
  const all = {
    wrongExit: observe(answers, (a) => a.wrongly_exited),
    omission: observe(answers, (a) => a.eligible_unregistered),
    approval: observe(answers, (a) => a.approves),
  };
  return (vs: SampledVillage[]) => {
    const codes = new Set(vs.map((v) => v.code));
    const only = (o: Observation[]) => o.filter((x) => codes.has(x.village));
    return {
      wrongExit: estimateProportion(vs, cells, only(all.wrongExit), (s) => s === 'exited'),
      omission: estimateProportion(vs, cells, only(all.omission), (s) => s !== 'exited'),
      approval: estimateProportion(vs, cells, only(all.approval), () => true),
    };
  };
}

/** Households' own feedback in the registry (grievance outcomes, help ratings): beside the surveyed approval, not part of the veto. */
async function feedbackOf(db: Kysely<DB>, region: string, year: number) {
  const f = (await satisfactionFigures(db, region, year)).total;
  return {
    grievances: f.grievances,
    withFeedback: f.withFeedback,
    shareSatisfied: f.shareSatisfied,
    ratings: f.ratings,
    meanRating: f.meanRating,
  };
}

export async function sampleEstimates(
  db: Kysely<DB>,
  paramsFor: ParamsFor,
  id: string,
  region: string,
  year: number,
) {
  const [villageRows, cellRows, answers] = await Promise.all([
    repo.villages(db, id),
    repo.cells(db, id),
    repo.answers(db, id),
  ]);
  const villages: SampledVillage[] = villageRows.map((v) => ({
    code: v.village_code,
    township: v.township_code,
    townshipVillages: v.township_villages,
    townshipSampled: v.township_sampled,
  }));
  const cells: SampleCell[] = cellRows.map((c) => ({
    village: c.village_code,
    stratum: c.stratum as Stratum,
    frame: c.frame,
    sampled: c.sampled,
  }));
  const compute = proportions(answers, cells);
  const overall = compute(villages);
  const townships = [...new Set(villages.map((v) => v.township))].sort().map((t) => {
    const row = villageRows.find((v) => v.township_code === t);
    return { code: t, name: row?.township_name ?? t, ...compute(villages.filter((v) => v.township === t)) };
  });
  const params = await paramsFor(region, `${year}-12-31`);
  const incidence = await repo.incidence(db, region, year);
  // the verdict only when the checks support it (coverage.ts); until then "not enough checks yet"
  const coverage = checkCoverage(
    answers.map((a) => ({ village: a.village_code, stratum: a.stratum as Stratum, status: a.check_status })),
    villages.map((v) => v.code),
  );
  const computed = evaluationVerdict(overall, incidence, params);
  const verdict = coverage.enough
    ? computed
    : { ...computed, decision: 'insufficient' as const, pending: computed.decision };
  const feedback = await feedbackOf(db, region, year);
  const progress = {
    total: answers.length,
    checked: answers.filter((a) => a.check_status === 'checked').length,
    unreachable: answers.filter((a) => a.check_status === 'unreachable').length,
  };
  return {
    overall,
    townships,
    verdict,
    coverage,
    incidence,
    progress,
    feedback,
    thresholds: params.evaluationVeto,
  };
}
