import type { PovertyCause } from '../../domain/code-lists.js';
import { RELOCATION_RATE } from './parameters.js';
import { parseWeights, weightedTable, type Rng, type WeightedTable } from '../../domain/random.js';
import type { DemoHouseholdRow } from './types.js';

/**
 * Land, house and living conditions. Registered households had many C/D (dangerous) houses and
 * unsafe water in 2014; by exit every house is safe (rebuilt or reinforced, or the family was
 * relocated) and the water is safe. The row shows the current state; `baseline` keeps 2014.
 */

type Grade = DemoHouseholdRow['house_grade'];
type DwellingFields = Pick<
  DemoHouseholdRow,
  | 'land_cultivated_mu'
  | 'land_forest_mu'
  | 'house_area_m2'
  | 'house_structure'
  | 'house_year'
  | 'house_grade'
  | 'relocated'
  | 'electricity'
  | 'fuel'
  | 'safe_water'
  | 'sanitary_toilet'
  | 'paved_access'
  | 'road_distance_km'
  | 'market_distance_km'
  | 'coop_member'
  | 'enterprise_tie'
  | 'industry_type'
>;

export interface Dwelling {
  row: DwellingFields;
  baseline: { houseGrade: Grade; safeWater: boolean };
  /** Mu of land returned to forest (退耕还林), paid as ecological compensation. */
  retiredMu: number;
  relocatedYear: number | null;
}

const t = (text: string): WeightedTable<string> => weightedTable(parseWeights(text));
const GRADE_2014 = { registered: t('A:15 B:30 C:30 D:25'), ordinary: t('A:45 B:44 C:8 D:3') };
const STRUCTURE = {
  registered: t('brick_concrete:25 brick_wood:20 wood:33 earth:20 other:2'),
  ordinary: t('brick_concrete:42 brick_wood:20 wood:28 earth:8 other:2'),
};
const BUILT: Record<string, [number, number]> = {
  brick_concrete: [1992, 2022],
  brick_wood: [1975, 2010],
  wood: [1955, 2008],
  earth: [1950, 1995],
  other: [1970, 2015],
};
const FUEL = t('firewood:45 electric:28 gas:22 coal:4 other:1');
const INDUSTRY = t('crops:28 livestock:18 tea_fruit:24 tourism:3 processing:2 none:25');

const round1 = (x: number) => Math.round(x * 10) / 10;

export interface DwellingRequest {
  registered: boolean;
  cause: PovertyCause | null;
  size: number;
  /** The year the house or water was fixed (by exit); null when never registered. */
  exitYear: number | null;
  working: boolean;
  last: number;
}

export function drawDwelling(rng: Rng, o: DwellingRequest): Dwelling {
  const kind = o.registered ? 'registered' : 'ordinary';
  const remote = o.cause === 'transport' || o.cause === 'water' || o.cause === 'land';
  const structure = rng.weighted(STRUCTURE[kind]);
  const [from, to] = BUILT[structure]!;
  const grade2014 = rng.weighted(GRADE_2014[kind]) as Grade;
  const water2014 = rng.chance(o.registered ? (o.cause === 'water' ? 0.1 : 0.7) : 0.9);
  const relocate =
    o.exitYear !== null &&
    o.exitYear >= 2016 &&
    rng.chance(remote ? RELOCATION_RATE.remote : RELOCATION_RATE.base);
  const relocatedYear = relocate ? rng.int(2016, Math.min(2019, o.exitYear!)) : null;
  const row: DwellingFields = {
    land_cultivated_mu: round1(o.size * rng.lognormal(0.9, 0.45) * (o.cause === 'land' ? 0.35 : 1)),
    land_forest_mu: rng.chance(0.3) ? 0 : round1(rng.lognormal(5, 0.8)),
    house_area_m2: round1(Math.min(400, Math.max(30, rng.lognormal(o.registered ? 85 : 120, 0.35)))),
    house_structure: structure,
    house_year: Math.min(o.last, rng.int(from, to)),
    house_grade: grade2014,
    relocated: false,
    electricity: true,
    fuel: rng.weighted(FUEL),
    safe_water: o.registered || water2014 || rng.chance(0.9),
    sanitary_toilet: rng.chance(o.registered ? 0.82 : 0.72),
    paved_access: rng.chance(0.96),
    road_distance_km: round1(Math.min(25, rng.lognormal(1.2, 0.9) * (o.cause === 'transport' ? 3 : 1))),
    market_distance_km: round1(Math.min(45, Math.max(0.3, rng.lognormal(6, 0.6)))),
    coop_member: rng.chance(o.registered ? 0.45 : 0.12),
    enterprise_tie: rng.chance(o.registered ? 0.22 : 0.04),
    industry_type: !o.working && rng.chance(0.7) ? 'none' : rng.weighted(INDUSTRY),
  };
  if (relocatedYear !== null) {
    Object.assign(row, {
      house_area_m2: Math.min(25 * o.size, rng.int(20, 25) * o.size),
      house_structure: 'brick_concrete',
      house_year: relocatedYear,
      house_grade: 'A',
      relocated: true,
      fuel: rng.chance(0.6) ? 'electric' : 'gas',
      sanitary_toilet: true,
      paved_access: true,
      road_distance_km: round1(rng.uniform(0.1, 1)),
      market_distance_km: round1(rng.uniform(0.3, 3)),
    });
  } else if (grade2014 === 'C' || grade2014 === 'D') {
    fixHouse(rng, row, grade2014, o);
  }
  const retiredMu = rng.chance(0.2) ? round1(rng.lognormal(1.5, 0.5)) : 0;
  return { row, baseline: { houseGrade: grade2014, safeWater: water2014 }, retiredMu, relocatedYear };
}

/** 危房改造: D houses are rebuilt, C houses reinforced — always for registered households by exit. */
function fixHouse(rng: Rng, row: DwellingFields, grade: Grade, o: DwellingRequest) {
  const fixed = o.registered || rng.chance(0.5);
  if (!fixed) return;
  const by = o.exitYear ?? rng.int(2015, o.last);
  const year = rng.int(Math.min(2015, by), by);
  if (grade === 'D') {
    Object.assign(row, {
      house_grade: rng.chance(0.6) ? 'A' : 'B',
      house_structure: 'brick_concrete',
      house_year: year,
    });
    row.house_area_m2 = round1(Math.min(row.house_area_m2, rng.lognormal(75, 0.25)));
  } else {
    row.house_grade = 'B';
  }
}
