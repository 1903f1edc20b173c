import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common.js';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './policy.js';

describe('passwordProblem', () => {
  const cases: [string, string, RegExp | null][] = [
    // [password, username, expected problem]
    ['jingzhun-demo', 'admin', null], // the demo's default password
    ['test-password-1', 'vil', null], // the tests' password
    ['demo-password-1', 'org', null],
    ['long-enough-1', 'x1', null],
    ['Tz8#kq2!Lm', 'alice', null],
    ['山高水长-扶贫路上见', 'cadre', null],
    ['12345678', 'a', /at least 10/],
    ['short', 'a', /at least 10/],
    ['        ', 'a', /blank/],
    ['            ', 'a', /blank/],
    ['\t\n  \u3000   \t  ', 'a', /blank/],
    ['aaaaaaaaaaaa', 'a', /one character repeated/],
    ['111111111111', 'a', /one character repeated/],
    ['1234567890', 'a', /too common/],
    ['qwerty12345', 'a', /too common/],
    ['woaini1314520', 'a', /too common/],
    ['Password1234', 'a', /too common/],
    ['PASSWORD2026!', 'a', /too common/],
    ['1qaz2wsx3edc', 'a', /too common/],
    ['5201314520', 'a', /too common/],
    ['zhongguo1949', 'a', /too common/],
    ['jingzhun2026', 'a', /too common/],
    ['wanglaoshi', 'wanglaoshi', /username/],
    ['wanglaoshi2026', 'WangLaoShi', /username/],
    ['wang.laoshi-2026!', 'wang.laoshi', /username/],
    ['2026-wanglaoshi', 'wanglaoshi', /username/],
  ];
  it.each(cases)('%j (user %s)', (pw, username, expected) => {
    const problem = passwordProblem(pw, { username });
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('refuses every listed common password and counts code points, not bytes', () => {
    for (const p of COMMON_PASSWORDS) expect(passwordProblem(p), p).not.toBeNull();
    expect(COMMON_PASSWORDS.length).toBeGreaterThan(300);
    expect(passwordProblem('精准扶贫建档立卡平台')).toBeNull(); // 10 characters
    expect(passwordProblem('精准扶贫建档立卡平')).toMatch(new RegExp(`at least ${MIN_PASSWORD_LENGTH}`));
  });
});
