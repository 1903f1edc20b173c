/**
 * The terms of a Chinese library search (policy library, practice library): split on white space, at
 * most 5, each at most 40 characters. The database looks them up by the character bigrams of
 * migration 037 (`policy_bigrams`) and then checks each term occurs as written.
 */
export const termsOf = (q: string | undefined): string[] =>
  (q ?? '')
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .slice(0, 5)
    .map((t) => t.slice(0, 40));
