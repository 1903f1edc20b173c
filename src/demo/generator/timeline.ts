import { addDays, randomDate, yearOf } from './calendar.js';
import {
  EXIT_YEAR,
  EXIT_YEAR_LATE,
  MONITORING,
  MONITORING_YEAR,
  REGISTRATION_YEAR,
  RETURN_RATE,
} from './parameters.js';
import { weightedTable, type Rng, type WeightedTable } from '../../domain/random.js';
import type { DemoStatus, DemoHouseholdRow } from './types.js';

/**
 * A household's path through the statuses: registration (2014, a few in 2015–2016), exit (2015–2020),
 * an occasional return to poverty before 2020, and from 2021 monitoring and risk removal.
 */

export type MonitoringCategory = NonNullable<DemoHouseholdRow['monitoring_category']>;

export interface Timeline {
  registeredOn: string | null;
  /** Dates of exits: the first, and the second after a return to poverty. */
  exits: string[];
  returnedOn: string | null;
  monitoring: { category: MonitoringCategory; identifiedOn: string; removedOn: string | null } | null;
}

export type EventKind = 'register' | 'exit' | 'return' | 're_exit' | 'monitor' | 'remove_risk';

export interface TimelineEvent {
  kind: EventKind;
  from: DemoStatus | null;
  to: DemoStatus;
  on: string;
}

/** Restrict a year table to an interval (empty ⇒ null). */
function within(t: WeightedTable<number>, from: number, to: number): WeightedTable<number> | null {
  const kept = t.values.map((y, i) => [y, t.cumulative[i]! - (i > 0 ? t.cumulative[i - 1]! : 0)] as const);
  const entries = kept.filter(([y]) => y >= from && y <= to);
  return entries.length > 0 ? weightedTable(entries) : null;
}

export function planTimeline(
  rng: Rng,
  o: { registered: boolean; lateExit: boolean; last: number },
): Timeline {
  const t: Timeline = { registeredOn: null, exits: [], returnedOn: null, monitoring: null };
  if (o.registered) {
    const regYear = rng.weighted(REGISTRATION_YEAR);
    t.registeredOn = regYear === 2014 ? randomDate(rng, 2014, 4, 10) : randomDate(rng, regYear, 8, 11);
    const years = within(o.lateExit ? EXIT_YEAR_LATE : EXIT_YEAR, regYear + 1, 2020)!;
    const exitYear = rng.weighted(years);
    t.exits.push(randomDate(rng, exitYear, 11, 12));
    if (exitYear <= 2018 && rng.chance(RETURN_RATE * (2020 - exitYear))) {
      const returnYear = rng.int(exitYear + 1, 2019);
      t.returnedOn = randomDate(rng, returnYear, 3, 9);
      t.exits.push(randomDate(rng, Math.min(2020, returnYear + rng.int(1, 2)), 11, 12));
    }
  }
  if (o.last >= 2021) t.monitoring = planMonitoring(rng, o.registered, o.last);
  return t;
}

function planMonitoring(rng: Rng, exited: boolean, last: number): Timeline['monitoring'] {
  const x = rng.next();
  const category: MonitoringCategory | null = exited
    ? x < MONITORING.unstable
      ? 'unstable'
      : x < MONITORING.unstable + MONITORING.sudden
        ? 'sudden'
        : null
    : x < MONITORING.marginal
      ? 'marginal'
      : x < MONITORING.marginal + MONITORING.sudden
        ? 'sudden'
        : null;
  if (!category) return null;
  const years = within(MONITORING_YEAR, 2021, last) ?? weightedTable([[last, 1]]);
  const year = rng.weighted(years);
  const identifiedOn = randomDate(rng, year, year === 2021 ? 3 : 1, 12);
  const earliest = addDays(identifiedOn, 183 + rng.int(0, 300));
  const removedOn = yearOf(earliest) <= last && rng.chance(MONITORING.removalRate) ? earliest : null;
  return { category, identifiedOn, removedOn };
}

/** The events in date order, up to the end of `last`. */
export function timelineEvents(t: Timeline, last: number): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  if (t.registeredOn) {
    const late = yearOf(t.registeredOn) > 2014;
    events.push({ kind: 'register', from: late ? 'none' : null, to: 'poor', on: t.registeredOn });
  }
  if (t.exits[0]) events.push({ kind: 'exit', from: 'poor', to: 'exited', on: t.exits[0] });
  if (t.returnedOn) events.push({ kind: 'return', from: 'exited', to: 'returned', on: t.returnedOn });
  if (t.exits[1]) events.push({ kind: 're_exit', from: 'returned', to: 'exited', on: t.exits[1] });
  if (t.monitoring) {
    const from = t.registeredOn ? 'exited' : 'none';
    events.push({ kind: 'monitor', from, to: 'monitored', on: t.monitoring.identifiedOn });
    if (t.monitoring.removedOn) {
      events.push({ kind: 'remove_risk', from: 'monitored', to: 'risk_removed', on: t.monitoring.removedOn });
    }
  }
  return events.filter((e) => yearOf(e.on) <= last);
}

/** Status at the end of a year. */
export function statusAt(events: readonly TimelineEvent[], year: number): DemoStatus {
  let status: DemoStatus = 'none';
  for (const e of events) if (yearOf(e.on) <= year) status = e.to;
  return status;
}

export const registeredYear = (t: Timeline) => (t.registeredOn ? yearOf(t.registeredOn) : null);
export const exitYear = (t: Timeline, last: number) => {
  const done = t.exits.filter((d) => yearOf(d) <= last);
  return done.length > 0 ? yearOf(done.at(-1)!) : null;
};
