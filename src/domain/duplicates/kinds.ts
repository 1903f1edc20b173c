import type { CodeEntry } from '../code-entry.js';

/**
 * Kinds of duplicates in the registry (DOMAIN.md §5): one ID number in two households, a person
 * entered twice with a typo in the ID number, and a household registered twice.
 */
export const DUPLICATE_KINDS = ['same_id', 'near_person', 'same_household'] as const;
export type DuplicateKind = (typeof DUPLICATE_KINDS)[number];

export const DUPLICATE_CODE_LISTS = {
  duplicate_kind: [
    { code: 'same_id', zh: '身份证号重复', en: 'same ID number in two households' },
    { code: 'near_person', zh: '疑似重复人员', en: 'near-duplicate person' },
    { code: 'same_household', zh: '疑似重复户', en: 'household registered twice' },
  ],
} as const satisfies Record<string, readonly CodeEntry[]>;
