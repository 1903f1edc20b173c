import {
  monitoringLine as monitoringLineOf,
  povertyLine as povertyLineOf,
} from '../../domain/policy/defaults.js';
import { canWork, migrantWageIn, type Person } from './attributes.js';
import { presentIn } from './composition.js';
import {
  DIBAO_PER_PERSON,
  ECO_PER_FOREST_MU,
  FARMLAND_SUBSIDY_PER_MU,
  INCOME,
  MIGRANT_WAGE_COUNTED,
  PENSION_PER_MONTH,
  TEKUN_PER_PERSON,
  valueIn,
} from './parameters.js';
import type { Rng } from '../../domain/random.js';
import type { DemoStatus, DemoYearRow } from './types.js';

/**
 * Yearly income rows. Each year first sets a per-capita net income target from the status path
 * (below the poverty line while poor or returned; a margin above it at exit; growth after; within
 * the monitoring range while monitored), then splits it into wages, business, property and itemised
 * transfers so that net = wage + business − production cost + property + transfer, exactly.
 */

// The policy lookups are called for every household-year: keep them in a small table.
const lines = new Map<number, [number, number]>();
function linesIn(year: number): [number, number] {
  let v = lines.get(year);
  if (!v) {
    v = [povertyLineOf(year), monitoringLineOf(year)];
    lines.set(year, v);
  }
  return v;
}
const povertyLine = (year: number) => linesIn(year)[0];
const monitoringLine = (year: number) => linesIn(year)[1];

export interface IncomeContext {
  persons: readonly Person[];
  statusOf: (year: number) => DemoStatus;
  registeredYear: number | null;
  monitoring: { identifiedYear: number; sudden: 'medical' | 'collapse' | null; illness: boolean } | null;
  /** Years on dibao (or 特困 support), both included. */
  dibao: { from: number; to: number; tekun: boolean } | null;
  land: { cultivated: number; forest: number; retired: number };
  villageCode: string;
  firstYear: number;
  lastYear: number;
}

interface Path {
  ordinaryStart: number;
  growth: number;
  poorShare: number;
  exitMultiple: number;
  growthAfterExit: number;
  growthAfter2020: number;
  wageShare: number;
  costRatio: number;
  medicalBase: number;
}

function drawPath(rng: Rng, ctx: IncomeContext): Path {
  const canMigrate = ctx.persons.some((p) => p.migrant);
  const working = ctx.persons.some((p) => canWork(p.labour));
  const medicalBase = ctx.persons.reduce((sum, p) => {
    if (p.health === 'serious') return sum + rng.lognormal(7000, 0.6);
    if (p.health === 'chronic') return sum + rng.lognormal(1200, 0.6);
    if (p.health === 'disabled') return sum + rng.lognormal(400, 0.5);
    return sum + (rng.chance(0.3) ? rng.lognormal(200, 0.8) : 0);
  }, 0);
  return {
    ordinaryStart: rng.lognormal(INCOME.ordinaryMedian2014, INCOME.ordinarySigma),
    growth: rng.normal(INCOME.ordinaryGrowth.mean, INCOME.ordinaryGrowth.sd),
    poorShare: rng.uniform(INCOME.poorShareOfLine.min, INCOME.poorShareOfLine.max),
    exitMultiple: Math.max(
      INCOME.exitMultiple.min,
      rng.lognormal(INCOME.exitMultiple.median, INCOME.exitMultiple.sigma),
    ),
    growthAfterExit: Math.max(0.05, rng.normal(INCOME.growthAfterExit.mean, INCOME.growthAfterExit.sd)),
    growthAfter2020: Math.max(0.03, rng.normal(INCOME.growthAfter2020.mean, INCOME.growthAfter2020.sd)),
    wageShare: canMigrate ? 0.65 : working ? 0.35 : 0.1,
    costRatio: rng.uniform(0.3, 0.5),
    medicalBase,
  };
}

/** Per-capita net income target for a year. */
interface Target {
  pc: number;
  /** An upper bound (poor, returned, monitored within the range): transfers must fit under it. */
  capped: boolean;
}

function target(
  rng: Rng,
  ctx: IncomeContext,
  path: Path,
  year: number,
  status: DemoStatus,
  prev: number | null,
  prevStatus: DemoStatus | null,
): Target {
  const line = povertyLine(year);
  const noise = 1 + rng.normal(0, INCOME.yearlyNoiseSd);
  const base = (prev ?? path.ordinaryStart) * noise; // last year's level, to grow by (1 + g)
  const floor = year >= 2021 ? monitoringLine(year) * 1.04 : line * 1.2;
  switch (status) {
    case 'none':
      if (ctx.registeredYear !== null) return { pc: line * rng.uniform(0.6, 0.95), capped: true }; // not yet found
      return { pc: Math.max(floor, base * (1 + path.growth)), capped: false };
    case 'poor': {
      const share = path.poorShare * 1.02 ** (year - (ctx.registeredYear ?? year)) * noise;
      return { pc: line * Math.min(0.96, Math.max(0.35, share)), capped: true };
    }
    case 'returned':
      return { pc: line * rng.uniform(0.55, 0.9), capped: true };
    case 'exited': {
      if (prevStatus === 'poor' || prevStatus === 'returned')
        return { pc: line * path.exitMultiple, capped: false };
      const g = year <= 2020 ? path.growthAfterExit : path.growthAfter2020;
      return { pc: Math.max(floor, base * (1 + g)), capped: false };
    }
    case 'monitored':
      if (ctx.monitoring?.sudden === 'medical')
        return { pc: Math.max(floor, base * (1 + path.growth)), capped: false };
      return { pc: line * rng.uniform(1.05, 1.45), capped: true };
    case 'risk_removed':
      return { pc: Math.max(base * 1.12, monitoringLine(year) * rng.uniform(1.1, 1.3)), capped: false };
    default:
      throw new Error(`unexpected status ${status satisfies never}`);
  }
}

function transfers(rng: Rng, ctx: IncomeContext, year: number, present: readonly Person[]) {
  let pensioners = 0;
  for (const p of present) if (p.pension && year - p.birthYear >= 60) pensioners++;
  const pension = Math.round(pensioners * valueIn(PENSION_PER_MONTH, year) * 12);
  let dibao = 0;
  if (ctx.dibao && year >= ctx.dibao.from && year <= ctx.dibao.to) {
    const rate = ctx.dibao.tekun ? TEKUN_PER_PERSON : DIBAO_PER_PERSON;
    dibao = Math.round(valueIn(rate, year) * present.length);
  }
  const eco = Math.round(ctx.land.forest * valueIn(ECO_PER_FOREST_MU, year) + ctx.land.retired * 125);
  let other = Math.round(ctx.land.cultivated * valueIn(FARMLAND_SUBSIDY_PER_MU, year));
  const reg = ctx.registeredYear;
  if (reg !== null && year >= Math.max(reg, 2016) && year <= 2020 && rng.chance(0.5))
    other += rng.int(2, 16) * 50; // 产业奖补
  return { dibao, pension, eco, other };
}

function medicalCost(
  rng: Rng,
  ctx: IncomeContext,
  path: Path,
  year: number,
  present: readonly Person[],
): number {
  const share = present.length / Math.max(1, ctx.persons.length);
  let cost = path.medicalBase * share * 1.05 ** (year - 2025) * (1 + rng.normal(0, 0.15));
  if (ctx.registeredYear !== null && year >= 2017) cost *= 0.5; // 健康扶贫: higher reimbursement
  const m = ctx.monitoring;
  if (m && year === m.identifiedYear && (m.illness || m.sudden === 'medical'))
    cost += rng.lognormal(15000, 0.5);
  return Math.max(0, Math.round(cost));
}

/** Split a household's net income into the columns of the yearly row (all whole yuan). */
function allocate(
  rng: Rng,
  path: Path,
  net: number,
  t: ReturnType<typeof transfers>,
  wageFloor: number,
  status: DemoStatus,
) {
  const transfer = t.dibao + t.pension + t.eco + t.other;
  const rest = net - transfer;
  const wageShare = Math.min(
    0.9,
    Math.max(0, path.wageShare * (status === 'poor' ? 0.6 : 1) + rng.normal(0, 0.05)),
  );
  const wage = Math.min(rest, Math.max(Math.round(rest * wageShare), Math.round(wageFloor)));
  const property = Math.min(
    rest - wage,
    Math.round(rest * (status === 'poor' ? 0.01 : 0.03) * rng.uniform(0, 2)),
  );
  const businessNet = rest - wage - property;
  const productionCost = Math.round((businessNet * path.costRatio) / (1 - path.costRatio));
  return { wage, business: businessNet + productionCost, productionCost, property, transfer };
}

/** Transfers scaled down to fit under a capped income (keeping every item above zero when it was). */
function fitTransfers(t: ReturnType<typeof transfers>, limit: number): ReturnType<typeof transfers> {
  const total = t.dibao + t.pension + t.eco + t.other;
  if (total <= limit) return t;
  const f = limit / total;
  const scale = (v: number) => (v > 0 ? Math.max(1, Math.floor(v * f)) : 0);
  return { dibao: scale(t.dibao), pension: scale(t.pension), eco: scale(t.eco), other: scale(t.other) };
}

export function incomeRows(rng: Rng, ctx: IncomeContext): DemoYearRow[] {
  const path = drawPath(rng, ctx);
  const rows: DemoYearRow[] = [];
  let prev: number | null = null;
  let prevStatus: DemoStatus | null = null;
  for (let year = Math.min(2014, ctx.firstYear); year <= ctx.lastYear; year++) {
    const present = ctx.persons.filter((p) => presentIn(p, year));
    const size = Math.max(1, present.length);
    const status = ctx.statusOf(year);
    const { pc, capped } = target(rng, ctx, path, year, status, prev, prevStatus);
    let t = transfers(rng, ctx, year, present);
    let medical = medicalCost(rng, ctx, path, year, present);
    const migrantWages =
      present.reduce((sum, p) => sum + migrantWageIn(p, year, ctx.lastYear), 0) * MIGRANT_WAGE_COUNTED;
    let net = Math.round(pc * size);
    let wageFloor = 0;
    if (capped) {
      t = fitTransfers(t, Math.floor(net * 0.9));
    } else {
      const transfer = t.dibao + t.pension + t.eco + t.other;
      net = Math.max(net, Math.ceil(transfer / 0.9), transfer + Math.round(migrantWages));
      wageFloor = migrantWages;
      const monitored = status === 'monitored';
      if (year >= 2021 && !monitored)
        net = Math.max(net, Math.ceil(monitoringLine(year) * 1.04 * size + medical));
      if (monitored)
        medical = Math.max(medical, Math.round(net - monitoringLine(year) * size * rng.uniform(0.5, 0.95)));
    }
    const a = allocate(rng, path, net, t, wageFloor, status);
    if (year >= ctx.firstYear) {
      rows.push({
        year,
        village_code: ctx.villageCode,
        size,
        status,
        wage_income: a.wage,
        business_income: a.business,
        production_cost: a.productionCost,
        property_income: a.property,
        transfer_income: a.transfer,
        transfer_dibao: t.dibao,
        transfer_pension: t.pension,
        transfer_eco: t.eco,
        medical_cost: medical,
        net_income: net,
        per_capita_income: Math.round((net / size) * 100) / 100,
      });
    }
    prev = net / size;
    prevStatus = status;
  }
  return rows;
}
