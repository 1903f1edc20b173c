import { makeHousehold } from './household.js';
import { IdAllocator } from './id-allocator.js';
import { nameProfile } from './names.js';
import {
  COMMUNITY_SIZE_FACTOR,
  COUNTY_REGISTERED_SHARE,
  HOUSEHOLDS_AT_SCALE_1,
  HOUSEHOLDS_PER_GROUP,
  MAX_HOUSEHOLDS_PER_VILLAGE,
  POOR_SHARE_COMMUNITY,
  POOR_SHARE_VILLAGE,
  VILLAGE_SIZE_SIGMA,
} from './parameters.js';
import { Rng } from '../../domain/random.js';
import type { DemoHousehold, DemoInput, DemoVillage, DemoVillageResult, VillagePlan } from './types.js';

/**
 * The synthetic demo county, one village at a time (memory stays bounded at any scale). Output
 * depends only on the input: the same seed, villages and years give byte-identical households.
 */

export const REGISTRATION_BASE_YEAR = 2014;

export function isCommunity(name: string): boolean {
  return /(社区|居委会|居民委员会)$/.test(name);
}

export function validateInput(input: DemoInput): void {
  const problems: string[] = [];
  if (!Number.isFinite(input.seed)) problems.push('seed must be a finite number');
  if (!(input.scale > 0 && input.scale <= 100)) problems.push('scale must be in (0, 100]');
  if (!/^\d{6}$/.test(input.county.code)) problems.push('county code must have 6 digits');
  if (input.villages.length === 0) problems.push('no villages');
  if (!(
    input.firstYear >= REGISTRATION_BASE_YEAR &&
    input.firstYear <= input.lastYear &&
    input.lastYear <= 2040
  )) {
    problems.push(`years must satisfy ${REGISTRATION_BASE_YEAR} ≤ firstYear ≤ lastYear ≤ 2040`);
  }
  const seen = new Set<string>();
  for (const v of input.villages) {
    if (!/^\d{12}$/.test(v.code) || !v.code.startsWith(input.county.code))
      problems.push(`bad village code ${v.code}`);
    if (!/^\d{9}$/.test(v.townshipCode) || !v.code.startsWith(v.townshipCode)) {
      problems.push(`village ${v.code} is not under township ${v.townshipCode}`);
    }
    if (seen.has(v.code)) problems.push(`duplicate village ${v.code}`);
    seen.add(v.code);
  }
  if (problems.length > 0) throw new Error(`invalid demo input: ${problems.join('; ')}`);
}

/** Split `total` in proportion to `weights`, no part above `cap` (largest remainders). */
export function apportion(weights: readonly number[], total: number, cap: number): number[] {
  const counts = weights.map(() => 0);
  let open = weights.map((_, i) => i);
  let left = Math.min(total, cap * weights.length);
  while (left > 0 && open.length > 0) {
    const sum = open.reduce((s, i) => s + weights[i]!, 0);
    const ideal = open.map((i) => (weights[i]! / sum) * left);
    const over = open.filter((i, k) => counts[i]! + ideal[k]! > cap);
    if (over.length > 0) {
      for (const i of over) {
        left -= cap - counts[i]!;
        counts[i] = cap;
      }
      open = open.filter((i) => !over.includes(i));
      continue;
    }
    const floors = ideal.map(Math.floor);
    open.forEach((i, k) => (counts[i]! += floors[k]!));
    let rest = left - floors.reduce((s, x) => s + x, 0);
    const order = open
      .map((i, k) => ({ i, frac: ideal[k]! - floors[k]! }))
      .sort((a, b) => b.frac - a.frac || a.i - b.i);
    for (const { i } of order) {
      if (rest <= 0) break;
      counts[i]! += 1;
      rest--;
    }
    left = 0;
  }
  return counts;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

/** Households per village, each village's registered-poor propensity and its number of groups. */
export function planVillages(input: DemoInput): VillagePlan[] {
  validateInput(input);
  const villages: DemoVillage[] = [...input.villages].sort((a, b) => (a.code < b.code ? -1 : 1));
  const rng = new Rng(`${input.seed}:${input.county.code}:plan`);
  const weights = villages.map(
    (v) => rng.lognormal(1, VILLAGE_SIZE_SIGMA) * (isCommunity(v.name) ? COMMUNITY_SIZE_FACTOR : 1),
  );
  const total = Math.round(HOUSEHOLDS_AT_SCALE_1 * input.scale);
  const counts = apportion(weights, total, MAX_HOUSEHOLDS_PER_VILLAGE);
  const logits = villages.map((v) => {
    const p = isCommunity(v.name) ? POOR_SHARE_COMMUNITY : POOR_SHARE_VILLAGE;
    return logit(p.mean) + rng.normal(0, p.logitSd);
  });
  const shift = shiftToShare(logits, counts, COUNTY_REGISTERED_SHARE);
  return villages.map((village, i) => {
    const households = counts[i]!;
    const groups = Math.max(1, Math.min(households, 20, Math.round(households / HOUSEHOLDS_PER_GROUP)));
    return { village, households, poorShare: logistic(logits[i]! + shift), groups };
  });
}

/** The common logit shift that makes the household-weighted mean share equal `target` (bisection). */
function shiftToShare(logits: readonly number[], counts: readonly number[], target: number): number {
  const total = counts.reduce((s, n) => s + n, 0);
  if (total === 0) return 0;
  const mean = (c: number) => logits.reduce((s, l, i) => s + logistic(l + c) * counts[i]!, 0) / total;
  let lo = -10;
  let hi = 10;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (mean(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function* generateCounty(input: DemoInput): Generator<DemoVillageResult> {
  const plans = planVillages(input);
  const ids = new IdAllocator(input.county.code);
  const profile = nameProfile(input.county.code);
  for (const plan of plans) {
    if (plan.households === 0) continue;
    const ctx = { input, ids, profile, plan, rng: new Rng(`${input.seed}:${plan.village.code}`) };
    const households: DemoHousehold[] = [];
    let registeredFirstYear = 0;
    for (let i = 0; i < plan.households; i++) {
      const h = makeHousehold(ctx, i);
      if (h.household.registered_year === REGISTRATION_BASE_YEAR) registeredFirstYear++;
      households.push(h);
    }
    yield { village: plan.village, households, registeredFirstYear };
  }
}

export function* generateHouseholds(input: DemoInput): Generator<DemoHousehold> {
  for (const v of generateCounty(input)) yield* v.households;
}
