import { describe, expect, it } from 'vitest';
import type { Member } from '../../db/types.js';
import { defaultParams } from '../../domain/rules/params.js';
import { householdExit } from '../../domain/rules/household-exit.js';
import { INCOME_ITEMS } from '../../domain/facts/catalogue.js';
import { toFacts, type FactsInput } from './mapper.js';
import type { RecordedFact, RecordedSet } from './recorded.js';
import type { FactsHousehold, YearRow } from './repository.js';

const household = (over: Partial<FactsHousehold> = {}): FactsHousehold => ({
  id: '1',
  household_no: '43312411022600001',
  village_code: '433124110226',
  status: 'poor',
  household_type: 'general_poor',
  registered_year: 2014,
  status_date: null,
  house_grade: 'B',
  relocated: false,
  safe_water: true,
  coop_member: false,
  enterprise_tie: false,
  industry_type: null,
  ...over,
});

const member = (id: string, birth: string, over: Partial<Member> = {}): Member =>
  ({
    id,
    household_id: '1',
    name: `成员${id}`,
    sex: '1',
    id_type: 'resident_id',
    id_number: '433124197003010011',
    birth_date: birth,
    relation: id === '1' ? 'head' : 'spouse',
    ethnicity: null,
    education: null,
    student_status: null,
    out_of_school_reason: null,
    health: 'healthy',
    disability_grade: null,
    labour_capacity: null,
    migrant_place: null,
    migrant_months: null,
    migrant_monthly_wage: null,
    welfare_job_months: null,
    ins_basic_medical: true,
    ins_critical_illness: true,
    ins_medical_assistance: true,
    ins_pension: false,
    is_dibao: false,
    is_tekun: false,
    member_status: 'present',
    version: 1,
    ...over,
  }) as Member;

const year = (y: number, perCapita: number, over: Partial<YearRow> = {}): YearRow => ({
  household_id: '1',
  year: y,
  village_code: '433124110226',
  size: 2,
  status: 'poor',
  wage_income: String(perCapita * 2),
  business_income: '0',
  production_cost: '0',
  property_income: '0',
  transfer_income: '0',
  transfer_dibao: '0',
  transfer_pension: '0',
  transfer_eco: '0',
  medical_cost: '0',
  net_income: String(perCapita * 2),
  per_capita_income: String(perCapita),
  recorded_by: null,
  collected_on: null,
  ...over,
});

const input = (over: Partial<FactsInput> = {}): FactsInput => ({
  household: household(),
  members: [
    member('1', '1970-03-01'),
    member('2', '1950-05-11', { migrant_months: 6, migrant_monthly_wage: 2000 }),
  ],
  years: [year(2024, 5000), year(2025, 6000, { medical_cost: '4000', transfer_eco: '300' })],
  monitoredSince: null,
  plans: [],
  redLineHits: null,
  ...over,
});

const fact = (kind: string, value: unknown, observedOn: string): RecordedFact =>
  ({ kind, value, memberId: null, observedOn, source: 'home_visit', sourceRef: null }) as RecordedFact;
const incomeMonth = (month: string, wage: number): RecordedFact =>
  fact(
    'income_month',
    {
      month,
      items: Object.fromEntries(INCOME_ITEMS.map((i) => [i.code, i.code === 'wage' ? wage : 0])),
    },
    `${month}-01`,
  );
const recorded = (...facts: RecordedFact[]): RecordedSet => ({ facts, pending: [] });

describe('registry rows to household facts', () => {
  const p = defaultParams(2025);

  it('maps income and members; facts not recorded stay null, inferences are named', () => {
    const built = toFacts(input(), 2025, '2025-12-31', p)!;
    const f = built.facts;
    expect(f.income).toMatchObject({ year: 2025, size: 2, wages: 12000, eligibleMedicalCost: 4000 });
    expect(f.previousPerCapita).toEqual([{ year: 2024, perCapita: 5000 }]);
    // 31 December: the year's row is the last 12 months; rigid spending not checked (no visit)
    expect(f.last12Months).toMatchObject({ netIncome: 12000, previousNetIncome: 10000, rigidSpending: null });
    expect(f.members.map((m) => [m.age, m.labourCapacity, m.earnings12m])).toEqual([
      [55, 'ordinary', 0],
      [75, 'none', 12000],
    ]);
    expect([...f.measures].sort()).toEqual(['eco_compensation', 'employment']);
    expect(f.measureBasis).toBe('inferred');
    expect(f.housing).toEqual({ grade: 'B', relocated: false, rebuilt: null });
    expect(f.foodClothingSecure).toBeNull();
    expect(f.redLineHits).toBeNull();
    expect(f.dibao).toMatchObject({
      obligedSupport12m: null,
      assetsWithinLimits: null,
      spendingWithinLimits: null,
    });
    expect(f.legalSupporters).toBeNull();
    expect(built.gaps.sort()).toEqual(['labour_capacity', 'measures']);
    expect(householdExit(f, p).decision).toBe('verify');
  });

  it('is null without an income row of the year', () => {
    expect(toFacts(input(), 2026, '2026-06-30', p)).toBeNull();
  });

  it('the last 12 months are unknown mid-year without monthly records, computed with them', () => {
    const rows = input({ years: [year(2025, 6000)] });
    expect(toFacts(rows, 2025, '2025-06-30', p)!.facts.last12Months).toBeNull();
    // July 2024 … June 2025 at 1,000 a month: 12,000
    const months = Array.from({ length: 12 }, (_, i) =>
      incomeMonth(i < 6 ? `2024-${String(i + 7).padStart(2, '0')}` : `2025-0${i - 5}`, 1000),
    );
    const f = toFacts({ ...rows, recorded: recorded(...months) }, 2025, '2025-06-30', p)!.facts;
    expect(f.last12Months).toMatchObject({ netIncome: 12000, previousNetIncome: null });
    // 12,000 / 2 = 6,000 < the 2025 monitoring line: no month above it
    expect(f.monitoring.monthsAboveLine).toBe(0);
  });

  it('counts consecutive 12-month windows above the monitoring line', () => {
    // 2024-01 … 2025-12: 24 months; 2024 at 100 a month, 2025 at 2,000 (24,000 / 2 = 12,000 a year)
    const months = [
      ...Array.from({ length: 12 }, (_, i) => incomeMonth(`2024-${String(i + 1).padStart(2, '0')}`, 100)),
      ...Array.from({ length: 12 }, (_, i) => incomeMonth(`2025-${String(i + 1).padStart(2, '0')}`, 2000)),
    ];
    const f = toFacts(input({ recorded: recorded(...months) }), 2025, '2025-12-31', p)!.facts;
    // window ending k months before 2025-12: ((12 − k) × 2,000 + k × 100) / 2 = 12,000 − 950 k per
    // person; ≥ 6,750 (the 2025 monitoring line) for k = 0 … 5 (k = 6: 6,300): 6 months
    expect(p.monitoringLine).toBe(6750);
    expect(f.monitoring.monthsAboveLine).toBe(6);
    expect(f.last12Months).toMatchObject({ netIncome: 24000, previousNetIncome: 1200 });
  });

  it('a visit makes rigid spending, risks and food known; supporters and means known when investigated', () => {
    const f = toFacts(
      input({
        recorded: recorded(
          fact('food_clothing', { secure: true }, '2025-10-01'),
          fact(
            'rigid_spending',
            { category: 'schooling', amount: 3000, periodFrom: '2025-09-01', periodTo: '2025-12-31' },
            '2025-10-01',
          ),
          fact(
            'housing_safety',
            { grade: 'D', rebuilt: true, relocated: false, areaPerPerson: 30 },
            '2023-05-01',
          ),
          fact(
            'legal_supporter',
            {
              relation: 'child',
              supporterName: null,
              capacity: 'able',
              agreedMonthly: 200,
              paid12m: 2400,
              agreementRef: null,
            },
            '2025-03-01',
          ),
          fact(
            'dibao_means',
            {
              declared: { vehicles: 0, houses: 0, deposits: 1000, spending12m: 5000 },
              verified: { vehicles: 0, houses: 0, deposits: 1000, spending12m: 5000 },
            },
            '2025-03-01',
          ),
        ),
      }),
      2025,
      '2025-12-31',
      p,
    )!.facts;
    expect(f.foodClothingSecure).toBe(true);
    expect(f.last12Months?.rigidSpending).toBe(7000); // medical 4,000 (year row) + schooling 3,000
    expect(f.monitoring.newRisk).toBe(false);
    expect(f.housing).toEqual({ grade: 'D', relocated: false, rebuilt: true });
    expect(f.legalSupporters).toEqual([{ relation: 'child', able: true }]);
    expect(f.dibao).toMatchObject({
      obligedSupport12m: 2400,
      assetsWithinLimits: true,
      spendingWithinLimits: true,
    });
    expect(f.sources?.food_clothing).toEqual({
      observedOn: '2025-10-01',
      source: 'home_visit',
      sourceRef: null,
    });
  });

  it('reads the plan measures in progress or completed; inferred only without a plan', () => {
    const measure = (id: string, type: string, status: string) => ({
      id,
      catalogueCode: type,
      type,
      status,
      startDate: '2025-03-01',
      deadline: null,
    });
    const plans = [
      {
        year: 2025,
        measures: [
          measure('1', 'industry', 'in_progress'),
          measure('2', 'employment', 'cancelled'),
          measure('3', 'health', 'completed'),
        ],
      },
    ];
    const built = toFacts(
      input({ household: household({ status: 'monitored' }), monitoredSince: '2024-05-01', plans }),
      2025,
      '2025-12-31',
      p,
    )!;
    expect(built.facts.measureBasis).toBe('plan');
    expect([...built.facts.measures].sort()).toEqual(['health', 'industry']);
    expect(built.facts.monitoring.measuresApplied).toBe(2);
    expect(built.gaps).not.toContain('measures');
  });

  it('uses confirmed department hits; asset red lines fail the dibao asset test', () => {
    const f = toFacts(
      input({ redLineHits: [{ key: 'car', source: '公安车辆登记', memberId: '1', writtenException: null }] }),
      2025,
      '2025-12-31',
      p,
    )!;
    expect(f.facts.redLineHits).toHaveLength(1);
    expect(f.facts.dibao.assetsWithinLimits).toBe(false);
  });
});
