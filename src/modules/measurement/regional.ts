import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { mergeParts, partOf, type Part } from '../../domain/measurement/parts.js';
import { frameOf, type RegistryFrame } from '../../domain/measurement/registry.js';
import { entryBytes, type PartCache, type PartEntry } from './part-cache.js';
import { measuresRepository as repo } from './repository.js';
import type { State } from './snapshot.js';
import { storeOf } from './store.js';
import { rowsOf, type View } from './view.js';

/** Regions whose measures come from per-county parts: above county level (nation, province, prefecture). */
export const ABOVE_COUNTY = (region: string) => region.length < 6;

/**
 * Counties read at once for a region above county level: two keep the database and Node busy side by
 * side (a county's store read is mostly the database's work, its part mostly Node's).
 */
const READERS = 2;

/** Answers kept for this many (region, year) pairs, each while its parts are the ones held. */
const STATES_KEPT = 32;

interface Held {
  entries: PartEntry[];
  state: State;
}

/**
 * A state whose frame is the merge of `parts`, built when first asked and held weakly: answers are
 * kept in `results`, the frame (some 100 bytes a household) only while a computation uses it.
 */
function lazyState(parts: readonly Part[]): State {
  let ref: WeakRef<RegistryFrame> | undefined;
  return {
    results: new Map(),
    get frame() {
      let f = ref?.deref();
      if (!f) {
        f = mergeParts(parts);
        ref = new WeakRef(f);
      }
      return f;
    },
  };
}

/**
 * The measures of a region above county level from its counties' parts (docs/measures.md "Province
 * and nation"): each county with yearly rows in the region is read alone (the county read of the
 * stores), reduced to its part of each year asked and let go; the region's year frame is the merge of
 * the parts, so it equals the frame of the whole region's store. `from` picks the server a county is
 * read from (a replica when configured).
 */
export function createRegional(parts: PartCache, from: () => Kysely<DB>) {
  const inflight = new Map<string, Promise<PartEntry[]>>();
  const states = new Map<string, Held>();

  /** Forget the answers of states whose parts are no longer all held (so they hold no part beyond the budget). */
  const prune = () => {
    for (const [k, h] of states) if (!h.entries.every((e) => parts.holds(e))) states.delete(k);
  };

  /** Read county `county` alone (its rows of `years` and the years before) and build its parts of `years`. */
  async function read(county: string, years: readonly number[]): Promise<PartEntry[]> {
    const server = from();
    const seen = parts.knownMarks();
    const position = await repo.position(server);
    const data = await repo.data(server, { region: county, years });
    const store = storeOf(county, data);
    // where a change may touch the parts: villages of the rows read, and where the households live now
    const villages = new Set([...store.village, ...data.households.village]);
    const view: View = { base: store, overlay: null, replaced: new Set() };
    const out = years.map((year) => {
      const part = partOf(frameOf(rowsOf(view, year)), county);
      return {
        county,
        year,
        part,
        bytes: entryBytes(part, villages),
        position,
        villages,
        seen: new Set(seen),
      };
    });
    parts.put(out);
    return out;
  }

  /** The parts of `county` in `years`: held ones, the others from one read of the county. */
  async function countyParts(county: string, years: readonly number[]): Promise<PartEntry[]> {
    for (let p = inflight.get(county); p; p = inflight.get(county)) await p.catch(() => undefined);
    const held = years.map((y) => parts.get(county, y));
    const missing = years.filter((_, i) => !held[i]);
    if (missing.length === 0) return held as PartEntry[];
    const p = read(county, missing);
    inflight.set(county, p);
    try {
      const fresh = await p;
      return years.map((y, i) => held[i] ?? fresh.find((e) => e.year === y)!);
    } finally {
      inflight.delete(county);
    }
  }

  /**
   * The parts of every county of `region` in `year`, in county order, read READERS counties at a time
   * (one county's store each): while Node builds one county's part the database reads the next.
   */
  async function partsOf(region: string, year: number): Promise<PartEntry[]> {
    const counties = await repo.countiesIn(from(), region);
    const out: PartEntry[][] = new Array(counties.length);
    let next = 0;
    const reader = async () => {
      for (let i = next++; i < counties.length; i = next++) out[i] = await countyParts(counties[i]!, [year]);
    };
    await Promise.all(Array.from({ length: Math.min(READERS, counties.length) }, reader));
    return out.flat();
  }

  return {
    parts,

    /** Years with a yearly row in the region (an index probe a year). */
    yearsOf: (region: string) => repo.yearsIn(from(), region),

    /** The state of `region` in `year`: its answers so far, the frame merged from the parts when asked. */
    async state(region: string, year: number): Promise<State> {
      prune();
      const entries = await partsOf(region, year);
      prune();
      const key = `${region}|${year}`;
      const held = states.get(key);
      states.delete(key);
      if (held && held.entries.length === entries.length && held.entries.every((e, i) => e === entries[i])) {
        states.set(key, held);
        return held.state;
      }
      const state = lazyState(entries.map((e) => e.part));
      states.set(key, { entries, state });
      while (states.size > STATES_KEPT) states.delete(states.keys().next().value!);
      return state;
    },

    clear(): void {
      states.clear();
      parts.clear();
    },
  };
}
export type Regional = ReturnType<typeof createRegional>;
