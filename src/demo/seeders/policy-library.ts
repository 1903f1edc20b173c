import { sql } from 'kysely';
import type { DemoContext, DemoExtension } from '../context.js';

/**
 * Demo: the county's and its province's own policy documents (SYNTHETIC, marked 示例 in the title:
 * no real document of the county is quoted) and the county's catalogue settings — a county-only
 * measure grounded in the county document and a county override of a national entry (a higher
 * house-renovation grant). The national documents and catalogue explanations are reference data
 * (migration 037).
 */
const keyOf = (county: string, what: string) => `demo_${county}_${what}`;

async function regionName(ctx: DemoContext, code: string) {
  const r = await ctx.db.selectFrom('region').select('name').where('code', '=', code).executeTakeFirst();
  return r?.name ?? code;
}

async function addDocument(
  ctx: DemoContext,
  doc: { key: string; region: string; title: string; issuer: string; issuedOn: string; body: string },
) {
  await ctx.db
    .insertInto('policy_document')
    .values({
      key: doc.key,
      region_code: doc.region,
      title: doc.title,
      issuer: doc.issuer,
      doc_no: null,
      issued_on: doc.issuedOn,
      effective_from: doc.issuedOn,
      body: doc.body,
      body_is_summary: true,
      bigrams: sql`policy_bigrams(${doc.title} || ' ' || ${doc.issuer} || ' ' || ${doc.body})`,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export const policyLibraryDemo: DemoExtension = {
  name: 'policy-library',
  version: 1,

  async clear(ctx) {
    const c = ctx.countyCode;
    await ctx.db.deleteFrom('measure_catalogue_local').where('region_code', '=', c).execute();
    await ctx.db.deleteFrom('policy_document').where('key', 'like', `demo\\_${c}\\_%`).execute();
  },

  async seed(ctx) {
    const c = ctx.countyCode;
    const province = c.slice(0, 2);
    const [county, prov] = await Promise.all([regionName(ctx, c), regionName(ctx, province)]);
    const year = ctx.today.getUTCFullYear() - 1;
    const industry = keyOf(c, 'industry');
    await addDocument(ctx, {
      key: industry,
      region: c,
      title: `${county}特色产业发展奖补实施办法（示例）`,
      issuer: `${county}农业农村局`,
      issuedOn: `${year}-03-01`,
      body: `摘要（示例文件，演示用）：对有劳动能力、因缺土地或缺资金致贫的脱贫户和监测户，发展本县特色种养业的，按核验规模给予奖补；由村委会受理、乡镇核验、县农业农村局审批。`,
    });
    await addDocument(ctx, {
      key: keyOf(c, 'housing'),
      region: province,
      title: `${prov}农村低收入群体住房安全保障补助标准（示例）`,
      issuer: `${prov}住房和城乡建设厅`,
      issuedOn: `${year}-05-15`,
      body: '摘要（示例文件，演示用）：鉴定为C级、D级危房的低收入家庭，按改造方式给予补助，D级拆除重建补助高于C级修缮加固；竣工验收后拨付。',
    });
    await ctx.db
      .insertInto('measure_catalogue_local')
      .values({
        region_code: c,
        code: 'county_featured_industry',
        name_zh: `${county}特色产业奖补`,
        name_en: 'county featured-industry grant',
        batch: 'production',
        measure_type: 'industry',
        causes: ['land', 'capital', 'skills'],
        labour: 'able',
        funding_source: '县级衔接资金',
        default_amount: 2000,
        responsible_unit: `${county}农业农村局`,
        months: 12,
        sort: 15,
        description_zh: '县级特色产业（示例）：发展本县特色种养业的，按核验规模奖补。',
        description_en: 'County featured industry (demo): a grant by verified scale.',
        eligibility: JSON.stringify({
          all: [{ test: 'able_member' }, { test: 'cause', in: ['land', 'capital', 'skills'] }],
        }),
        how_to_apply_zh: '向村委会提出申请并附种养计划，乡镇核验规模后报县农业农村局审批。',
        how_to_apply_en:
          'Apply at the village committee with a plan; the township verifies, the county approves.',
        documents: ['身份证或户口簿', '种养计划'],
        contact: '乡镇农业综合服务中心',
        limits_zh: '每户每年不超过2000元。',
        policy_basis: [industry, 'zf2015_34'],
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    // the county's override of a national entry: the national row copied, the grant raised
    await sql`insert into measure_catalogue_local
        (region_code, code, name_zh, name_en, batch, measure_type, causes, conditions, labour, funding_source,
         default_amount, responsible_unit, months, sort, active, description_zh, description_en, eligibility,
         how_to_apply_zh, how_to_apply_en, documents, contact, limits_zh, policy_basis)
      select ${c}, code, name_zh, name_en, batch, measure_type, causes, conditions, labour, funding_source,
         25000, responsible_unit, months, sort, active, description_zh, description_en, eligibility,
         how_to_apply_zh, how_to_apply_en, documents, contact,
         '本县标准（示例）：D级重建每户不超过25000元，C级修缮按实际。', policy_basis || ${[keyOf(c, 'housing')]}::text[]
      from measure_catalogue where code = 'house_renovation'
      on conflict do nothing`.execute(ctx.db);
    ctx.log(`policy library: 2 demo documents, a county measure and a county override for ${c}`);
  },
};
