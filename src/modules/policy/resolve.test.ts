import { describe, expect, it } from 'vitest';
import { effectiveVersion, levelOfPrefix, prefixesOf, resolveParams, type ParamVersion } from './resolve.js';

const v = (key: string, regionPrefix: string, effectiveFrom: string, value: unknown): ParamVersion => ({
  key,
  regionPrefix,
  effectiveFrom,
  value,
  setBy: 'test',
  setAt: null,
  reason: `${key}@${regionPrefix || 'national'}@${effectiveFrom}`,
  synthetic: false,
});

const LINES = [
  v('povertyLine', '', '2019-01-01', 3218),
  v('povertyLine', '', '2020-01-01', 4000),
  v('povertyLine', '43', '2020-07-01', 4200),
  v('povertyLine', '433124', '2018-01-01', 3100),
];

describe('effective parameter version', () => {
  it.each([
    ['national on the effective date', '4301', '2020-01-01', 4000],
    ['national the day before', '4301', '2019-12-31', 3218],
    ['province once effective', '430100', '2020-07-01', 4200],
    ['national before the province starts', '430100', '2020-06-30', 4000],
    ['the most specific prefix wins even when older', '433124110226', '2020-08-01', 3100],
    ['another province keeps the national value', '52', '2020-08-01', 4000],
  ])('%s', (_label, region, date, value) => {
    expect(effectiveVersion(LINES, region, date)?.value).toBe(value);
  });

  it('is null before any version', () => {
    expect(effectiveVersion(LINES, '52', '2018-12-31')).toBeNull();
  });

  it('names levels and prefixes', () => {
    expect(prefixesOf('433124110226')).toEqual(['', '43', '4331', '433124']);
    expect(prefixesOf('')).toEqual(['']);
    expect(['', '43', '4331', '433124'].map(levelOfPrefix)).toEqual([
      'national',
      'province',
      'prefecture',
      'county',
    ]);
  });
});

describe('resolved parameters', () => {
  it('derives the monitoring line and last year’s line, and keeps provenance', () => {
    const r = resolveParams(
      [...LINES, v('monitoringLineFactor', '', '2011-01-01', 1.5)],
      '430100',
      '2021-03-01',
      true,
    );
    expect(r.params).toMatchObject({
      year: 2021,
      western: true,
      povertyLine: 4200,
      previousPovertyLine: 4200,
    });
    expect(r.params.monitoringLine).toBe(6300);
    expect(r.sources.monitoringLine).toMatchObject({
      level: 'province',
      derived: 'monitoringLineFactor × povertyLine',
    });
    expect(r.params.provenance.povertyLine).toEqual({
      level: 'province',
      regionCode: '43',
      effectiveFrom: '2020-07-01',
      source: 'povertyLine@43@2020-07-01',
    });
  });

  it('uses an explicit monitoring line when one applies', () => {
    const r = resolveParams(
      [...LINES, v('monitoringLine', '43', '2021-01-01', 6500)],
      '430100',
      '2021-03-01',
      false,
    );
    expect(r.params.monitoringLine).toBe(6500);
    expect(r.sources.monitoringLine.derived).toBeNull();
  });

  it('falls back to the built-in default for a parameter without versions', () => {
    const r = resolveParams([], '52', '2020-05-01', false);
    expect(r.params.povertyLine).toBe(4000);
    expect(r.params.noticeDays.identification).toBe(7);
    expect(r.sources.noticeDays).toMatchObject({ level: 'national', derived: 'defaultParams' });
    expect(r.extras.urbanDibaoStandardMonthly).toBeGreaterThan(0);
  });
});
