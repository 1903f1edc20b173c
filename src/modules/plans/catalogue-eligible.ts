import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { evaluateEligibility, type EligibilityFacts } from '../../domain/catalogue/eligibility.js';
import { redactReasons } from '../../domain/explanations.js';
import type { Clock } from '../../kernel/clock.js';
import { notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { regionalCatalogue } from './catalogue-regional.js';
import { plansRepository as repo } from './repository.js';

/** Whole years from an ISO birth date to an ISO day. */
export function ageOn(birth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  return day.slice(5) < birth.slice(5) ? years - 1 : years;
}

interface FactRow {
  kind: string;
  value: unknown;
}

/** The household's facts the eligibility tests read: registry fields, rolls and confirmed facts. */
async function eligibilityFacts(
  db: Kysely<DB>,
  householdId: string,
  today: string,
): Promise<EligibilityFacts | null> {
  const h = await repo.household(db, householdId);
  if (!h) return null;
  const [members, rolls, facts] = await Promise.all([
    repo.members(db, [householdId]),
    db
      .selectFrom('assistance_roll')
      .select('programme')
      .where('household_id', '=', householdId)
      .where('state', '<>', 'ceased')
      .execute(),
    sql<FactRow>`select distinct on (kind) kind, value from household_fact
      where household_id = ${householdId} and state = 'confirmed' and observed_on <= ${today}::date
        and kind in ('housing_safety', 'drinking_water')
      order by kind, observed_on desc, id desc`.execute(db),
  ]);
  const fact = (kind: string) =>
    facts.rows.find((f) => f.kind === kind)?.value as Record<string, unknown> | undefined;
  const housing = fact('housing_safety');
  const water = fact('drinking_water');
  const present = members.filter((m) => m.member_status === 'present');
  return {
    status: h.status,
    mainCause: h.main_cause,
    otherCauses: h.other_causes,
    houseGrade: typeof housing?.grade === 'string' ? housing.grade : h.house_grade,
    waterSafe: typeof water?.safe === 'boolean' ? water.safe : null,
    dibaoOnRoll: rolls.some((r) => r.programme === 'dibao') || present.some((m) => m.is_dibao),
    tekunOnRoll: rolls.some((r) => r.programme === 'tekun') || present.some((m) => m.is_tekun),
    members: members.map((m) => ({
      age: ageOn(m.birth_date, today),
      labourCapacity: m.labour_capacity,
      health: m.health,
      disabilityGrade: m.disability_grade,
      studentStatus: m.student_status,
      present: m.member_status === 'present',
    })),
  };
}

/**
 * The measures of the household's regional catalogue with, for each, whether the household is
 * eligible and why (reasons redacted for the reader), how to apply and its policy basis — what plan
 * drafting shows the cadre and the household (issue 21).
 */
export function createEligibleMeasuresService(db: Kysely<DB>, clock: Clock) {
  return {
    async eligibleMeasures(user: AuthUser, householdId: string) {
      const h = await repo.household(db, householdId);
      if (!h) throw notFound('household', householdId);
      assertObjectInScope(user, h.village_code, 'household', householdId);
      const today = clock.today();
      const [facts, entries] = await Promise.all([
        eligibilityFacts(db, householdId, today),
        regionalCatalogue(db, h.village_code),
      ]);
      if (!facts) throw notFound('household', householdId);
      const active = entries.filter((e) => e.active);
      const keys = [...new Set(active.flatMap((e) => e.policyBasis))];
      const docs = keys.length
        ? await db
            .selectFrom('policy_document')
            .select(['id', 'key', 'title', 'doc_no', 'issuer'])
            .where('key', 'in', keys)
            .execute()
        : [];
      const measures = active.map((e) => {
        const r = evaluateEligibility(e.eligibility, facts);
        return {
          ...e,
          decision: r.decision,
          reasons: redactReasons(r.reasons, user),
          policyDocuments: e.policyBasis.flatMap((k) => {
            const d = docs.find((x) => x.key === k);
            return d ? [{ id: d.id, key: k, title: d.title, docNo: d.doc_no, issuer: d.issuer }] : [];
          }),
        };
      });
      const order = { eligible: 0, verify: 1, not_eligible: 2 } as const;
      measures.sort((a, b) => order[a.decision] - order[b.decision] || a.sort - b.sort);
      return { householdId: h.id, villageCode: h.village_code, asOf: today, measures };
    },
  };
}
