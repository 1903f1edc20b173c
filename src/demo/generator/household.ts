import type { PovertyCause } from '../../domain/code-lists.js';
import { canWork, type Person } from './attributes.js';
import { yearOf } from './calendar.js';
import { presentIn } from './composition.js';
import { drawBankAccount, drawBankName, drawPhone } from './contact.js';
import { drawDwelling } from './dwelling.js';
import { historyRows, RISK_CAUSE } from './history.js';
import { incomeRows, type IncomeContext } from './income.js';
import { CLASS_GIVEN_CAUSE, MAIN_CAUSE } from './parameters.js';
import { BASE_YEAR, memberRows, shapePersons, type HouseholdContext, type Registration } from './people.js';
import { weightedTable, type Rng } from '../../domain/random.js';
import {
  exitYear,
  planTimeline,
  registeredYear,
  statusAt,
  timelineEvents,
  type Timeline,
} from './timeline.js';
import type { AssistanceClass, DemoHousehold } from './types.js';

/** One synthetic household: who lives there, how they fare, and how the registry followed them. */

function drawRegistration(rng: Rng, share: number): Registration | null {
  if (!rng.chance(share)) return null;
  const cause = rng.weighted(MAIN_CAUSE);
  const p =
    CLASS_GIVEN_CAUSE[cause === 'illness' || cause === 'disability' || cause === 'labour' ? cause : 'other'];
  const x = rng.next();
  let cls: AssistanceClass = 'general_poor';
  if (x < p.tekun) cls = 'tekun';
  else if (x < p.tekun + p.dibao) cls = 'dibao';
  else if (x < p.tekun + p.dibao + p.dibao_poor) cls = 'dibao_poor';
  return { cls, cause };
}

function dibaoPlan(rng: Rng, reg: Registration | null, t: Timeline, last: number): IncomeContext['dibao'] {
  const from = registeredYear(t);
  if (reg && from !== null) {
    if (reg.cls === 'dibao' || reg.cls === 'tekun') return { from, to: last, tekun: reg.cls === 'tekun' };
    if (reg.cls === 'dibao_poor') {
      const exit = exitYear(t, last);
      return { from, to: exit === null || rng.chance(0.5) ? last : Math.min(last, exit + 1), tekun: false };
    }
    return null;
  }
  const m = t.monitoring;
  if (m && m.category !== 'unstable' && rng.chance(0.3))
    return { from: yearOf(m.identifiedOn), to: last, tekun: false };
  return null;
}

function otherCauses(rng: Rng, main: PovertyCause, persons: Person[]): PovertyCause[] {
  const present = persons.filter((p) => p.leftAs === null);
  const fromMembers: PovertyCause[] = [];
  if (present.some((p) => p.health === 'disabled')) fromMembers.push('disability');
  if (present.some((p) => p.health === 'chronic' || p.health === 'serious')) fromMembers.push('illness');
  if (present.filter((p) => canWork(p.labour)).length <= present.length / 3) fromMembers.push('labour');
  const general: PovertyCause[] = ['capital', 'skills', 'transport', 'motivation'];
  const wanted = rng.weighted(OTHER_COUNT);
  const out: PovertyCause[] = [];
  for (const c of [...fromMembers, rng.pick(general), rng.pick(general)]) {
    if (out.length < wanted && c !== main && !out.includes(c)) out.push(c);
  }
  return out;
}
const OTHER_COUNT = weightedTable<number>([
  [0, 0.3],
  [1, 0.4],
  [2, 0.3],
]);

export function makeHousehold(ctx: HouseholdContext, index: number): DemoHousehold {
  const { rng, input, plan } = ctx;
  const last = input.lastYear;
  const reg = drawRegistration(rng, plan.poorShare);
  const lateExit = reg !== null && (reg.cls === 'dibao' || reg.cls === 'tekun' || reg.cause === 'labour');
  const t = planTimeline(rng, { registered: reg !== null, lateExit, last });
  const { persons, risk } = shapePersons(ctx, reg, t);
  const events = timelineEvents(t, last);
  const statusOf = (year: number) => statusAt(events, year);
  const exit = exitYear(t, last);
  const working = persons.some((p) => p.leftAs === null && canWork(p.labour));
  const size2014 = persons.filter((p) => presentIn(p, BASE_YEAR)).length;
  const dwelling = drawDwelling(rng, {
    registered: reg !== null,
    cause: reg?.cause ?? null,
    size: size2014,
    exitYear: exit,
    working,
    last,
  });
  const dibao = dibaoPlan(rng, reg, t, last);
  const monitoredYear = t.monitoring ? yearOf(t.monitoring.identifiedOn) : null;
  const rows = incomeRows(rng, {
    persons,
    statusOf,
    registeredYear: registeredYear(t),
    monitoring:
      monitoredYear !== null && monitoredYear <= last
        ? {
            identifiedYear: monitoredYear,
            sudden:
              t.monitoring!.category === 'sudden' ? (risk === 'disaster' ? 'collapse' : 'medical') : null,
            illness: risk === 'illness',
          }
        : null,
    dibao,
    land: {
      cultivated: dwelling.row.land_cultivated_mu,
      forest: dwelling.row.land_forest_mu,
      retired: dwelling.retiredMu,
    },
    villageCode: plan.village.code,
    firstYear: input.firstYear,
    lastYear: last,
  });
  const onDibaoAtEnd = dibao !== null && dibao.from <= last && dibao.to >= last;
  const monitoredRow = events.some((e) => e.kind === 'monitor');
  const members = memberRows(ctx, persons, {
    covered: reg !== null || monitoredRow || onDibaoAtEnd,
    dibao: onDibaoAtEnd && !dibao.tekun,
    tekun: onDibaoAtEnd && dibao.tekun,
  });
  const history = historyRows(events, {
    assistanceClass: reg?.cls ?? null,
    cause: reg?.cause ?? null,
    returnRisk: rng.pick(['illness', 'disaster', 'accident'] as const),
    monitoring: t.monitoring && risk ? { category: t.monitoring.category, risk } : null,
    relocatedYear: dwelling.relocatedYear,
    houseFixed:
      reg !== null &&
      dwelling.relocatedYear === null &&
      (dwelling.baseline.houseGrade === 'C' || dwelling.baseline.houseGrade === 'D'),
    rows,
  });
  const status = statusOf(last);
  const v = plan.village;
  const head = members[0]!;
  const group = 1 + Math.floor((index * plan.groups) / plan.households);
  return {
    household: {
      household_no: v.code + String(index + 1).padStart(4, '0'),
      village_code: v.code,
      group_no: group,
      address: `${input.county.name}${v.townshipName}${v.name.replace(/(村民委员会|村委会|居民委员会|居委会)$/, '')}${group}组`,
      phone: drawPhone(rng),
      bank_name: drawBankName(rng, input.county.name),
      bank_account: drawBankAccount(rng),
      id_standard: reg ? 'national' : null,
      household_type: status === 'poor' || status === 'returned' ? reg!.cls : reg ? 'exited' : 'ordinary',
      status,
      status_date: events.at(-1)?.on ?? null,
      registered_year: registeredYear(t),
      exit_year: exit,
      monitoring_category: monitoredRow ? t.monitoring!.category : null,
      main_cause: reg ? reg.cause : monitoredRow && risk ? RISK_CAUSE[risk] : null,
      other_causes: reg ? otherCauses(rng, reg.cause, persons) : [],
      size: members.filter((m) => m.member_status === 'present').length,
      head_name: head.name,
      ...dwelling.row,
    },
    members,
    years: rows,
    history,
    baseline: {
      assistanceClass: reg?.cls ?? null,
      houseGrade: dwelling.baseline.houseGrade,
      safeWater: dwelling.baseline.safeWater,
    },
  };
}
