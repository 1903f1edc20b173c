import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { monitoringLine, povertyLine } from '../../domain/policy/defaults.js';
import { chinaDate } from '../../domain/calendar.js';
import { defaultParams } from '../../domain/rules/params.js';
import { SYSTEM_ACTOR } from '../../kernel/user.js';
import type { DemoContext, DemoExtension } from '../context.js';
import { deriveSignals } from '../../modules/warnings/derive.js';

/**
 * Demo warnings of the county, set-based and deterministic from the seed (md5 of household number,
 * tag and seed): self-reports (≈ 0.4 % of households) and cadre screenings (≈ 0.8 %) over the last
 * ten months, a medical-bill list of the county medical-insurance bureau (≈ 0.6 % of households,
 * 2,000–60,000 yuan, so some are large against income), a flood in three villages, and the income
 * check of the latest year (households outside the registry in the monitoring range). The
 * department signals are then derived by the same code as `jingzhun warnings derive`.
 */
const MEDICAL_FILE = 'demo-warnings-medical-bills.csv';

/** A uniform number in [0, 1) from the household number, a tag and the seed. */
const u = (seed: number, tag: string) =>
  sql<number>`((get_byte(decode(md5(h.household_no || ${`:${tag}:${seed}`}), 'hex'), 0) * 256
    + get_byte(decode(md5(h.household_no || ${`:${tag}:${seed}`}), 'hex'), 1)) / 65536.0)`;

const inCounty = (county: string) => sql`h.village_code >= ${county} and h.village_code < ${county + '~'}`;

const REPORT_KIND = (x: ReturnType<typeof u>) => sql`case
  when ${x} < 0.35 then 'illness' when ${x} < 0.45 then 'accident' when ${x} < 0.55 then 'disaster'
  when ${x} < 0.70 then 'job_loss' when ${x} < 0.75 then 'dropout' when ${x} < 0.83 then 'housing_damage'
  when ${x} < 0.95 then 'income_drop' else 'other' end`;

async function seedReports(ctx: DemoContext, today: string) {
  const { db, seed, countyCode } = ctx;
  await sql`
    insert into warning_signal (household_id, village_code, channel, kind, observed_on, detail)
    select h.id, h.village_code, 'self_report', ${REPORT_KIND(u(seed, 'srk'))},
      ${today}::date - (${u(seed, 'srd')} * 300)::int,
      jsonb_build_object('description', '户主通过村务公开栏电话报告新的困难（演示数据）')
    from household h where ${inCounty(countyCode)} and ${u(seed, 'sr')} < 0.004`.execute(db);
  await sql`
    insert into warning_signal (household_id, village_code, channel, kind, observed_on, detail)
    select h.id, h.village_code, 'cadre_screening', ${REPORT_KIND(u(seed, 'csk'))},
      ${today}::date - (${u(seed, 'csd')} * 300)::int,
      jsonb_build_object('estimatedLoss', round((500 + ${u(seed, 'csl')} * ${u(seed, 'csl')} * 30000)::numeric, -2),
        'note', '入户排查发现（演示数据）')
    from household h where ${inCounty(countyCode)} and ${u(seed, 'cs')} < 0.008`.execute(db);
}

async function seedMedicalList(ctx: DemoContext, today: string) {
  const { db, seed, countyCode } = ctx;
  const list = await db
    .insertInto('department_list')
    .values({
      kind: 'medical_bill',
      department: '县医疗保障局',
      file_name: MEDICAL_FILE,
      sha256: `${String(seed).padStart(8, '0')}${countyCode}`.padEnd(64, '0').slice(0, 64),
      scope_code: countyCode,
      imported_at: `${today}T09:00:00+08:00`,
      imported_by_name: 'demo',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const r = await sql`
    insert into department_record (list_id, row_no, id_number, id_valid, name, birth_date, attributes)
    select ${list.id}, 1 + row_number() over (order by m.id), m.id_number, true, m.name, m.birth_date,
      jsonb_build_object('medical_amount', round((2000 + ${u(seed, 'mda')} * ${u(seed, 'mda')} * 58000)::numeric, 0)::text)
    from household h join member m on m.household_id = h.id and m.relation = 'head' and m.member_status = 'present'
    where ${inCounty(countyCode)} and ${u(seed, 'md')} < 0.006`.execute(db);
  await db
    .updateTable('department_list')
    .set({ rows: Number(r.numAffectedRows ?? 0n) })
    .where('id', '=', list.id)
    .execute();
}

async function seedFlood(ctx: DemoContext, today: string) {
  const { db, seed, countyCode } = ctx;
  await sql`
    insert into disaster_area (village_code, kind, started_on, severity, source, note)
    select v.code, 'flood', ${today}::date - 95, 'severe', '县应急管理局', '7·10 暴雨洪涝受灾村（演示数据）'
    from region v where v.level = 5 and v.code >= ${countyCode} and v.code < ${countyCode + '~'}
    order by md5(v.code || ${`:flood:${seed}`}) limit 3`.execute(db);
}

async function seedIncome(ctx: DemoContext, today: string) {
  const { db, countyCode } = ctx;
  const latest = await sql<{ y: number | null }>`
    select max(year) as y from household_year where village_code >= ${countyCode} and village_code < ${countyCode + '~'}`.execute(
    db,
  );
  const year = latest.rows[0]?.y;
  if (!year) return;
  const line = monitoringLine(year);
  const pov = povertyLine(year);
  await sql`
    insert into warning_signal (household_id, village_code, channel, kind, observed_on, detail, source)
    select h.id, h.village_code, 'income', 'income_in_range', ${today}::date - 30,
      jsonb_build_object('perCapita', round((y.net_income - y.medical_cost) / greatest(y.size, 1), 2),
        'monitoringLine', ${line}::numeric, 'povertyLine', ${pov}::numeric, 'year', ${year}::int),
      'income:' || ${year}::int
    from household h join household_year y on y.household_id = h.id and y.year = ${year}
    where ${inCounty(countyCode)} and h.status in ('none', 'exited', 'risk_removed')
      and (y.net_income - y.medical_cost) / greatest(y.size, 1) < ${line}
    on conflict (household_id, channel, kind, source, village_code) where source is not null do nothing`.execute(
    db,
  );
}

export const warningsDemo: DemoExtension = {
  name: 'warnings',
  version: 1,
  async clear(ctx) {
    const { db, countyCode } = ctx;
    await sql`delete from warning_signal s using household h
      where h.id = s.household_id and ${inCounty(countyCode)}
        and s.village_code >= ${countyCode} and s.village_code < ${countyCode + '~'}`.execute(db);
    await db
      .deleteFrom('disaster_area')
      .where('village_code', '>=', countyCode)
      .where('village_code', '<', countyCode + '~')
      .execute();
    await db
      .deleteFrom('department_list')
      .where('file_name', '=', MEDICAL_FILE)
      .where('scope_code', '=', countyCode)
      .execute();
  },
  async seed(ctx) {
    const today = chinaDate(ctx.today);
    await seedReports(ctx, today);
    await seedMedicalList(ctx, today);
    await seedFlood(ctx, today);
    await seedIncome(ctx, today);
    const s = await deriveSignals(ctx.db as Kysely<DB>, ctx.countyCode, {
      paramsFor: async (_r, date) => defaultParams(Number(date.slice(0, 4))),
      actor: SYSTEM_ACTOR,
      now: ctx.today,
    });
    ctx.log(`demo: warnings derived ${JSON.stringify(s.created)}`);
  },
};
