import { describe, expect, it } from 'vitest';
import { caseDefinitions } from '../cases/index.js';
import { QUALITY_CHECKS } from '../quality/catalogue.js';
import { defaultParams } from '../rules/params.js';
import { MEASURE_TYPES } from '../rules/facts.js';
import {
  caseStepGuidance,
  FINDING_GUIDANCE,
  findingGuidance,
  measureGuidance,
  type Guidance,
} from './index.js';

/** Every case step, measure kind and quality finding has guidance, in Chinese and in English. */
const bilingual = (gd: Guidance | null, what: string) => {
  expect(gd, what).not.toBeNull();
  for (const part of [gd!.check, gd!.tell]) {
    expect(part.zh, what).toMatch(/[\u4e00-\u9fff]{4}/);
    // no English word on a Chinese page (units like C/D grades aside)
    expect(part.zh.replace(/[CD]级/g, ''), what).not.toMatch(/[A-Za-z]{2}/);
    expect(part.en, what).toMatch(/^[A-Z][\x20-\x7e\u2019]+[.?]$/);
  }
};

describe('guidance', () => {
  it('covers every step of every case procedure', () => {
    const defs = caseDefinitions(defaultParams(2024));
    let n = 0;
    for (const def of Object.values(defs))
      for (const t of def.transitions) {
        bilingual(caseStepGuidance(def.kind, t.action), `${def.kind}.${t.action}`);
        n++;
      }
    expect(n).toBeGreaterThan(30);
    expect(caseStepGuidance('exit', 'no_such_step')).toBeNull();
  });

  it('covers every measure kind', () => {
    for (const m of MEASURE_TYPES) bilingual(measureGuidance(m), m);
    expect(measureGuidance('unknown_kind')).toBeNull();
  });

  it('covers every quality check, and only checks that exist', () => {
    for (const c of QUALITY_CHECKS) bilingual(findingGuidance(c.id), c.id);
    const ids = new Set(QUALITY_CHECKS.map((c) => c.id));
    expect(Object.keys(FINDING_GUIDANCE).filter((k) => !ids.has(k))).toEqual([]);
  });
});
