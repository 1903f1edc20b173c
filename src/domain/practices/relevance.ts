import type { DataClass } from '../visibility.js';

/**
 * Which practice entries are relevant to a household or a project, in what order and why (案例库,
 * issue 21 item 3). Place first — the same village, then the same township, then elsewhere in the
 * county — then the number of the household's poverty causes the entry shares, then the measures it
 * shares, then newest first. An entry of the same village or township is shown for its place alone;
 * one elsewhere in the county only when it shares a cause, a measure or the project.
 */
export interface PracticeFacts {
  id: string;
  regionCode: string;
  causes: readonly string[];
  measureCodes: readonly string[];
  projectIds: readonly string[];
  createdAt: string;
}

export interface RelevanceSubject {
  /** The household's (or the project's) village code. */
  villageCode: string;
  causes: readonly string[];
  measureCodes: readonly string[];
  projectId?: string | null;
}

export interface RelevanceReason {
  criterion: 'same_project' | 'same_village' | 'same_township' | 'same_county' | 'cause' | 'measure';
  label_zh: string;
  label_en: string;
  /** The shared codes (causes, measures) or the place code. */
  value: string[];
  /** The personal data classes the reason reads: causes of illness and disability are health data. */
  rests: readonly DataClass[];
}

export interface Relevant<T extends PracticeFacts> {
  entry: T;
  /** 0 same project, 1 same village, 2 same township, 3 same county, 4 elsewhere */
  place: number;
  reasons: RelevanceReason[];
}

const HEALTH_CAUSES: Readonly<Record<string, DataClass>> = { illness: 'health', disability: 'disability' };

/** The place tier of an entry's region for a village: 1 village, 2 township, 3 county, 4 elsewhere. */
export function placeOf(entryRegion: string, villageCode: string): number {
  if (entryRegion === villageCode) return 1;
  if (entryRegion.length >= 9 && entryRegion.slice(0, 9) === villageCode.slice(0, 9)) return 2;
  if (entryRegion.slice(0, 6) === villageCode.slice(0, 6)) return 3;
  return 4;
}

const PLACE_REASON: Record<number, Omit<RelevanceReason, 'value' | 'rests'>> = {
  1: { criterion: 'same_village', label_zh: '同一个村的做法', label_en: 'from the same village' },
  2: { criterion: 'same_township', label_zh: '同一个乡镇的做法', label_en: 'from the same township' },
  3: { criterion: 'same_county', label_zh: '本县的做法', label_en: 'from the same county' },
};

const shared = (a: readonly string[], b: readonly string[]) => a.filter((x) => b.includes(x));

/** Why one entry is shown for the subject, or null when it is not relevant. */
export function relevanceOf<T extends PracticeFacts>(
  entry: T,
  subject: RelevanceSubject,
): Relevant<T> | null {
  const reasons: RelevanceReason[] = [];
  const sameProject = !!subject.projectId && entry.projectIds.includes(subject.projectId);
  if (sameProject)
    reasons.push({
      criterion: 'same_project',
      label_zh: '记录的就是这个项目',
      label_en: 'about this very project',
      value: [subject.projectId!],
      rests: [],
    });
  const tier = placeOf(entry.regionCode, subject.villageCode);
  const place = sameProject ? 0 : tier;
  if (PLACE_REASON[tier]) reasons.push({ ...PLACE_REASON[tier]!, value: [entry.regionCode], rests: [] });
  const causes = shared(subject.causes, entry.causes);
  if (causes.length)
    reasons.push({
      criterion: 'cause',
      label_zh: '致贫原因相同',
      label_en: 'the same cause of poverty',
      value: causes,
      rests: [...new Set(causes.map((c) => HEALTH_CAUSES[c]).filter((c): c is DataClass => !!c))],
    });
  const measures = shared(subject.measureCodes, entry.measureCodes);
  if (measures.length)
    reasons.push({
      criterion: 'measure',
      label_zh: '涉及相同的帮扶措施',
      label_en: 'the same assistance measure',
      value: measures,
      rests: [],
    });
  if (tier === 4 && !sameProject) return null;
  if (place >= 3 && !causes.length && !measures.length) return null;
  return { entry, place, reasons };
}

const countOf = (r: Relevant<PracticeFacts>, c: RelevanceReason['criterion']) =>
  r.reasons.find((x) => x.criterion === c)?.value.length ?? 0;

/** The relevant entries, ordered: place, shared causes, shared measures, newest, id. */
export function rankPractices<T extends PracticeFacts>(
  entries: readonly T[],
  subject: RelevanceSubject,
  limit = 10,
): Relevant<T>[] {
  return entries
    .map((e) => relevanceOf(e, subject))
    .filter((r): r is Relevant<T> => r !== null)
    .sort(
      (a, b) =>
        a.place - b.place ||
        countOf(b, 'cause') - countOf(a, 'cause') ||
        countOf(b, 'measure') - countOf(a, 'measure') ||
        (a.entry.createdAt < b.entry.createdAt ? 1 : a.entry.createdAt > b.entry.createdAt ? -1 : 0) ||
        Number(a.entry.id) - Number(b.entry.id),
    )
    .slice(0, limit);
}
