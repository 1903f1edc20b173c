import { sql } from 'kysely';
import { Rng } from '../../domain/random.js';
import type { DemoContext, DemoExtension } from '../context.js';

/**
 * Demo: the register of data requests and inspections of the demo county in the demo's current
 * year — requests for figures the registry already holds (flagged), one that legitimately needs the
 * villages, one asking for photos as proof of work; inspections, with one village inspected beyond
 * the default yearly limit. Synthetic requesters; dates before the demo's today.
 */
const REQUESTS: {
  requester: string;
  level: string;
  title: string;
  items: string[];
  status: string;
  note?: string;
}[] = [
  {
    requester: '州乡村振兴局',
    level: 'prefecture',
    title: '报送上半年脱贫人口及监测对象统计',
    items: ['poverty_counts', 'exit_counts', 'monitoring_counts'],
    status: 'answered_by_report',
    note: '以系统“分区域统计表”答复，未要求村级填报',
  },
  {
    requester: '省乡村振兴局',
    level: 'province',
    title: '报送衔接资金使用情况',
    items: ['fund_use', 'project_list'],
    status: 'open',
  },
  {
    requester: '县委办',
    level: 'county',
    title: '报送贫困户花名册及收入',
    items: ['household_roster', 'household_income'],
    status: 'open',
  },
  {
    requester: '州交通局',
    level: 'prefecture',
    title: '村组道路及基础设施现状',
    items: ['village_conditions'],
    status: 'answered_by_villages',
    note: '系统未登记，由各村填报',
  },
  {
    requester: '县督查室',
    level: 'county',
    title: '帮扶工作留痕照片',
    items: ['work_photos', 'meeting_minutes'],
    status: 'declined',
    note: '照片截图留痕不作为考核依据，已拒绝',
  },
];

export const burdenDemo: DemoExtension = {
  name: 'burden',
  version: 1,
  async clear(ctx) {
    const like = `${ctx.countyCode}%`;
    await sql`delete from data_request where region_code like ${like}`.execute(ctx.db);
    await sql`delete from inspection where region_code like ${like}`.execute(ctx.db);
  },
  async seed(ctx: DemoContext) {
    const { db, countyCode } = ctx;
    const rng = new Rng(`burden:${ctx.seed}`);
    const year = ctx.today.getUTCFullYear();
    const dayOfYear = Math.max(30, Math.floor((ctx.today.getTime() - Date.UTC(year, 0, 1)) / 86_400_000));
    const date = (d: number) =>
      new Date(Date.UTC(year, 0, 1 + Math.min(d, dayOfYear - 1))).toISOString().slice(0, 10);
    const townships = await db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 4)
      .where('parent_code', '=', countyCode)
      .orderBy('code')
      .execute();
    const villages = await db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 5)
      .where('code', 'like', `${countyCode}%`)
      .orderBy('code')
      .execute();
    if (villages.length === 0) return;
    await db
      .insertInto('data_request')
      .values(
        REQUESTS.map((r, i) => ({
          region_code:
            i % 2 === 0 || townships.length === 0 ? countyCode : townships[i % townships.length]!.code,
          requester: r.requester,
          requester_level: r.level,
          title: r.title,
          items: r.items,
          received_on: date(20 + i * Math.floor(dayOfYear / 6)),
          status: r.status,
          response_note: r.note ?? null,
        })),
      )
      .execute();
    // one village inspected six times (limit 4), others once or twice
    const busy = villages[rng.int(0, villages.length - 1)]!.code;
    const rows = [
      ...Array.from({ length: 6 }, (_, i) => ({
        region: busy,
        day: 15 + i * Math.floor(dayOfYear / 7),
        days: 1 + (i % 3),
      })),
      ...Array.from({ length: Math.min(10, villages.length) }, () => ({
        region: villages[rng.int(0, villages.length - 1)]!.code,
        day: rng.int(10, dayOfYear - 1),
        days: rng.int(1, 2),
      })),
    ];
    const inspectors = ['县脱贫攻坚督查组', '州考核组', '省第三方评估组', '县纪委专项检查'];
    await db
      .insertInto('inspection')
      .values(
        rows.map((r, i) => ({
          region_code: r.region,
          inspector: inspectors[i % inspectors.length]!,
          inspector_level: i % 4 === 2 ? 'province' : i % 4 === 1 ? 'prefecture' : 'county',
          purpose: ['帮扶成效检查', '资金项目检查', '“两不愁三保障”核查', '作风专项检查'][i % 4]!,
          start_on: date(r.day),
          days: r.days,
        })),
      )
      .execute();
  },
};
