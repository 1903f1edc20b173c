import { describe, expect, it } from 'vitest';
import type { Member } from '../../db/types.js';
import { defaultParams } from '../../domain/rules/params.js';
import { householdExit } from '../../domain/rules/household-exit.js';
import { toFacts, type FactsInput } from './mapper.js';
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
  redLineHits: null,
  ...over,
});

describe('registry rows to household facts', () => {
  const p = defaultParams(2025);

  it('maps income, members and inferred measures', () => {
    const built = toFacts(input(), 2025, '2025-12-31', p)!;
    const f = built.facts;
    expect(f.income).toMatchObject({ year: 2025, size: 2, wages: 12000, eligibleMedicalCost: 4000 });
    expect(f.previousPerCapita).toEqual([{ year: 2024, perCapita: 5000 }]);
    expect(f.last12Months).toMatchObject({ netIncome: 12000, previousNetIncome: 10000, rigidSpending: 4000 });
    expect(f.members.map((m) => [m.age, m.labourCapacity, m.earnings12m])).toEqual([
      [55, 'ordinary', 0],
      [75, 'none', 12000],
    ]);
    expect([...f.measures].sort()).toEqual(['eco_compensation', 'employment']);
    expect(f.housing).toEqual({ grade: 'B', relocated: false, rebuilt: false });
    expect(built.gaps).toEqual(
      expect.arrayContaining(['department_lists', 'food_clothing', 'labour_capacity']),
    );
    expect(built.gaps).not.toContain('housing_rebuilt');
    expect(householdExit(f, p).decision).toBe('may_exit');
  });

  it('is null without an income row of the year', () => {
    expect(toFacts(input(), 2026, '2026-06-30', p)).toBeNull();
  });

  it('uses confirmed department hits; asset red lines fail the dibao asset test', () => {
    const f = toFacts(
      input({ redLineHits: [{ key: 'car', source: '公安车辆登记', memberId: '1', writtenException: null }] }),
      2025,
      '2025-12-31',
      p,
    )!;
    expect(f.gaps).not.toContain('department_lists');
    expect(f.facts.dibao.assetsWithinLimits).toBe(false);
  });

  it('estimates monitoring follow-up from yearly rows', () => {
    const f = toFacts(
      input({ household: household({ status: 'monitored' }), monitoredSince: '2024-05-01' }),
      2025,
      '2025-12-31',
      p,
    )!.facts;
    // (12,000 − 4,000) / 2 = 4,000 < 6,750: below the monitoring line, no month counted
    expect(f.monitoring).toMatchObject({ since: '2024-05-01', monthsAboveLine: 0, measuresApplied: 2 });
    expect(f.monitoring.rigidSpendingResolved).toBe(true); // 4,000 < 0.5 × 12,000
  });
});
