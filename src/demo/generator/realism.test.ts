import { describe, expect, it } from 'vitest';
import { monitoringLine, povertyLine } from '../../domain/policy/defaults.js';
import { generateHouseholds } from './generator.js';
import type { DemoHousehold, DemoVillage } from './types.js';

/**
 * The realism targets of docs/demo-data.md, checked on a sample of about 11,000 households
 * (scale 0.2 over 60 villages). Bands are the targets with room for sampling noise.
 */

function villages(n: number): DemoVillage[] {
  return Array.from({ length: n }, (_, i) => ({
    code: `43312410${i % 5}${String(i % 15 === 0 ? i : 200 + i).padStart(3, '0')}`,
    name: i % 15 === 0 ? `测试${i}社区` : `测试${i}村`,
    townshipCode: `43312410${i % 5}`,
    townshipName: `测试${i % 5}镇`,
  }));
}

const sample: DemoHousehold[] = [
  ...generateHouseholds({
    seed: 2014,
    scale: 0.2,
    county: { code: '433124', name: '花垣县' },
    villages: villages(60),
    firstYear: 2014,
    lastYear: 2025,
  }),
];
const registered = sample.filter((h) => h.household.registered_year !== null);
const share = (part: number, whole: number) => part / whole;
const count = <T>(xs: readonly T[], f: (x: T) => boolean) => xs.reduce((n, x) => n + (f(x) ? 1 : 0), 0);
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const yearRow = (h: DemoHousehold, year: number) => h.years.find((y) => y.year === year)!;
const present = sample.flatMap((h) => h.members.filter((m) => m.member_status === 'present'));
const ageOf = (birth: string) => 2025 - Number(birth.slice(0, 4));

describe('population', () => {
  it('has rural household sizes: mean 3.5–3.9, 8–10 % living alone, registered households smaller', () => {
    const sizes = sample.map((h) => h.household.size);
    expect(mean(sizes)).toBeGreaterThanOrEqual(3.5);
    expect(mean(sizes)).toBeLessThanOrEqual(3.9);
    expect(
      share(
        count(sizes, (s) => s === 1),
        sizes.length,
      ),
    ).toBeGreaterThanOrEqual(0.08);
    expect(
      share(
        count(sizes, (s) => s === 1),
        sizes.length,
      ),
    ).toBeLessThanOrEqual(0.105);
    expect(mean(registered.map((h) => h.household.size))).toBeLessThan(mean(sizes));
  });

  it('has an ageing rural age pyramid with slightly more men', () => {
    const ages = present.map((m) => ageOf(m.birth_date));
    const old = share(
      count(ages, (a) => a >= 60),
      ages.length,
    );
    expect(old).toBeGreaterThan(0.18);
    expect(old).toBeLessThan(0.3);
    expect(
      share(
        count(ages, (a) => a < 15),
        ages.length,
      ),
    ).toBeGreaterThan(0.12);
    const men = share(
      count(present, (m) => m.sex === '1'),
      present.length,
    );
    expect(men).toBeGreaterThan(0.5);
    expect(men).toBeLessThan(0.54);
  });

  it('has chronic illness 10–15 % of adults, serious illness 2–3 %, disability 6–7 %, 35–45 % migrants', () => {
    const adults = present.filter((m) => ageOf(m.birth_date) >= 18);
    expect(
      share(
        count(adults, (m) => m.health === 'chronic'),
        adults.length,
      ),
    ).toBeGreaterThanOrEqual(0.1);
    expect(
      share(
        count(adults, (m) => m.health === 'chronic'),
        adults.length,
      ),
    ).toBeLessThanOrEqual(0.155);
    expect(
      share(
        count(adults, (m) => m.health === 'serious'),
        adults.length,
      ),
    ).toBeGreaterThanOrEqual(0.018);
    expect(
      share(
        count(adults, (m) => m.health === 'serious'),
        adults.length,
      ),
    ).toBeLessThanOrEqual(0.032);
    const disabled = share(
      count(present, (m) => m.health === 'disabled'),
      present.length,
    );
    expect(disabled).toBeGreaterThanOrEqual(0.055);
    expect(disabled).toBeLessThanOrEqual(0.075);
    const working = present.filter((m) => ageOf(m.birth_date) >= 18 && ageOf(m.birth_date) <= 55);
    const migrants = share(
      count(working, (m) => m.migrant_place !== null),
      working.length,
    );
    expect(migrants).toBeGreaterThanOrEqual(0.35);
    expect(migrants).toBeLessThanOrEqual(0.45);
  });

  it('insures the registered: basic medical and critical illness for every present member', () => {
    const members = registered.flatMap((h) => h.members.filter((m) => m.member_status === 'present'));
    expect(
      members.every((m) => m.ins_basic_medical && m.ins_critical_illness && m.ins_medical_assistance),
    ).toBe(true);
  });
});

describe('registration', () => {
  it('registered 25–30 % of households poor in 2014', () => {
    const r = share(
      count(sample, (h) => h.household.registered_year === 2014),
      sample.length,
    );
    expect(r).toBeGreaterThanOrEqual(0.25);
    expect(r).toBeLessThanOrEqual(0.3);
  });

  it('gives illness 42–44 % (± noise) of main causes and illness + disability + labour over 60 %', () => {
    const n = registered.length;
    const illness = share(
      count(registered, (h) => h.household.main_cause === 'illness'),
      n,
    );
    expect(illness).toBeGreaterThanOrEqual(0.4);
    expect(illness).toBeLessThanOrEqual(0.46);
    const big3 = count(registered, (h) =>
      ['illness', 'disability', 'labour'].includes(h.household.main_cause!),
    );
    expect(share(big3, n)).toBeGreaterThan(0.6);
    for (const h of registered) {
      expect(h.household.other_causes.length).toBeLessThanOrEqual(2);
      expect(h.household.other_causes).not.toContain(h.household.main_cause);
    }
  });

  it('has household types ≈ 65 / 15 / 12 / 8 % while poor', () => {
    const n = registered.length;
    const shareOf = (c: string) =>
      share(
        count(registered, (h) => h.baseline.assistanceClass === c),
        n,
      );
    expect(shareOf('general_poor')).toBeCloseTo(0.65, 1);
    expect(shareOf('dibao_poor')).toBeCloseTo(0.15, 1);
    expect(shareOf('dibao')).toBeCloseTo(0.12, 1);
    expect(shareOf('tekun')).toBeCloseTo(0.08, 1);
    for (const h of sample) {
      const t = h.household.household_type;
      expect(t).toBe(h.household.registered_year === null ? 'ordinary' : 'exited');
    }
  });
});

describe('exits and incomes', () => {
  it('exits every registered household by 2020, most in 2016–2019, and a handful return', () => {
    const exits = registered.map((h) => h.household.exit_year);
    expect(exits.every((y) => y !== null && y >= 2015 && y <= 2020)).toBe(true);
    expect(
      share(
        count(exits, (y) => y! >= 2016 && y! <= 2019),
        exits.length,
      ),
    ).toBeGreaterThan(0.65);
    const returned = count(registered, (h) => h.history.some((e) => e.to_status === 'returned'));
    expect(returned).toBeGreaterThan(0);
    expect(share(returned, registered.length)).toBeLessThan(0.03);
    for (const h of registered) expect(['poor', 'returned']).not.toContain(yearRow(h, 2020).status);
  });

  it('keeps poor households below the line every year and exited ones genuinely above it', () => {
    const bad: string[] = [];
    for (const h of sample) {
      for (const y of h.years) {
        const line = povertyLine(y.year);
        if ((y.status === 'poor' || y.status === 'returned') && y.per_capita_income >= line)
          bad.push(`${y.year} poor`);
        if (y.status === 'exited' && y.per_capita_income < line * 1.15) bad.push(`${y.year} exited`);
        if (
          y.status === 'none' &&
          h.household.registered_year === null &&
          y.per_capita_income < line * 1.15
        ) {
          bad.push(`${y.year} ordinary`);
        }
      }
      const exit = h.household.exit_year;
      if (exit !== null && yearRow(h, exit).per_capita_income < povertyLine(exit) * 1.2)
        bad.push(`${exit} exit margin`);
    }
    expect(bad).toEqual([]);
  });

  it('brings exited households to about 10,000 yuan per person in 2020, below the non-poor', () => {
    const exited = mean(registered.map((h) => yearRow(h, 2020).per_capita_income));
    expect(exited).toBeGreaterThan(9000);
    expect(exited).toBeLessThan(11500);
    const ordinary = sample.filter((h) => h.household.registered_year === null);
    expect(mean(ordinary.map((h) => yearRow(h, 2020).per_capita_income))).toBeGreaterThan(exited);
  });

  it('grows rural incomes by about 8–10 % a year', () => {
    const ordinary = sample.filter(
      (h) => h.household.registered_year === null && h.household.status === 'none',
    );
    const growth =
      (mean(ordinary.map((h) => yearRow(h, 2025).per_capita_income)) /
        mean(ordinary.map((h) => yearRow(h, 2014).per_capita_income))) **
        (1 / 11) -
      1;
    expect(growth).toBeGreaterThan(0.07);
    expect(growth).toBeLessThan(0.11);
  });

  it('pays dibao or 特困 support to those households, and flags their members', () => {
    for (const h of registered) {
      const c = h.baseline.assistanceClass;
      if (c !== 'dibao' && c !== 'tekun') continue;
      const since = h.household.registered_year!;
      expect(h.years.filter((y) => y.year >= since).every((y) => y.transfer_dibao > 0)).toBe(true);
      expect(h.members.some((m) => (c === 'tekun' ? m.is_tekun : m.is_dibao))).toBe(true);
    }
    for (const h of sample) {
      if (h.members.some((m) => m.is_dibao || m.is_tekun))
        expect(h.years.at(-1)!.transfer_dibao).toBeGreaterThan(0);
    }
  });

  it('fixes dangerous houses and unsafe water of registered households by exit', () => {
    const dangerous = count(
      registered,
      (h) => h.baseline.houseGrade === 'C' || h.baseline.houseGrade === 'D',
    );
    expect(share(dangerous, registered.length)).toBeGreaterThan(0.4);
    for (const h of registered) {
      expect(['A', 'B']).toContain(h.household.house_grade);
      expect(h.household.safe_water).toBe(true);
      if (h.household.relocated)
        expect(h.household.house_area_m2).toBeLessThanOrEqual(25 * Math.max(1, h.members.length));
    }
  });
});

describe('monitoring after 2020', () => {
  const monitored = sample.filter((h) => h.household.monitoring_category !== null);

  it('identifies 2–4 % of households, with risk removal for some', () => {
    expect(share(monitored.length, sample.length)).toBeGreaterThanOrEqual(0.02);
    expect(share(monitored.length, sample.length)).toBeLessThanOrEqual(0.04);
    const removed = count(monitored, (h) => h.household.status === 'risk_removed');
    expect(removed).toBeGreaterThan(0);
    expect(removed).toBeLessThan(monitored.length / 2);
  });

  it('matches the category to the household and keeps monitored incomes within the range or under a shock', () => {
    for (const h of monitored) {
      const c = h.household.monitoring_category;
      expect(c === 'unstable' ? h.household.registered_year !== null : true).toBe(true);
      if (c === 'marginal') expect(h.household.household_type).toBe('ordinary');
      for (const y of h.years.filter((r) => r.status === 'monitored')) {
        const available = (y.net_income - y.medical_cost) / y.size;
        expect(available).toBeLessThan(monitoringLine(y.year));
      }
    }
  });

  it('removes the risk only where someone can work', () => {
    for (const h of monitored.filter((m) => m.household.status === 'risk_removed')) {
      const able = h.members.some(
        (m) => m.member_status === 'present' && ['ordinary', 'skilled', 'weak'].includes(m.labour_capacity),
      );
      expect(able).toBe(true);
    }
  });

  it('keeps households not monitored above the monitoring range after medical costs', () => {
    const bad = sample.flatMap((h) =>
      h.years.filter(
        (y) =>
          y.year >= 2021 &&
          (y.status === 'none' || y.status === 'exited') &&
          (h.household.registered_year !== null) === (y.status === 'exited') &&
          (y.net_income - y.medical_cost) / y.size < monitoringLine(y.year),
      ),
    );
    expect(bad).toEqual([]);
  });
});
