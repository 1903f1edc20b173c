import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { PLANNED_STATUSES } from '../../domain/plans/catalogue.js';
import {
  ableToWork,
  conditionsOf,
  deadlineOf,
  draftPlan,
  type DraftMeasure,
  type DraftMember,
} from '../../domain/plans/draft.js';
import { catalogueMap, checkFit } from '../../domain/plans/fit.js';
import { Rng, weightedTable } from '../../domain/random.js';
import type { DemoContext, DemoExtension } from '../context.js';
import { copyRows, withBulkLoad } from '../copy-writer.js';
import { catalogueEntry, plansRepository } from '../../modules/plans/repository.js';
import { addDays } from '../../domain/calendar.js';

/**
 * Demo household plans (docs/plans.md): for the last three years up to the demo's "today", a plan
 * for most registered and monitored households, drafted by the same generator as the app's "generate
 * draft" button. Realistic imperfections for the lists to find: ~6 % of plans miss the measure of one
 * cause, plans of the current year not all agreed yet (and a few declined), measures in every status
 * with earlier years mostly completed, and some open measures past their deadline.
 */

const countyHouseholds = (county: string) =>
  sql`(select id from household where village_code >= ${county} and village_code < ${county + '~'})`;

async function clear(ctx: DemoContext) {
  await sql`delete from household_plan where household_id in ${countyHouseholds(ctx.countyCode)}`.execute(
    ctx.db,
  );
}

interface Row {
  id: string;
  status: string;
  main_cause: string | null;
  other_causes: string[];
  house_grade: string | null;
  registered_year: number | null;
  head: string | null;
}

interface MemberRow extends DraftMember {
  household_id: string;
  name: string;
  age: number;
}

const OUTCOMES: Record<string, readonly string[]> = {
  industry: ['奖补资金已发放到户', '已入股合作社，年底分红已到账', '种养规模达到验收标准', '订单已收购结算'],
  finance: ['贷款已发放，按期付息', '贷款已按期归还'],
  employment: ['已完成培训并取得证书', '已在县外务工满六个月', '已推荐就业，稳岗补贴已发放'],
  welfare_job: ['已上岗，工资按月发放', '全年在岗，考核合格'],
  water: ['自来水已入户，水质检测合格'],
  relocation: ['已搬迁入住安置点', '旧房已拆除复垦'],
  eco_compensation: ['补偿资金已打卡发放', '已聘为护林员，全年在岗'],
  education: ['助学金已发放到学生账户', '雨露计划补助已发放'],
  health: ['已签约家庭医生，按季随访', '参保费用已资助', '住院费用已按规定报销'],
  social_security: ['已纳入保障，按月发放', '已代缴养老保险费'],
  social_help: ['补贴已按月发放', '救助资金已发放'],
  housing: ['危房改造已竣工验收'],
};
const DECLINE = [
  '户主认为产业奖补标准过低，要求调整措施',
  '家庭成员外出务工，不愿参加技能培训',
  '不同意搬迁，希望就地改造住房',
];

const STATUS_PAST = weightedTable([
  ['completed', 92],
  ['cancelled', 4],
  ['in_progress', 3],
  ['planned', 1],
] as const);
const STATUS_DUE = weightedTable([
  ['completed', 80],
  ['in_progress', 12],
  ['planned', 3],
  ['cancelled', 5],
] as const);
const STATUS_RUNNING = weightedTable([
  ['in_progress', 52],
  ['planned', 28],
  ['completed', 17],
  ['cancelled', 3],
] as const);
const METHOD = weightedTable([
  ['signature', 60],
  ['thumbprint', 30],
  ['on_behalf', 10],
] as const);

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Round an amount to 100 yuan with ±20 % jitter (credit to whole 10,000s). */
function jitter(r: Rng, m: DraftMeasure): number | null {
  if (m.amount === null) return null;
  if (m.catalogueCode === 'micro_credit') return r.pick([30000, 40000, 50000]);
  if (m.amount === 0) return 0;
  return Math.max(100, Math.round((m.amount * r.uniform(0.8, 1.2)) / 100) * 100);
}

async function load(db: Kysely<DB>, county: string) {
  const statuses = sql.join(PLANNED_STATUSES.map((s) => sql.lit(s)));
  const households = (
    await sql<Row>`
      select h.id::text as id, h.status, h.main_cause, h.other_causes, h.house_grade, h.registered_year, h.head_name as head
      from household h
      where h.village_code >= ${county} and h.village_code < ${county + '~'} and h.status in (${statuses})
      order by h.id`.execute(db)
  ).rows;
  const members = (
    await sql<MemberRow>`
      select m.household_id::text as household_id, m.name, m.labour_capacity as "labourCapacity", m.health,
        m.disability_grade as "disabilityGrade", m.student_status as "studentStatus", m.member_status as status,
        extract(year from age(m.birth_date))::int as age
      from member m join household h on h.id = m.household_id
      where h.village_code >= ${county} and h.village_code < ${county + '~'} and h.status in (${statuses})
      order by m.household_id, m.id`.execute(db)
  ).rows;
  const byHousehold = new Map<string, MemberRow[]>();
  for (const m of members) {
    const list = byHousehold.get(m.household_id);
    if (list) list.push(m);
    else byHousehold.set(m.household_id, [m]);
  }
  return { households, byHousehold };
}

interface PlanRow {
  household_id: string;
  year: number;
  status: string;
  agreed_by: string | null;
  agreed_at: string | null;
  agreement_method: string | null;
  decline_reason: string | null;
  created_at: string;
  /** The fit check's result with the final statuses (stored: migration 019). */
  fits: boolean;
}
interface MeasureRow {
  plan: number;
  m: DraftMeasure;
  status: string;
  outcome: string | null;
  amount: number | null;
}

/**
 * Write the plans and measures with the demo's COPY writer (one transaction, foreign keys re-created
 * before commit): plan ids taken from the sequence up front (no `returning` round trip).
 * A measure's last change is never after `now` (the demo's today).
 */
async function write(db: Kysely<DB>, plans: PlanRow[], measures: MeasureRow[], now: string) {
  await withBulkLoad(db, ['household_plan', 'plan_measure'], async (client) => {
    const ids = (
      await client.query<{ id: string }>(
        `select nextval(pg_get_serial_sequence('household_plan', 'id'))::text as id from generate_series(1, $1::int)`,
        [plans.length],
      )
    ).rows.map((r) => r.id);
    await copyRows(
      client,
      'household_plan',
      [
        'id',
        'household_id',
        'year',
        'status',
        'agreed_by',
        'agreed_at',
        'agreement_method',
        'decline_reason',
        'created_at',
        'updated_at',
        'fits',
      ],
      plans.length,
      (i) => {
        const p = plans[i]!;
        return [
          ids[i],
          p.household_id,
          p.year,
          p.status,
          p.agreed_by,
          p.agreed_at,
          p.agreement_method,
          p.decline_reason,
          p.created_at,
          p.agreed_at ?? p.created_at,
          p.fits ? 't' : 'f',
        ];
      },
    );
    // last change: a planned measure when it was (re)planned, others at their deadline — never after now
    await copyRows(
      client,
      'plan_measure',
      [
        'plan_id',
        'household_id',
        'catalogue_code',
        'measure_type',
        'batch',
        'funding_source',
        'amount',
        'responsible_unit',
        'start_date',
        'deadline',
        'status',
        'outcome',
        'updated_at',
      ],
      measures.length,
      (i) => {
        const x = measures[i]!;
        const m = x.m;
        const at = `${x.status === 'planned' ? m.startDate : m.deadline}T00:00:00Z`;
        return [
          ids[x.plan],
          plans[x.plan]!.household_id,
          m.catalogueCode,
          m.measureType,
          m.batch,
          m.fundingSource,
          x.amount,
          m.responsibleUnit,
          m.startDate,
          m.deadline,
          x.status,
          x.outcome,
          at < now ? at : now,
        ];
      },
    );
  });
}

async function seed(ctx: DemoContext) {
  const { db, countyCode } = ctx;
  const r = new Rng(`${ctx.seed}:plans:${countyCode}`);
  const catalogue = (await plansRepository.catalogue(db)).map(catalogueEntry);
  const catMap = catalogueMap(catalogue);
  const t0 = performance.now();
  const { households, byHousehold } = await load(db, countyCode);
  const tLoad = performance.now();
  const today = iso(ctx.today);
  const thisYear = ctx.today.getUTCFullYear();
  const years = [thisYear - 2, thisYear - 1, thisYear];

  const plans: PlanRow[] = [];
  const measures: MeasureRow[] = [];
  // the draft depends only on the household's shape (causes, house, labour yes/no, condition counts):
  // draft each shape once and re-date it (tens of thousands of households share a few thousand shapes)
  const shapes = new Map<string, DraftMeasure[]>();
  const deadlines = new Map<string, string>();
  const deadline = (start: string, months: number) => {
    const key = `${start}|${months}`;
    let d = deadlines.get(key);
    if (d === undefined) deadlines.set(key, (d = deadlineOf(start, months)));
    return d;
  };
  const draftFor = (h: Row, ms: readonly DraftMember[], start: string): DraftMeasure[] => {
    const input = {
      mainCause: h.main_cause,
      otherCauses: h.other_causes,
      houseGrade: h.house_grade,
      members: ms,
    };
    const conditions = [...conditionsOf(input)].join(';');
    const key = `${h.main_cause}|${h.other_causes.join(',')}|${h.house_grade}|${ableToWork(ms) > 0}|${conditions}`;
    let shape = shapes.get(key);
    if (!shape) shapes.set(key, (shape = draftPlan(input, catalogue, start)));
    return shape.map((m) => ({
      ...m,
      startDate: start,
      deadline: deadline(start, catMap.get(m.catalogueCode)!.months),
    }));
  };
  let unfit = 0;
  for (const h of households) {
    const ms = byHousehold.get(h.id) ?? [];
    const present = ms.filter((m) => m.status === 'present');
    for (const year of years) {
      if (h.registered_year !== null && h.registered_year > year) continue;
      const current = year === thisYear;
      if (r.chance(current ? 0.07 : 0.03)) continue; // no plan (yet)
      const start = addDays(`${year}-01-05`, r.int(0, current ? 100 : 80));
      let draft = draftFor(h, ms, start);
      // ~6 %: the measure answering one cause was never entered
      const causes = [
        ...new Set([h.main_cause, ...h.other_causes].filter((c): c is string => !!c && c !== 'other')),
      ];
      if (causes.length && draft.length > 1 && r.chance(0.07)) {
        const cause = causes.length > 1 ? r.pick(causes.slice(1)) : causes[0]!;
        const kept = draft.filter((m) => !catMap.get(m.catalogueCode)?.causes.includes(cause));
        if (kept.length) draft = kept;
      }
      const fitWith = (statuses: string[]) =>
        checkFit(
          {
            mainCause: h.main_cause,
            otherCauses: h.other_causes,
            ableToWork: ableToWork(ms),
            measures: draft.map((m, i) => ({ ...m, status: statuses[i]! })),
          },
          catMap,
        ).fits;
      const statuses = draft.map((m) =>
        r.weighted(year < thisYear ? STATUS_PAST : m.deadline < today ? STATUS_DUE : STATUS_RUNNING),
      );
      const fits = fitWith(draft.map(() => 'planned'));
      // a measure cancelled without its replacement is one of the planted gaps, not an extra one
      if (fits && !fitWith(statuses))
        statuses.forEach(
          (st, i) => st === 'cancelled' && (statuses[i] = year < thisYear ? 'completed' : 'in_progress'),
        );
      if (!fits) unfit++;
      const agreedNow = current ? r.chance(0.78) : r.chance(0.97);
      const declined = !agreedNow && r.chance(current ? 0.05 : 0.4);
      const signer = present.find((m) => m.age >= 18)?.name ?? h.head ?? present[0]?.name ?? null;
      const agreedAt = addDays(start, -r.int(1, 10));
      const plan = plans.length;
      plans.push({
        household_id: h.id,
        year,
        status: signer && agreedNow ? 'agreed' : signer && declined ? 'declined' : 'draft',
        agreed_by: signer && (agreedNow || declined) ? signer : null,
        agreed_at: signer && (agreedNow || declined) ? `${agreedAt}T02:00:00Z` : null,
        agreement_method: signer && (agreedNow || declined) ? r.weighted(METHOD) : null,
        decline_reason: signer && declined && !agreedNow ? r.pick(DECLINE) : null,
        created_at: `${addDays(start, -r.int(10, 20))}T01:00:00Z`,
        fits: fits && fitWith(statuses),
      });
      for (const [i, m] of draft.entries()) {
        const status = statuses[i]!;
        measures.push({
          plan,
          m,
          status,
          amount: jitter(r, m),
          outcome: status === 'completed' ? r.pick(OUTCOMES[m.measureType] ?? ['已落实']) : null,
        });
      }
    }
  }

  const tDraft = performance.now();
  await write(db, plans, measures, ctx.today.toISOString());
  const tPlans = performance.now();
  const ms = (x: number) => `${(x / 1000).toFixed(1)} s`;
  ctx.log(
    `demo: plans — ${plans.length} plans (${unfit} not fitting their causes), ${measures.length} measures, years ${years.join('–')}` +
      ` (read ${ms(tLoad - t0)}, draft ${ms(tDraft - tLoad)}, write ${ms(tPlans - tDraft)})`,
  );
}

export const plansDemo: DemoExtension = { name: 'plans', version: 1, clear, seed };
