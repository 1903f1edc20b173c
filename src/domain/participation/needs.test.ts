import { describe, expect, it } from 'vitest';
import { allocateIncome, median, nextNeedStatus, personalDataIn } from './needs.js';

describe('need life cycle', () => {
  it.each([
    ['open', 'pledge', 'pledged'],
    ['pledged', 'deliver', 'delivered'],
    ['delivered', 'confirm', 'confirmed'],
    ['open', 'withdraw', 'withdrawn'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(nextNeedStatus(from, action)).toBe(to);
  });
  it.each([
    ['open', 'deliver'],
    ['open', 'confirm'],
    ['pledged', 'pledge'],
    ['pledged', 'confirm'],
    ['confirmed', 'deliver'],
    ['delivered', 'withdraw'],
  ] as const)('refuses %s --%s-->', (from, action) => {
    expect(nextNeedStatus(from, action)).toBeNull();
  });
});

describe('personal data in published text', () => {
  it('finds ID numbers, phones, village codes and known strings', () => {
    expect(personalDataIn('联系 433124197003011234')).toContain('id_number');
    expect(personalDataIn('电话13812345678')).toContain('phone');
    expect(personalDataIn('村 433124110226 的需求')).toContain('village_code');
    expect(personalDataIn('龙大家孩子上学', ['龙大'])).toEqual(['known']);
  });
  it('passes ordinary text', () => {
    expect(personalDataIn('一名高中生需要学费资助 3000 元', ['龙大', '十八洞村3组'])).toEqual([]);
    expect(personalDataIn('需要 2 台 2025 年产的农机', ['龙'])).toEqual([]); // one-character names ignored
  });
});

describe('income allocation', () => {
  it('sums exactly and follows the shares', () => {
    expect(allocateIncome(100, [1, 1, 1])).toEqual([33.34, 33.33, 33.33]);
    expect(allocateIncome(10, [3, 1])).toEqual([7.5, 2.5]);
    const parts = allocateIncome(1234.57, [0.2, 0.3, 0.5, 0.7]);
    expect(Math.round(parts.reduce((a, b) => a + b, 0) * 100)).toBe(123457);
  });
  it('splits evenly when shares are zero and returns nothing for no households', () => {
    expect(allocateIncome(1, [0, 0])).toEqual([0.5, 0.5]);
    expect(allocateIncome(5, [])).toEqual([]);
  });
  it('median', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
