import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { makeUscc } from '../../domain/participation/uscc.js';
import { Rng } from '../../domain/random.js';
import type { DemoContext, DemoExtension } from '../context.js';

/**
 * Demo social participation (docs/participation.md): eight approved organisations and one pending;
 * needs of every kind from about 0.6 % of registered, exited and monitored households and a quarter
 * of the villages, ~70 % matched (the national network's figure), some delivered or confirmed, the
 * rest open; about two products per township from cooperatives and households, with orders, most
 * fulfilled and their income allocated. The demo account `org` (ensureDemoAccounts) is the first
 * organisation; linkDemoOrganisation() ties the two together.
 */

const ORGS: { name: string; kind: string; prefix: string }[] = [
  { name: '花垣县爱心助农联合会', kind: 'consumer_group', prefix: '' }, // the demo account `org`
  { name: '湘西示范农业科技有限公司', kind: 'enterprise', prefix: '91' },
  { name: '长沙示范电子商务有限公司', kind: 'enterprise', prefix: '91' },
  { name: '湘西州示范助学基金会', kind: 'ngo', prefix: '53' },
  { name: '花垣县示范志愿者协会', kind: 'volunteer', prefix: '' },
  { name: '湖南省示范医院（对口帮扶单位）', kind: 'paired_unit', prefix: '12' },
  { name: '示范建设集团湘西分公司', kind: 'enterprise', prefix: '91' },
  { name: '湘西州示范乡村发展促进会', kind: 'ngo', prefix: '51' },
];
const PENDING = { name: '示范食品贸易有限公司', kind: 'enterprise', prefix: '91' };

const TEXT: Record<string, [string, string, number, number][]> = {
  school_aid: [
    ['高中生学费资助', '一名在读高中生，需要一学年学费与住宿费。', 2500, 4000],
    ['大学新生入学资助', '今年考入本科院校，需要学费与路费。', 5000, 8000],
    ['小学生学习用品', '两名小学生需要书包、文具和冬季校服。', 300, 800],
  ],
  medical_aid: [
    ['慢性病长期用药', '家庭成员患慢性病，医保报销后每年自付药费较多。', 2000, 6000],
    ['大病术后康复', '手术后需要康复治疗，自付部分有缺口。', 5000, 15000],
  ],
  house_repair: [
    ['危房屋顶修缮', '鉴定为危房，屋顶漏雨需要更换瓦片和檩条。', 6000, 15000],
    ['厨房和厕所改造', '需要改建卫生厕所和厨房灶台。', 3000, 6000],
  ],
  industry: [
    ['黄金茶苗', '计划扩种黄金茶，需要优质茶苗。', 2000, 5000],
    ['湘西黄牛养殖', '需要购买两头能繁母牛。', 8000, 16000],
    ['猕猴桃种植技术与农资', '需要肥料和技术指导。', 1500, 4000],
  ],
  jobs: [
    ['就近务工岗位', '家中有劳动力，希望在县内找到稳定岗位。', 0, 0],
    ['公益性岗位以外的灵活就业', '希望获得季节性用工信息。', 0, 0],
  ],
  training: [
    ['电工技能培训', '一名青年希望参加电工职业技能培训。', 1500, 3000],
    ['电商直播培训', '希望学习农产品网络销售。', 800, 2000],
  ],
  daily_necessities: [
    ['冬季棉被和衣物', '冬季需要棉被两床、棉衣三件。', 500, 1200],
    ['老人助行器和生活用品', '一位行动不便的老人需要助行器。', 300, 900],
  ],
  village_project: [
    ['村组道路硬化', '约 800 米村组道路需要水泥硬化。', 80000, 200000],
    ['村级光伏电站维护', '村集体光伏电站需要更换逆变器。', 20000, 50000],
    ['饮水工程管网改造', '自来水管网老化，需要更换主管道。', 30000, 90000],
    ['村文化广场照明', '需要安装太阳能路灯 20 盏。', 15000, 40000],
  ],
};
const PRODUCTS: [string, string, string, number, string][] = [
  ['十八洞黄金茶', '斤', '春季', 180, 'cooperative'],
  ['湘西腊肉', '斤', '冬季', 60, 'household'],
  ['猕猴桃', '箱（10 斤）', '秋季', 68, 'cooperative'],
  ['蜂蜜', '斤', '秋季', 80, 'household'],
  ['高山稻米', '袋（25 斤）', '全年', 120, 'cooperative'],
  ['苗绣手工品', '件', '全年', 150, 'cooperative'],
  ['山茶油', '瓶（1 升）', '冬季', 95, 'household'],
  ['湘西黄牛肉', '斤', '全年', 85, 'cooperative'],
];

const inCounty = (col: string, county: string) =>
  sql`${sql.ref(col)} >= ${county} and ${sql.ref(col)} < ${county + '~'}`;

async function clear(ctx: DemoContext): Promise<void> {
  const { db, countyCode: c } = ctx;
  await sql`delete from product where synthetic and ${inCounty('township_code', c)}`.execute(db);
  await sql`delete from need where synthetic and ${inCounty('village_code', c)}`.execute(db);
  await sql`delete from organisation where synthetic and ${inCounty('region_code', c)}`.execute(db);
}

async function seed(ctx: DemoContext): Promise<void> {
  const { db, countyCode: c, today } = ctx;
  const r = new Rng(`participation:${ctx.seed}:${c}`);
  const day = 86_400_000;
  const orgIds: string[] = [];
  for (const [i, o] of ORGS.entries()) {
    const row = await db
      .insertInto('organisation')
      .values({
        name: o.name,
        kind: o.kind,
        credit_code: o.prefix
          ? makeUscc(o.prefix, c, `MA${String(4000000 + r.int(0, 999_999)).slice(0, 7)}`)
          : null,
        contact_person: `${r.pick(['龙', '石', '吴', '麻', '杨'])}先生`,
        contact_phone: `0743-${r.int(4_000_000, 4_999_999)}`,
        region_code: c,
        status: 'approved',
        username: i === 0 ? 'org' : `demo-org-${i}`,
        password_hash: 'disabled', // only the demo account `org` can sign in (ensureDemoAccounts)
        reviewed_at: new Date(today.getTime() - (400 - i * 20) * day),
        synthetic: true,
        created_at: new Date(today.getTime() - (410 - i * 20) * day),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    orgIds.push(row.id);
  }
  await db
    .insertInto('organisation')
    .values({
      name: PENDING.name,
      kind: PENDING.kind,
      credit_code: makeUscc(PENDING.prefix, c, 'MA4P0K7L2'),
      contact_person: '彭女士',
      contact_phone: '0743-4123456',
      region_code: c,
      username: 'demo-org-pending',
      password_hash: 'disabled',
      synthetic: true,
      created_at: new Date(today.getTime() - 3 * day),
    })
    .execute();
  // the demo account `org` exists already on a first start (accounts come before the extensions)
  await linkDemoOrganisation(db);

  // needs: a deterministic sample of households (hash of id and seed) and of villages
  const kinds = Object.keys(TEXT).filter((k) => k !== 'village_project');
  const seedText = `${ctx.seed}`;
  const households = await sql<{ id: string; village_code: string }>`
    select id, village_code from household
    where ${inCounty('village_code', c)} and status in ('poor', 'exited', 'monitored', 'returned')
    order by md5(id::text || ${seedText}) limit ${Math.max(8, Math.round(330 * ctx.scale))}`.execute(db);
  const villages = await sql<{ code: string }>`
    select code from region where level = 5 and ${inCounty('code', c)}
    order by md5(code || ${seedText}) limit ${Math.max(4, Math.round(57 * Math.min(1, ctx.scale)))}`.execute(
    db,
  );
  const needRows: {
    kind: string;
    source: string;
    household_id: string | null;
    village_code: string;
    township_code: string;
    title: string;
    description: string;
    amount: number;
    status: string;
    published_at: Date;
    matched_at: Date | null;
    delivered_at: Date | null;
    confirmed_at: Date | null;
    confirmed_by: string | null;
    confirm_note: string | null;
    confirm_rating: number | null;
    synthetic: boolean;
  }[] = [];
  const add = (kind: string, household: string | null, village: string) => {
    const [title, description, lo, hi] = r.pick(TEXT[kind]!);
    const amount = lo === hi ? 0 : Math.round(r.uniform(lo, hi) / 100) * 100;
    const published = new Date(today.getTime() - r.int(3, 360) * day);
    const age = (today.getTime() - published.getTime()) / day;
    // older needs are more often matched; ~70 % overall
    const u = r.next();
    const pMatch = Math.min(0.92, 0.35 + age / 300);
    let status = 'open';
    if (u < pMatch) status = r.chance(0.15) ? 'pledged' : r.chance(0.2) ? 'delivered' : 'confirmed';
    const matched =
      status === 'open'
        ? null
        : new Date(published.getTime() + r.int(1, Math.max(2, Math.min(45, age - 1))) * day);
    const delivered =
      matched && status !== 'pledged'
        ? new Date(Math.min(today.getTime() - day, matched.getTime() + r.int(5, 40) * day))
        : null;
    const confirmed =
      delivered && status === 'confirmed'
        ? new Date(Math.min(today.getTime(), delivered.getTime() + r.int(1, 14) * day))
        : null;
    needRows.push({
      kind,
      source: household ? 'household' : 'village',
      household_id: household,
      village_code: village,
      township_code: village.slice(0, 9),
      title,
      description,
      amount,
      status,
      published_at: published,
      matched_at: matched,
      delivered_at: delivered,
      confirmed_at: confirmed,
      confirmed_by: confirmed ? (household ? 'household' : 'village') : null,
      confirm_note: confirmed ? r.pick(['已收到，感谢帮扶', '已验收', '物资已到位']) : null,
      confirm_rating: confirmed ? r.pick([5, 5, 5, 4, 4, 3]) : null,
      synthetic: true,
    });
  };
  households.rows.forEach((h, i) => add(kinds[i % kinds.length]!, h.id, h.village_code));
  villages.rows.forEach((v) => add('village_project', null, v.code));
  const orgPick = () => orgIds[r.chance(0.25) ? 0 : r.int(1, orgIds.length - 1)]!;
  for (let i = 0; i < needRows.length; i += 500) {
    const chunk = needRows.slice(i, i + 500);
    const ids = await db
      .insertInto('need')
      .values(chunk)
      .returning(['id', 'status', 'amount', 'matched_at', 'delivered_at'])
      .execute();
    const pledges = ids
      .filter((n) => n.status !== 'open')
      .map((n) => ({
        need_id: n.id,
        organisation_id: orgPick(),
        amount: n.amount,
        pledged_at: n.matched_at!,
        expected_date: new Date(n.matched_at!.getTime() + 30 * day).toISOString().slice(0, 10),
        delivered_at: n.delivered_at,
        delivery_note: n.delivered_at
          ? r.pick(['物资已送达村委会', '款项已转入学校账户', '已由志愿者上门交付', '工程已完工'])
          : null,
      }));
    if (pledges.length) await db.insertInto('need_pledge').values(pledges).execute();
  }

  // products and orders: about two per township, linked to 3–10 poor households there
  const townships = await sql<{ code: string; name: string }>`
    select code, name from region where level = 4 and ${inCounty('code', c)} order by code`.execute(db);
  for (const t of townships.rows) {
    const n = Math.max(1, Math.round(2 * Math.min(1, ctx.scale * 2)));
    for (let k = 0; k < n; k++) {
      const [pname, unit, season, price, producer] = r.pick(PRODUCTS);
      const linked = await sql<{ id: string }>`
        select id from household where village_code >= ${t.code} and village_code < ${t.code + '~'}
          and status in ('poor', 'exited', 'monitored')
        order by md5(id::text || ${`${seedText}:${k}`}) limit ${r.int(3, 10)}`.execute(db);
      if (linked.rows.length === 0) continue;
      const p = await db
        .insertInto('product')
        .values({
          name: pname,
          producer_kind: producer,
          producer_name:
            producer === 'cooperative' ? `${t.name}${pname.replace(/^十八洞/, '')}专业合作社` : null,
          township_code: t.code,
          unit,
          price,
          quantity_available: r.int(50, 800),
          season,
          description:
            producer === 'cooperative'
              ? '合作社统一收购、分拣、包装，带动脱贫户增收。'
              : '脱贫户自产，村委会统一组织销售。',
          synthetic: true,
          created_at: new Date(today.getTime() - r.int(60, 300) * day),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('product_household')
        .values(linked.rows.map((h) => ({ product_id: p.id, household_id: h.id, share: 1 })))
        .execute();
      for (let j = r.int(0, 3); j > 0; j--) {
        const q = r.int(10, 120);
        const ordered = new Date(today.getTime() - r.int(5, 200) * day);
        const fulfilled = r.chance(0.7);
        const o = await db
          .insertInto('product_order')
          .values({
            product_id: p.id,
            organisation_id: orgPick(),
            kind: r.chance(0.3) ? 'commitment' : 'order',
            quantity: q,
            unit_price: price,
            amount: q * price,
            status: fulfilled ? 'fulfilled' : 'ordered',
            ordered_at: ordered,
            fulfilled_at: fulfilled ? new Date(ordered.getTime() + r.int(3, 20) * day) : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (fulfilled)
          await sql`insert into product_income (order_id, household_id, amount)
            select ${o.id}, household_id, round(${q * price}::numeric / count(*) over (), 2)
            from product_household where product_id = ${p.id}`.execute(db);
      }
    }
  }
  ctx.log(
    `participation: ${orgIds.length + 1} organisations, ${needRows.length} needs, products in ${townships.rows.length} townships`,
  );
}

export const participationDemo: DemoExtension = { name: 'participation', version: 1, clear, seed };

/**
 * Tie the demo account `org` (made by ensureDemoAccounts) to the first demo organisation. Called by
 * the seeder right after it creates the organisations (a first start: the account exists already) and
 * by ensureDemoAccounts (the account made or remade after the organisations).
 */
export async function linkDemoOrganisation(db: Kysely<DB>): Promise<void> {
  await sql`update organisation o set user_id = u.id
    from app_user u where u.username = 'org' and o.username = 'org' and o.synthetic
      and o.user_id is distinct from u.id`.execute(db);
}
