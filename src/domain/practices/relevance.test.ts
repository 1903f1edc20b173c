import { describe, expect, it } from 'vitest';
import { placeOf, rankPractices, relevanceOf, type PracticeFacts } from './relevance.js';

const VILLAGE = '433124110226';
const entry = (id: string, regionCode: string, over: Partial<PracticeFacts> = {}): PracticeFacts => ({
  id,
  regionCode,
  causes: [],
  measureCodes: [],
  projectIds: [],
  createdAt: '2026-01-01T00:00:00Z',
  ...over,
});
const subject = { villageCode: VILLAGE, causes: ['illness', 'skills'], measureCodes: ['medical_aid'] };

describe('placeOf', () => {
  it.each([
    ['433124110226', 1],
    ['433124110201', 2], // another village of the township
    ['433124110', 2], // the township itself
    ['433124', 3], // the county
    ['433124100201', 3], // a village of another township
    ['433122100201', 4], // another county
  ])('%s → %i', (region, tier) => expect(placeOf(region, VILLAGE)).toBe(tier));
});

describe('rankPractices', () => {
  it('orders same village, township, county; then shared causes, measures, newest', () => {
    const rows = [
      entry('1', '433124', { causes: ['skills'] }), // county, 1 cause
      entry('2', '433124100201', { causes: ['illness', 'skills'] }), // county (other township), 2 causes
      entry('3', '433124110', {}), // township, place only
      entry('4', VILLAGE, {}), // same village
      entry('5', '433124', { measureCodes: ['medical_aid'] }), // county, measure only
      entry('6', '433124', {}), // county, nothing shared: not shown
      entry('7', '433122100201', { causes: ['illness', 'skills'] }), // another county: not shown
      entry('8', '433124110201', { causes: ['illness'], createdAt: '2026-03-01T00:00:00Z' }),
      entry('9', '433124110201', { causes: ['illness'], createdAt: '2026-02-01T00:00:00Z' }),
    ];
    expect(rankPractices(rows, subject).map((r) => r.entry.id)).toEqual(['4', '8', '9', '3', '2', '1', '5']);
  });

  it('puts an entry about the project first, and says why', () => {
    const rows = [entry('1', VILLAGE), entry('2', '433124', { projectIds: ['77'] })];
    const ranked = rankPractices(rows, {
      villageCode: VILLAGE,
      causes: [],
      measureCodes: [],
      projectId: '77',
    });
    expect(ranked.map((r) => r.entry.id)).toEqual(['2', '1']);
    expect(ranked[0]!.reasons.map((r) => r.criterion)).toEqual(['same_project', 'same_county']);
  });

  it('declares health data for a shared cause of illness, none for skills', () => {
    const r = relevanceOf(entry('1', '433124', { causes: ['illness', 'skills'] }), subject)!;
    const cause = r.reasons.find((x) => x.criterion === 'cause')!;
    expect(cause.value).toEqual(['illness', 'skills']);
    expect(cause.rests).toEqual(['health']);
    const skills = relevanceOf(entry('2', '433124', { causes: ['skills'] }), subject)!;
    expect(skills.reasons.find((x) => x.criterion === 'cause')!.rests).toEqual([]);
  });

  it('keeps at most `limit` entries', () => {
    const rows = Array.from({ length: 20 }, (_, i) => entry(String(i + 1), VILLAGE));
    expect(rankPractices(rows, subject, 5)).toHaveLength(5);
  });
});
