import { addDays } from '../calendar.js';
import { fire } from './fire.js';
import type { Actor, CaseDefinition, CaseState, FirePayload, Objection } from './types.js';

/** Actors, dates and a walker for case tests and demo data (pure helpers, no test framework). */
export const village: Actor = { role: 'village_cadre', scopeLevel: 'village', id: 'v1' };
export const township: Actor = { role: 'township_officer', scopeLevel: 'township', id: 't1' };
export const county: Actor = { role: 'county_officer', scopeLevel: 'county', id: 'c1' };
export const civil: Actor = { role: 'civil_affairs', scopeLevel: 'county', id: 'ca1' };

/** 10:00 in China on day `n` after `start`. */
export const dayAt = (start: string, n: number): Date => new Date(`${addDays(start, n)}T02:00:00Z`);

/** A notice over days [from, from + days − 1] of `start`, with optional objections. */
export const noticeOf = (
  start: string,
  from: number,
  days: number,
  objections: readonly Objection[] = [],
) => ({
  notice: { start: addDays(start, from), end: addDays(start, from + days - 1), objections },
});

export interface Step {
  action: string;
  actor: Actor;
  day: number;
  payload?: FirePayload;
}

/** Fire each step in order; throws with the refusal when one fails. */
export function walk(def: CaseDefinition, c: CaseState, start: string, steps: readonly Step[]): CaseState {
  return steps.reduce((cur, s) => {
    const r = fire(def, cur, s.action, s.actor, s.payload ?? {}, dayAt(start, s.day));
    if (!r.ok) throw new Error(`${s.action}: ${r.code} ${r.message}`);
    return r.next;
  }, c);
}
