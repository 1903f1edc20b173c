import { sql } from 'kysely';
import type { DemoContext, DemoExtension } from '../context.js';
import { practiceRepository } from '../../modules/practices/repository.js';

/**
 * Demo: a small practice library (案例库) of the county — SYNTHETIC entries written for the demo
 * (no real township's report is quoted): experiences, a failure and problems of its busiest
 * township and its villages, tied to causes, catalogue measures and a project; most approved by the
 * county, one waiting for review, one returned with a note. Cadres' training records for a few
 * cadres of that township.
 */
interface Seed {
  kind: 'experience' | 'failure' | 'problem';
  where: 'village' | 'township' | 'county';
  state: 'approved' | 'submitted' | 'returned';
  title: string;
  summary: string;
  actions: string;
  results: string;
  lessons: string;
  causes: string[];
  measures: string[];
  tags: string[];
  project?: boolean;
}

const SEEDS: Seed[] = [
  {
    kind: 'experience',
    where: 'township',
    state: 'approved',
    title: '订单式技能培训带动稳定务工（示例）',
    summary: '乡镇与县职业学校、县内企业合作开设订单班，结业后直接推荐上岗。',
    actions: '村里摸清缺技术劳动力名单；按企业用工需求开设电工、缝纫两个班；结业后企业面试。',
    results: '两期结业学员多数在县内稳定务工，月工资较培训前提高。',
    lessons: '先找岗位再开班，培训才不落空；要为带孩子的妇女安排就近班次。',
    causes: ['skills', 'labour'],
    measures: ['skills_training', 'labour_transfer'],
    tags: ['技能培训', '就业'],
  },
  {
    kind: 'experience',
    where: 'village',
    state: 'approved',
    title: '家庭医生签约与慢病送药上门（示例）',
    summary: '村医每月上门随访签约的慢病患者，药品由乡镇卫生院统一配送到村。',
    actions: '对因病户逐户签约；建立慢病台账；每月随访并记录用药。',
    results: '因病户住院次数减少，自付医疗费用下降。',
    lessons: '随访要固定日期，方便外出务工的家属安排。',
    causes: ['illness'],
    measures: ['family_doctor', 'medical_assistance'],
    tags: ['健康帮扶', '慢病管理'],
  },
  {
    kind: 'failure',
    where: 'village',
    state: 'approved',
    title: '产业基地建成后闲置的教训（示例）',
    summary: '基地建成后没有落实经营主体，一年多未产生收益，群众意见大。',
    actions: '县乡复盘原因；引入本地合作社托管；重新签订利益联结协议。',
    results: '托管后恢复生产，脱贫户按协议领取分红。',
    lessons: '项目立项前必须落实经营主体和管护责任，不能只管建不管用。',
    causes: ['capital', 'skills'],
    measures: ['coop_dividend', 'industry_subsidy'],
    tags: ['项目管理', '资产闲置'],
    project: true,
  },
  {
    kind: 'problem',
    where: 'county',
    state: 'approved',
    title: '搬迁群众后续就业不稳的问题（示例）',
    summary: '部分搬迁户离土后缺少稳定收入，季节性务工多，收入波动大。',
    actions: '安置点设就业服务站；开发公益性岗位兜底；引进扶贫车间。',
    results: '仍在推进，需持续跟踪。',
    lessons: '搬迁与就业要同步规划。',
    causes: ['land', 'transport'],
    measures: ['relocation_followup', 'welfare_job'],
    tags: ['易地搬迁', '后续扶持'],
  },
  {
    kind: 'experience',
    where: 'township',
    state: 'submitted',
    title: '积分超市激发内生动力（示例）',
    summary: '以积分奖励参加公益劳动、环境整治和技能学习，积分可在超市兑换生活用品。',
    actions: '制定积分细则；村民代表会议评议；每月兑换一次。',
    results: '参与公益劳动的人数增加。',
    lessons: '积分细则要简单，评议要公开。',
    causes: ['motivation'],
    measures: ['motivation_support'],
    tags: ['内生动力', '积分超市'],
  },
  {
    kind: 'problem',
    where: 'village',
    state: 'returned',
    title: '外出务工人员收入难核实（示例）',
    summary: '外出务工人员收入主要靠电话询问，数据不准。',
    actions: '尝试通过务工地证明核实。',
    results: '',
    lessons: '',
    causes: ['labour'],
    measures: [],
    tags: ['收入核实'],
  },
];

const TRAININGS = [
  { topic: '防止返贫动态监测政策培训', hours: 4, organiser: '县乡村振兴局', month: '03' },
  { topic: '农户信息采集与系统录入', hours: 3, organiser: '乡镇人民政府', month: '05' },
  { topic: '帮扶措施与产业项目管理', hours: 6, organiser: '州乡村振兴局', month: '09' },
];

export const practicesDemo: DemoExtension = {
  name: 'practices',
  version: 1,

  async clear(ctx) {
    const c = ctx.countyCode;
    await ctx.db
      .deleteFrom('practice')
      .where('county_code', '=', c)
      .where('title', 'like', '%（示例）')
      .execute();
    await ctx.db
      .deleteFrom('cadre_training')
      .where('region_code', '>=', c)
      .where('region_code', '<', c + '~')
      .where(
        'organiser',
        'in',
        TRAININGS.map((t) => t.organiser),
      )
      .execute();
  },

  async seed(ctx: DemoContext) {
    const c = ctx.countyCode;
    const top = await sql<{ v: string }>`select village_code as v from household
      where village_code >= ${c} and village_code < ${c + '~'} group by 1 order by count(*) desc, 1 limit 1`.execute(
      ctx.db,
    );
    const village = top.rows[0]?.v;
    if (!village) return;
    const township = village.slice(0, 9);
    const project = await ctx.db
      .selectFrom('project')
      .select(['id', 'village_code'])
      .where('village_code', '>=', township)
      .where('village_code', '<', township + '~')
      .orderBy('id')
      .executeTakeFirst();
    const names = await ctx.db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('code', 'in', [c, township])
      .execute();
    const nameOf = (code: string) => names.find((n) => n.code === code)?.name ?? code;
    const year = ctx.today.getUTCFullYear();
    const today = ctx.today.toISOString().slice(0, 10);
    // a day of this year not after today, else the same day a year before
    const pastDay = (d: string) => (d <= today ? d : `${year - 1}${d.slice(4)}`);
    for (const s of SEEDS) {
      const region =
        s.where === 'village'
          ? s.project && project
            ? project.village_code
            : village
          : s.where === 'township'
            ? township
            : c;
      const author = s.where === 'county' ? c : township;
      await practiceRepository.insert(ctx.db, {
        kind: s.kind,
        region_code: region,
        county_code: c,
        author_scope: author,
        author_unit: s.where === 'county' ? `${nameOf(c)}乡村振兴局` : `${nameOf(township)}人民政府`,
        title: s.title,
        summary: s.summary,
        body: '',
        actions: s.actions,
        results: s.results,
        lessons: s.lessons,
        project_ids: s.project && project ? [project.id] : [],
        measure_codes: s.measures,
        causes: s.causes,
        tags: s.tags,
        state: s.state,
        review_note: s.state === 'returned' ? '请补充核实办法的实际效果后再提交' : null,
        reviewed_at: s.state === 'submitted' ? null : ctx.today,
      });
    }
    const cadres = await ctx.db
      .selectFrom('cadre')
      .select(['id', 'region_code'])
      .where('region_code', '>=', township)
      .where('region_code', '<', township + '~')
      .where('active', '=', true)
      .orderBy('id')
      .limit(6)
      .execute();
    for (const [i, cadre] of cadres.entries())
      for (const t of TRAININGS.slice(0, 1 + (i % TRAININGS.length)))
        await ctx.db
          .insertInto('cadre_training')
          .values({
            cadre_id: cadre.id,
            region_code: cadre.region_code,
            trained_on: pastDay(`${year}-${t.month}-1${i % 9}`),
            topic: t.topic,
            hours: String(t.hours),
            organiser: t.organiser,
          })
          .execute();
  },
};
