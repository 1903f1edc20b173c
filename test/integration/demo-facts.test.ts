import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { runDemoExtensions } from '../../src/demo/extensions.js';
import { DEMO_LAST_YEAR, generateDemo } from '../../src/demo/service.js';
import { chinaDate } from '../../src/domain/calendar.js';
import { netOfMonth, parseFactValue } from '../../src/domain/facts/kinds.js';
import { factsUsed } from '../../src/domain/rules/fact-use.js';
import {
  DEFAULT_INFO,
  evaluateHousehold,
  HOUSEHOLD_RULE_NAMES,
  HOUSEHOLD_RULES,
  type HouseholdFacts,
  type PolicyParams,
} from '../../src/domain/rules/index.js';
import { MISSING_FACT_KEYS } from '../../src/domain/rules/missing.js';
import type { RuleResult } from '../../src/domain/rules/reason.js';
import { clockOf } from '../../src/kernel/clock.js';
import { createFactsLoader, type LoadedFacts } from '../../src/modules/facts/loader.js';
import { confirmedRedLineHits } from '../../src/modules/matching/red-line-source.js';
import { createPolicyService } from '../../src/modules/policy/service.js';
import { monthsEnding, windowEnd } from '../../src/modules/facts/recorded.js';
import { asOfFor } from '../../src/modules/rules/service.js';
import { RECENT_ROUND } from '../../src/demo/seeders/facts-recent.js';
import { consistencyRepository } from '../../src/modules/quality/repository-consistency.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { seedRegions, T } from '../helpers/factory.js';

/**
 * Issue 16, "no decision rests on a default": the demo county's recorded facts (src/demo/seeders/
 * facts.ts) are read by every household rule for every household, and each decision is either taken
 * on recorded facts (listed, with date and source) or is `verify` naming what is missing.
 */
const TODAY = new Date('2026-11-28T08:00:00Z');
const SCALE = 0.03;
const YEAR = DEMO_LAST_YEAR;
const ASOF = asOfFor(YEAR, chinaDate(TODAY));

let tdb: TestDatabase;
let db: Database;
const logs: string[] = [];

interface Evaluated {
  loaded: LoadedFacts;
  results: RuleResult<unknown>[];
  params: PolicyParams;
}

async function evaluateCounty(): Promise<Evaluated[]> {
  const clock = clockOf(() => TODAY);
  const policy = createPolicyService(db, clock);
  const facts = createFactsLoader(db, confirmedRedLineHits);
  const out: Evaluated[] = [];
  for (let after = '0'; ;) {
    const page = await facts.page(T.county, after, 500);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const params = await policy.paramsFor(T.county, ASOF);
    for (const loaded of await facts.load(page, YEAR, ASOF, () => params))
      out.push({
        loaded,
        params,
        results: loaded.built ? evaluateHousehold(loaded.built.facts, params) : [],
      });
  }
  return out;
}

/**
 * The values the rules read that a default could fill, each with the recorded kinds that back it:
 * a non-null value must come with a recorded source (else it was defaulted).
 */
function unbacked(f: HouseholdFacts): string[] {
  const has = (k: string) => f.sources?.[k] !== undefined;
  const bad: string[] = [];
  // the last 12 months from monthly records, or the year's row when the evaluation date is its 31 December
  if (f.last12Months && !has('income_month') && ASOF !== `${YEAR}-12-31`) bad.push('last12Months');
  if (f.monitoring.monthsAboveLine !== null && !has('income_month')) bad.push('monthsAboveLine');
  if (f.foodClothingSecure !== null && !has('food_clothing')) bad.push('foodClothingSecure');
  if (f.last12Months?.rigidSpending != null && !has('food_clothing') && !has('rigid_spending'))
    bad.push('rigidSpending');
  if (f.monitoring.newRisk !== null && !has('food_clothing') && !has('risk')) bad.push('newRisk');
  if (f.housing.rebuilt !== null && !has('housing_safety')) bad.push('housing.rebuilt');
  if (f.legalSupporters !== null && !has('legal_supporter') && !has('dibao_means'))
    bad.push('legalSupporters');
  if (f.dibao.obligedSupport12m !== null && !has('legal_supporter') && !has('dibao_means'))
    bad.push('obligedSupport12m');
  const redLine = (f.redLineHits ?? []).length > 0;
  if (f.dibao.assetsWithinLimits !== null && !has('dibao_means') && !redLine) bad.push('assetsWithinLimits');
  if (f.dibao.spendingWithinLimits !== null && !has('dibao_means')) bad.push('spendingWithinLimits');
  if (f.measureBasis === 'inferred' && f.planMeasures?.length) bad.push('measures');
  // the values the mapper fills in: each either recorded or listed among the defaults
  const defaulted = new Set((f.defaults ?? []).map((d) => d.key));
  const present = f.members.filter((m) => m.status === 'present');
  const costs = has('income_month') || has('dibao_means');
  if (present.some((m) => m.employmentCost12m > 0) && !costs) bad.push('employmentCost12m');
  if (f.last12Months && !costs && f.income.wages > 0 && !defaulted.has('employment_cost'))
    bad.push('employment_cost (not listed)');
  if (f.dibao.deductible12m.disability > 0 && !has('rigid_spending')) bad.push('deductible12m.disability');
  const student = present.some((m) =>
    ['senior', 'vocational', 'higher_vocational', 'university', 'primary', 'junior', 'preschool'].includes(
      m.studentStatus ?? '',
    ),
  );
  const disabled = present.some((m) => m.disabilityGrade !== null || m.health === 'disabled');
  if (
    (student || disabled) &&
    !screened(f) &&
    !has('rigid_spending') &&
    !has('dibao_means') &&
    !defaulted.has('deductible_spending')
  )
    bad.push('deductible_spending (not listed)');
  if ((f.dibao.obligedSupport12m ?? 0) > 0 && !has('income_month') && !defaulted.has('support_in_income'))
    bad.push('support_in_income (not listed)');
  return bad;
}

/**
 * A decided rule does not rest on a default: each default it reads carries the note "the decision is
 * the same whatever it is" — and, checked here independently of defaults.ts, setting the defaulted
 * values to their other extreme does not change a dibao decision.
 */
function restsOnDefault(f: HouseholdFacts, r: RuleResult<unknown>, p: PolicyParams): string[] {
  const out: string[] = [];
  for (const d of f.defaults ?? []) {
    const reads = DEFAULT_INFO[d.key].rules?.includes(r.rule) ?? true;
    const note = r.reasons.find((x) => x.criterion === `default.${d.key}`);
    if (reads && !(note && note.passed && !note.binding)) out.push(`${d.key} without a note`);
  }
  if (r.rule !== 'dibao' || !f.defaults?.length) return out;
  const keys = new Set(f.defaults.map((d) => d.key));
  // the employment costs at most the wages, spent by the members who work (able to work or earning)
  const workers = f.members.filter(
    (m) =>
      m.status === 'present' &&
      (['ordinary', 'skilled', 'weak'].includes(m.labourCapacity) || m.earnings12m > 0),
  );
  const other: HouseholdFacts = {
    ...f,
    defaults: [],
    members: f.members.map((m) => ({
      ...m,
      ...(keys.has('employment_cost') && workers.includes(m)
        ? { employmentCost12m: f.income.wages / workers.length }
        : {}),
    })),
    dibao: {
      ...f.dibao,
      obligedSupport12m: keys.has('support_in_income') ? 0 : f.dibao.obligedSupport12m,
      deductible12m: keys.has('deductible_spending')
        ? { ...f.dibao.deductible12m, disability: 1e9, schooling: 1e9 }
        : f.dibao.deductible12m,
    },
  };
  const status = (x: RuleResult<unknown>) => (x.decision as { status: string }).status;
  if (!keys.has('member_health') && status(HOUSEHOLD_RULES.dibao(other, p)) !== status(r))
    out.push('dibao changes with the defaulted values');
  return out;
}

/** Screened in the last round: a food-and-clothing record in the 12 months before the evaluation date. */
const screened = (f: HouseholdFacts) =>
  (f.sources?.food_clothing?.observedOn ?? '') >= `${windowStart(ASOF)}`;
/** Rules that may decide on the year row and registry fields alone (income above the standard, labour). */
const YEAR_ROW_RULES = new Set(['special_hardship', 'linkage']);
const windowStart = (asOf: string) => `${monthsEnding(windowEnd(asOf))[0]}-01`;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  await seedRegions(db);
  await generateDemo(db, { countyCode: T.county, seed: 42, scale: SCALE });
  await runDemoExtensions({
    db,
    countyCode: T.county,
    seed: 42,
    scale: SCALE,
    today: TODAY,
    log: (l) => logs.push(l),
  });
}, 300_000);

afterAll(async () => {
  await tdb?.drop();
});

describe('the demo county: recorded facts', () => {
  it('writes every kind, valid by its schema, dated and sourced, with a few proposals pending', async () => {
    const rows = await sql<{
      kind: string;
      value: unknown;
      state: string;
      source: string;
      observed_on: string;
    }>`
      select kind, value, state, source, observed_on::text as observed_on from household_fact`.execute(db);
    const kinds = new Set(rows.rows.map((r) => r.kind));
    for (const k of [
      'income_month',
      'rigid_spending',
      'food_clothing',
      'schooling',
      'insurance',
      'housing_safety',
      'drinking_water',
      'risk',
      'shock',
      'legal_supporter',
      'dibao_means',
      'disability',
      'land',
    ])
      expect(kinds, k).toContain(k);
    const invalid = rows.rows.filter((r) => !parseFactValue(r.kind as 'land', r.value).ok);
    expect(invalid.slice(0, 3)).toEqual([]);
    // the round of E, or the recent round (facts-recent.ts) in the months before today
    const today = chinaDate(TODAY);
    const after = rows.rows.filter((r) => r.observed_on > ASOF && r.state !== 'proposed');
    expect(after.filter((r) => r.observed_on >= today || r.state !== 'confirmed').slice(0, 3)).toEqual([]);
    expect(after.length).toBeGreaterThan(0);
    const proposed = rows.rows.filter((r) => r.state === 'proposed').length;
    expect(proposed).toBeGreaterThan(0);
    expect(proposed / rows.rows.length).toBeLessThan(0.01);
    console.log(logs.filter((l) => l.includes('facts')).join('\n'));
  });

  it('holds the registry fields the mapper would otherwise fill in (health) for every present member', async () => {
    // src/modules/facts/mapper.ts reads a member without a health code as healthy: on the demo none lacks it
    const r = await sql<{ n: string }>`select count(*)::text as n from member
      where member_status = 'present' and health is null`.execute(db);
    expect(r.rows[0]!.n).toBe('0');
  });

  it("adds up each household's months of the year to its year row, to the cent", async () => {
    const rows = await sql<{ household_id: string; value: unknown; net: string }>`
      select f.household_id, f.value, y.net_income::text as net
      from household_fact f join household_year y on y.household_id = f.household_id and y.year = ${YEAR}
      where f.kind = 'income_month' and f.state = 'confirmed' and f.subject like ${`${YEAR}-%`}`.execute(db);
    const sums = new Map<string, { n: number; sum: number; net: number }>();
    for (const r of rows.rows) {
      const v = parseFactValue('income_month', r.value);
      if (!v.ok) throw new Error('invalid month');
      const s = sums.get(r.household_id) ?? { n: 0, sum: 0, net: Number(r.net) };
      s.n++;
      s.sum += netOfMonth(v.value);
      sums.set(r.household_id, s);
    }
    const full = [...sums.values()].filter((s) => s.n === 12);
    expect(full.length).toBeGreaterThan(0.9 * sums.size);
    const off = full.filter((s) => Math.abs(s.sum - s.net) > 0.005);
    expect(off.slice(0, 3)).toEqual([]);
  });
});

describe('the recent visit round keeps the facts within the review interval (stale_facts)', () => {
  const today = chinaDate(TODAY);
  const stale = async () =>
    new Set((await consistencyRepository.staleFacts(db, T.county, today, 12)).map((f) => f.household_id!));
  /** Households with a fact re-checked in the recent round (observed after E). */
  const revisited = async () =>
    new Set(
      (
        await sql<{ id: string }>`select distinct household_id::text as id from household_fact
          where state = 'confirmed' and observed_on > ${ASOF}::date and kind <> 'income_month'`.execute(db)
      ).rows.map((r) => r.id),
    );

  it("flags a minority: the households not revisited, at most the seeder's rate", async () => {
    const flagged = await stale();
    const again = await revisited();
    const n = await sql<{ n: number }>`select count(*)::int as n from household`.execute(db);
    const households = n.rows[0]!.n;
    const rate = RECENT_ROUND.notRevisited;
    // the revisited households are never stale; the others as far as their round of E is older than 12 months
    expect([...flagged].filter((id) => again.has(id)).slice(0, 3)).toEqual([]);
    expect(1 - again.size / households).toBeGreaterThan(rate * 0.6);
    expect(1 - again.size / households).toBeLessThan(rate * 1.4);
    expect(flagged.size / households).toBeGreaterThan(rate / 5);
    expect(flagged.size / households).toBeLessThan(rate * 1.4);
    console.log(JSON.stringify({ households, notRevisited: households - again.size, stale: flagged.size }));
  });

  it('a household whose recent round is removed becomes stale', async () => {
    const flagged = await stale();
    // revisited, and its round of E (or an earlier one) is older than the review interval
    const r = await sql<{ id: string }>`select f.household_id::text as id from household_fact f
      where f.kind = 'food_clothing' and f.state = 'confirmed'
      group by f.household_id
      having max(f.observed_on) > ${ASOF}::date
        and max(f.observed_on) filter (where f.observed_on <= ${ASOF}::date) < ${today}::date - interval '12 months'
      order by f.household_id limit 1`.execute(db);
    const id = r.rows[0]?.id;
    expect(id, 'a revisited household').toBeDefined();
    expect(flagged.has(id!)).toBe(false);
    await sql`delete from household_fact where household_id = ${id!} and observed_on > ${ASOF}::date`.execute(
      db,
    );
    expect((await stale()).has(id!)).toBe(true);
  });
});

describe('no rule decision on the demo rests on a default', () => {
  let all: Evaluated[] = [];
  beforeAll(async () => {
    all = await evaluateCounty();
  }, 120_000);

  it('evaluates every rule for every household: recorded facts listed, or verify with what is missing', () => {
    expect(all.length).toBeGreaterThan(1000);
    const decisions = { verify: 0, decided: 0 };
    const byRule: Record<string, Record<string, number>> = {};
    const defaults: Record<string, number> = {};
    for (const { loaded, results, params } of all) {
      expect(loaded.built, `household ${loaded.household.id} has a ${YEAR} row`).not.toBeNull();
      for (const d of loaded.built!.facts.defaults ?? []) defaults[d.key] = (defaults[d.key] ?? 0) + 1;
      const f = loaded.built!.facts;
      expect(unbacked(f), `household ${loaded.household.id}`).toEqual([]);
      expect(results.map((r) => r.rule)).toEqual(HOUSEHOLD_RULE_NAMES);
      for (const r of results) {
        const d = r.decision as string | { status?: string; gaps?: string[] };
        const key = typeof d === 'string' ? d : (d.status ?? (r.missing?.length ? 'verify' : 'decided'));
        (byRule[r.rule] ??= {})[key] = (byRule[r.rule]![key] ?? 0) + 1;
        const verify = key === 'verify' || (r.missing?.length ?? 0) > 0;
        if (verify) {
          decisions.verify++;
          expect(
            r.missing?.length,
            `${r.rule} of ${loaded.household.id}: verify names the missing facts`,
          ).toBeGreaterThan(0);
          for (const m of r.missing ?? []) expect(MISSING_FACT_KEYS).toContain(m.fact);
        } else {
          decisions.decided++;
          expect(r.missing ?? []).toEqual([]);
          expect(
            restsOnDefault(loaded.built!.facts, r, params),
            `${r.rule} of ${loaded.household.id} rests on a default`,
          ).toEqual([]);
          // a household screened in the last round: every rule reading recorded facts lists them —
          // but for the rules deciding on the year's income row alone (the evaluation date is its
          // 31 December: the row is then exactly the 12 months; households without monthly records)
          const onYearRow = !f.sources?.income_month && ASOF === `${YEAR}-12-31`;
          if (screened(f) && r.rule !== 'identification' && !(onYearRow && YEAR_ROW_RULES.has(r.rule)))
            expect(
              factsUsed(r.rule as 'dibao', f).length,
              `${r.rule} of ${loaded.household.id} lists its facts`,
            ).toBeGreaterThan(0);
        }
      }
    }
    const blockedBy: Record<string, number> = {};
    for (const { results } of all)
      for (const r of results)
        for (const m of r.missing ?? []) blockedBy[m.fact] = (blockedBy[m.fact] ?? 0) + 1;
    console.log(JSON.stringify({ decisions, byRule, blockedBy, defaults }));
    const share = decisions.verify / (decisions.verify + decisions.decided);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(0.05);
  });
});

/** One household's results of every rule, read afresh from the database. */
async function evaluateOne(id: string): Promise<RuleResult<unknown>[]> {
  const policy = createPolicyService(
    db,
    clockOf(() => TODAY),
  );
  const facts = createFactsLoader(db, confirmedRedLineHits);
  const params = await policy.paramsFor(T.county, ASOF);
  const h = await facts.household(id);
  const [loaded] = await facts.load([h!], YEAR, ASOF, () => params);
  return evaluateHousehold(loaded!.built!.facts, params);
}
const ruleOf = (rs: RuleResult<unknown>[], name: string) => rs.find((r) => r.rule === name)!;
const reasonOf = (r: RuleResult<unknown>, criterion: string) =>
  r.reasons.find((x) => x.criterion === criterion);

describe('the decisions follow the recorded facts and the plan', () => {
  let all: Evaluated[] = [];
  beforeAll(async () => {
    all = await evaluateCounty();
  }, 120_000);

  it('a household made to lack its screening becomes "verify", naming the missing fact', async () => {
    // decided "no monitoring" because its rigid spending was checked at the last visit, and no income collapse
    const target = all.find(
      ({ results }) =>
        ruleOf(results, 'monitoring').decision === 'none' &&
        reasonOf(ruleOf(results, 'monitoring'), 'income_collapse')?.passed === false,
    );
    expect(target).toBeDefined();
    const id = target!.loaded.household.id;
    await sql`delete from household_fact where household_id = ${id}
      and kind in ('food_clothing', 'rigid_spending')`.execute(db);
    const after = ruleOf(await evaluateOne(id), 'monitoring');
    expect(after.decision).toBe('verify');
    expect(after.missing?.map((m) => m.fact)).toEqual(['rigid_spending']);
  });

  it('a means test not yet verified makes a dibao decision "verify"; verified, it decides', async () => {
    const target = all.find(({ loaded, results }) => {
      const f = loaded.built!.facts;
      return (
        f.sources?.dibao_means &&
        ruleOf(results, 'dibao').missing?.length === 0 &&
        reasonOf(ruleOf(results, 'dibao'), 'assets_within_limits')?.passed === true &&
        ruleOf(results, 'dibao').reasons.filter((r) => r.binding && !r.passed).length === 0
      );
    });
    expect(target).toBeDefined();
    const id = target!.loaded.household.id;
    await sql`update household_fact set value = jsonb_set(value, '{verified}', 'null')
      where household_id = ${id} and kind = 'dibao_means'`.execute(db);
    const after = ruleOf(await evaluateOne(id), 'dibao');
    expect((after.decision as { status: string }).status).toBe('verify');
    expect(after.missing?.map((m) => m.fact)).toContain('dibao_means');
  });

  it('cancelling the plan measures changes the risk-removal decision (measures counted from the plan)', async () => {
    // the demo's monitored households are all still in the range: raise one's recorded wages so that
    // only the plan can keep it
    const passed = (r: RuleResult<unknown>, c: string) => reasonOf(r, c)?.passed === true;
    const target = all.find(({ loaded, results }) => {
      const f = loaded.built!.facts;
      const rr = ruleOf(results, 'risk_removal');
      return (
        f.status === 'monitored' &&
        f.measureBasis === 'plan' &&
        f.sources?.income_month !== undefined &&
        ['measures_applied', 'monitored_months', 'someone_can_work', 'no_new_risk'].every((c) =>
          passed(rr, c),
        )
      );
    });
    expect(target, 'a monitored household with plan measures and monthly income records').toBeDefined();
    const id = target!.loaded.household.id;
    await sql`update household_fact set value = jsonb_set(value, '{items,wage}',
        to_jsonb((value #>> '{items,wage}')::numeric + 2000 * ${target!.loaded.built!.facts.income.size}))
      where household_id = ${id} and kind = 'income_month'`.execute(db);
    const before = ruleOf(await evaluateOne(id), 'risk_removal');
    expect(passed(before, 'income_above_range')).toBe(true);
    expect(before.decision).not.toBe('keep');
    await sql`update plan_measure set status = 'cancelled'
      where plan_id in (select id from household_plan where household_id = ${id})`.execute(db);
    const after = ruleOf(await evaluateOne(id), 'risk_removal');
    expect(reasonOf(after, 'measures_applied')?.passed).toBe(false);
    expect(after.decision).toBe('keep');
    // a measure started after the evaluation date does not count either; started before, it counts again
    await sql`update plan_measure set status = 'in_progress', start_date = ${ASOF}::date + 10, deadline = null
      where plan_id in (select id from household_plan where household_id = ${id})`.execute(db);
    expect(reasonOf(ruleOf(await evaluateOne(id), 'risk_removal'), 'measures_applied')?.passed).toBe(false);
    await sql`update plan_measure set start_date = ${ASOF}::date - 100
      where plan_id in (select id from household_plan where household_id = ${id})`.execute(db);
    const back = ruleOf(await evaluateOne(id), 'risk_removal');
    expect(reasonOf(back, 'measures_applied')?.passed).toBe(true);
    expect(back.decision).toBe(before.decision);
  });

  it("cancelling a dibao household's development measures opens the linkage gap", async () => {
    const target = all.find(({ loaded, results }) => {
      const f = loaded.built!.facts;
      const r = reasonOf(ruleOf(results, 'linkage'), 'dibao_labour_no_development');
      const v = r?.value as { onDibao: boolean; labour: boolean; developmentMeasures: string[] } | undefined;
      return f.measureBasis === 'plan' && v?.onDibao && v.labour && v.developmentMeasures.length > 0;
    });
    expect(target, 'a dibao household with labour and a development measure in its plan').toBeDefined();
    const id = target!.loaded.household.id;
    await sql`update plan_measure set status = 'cancelled'
      where measure_type in ('industry', 'employment', 'welfare_job', 'finance')
        and plan_id in (select id from household_plan where household_id = ${id})`.execute(db);
    const after = ruleOf(await evaluateOne(id), 'linkage');
    expect((after.decision as { gaps: string[] }).gaps).toContain('dibao_labour_no_development');
  });
});
