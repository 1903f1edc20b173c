import { describe, expect, it } from 'vitest';
import { redact, WITHHELD_CRITERION } from '../explanations.js';
import type { DataClass } from '../visibility.js';
import {
  riskScore,
  SCORE_MAY_REST_ON,
  type Contribution,
  type ScoreSignal,
  type Vulnerability,
} from './score.js';
import { REPORT_KINDS } from './kinds.js';

/**
 * The warning criteria declare their grounds: a criterion that changes with a member's health or
 * disability (the vulnerabilities, the caps over them) rests on it, and a village cadre reads the same
 * redacted criteria whether or not the household has an ill or disabled member.
 */
const TODAY = '2025-07-01';
const none: Vulnerability = {
  noLabour: false,
  seriousIllness: false,
  disability: false,
  elderlyAlone: false,
};
const NEEDS: Record<keyof Vulnerability, DataClass | null> = {
  noLabour: null,
  seriousIllness: 'health',
  disability: 'disability',
  elderlyAlone: null,
};
const signals: ScoreSignal[][] = [
  [],
  [
    {
      id: '1',
      channel: 'cadre_screening',
      kind: 'accident',
      observedOn: TODAY,
      detail: { estimatedLoss: 3000 },
    },
  ],
  REPORT_KINDS.map((kind, i) => ({
    id: String(i),
    channel: 'self_report',
    kind,
    observedOn: TODAY,
    detail: {},
  })),
];
const neutral = (): Contribution => ({
  criterion: WITHHELD_CRITERION,
  label_zh: '',
  label_en: '',
  value: null,
  threshold: null,
  passed: true,
  binding: false,
  rests: [],
  points: 0,
  signalId: null,
  channel: null,
});
const asCadre = (cs: Contribution[]) =>
  redact(cs, { role: 'village_cadre' }, { neutral, mayRestOn: SCORE_MAY_REST_ON });
const text = (c: Contribution) => JSON.stringify([c.label_zh, c.label_en, c.value, c.threshold, c.points]);

describe('grounds of the warning criteria', () => {
  const bases: Vulnerability[] = [none, { ...none, noLabour: true, elderlyAlone: true }];
  const cases = signals.flatMap((s) =>
    bases.flatMap((base) =>
      (Object.keys(NEEDS) as (keyof Vulnerability)[])
        .filter((k) => NEEDS[k] !== null)
        .map((k) => ({ s, base, k })),
    ),
  );

  it.each(cases)('vulnerability $k over $s.length signal(s)', ({ s, base, k }) => {
    const before = riskScore(s, base, TODAY).contributions;
    const after = riskScore(s, { ...base, [k]: true }, TODAY).contributions;
    const a = new Map(before.map((c) => [c.criterion + (c.signalId ?? ''), c]));
    const b = new Map(after.map((c) => [c.criterion + (c.signalId ?? ''), c]));
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(key);
      const y = b.get(key);
      if (x && y && text(x) === text(y)) continue;
      for (const c of [x, y].filter((c): c is Contribution => c !== undefined))
        expect(c.rests, `${c.criterion} changes with ${k}`).toContain(NEEDS[k]);
    }
    // the cadre's list is the same; only the score (which stays) may differ
    expect(asCadre(after)).toEqual(asCadre(before));
    expect(asCadre(after).at(-1)?.criterion).toBe(WITHHELD_CRITERION);
  });

  it('the leak of the issue: "有残疾成员 +8" reaches staff, not a cadre', () => {
    const r = riskScore([], { ...none, disability: true }, TODAY);
    expect(r.contributions.map((c) => c.label_zh)).toContain('有残疾成员 +8');
    expect(JSON.stringify(asCadre(r.contributions))).not.toMatch(/残疾|大病|disab|ill/);
    expect(asCadre(r.contributions)).toEqual([neutral()]);
  });
});
