import { describe, expect, it } from 'vitest';
import { validateIdNumber } from '../../domain/id-number.js';
import { apportion, generateCounty, generateHouseholds, planVillages } from './generator.js';
import type { DemoHousehold, DemoInput, DemoVillage } from './types.js';

/** A made-up county of 花垣县 codes: `n` villages over 5 townships, every 12th a community. */
function villages(n: number): DemoVillage[] {
  const towns = ['花垣镇', '双龙镇', '龙潭镇', '民乐镇', '吉卫镇'];
  return Array.from({ length: n }, (_, i) => {
    const t = i % towns.length;
    const community = i % 12 === 0;
    return {
      code: `43312410${t}${String(community ? i : 200 + i).padStart(3, '0')}`,
      name: community ? `测试${i}社区` : `测试${i}村`,
      townshipCode: `43312410${t}`,
      townshipName: towns[t]!,
    };
  });
}

const input = (over: Partial<DemoInput> = {}): DemoInput => ({
  seed: 7,
  scale: 0.05,
  county: { code: '433124', name: '花垣县' },
  villages: villages(30),
  firstYear: 2014,
  lastYear: 2025,
  ...over,
});

function firstHouseholds(i: DemoInput, n: number): DemoHousehold[] {
  const out: DemoHousehold[] = [];
  for (const h of generateHouseholds(i)) {
    out.push(h);
    if (out.length === n) break;
  }
  return out;
}

const all = [...generateHouseholds(input())];

describe('determinism', () => {
  it('gives byte-identical households for the same seed and different ones for another seed', () => {
    const a = JSON.stringify(firstHouseholds(input(), 300));
    expect(JSON.stringify(firstHouseholds(input(), 300))).toBe(a);
    expect(JSON.stringify(firstHouseholds(input({ seed: 8 }), 300))).not.toBe(a);
  });

  it('does not depend on the order of the village list', () => {
    const reversed = input({ villages: [...villages(30)].reverse() });
    expect(JSON.stringify(firstHouseholds(reversed, 100))).toBe(JSON.stringify(all.slice(0, 100)));
  });
});

describe('village plan', () => {
  it('spreads 55,000 × scale households over the villages, communities smaller', () => {
    const plans = planVillages(input({ scale: 1, villages: villages(120) }));
    expect(plans.reduce((s, p) => s + p.households, 0)).toBe(55_000);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const communities = plans.filter((p) => p.village.name.endsWith('社区')).map((p) => p.households);
    const others = plans.filter((p) => !p.village.name.endsWith('社区')).map((p) => p.households);
    expect(mean(communities)).toBeLessThan(mean(others));
    expect(Math.max(...others) / Math.min(...others)).toBeGreaterThan(2);
  });

  it('caps a village at 9,999 households (4-digit sequence)', () => {
    const plans = planVillages(input({ scale: 1, villages: villages(4) }));
    for (const p of plans) expect(p.households).toBeLessThanOrEqual(9999);
    expect(apportion([1, 1, 8], 100, 50)).toEqual([25, 25, 50]);
    expect(apportion([1, 2, 3], 7, 100).reduce((s, x) => s + x, 0)).toBe(7);
  });

  it('rejects invalid input', () => {
    expect(() => planVillages(input({ villages: [] }))).toThrow(/no villages/);
    expect(() => planVillages(input({ county: { code: '4331', name: 'x' } }))).toThrow(/6 digits/);
    expect(() => planVillages(input({ firstYear: 2013 }))).toThrow(/years/);
    const stray = { ...villages(1)[0]!, code: '433125100200' };
    expect(() => planVillages(input({ villages: [stray] }))).toThrow(/bad village code/);
  });

  it('yields one village at a time with its count of households registered in 2014', () => {
    for (const v of generateCounty(input({ scale: 0.01 }))) {
      expect(v.households.every((h) => h.household.village_code === v.village.code)).toBe(true);
      expect(v.registeredFirstYear).toBe(
        v.households.filter((h) => h.household.registered_year === 2014).length,
      );
    }
  });
});

describe('households and members', () => {
  it('numbers households by village and sequence, with an address down to the group', () => {
    const numbers = new Set(all.map((h) => h.household.household_no));
    expect(numbers.size).toBe(all.length);
    for (const { household: h } of all) {
      expect(h.household_no).toMatch(new RegExp(`^${h.village_code}\\d{4}$`));
      expect(h.address).toMatch(new RegExp(`^花垣县.+镇测试\\d+(村|社区)${h.group_no}组$`));
      expect(h.phone).toMatch(/^1[358]\d{9}$/);
      expect(h.bank_account).toMatch(/^62\d{17}$/);
    }
  });

  it('gives every person a valid ID number, unique across the county', () => {
    const seen = new Set<string>();
    for (const h of all) {
      for (const m of h.members) {
        expect(
          validateIdNumber(m.id_number, '2026-12-07', { birthDate: m.birth_date, sex: m.sex }),
        ).toBeNull();
        seen.add(m.id_number);
      }
    }
    expect(seen.size).toBe(all.reduce((s, h) => s + h.members.length, 0));
  });

  it('has exactly one head, present, named on the household, and a size equal to the members present', () => {
    for (const { household, members } of all) {
      const heads = members.filter((m) => m.relation === 'head');
      expect(heads).toHaveLength(1);
      expect(heads[0]!.member_status).toBe('present');
      expect(household.head_name).toBe(heads[0]!.name);
      expect(household.size).toBe(members.filter((m) => m.member_status === 'present').length);
    }
  });

  it('keeps relations consistent with sexes and ages', () => {
    const year = (d: string) => Number(d.slice(0, 4));
    for (const { members } of all) {
      const head = members[0]!;
      const spouse = members.find((m) => m.relation === 'spouse');
      if (spouse) expect(spouse.sex).not.toBe(head.sex);
      for (const m of members) {
        if (m.relation === 'son' || m.relation === 'daughter') {
          expect(year(m.birth_date) - year(head.birth_date)).toBeGreaterThanOrEqual(18);
          expect(year(m.birth_date) - year(head.birth_date)).toBeLessThanOrEqual(41);
          if (spouse) expect(year(m.birth_date) - year(spouse.birth_date)).toBeGreaterThanOrEqual(18);
        }
        if (m.relation === 'father' || m.relation === 'mother') {
          expect(year(head.birth_date) - year(m.birth_date)).toBeGreaterThanOrEqual(18);
        }
        if (m.relation === 'son' || m.relation === 'father' || m.relation === 'grandson')
          expect(m.sex).toBe('1');
        if (m.relation === 'daughter' || m.relation === 'mother' || m.relation === 'daughter_in_law') {
          expect(m.sex).toBe('2');
        }
      }
    }
  });

  it('keeps school, labour and public-welfare jobs consistent with age and health', () => {
    for (const h of all) {
      for (const m of h.members) {
        const age = 2025 - Number(m.birth_date.slice(0, 4));
        if (age >= 7 && age <= 14) {
          const ok = ['primary', 'junior', 'exempt'].includes(m.student_status);
          const ordinaryDropOut = m.student_status === 'out_of_school' && h.household.status === 'none';
          expect(ok || ordinaryDropOut).toBe(true);
        }
        if (m.student_status === 'exempt') expect(m.disability_grade).toBeLessThanOrEqual(2);
        if (age < 16) expect(m.labour_capacity).toBe('none');
        if (age >= 16 && age <= 60 && m.health === 'healthy' && m.student_status === 'not_student') {
          expect(['ordinary', 'skilled']).toContain(m.labour_capacity);
        }
        if (m.welfare_job_months !== null) expect(age >= 18 && age <= 65).toBe(true);
        if (m.migrant_months !== null) {
          expect(m.migrant_months).toBeGreaterThanOrEqual(6);
          expect(m.migrant_monthly_wage).toBeGreaterThanOrEqual(2800);
        }
        if (m.health === 'disabled') expect(m.disability_grade).toBeGreaterThanOrEqual(1);
        else expect(m.disability_grade).toBeNull();
      }
    }
  });
});

describe('years and history', () => {
  it('has one row per year whose net income adds up and whose per-capita income is net / size', () => {
    const years = Array.from({ length: 12 }, (_, i) => 2014 + i).join();
    const bad: string[] = [];
    for (const h of all) {
      if (h.years.map((y) => y.year).join() !== years) bad.push(`${h.household.household_no} years`);
      if (h.years.at(-1)!.status !== h.household.status) bad.push(`${h.household.household_no} status`);
      for (const y of h.years) {
        const net =
          y.wage_income + y.business_income - y.production_cost + y.property_income + y.transfer_income;
        const ok =
          y.net_income === net &&
          y.per_capita_income === Math.round((y.net_income / y.size) * 100) / 100 &&
          y.transfer_income >= y.transfer_dibao + y.transfer_pension + y.transfer_eco &&
          Math.min(y.wage_income, y.business_income, y.production_cost, y.property_income, y.medical_cost) >=
            0 &&
          y.size >= 1;
        if (!ok) bad.push(`${h.household.household_no} ${y.year}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('chains status changes in date order, ending in the current status', () => {
    for (const { household, history } of all) {
      if (history.length === 0) {
        expect(household.status).toBe('none');
        continue;
      }
      for (let i = 1; i < history.length; i++) {
        expect(history[i]!.from_status).toBe(history[i - 1]!.to_status);
        expect(history[i]!.changed_on >= history[i - 1]!.changed_on).toBe(true);
      }
      expect(history.at(-1)!.to_status).toBe(household.status);
      expect(household.status_date).toBe(history.at(-1)!.changed_on);
      for (const e of history) expect(e.reason.length).toBeGreaterThan(4);
    }
  });

  it('follows the requested years', () => {
    const [h] = firstHouseholds(input({ firstYear: 2016, lastYear: 2020 }), 1);
    expect(h!.years.map((y) => y.year)).toEqual([2016, 2017, 2018, 2019, 2020]);
  });
});
