/**
 * The exclusion red lines of identification (DOMAIN.md §4). Their effects are policy parameters
 * (`PolicyParams.redLines`, params.ts); the keys are also named by facts (a hit) and by the
 * department lists that prove them (matching/kinds.ts), so they live in this leaf file.
 */
export type RedLineKey =
  | 'car'
  | 'commercial_housing'
  | 'company'
  | 'public_employee'
  | 'village_cadre'
  | 'split_household'
  | 'absent_over_year';

/** `block`: a hit excludes; `exception`: a hit excludes unless a written exception is on file. */
export interface RedLine {
  key: RedLineKey;
  effect: 'block' | 'exception';
}
