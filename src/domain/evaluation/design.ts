import { Rng } from '../random.js';

/**
 * Third-party evaluation sample (第三方评估抽样), DOMAIN.md §4: a stratified two-stage design.
 *
 * Stage 1 — villages: the townships are strata; in each, a simple random sample of
 * `villagesPerTownship` villages without replacement (all of them when the township has fewer).
 * Stage 2 — households, in each sampled village, three second-stage strata:
 * - `exited`: registered households that have exited — a simple random sample of
 *   `exitedPerVillage` (all when fewer): they give the wrong-exit rate (错退率);
 * - `outside_vulnerable`: households outside the registry that are on dibao or special hardship,
 *   live in a dangerous house (grade C/D), have a seriously ill member, have nobody able to work, or
 *   are elderly people alone — ALL of them (certainty stratum), as the evaluation rules require;
 * - `outside_other`: other households outside the registry — a simple random sample of
 *   `otherPerVillage`. Both outside strata give the omission rate (漏评率).
 * Every sampled household is also asked whether it approves of the work (群众认可度).
 *
 * The draw is deterministic for a seed: villages and households are sorted by code / id first, so
 * the same frame and seed give the same sample on every machine.
 */
export const STRATA = ['exited', 'outside_vulnerable', 'outside_other'] as const;
export type Stratum = (typeof STRATA)[number];

export interface FrameVillage {
  code: string;
  township: string;
}

export interface FrameHousehold {
  id: string;
  village: string;
  stratum: Stratum;
}

export interface DesignParams {
  villagesPerTownship: number;
  exitedPerVillage: number;
  otherPerVillage: number;
  seed: string;
}

export interface SampledVillage {
  code: string;
  township: string;
  /** Villages in the township (N_h) and sampled there (n_h). */
  townshipVillages: number;
  townshipSampled: number;
}

/** One village × second-stage stratum cell: frame size M and sample size m. */
export interface SampleCell {
  village: string;
  stratum: Stratum;
  frame: number;
  sampled: number;
}

export interface SampledHousehold {
  id: string;
  village: string;
  township: string;
  stratum: Stratum;
  /** Design weight 1/π = (N_h / n_h) × (M / m). */
  weight: number;
}

export interface Sample {
  villages: SampledVillage[];
  cells: SampleCell[];
  households: SampledHousehold[];
}

/** A simple random sample of k items without replacement (partial Fisher–Yates), order kept stable. */
export function srs<T>(items: readonly T[], k: number, rng: Rng): T[] {
  if (k >= items.length) return [...items];
  const a = [...items];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng.next() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}

function checkParams(p: DesignParams): void {
  for (const key of ['villagesPerTownship', 'exitedPerVillage', 'otherPerVillage'] as const) {
    const v = p[key];
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${key} must be a whole number ≥ 0, got ${v}`);
  }
  if (p.villagesPerTownship < 1) throw new RangeError('villagesPerTownship must be at least 1');
}

export function drawSample(
  villages: readonly FrameVillage[],
  households: readonly FrameHousehold[],
  p: DesignParams,
): Sample {
  checkParams(p);
  const rng = new Rng(`evaluation:${p.seed}`);
  const byTownship = new Map<string, FrameVillage[]>();
  for (const v of [...villages].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    const list = byTownship.get(v.township) ?? [];
    list.push(v);
    byTownship.set(v.township, list);
  }
  const byCell = new Map<string, FrameHousehold[]>();
  for (const h of households) {
    const key = `${h.village}|${h.stratum}`;
    const list = byCell.get(key) ?? [];
    list.push(h);
    byCell.set(key, list);
  }
  const sample: Sample = { villages: [], cells: [], households: [] };
  for (const township of [...byTownship.keys()].sort()) {
    const all = byTownship.get(township)!;
    const chosen = srs(all, p.villagesPerTownship, rng).sort((a, b) => (a.code < b.code ? -1 : 1));
    const w1 = all.length / chosen.length;
    for (const v of chosen) {
      sample.villages.push({
        code: v.code,
        township,
        townshipVillages: all.length,
        townshipSampled: chosen.length,
      });
      for (const stratum of STRATA) {
        const frame = (byCell.get(`${v.code}|${stratum}`) ?? []).sort((a, b) =>
          BigInt(a.id) < BigInt(b.id) ? -1 : 1,
        );
        const k =
          stratum === 'exited'
            ? p.exitedPerVillage
            : stratum === 'outside_other'
              ? p.otherPerVillage
              : frame.length;
        const picked = srs(frame, k, rng);
        sample.cells.push({ village: v.code, stratum, frame: frame.length, sampled: picked.length });
        const w2 = picked.length > 0 ? frame.length / picked.length : 0;
        for (const h of picked)
          sample.households.push({ id: h.id, village: v.code, township, stratum, weight: w1 * w2 });
      }
    }
  }
  return sample;
}
