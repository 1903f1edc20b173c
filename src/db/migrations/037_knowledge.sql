-- 037: knowledge (issue 21 items 1-2). A policy library (national, provincial, prefectural and county
-- documents, searchable in Chinese by character bigrams), the policy basis of rules, parameters and
-- catalogue entries, and the measure catalogue as a regional setting: each entry explains itself
-- (description, eligibility as data the system checks against the household, how to apply,
-- documents, contact, money and limits, policy basis), national entries in `measure_catalogue`,
-- provincial / prefectural / county entries and overrides in `measure_catalogue_local` (the nearest
-- region wins, like policy parameters). docs/knowledge.md.

create table policy_document (
  id bigserial primary key,
  -- stable key of a seeded document (catalogue entries and links cite it); null for one added in the app
  key text unique check (key is null or key ~ '^[a-z][a-z0-9_]{1,59}$'),
  -- '' national, 2 digits a province, 4 a prefecture, 6 a county (the convention of policy_param)
  region_code varchar(12) collate "C" not null default '' check (region_code ~ '^(\d{2}|\d{4}|\d{6})?$'),
  title text not null check (length(title) between 2 and 300),
  issuer text not null check (length(issuer) between 2 and 200),
  -- 文号, e.g. 中发〔2015〕34号; null when none or not verified
  doc_no text,
  issued_on date,
  effective_from date,
  effective_to date,
  body text not null default '',
  -- true when `body` is a summary written for the app, not the document's text
  body_is_summary boolean not null default true,
  -- an uploaded copy (table `attachment`, when present); no foreign key: the library does not depend on it
  attachment_id bigint,
  -- the distinct character bigrams of title, number, issuer and body (src/domain/catalogue/bigrams.ts)
  bigrams text[] not null default '{}',
  created_by bigint references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (effective_to is null or effective_from is null or effective_to >= effective_from)
);
create index policy_document_region_idx on policy_document (region_code, id);
create index policy_document_bigrams_idx on policy_document using gin (bigrams);

-- The pg_trgm alternative, measured against the bigrams (docs/knowledge.md): created only where the
-- extension can be installed (a trusted extension; absent or refused, the library still searches).
do $$
begin
  create extension if not exists pg_trgm;
  execute 'create index policy_document_trgm_idx on policy_document using gin ((title || '' '' || coalesce(doc_no, '''') || '' '' || body) gin_trgm_ops)';
exception when others then
  raise notice 'pg_trgm not available: %', sqlerrm;
end $$;

-- What a document grounds: a rule (its name, e.g. identification), a parameter (policy_param.key).
-- Catalogue entries cite their basis in their own row (policy_basis).
create table policy_link (
  document_id bigint not null references policy_document (id) on delete cascade,
  target_kind text not null check (target_kind in ('rule', 'param')),
  target_key text not null,
  primary key (target_kind, target_key, document_id)
);

alter table measure_catalogue
  add column description_zh text not null default '',
  add column description_en text not null default '',
  -- who is eligible: a tree of tests over the household's facts (src/domain/catalogue/eligibility.ts)
  add column eligibility jsonb,
  add column how_to_apply_zh text not null default '',
  add column how_to_apply_en text not null default '',
  add column documents text[] not null default '{}',
  add column contact text,
  add column limits_zh text not null default '',
  -- keys of policy_document
  add column policy_basis text[] not null default '{}';

-- Regional entries: a province's, prefecture's or county's own measure, or its override of an entry
-- above (the same code). A row is a complete entry; the nearest region's row wins for a household.
create table measure_catalogue_local (
  region_code varchar(12) collate "C" not null check (region_code ~ '^(\d{2}|\d{4}|\d{6})$'),
  code text not null check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_zh text not null,
  name_en text not null,
  batch text not null check (batch in ('production', 'relocation', 'eco', 'education', 'social_security')),
  measure_type text not null,
  causes text[] not null default '{}',
  conditions text[] not null default '{}',
  labour text not null default 'any' check (labour in ('any', 'able', 'unable')),
  funding_source text,
  default_amount numeric(12, 2),
  responsible_unit text,
  months smallint not null default 12 check (months between 1 and 60),
  sort integer not null default 0,
  active boolean not null default true,
  description_zh text not null default '',
  description_en text not null default '',
  eligibility jsonb,
  how_to_apply_zh text not null default '',
  how_to_apply_en text not null default '',
  documents text[] not null default '{}',
  contact text,
  limits_zh text not null default '',
  policy_basis text[] not null default '{}',
  created_by bigint references app_user (id),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  primary key (region_code, code)
);
create index measure_catalogue_local_code_idx on measure_catalogue_local (code, region_code);

-- The bigrams of a text: every pair of adjacent characters that are not separators (whitespace and
-- the listed ASCII and Chinese punctuation), ASCII lower-cased; distinct and sorted. The library
-- stores them for each document and looks a query up by its own (`bigrams @> policy_bigrams(q)`).
create function policy_bigrams(t text) returns text[] language sql immutable parallel safe as $$
  select coalesce(array_agg(distinct g order by g), '{}')
  from (
    select substr(s, i, 2) as g
    from (select translate(lower(coalesce(t, '')),
            E'\t\n\r,.;:!?()[]{}<>"''/、，。；：！？（）《》〈〉「」『』【】〔〕“”‘’—…·',
            repeat(' ', 60)) as s) x,
         generate_series(1, greatest(length(s) - 1, 0)) as i
  ) y
  where g !~ ' ' and length(g) = 2
$$;

-- The national documents: real titles, issuers and numbers (verified; a number not verified is left
-- empty) with SHORT SUMMARIES written for this app (body_is_summary), never the documents' text.
insert into policy_document (key, region_code, title, issuer, doc_no, issued_on, effective_from, body) values
  ('zf2015_34', '', '中共中央 国务院关于打赢脱贫攻坚战的决定', '中共中央 国务院', '中发〔2015〕34号', '2015-11-29', '2015-11-29',
    '摘要：提出精准扶贫、精准脱贫基本方略，到2020年稳定实现农村贫困人口不愁吃、不愁穿，义务教育、基本医疗和住房安全有保障；按“五个一批”分类施策：发展生产脱贫一批、易地搬迁脱贫一批、生态补偿脱贫一批、发展教育脱贫一批、社会保障兜底一批；实行扶贫对象建档立卡、动态管理。'),
  ('tz2016_16', '', '关于建立贫困退出机制的意见', '中共中央办公厅 国务院办公厅', '厅字〔2016〕16号', '2016-04-23', '2016-04-23',
    '摘要：规定贫困人口、贫困村、贫困县退出的标准和程序。贫困户以人均纯收入稳定超过国家扶贫标准且吃穿不愁、义务教育、基本医疗、住房安全有保障为主要衡量标准，经民主评议、村两委和驻村工作队核实、贫困户认可、公示公告后退出；贫困村、贫困县以贫困发生率为主要衡量标准，退出后由上级评估检查。'),
  ('gwyl_649', '', '社会救助暂行办法', '国务院', '国务院令第649号', '2014-02-21', '2014-05-01',
    '摘要：建立最低生活保障、特困人员供养、受灾人员救助、医疗救助、教育救助、住房救助、就业救助和临时救助制度。共同生活家庭成员人均收入低于当地低保标准且符合财产状况规定的家庭可申请低保，由乡镇人民政府受理、调查审核，县级民政部门审批；无劳动能力、无生活来源、无法定赡养抚养扶养义务人或者其义务人无能力的老年人、残疾人和未成年人给予特困供养。'),
  ('gkf2020_6', '', '关于建立防止返贫监测和帮扶机制的指导意见', '国务院扶贫开发领导小组', '国开发〔2020〕6号', '2020-03-20', '2020-03-20',
    '摘要：以家庭为单位，对建档立卡已脱贫但不稳定户和收入略高于建档立卡贫困户的边缘户开展监测，重点监测收入支出状况、“两不愁三保障”及饮水安全状况；通过农户申报、乡村干部走访排查、相关部门筛查预警等方式识别监测对象，对有劳动能力的以开发式帮扶为主，对无劳动能力的以综合保障兜底为主；风险稳定消除后标注，不再作为监测对象。'),
  ('znzf2021_7', '', '关于健全防止返贫动态监测和帮扶机制的指导意见', '中央农村工作领导小组', '中农组发〔2021〕7号', null, null,
    '摘要：过渡期内健全防止返贫动态监测和帮扶机制，监测对象为脱贫不稳定户、边缘易致贫户和突发严重困难户；合理确定监测范围，简化识别程序，分层分类落实帮扶措施，对风险消除稳定的及时标注，守住不发生规模性返贫的底线。'),
  ('mf2021_57', '', '最低生活保障审核确认办法', '民政部', '民发〔2021〕57号', '2021-06-11', '2021-07-01',
    '摘要：规范低保的申请受理、家庭经济状况调查、审核确认、民主评议、公示和动态管理；明确共同生活家庭成员的范围、收入和财产的核算方法，就业成本可适当扣减，对重病重残人员可按单人户纳入；低保对象定期复核，家庭收入超过标准的可给予渐退期。'),
  ('mf2021_43', '', '特困人员认定办法', '民政部', '民发〔2021〕43号', '2021-04-26', '2021-07-01',
    '摘要：同时具备无劳动能力、无生活来源、无法定赡养抚养扶养义务人或者其义务人无履行义务能力的老年人、残疾人和未满十六周岁的未成年人，认定为特困人员；规定申请、审核、确认程序和生活自理能力评估，分集中供养与分散供养。'),
  ('gf2015_52', '', '国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见', '国务院', '国发〔2015〕52号', '2015-09-22', '2016-01-01',
    '摘要：对低保家庭中的残疾人发放困难残疾人生活补贴，对残疾等级为一级、二级且需要长期照护的重度残疾人发放护理补贴；由残疾人本人或其监护人向户籍所在地乡镇人民政府申请，县级残联审核、民政部门审定，按月发放。'),
  ('gbf2015_57', '', '国务院办公厅关于全面实施城乡居民大病保险的意见', '国务院办公厅', '国办发〔2015〕57号', '2015-07-28', '2015-07-28',
    '摘要：城乡居民大病保险覆盖所有城乡居民基本医保参保人，对参保人患大病发生的高额医疗费用在基本医保报销后给予进一步保障，并与医疗救助等制度衔接；对贫困人口降低起付线、提高报销比例。'),
  ('gkbf2014_24', '', '扶贫开发建档立卡工作方案', '国务院扶贫开发领导小组办公室', '国开办发〔2014〕24号', null, null,
    '摘要：以农民人均纯收入低于国家扶贫标准为识别标准，按农户申请、民主评议、公示公告和逐级审核的方式识别贫困户，并建档立卡，录入全国扶贫开发信息系统，实行动态管理。'),
  ('youxiao_2020', '', '中共中央 国务院关于实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接的意见', '中共中央 国务院', null, '2020-12-16', '2020-12-16',
    '摘要：脱贫攻坚目标任务完成后设立五年过渡期，保持主要帮扶政策总体稳定；健全防止返贫动态监测和帮扶机制，健全农村低收入人口常态化帮扶机制，做好易地搬迁后续扶持，加强扶贫项目资产管理。');
update policy_document set bigrams = policy_bigrams(title || ' ' || coalesce(doc_no, '') || ' ' || issuer || ' ' || body);

insert into policy_link (document_id, target_kind, target_key)
select d.id, l.kind, l.target
from (values
  ('gkbf2014_24', 'rule', 'identification'), ('zf2015_34', 'rule', 'identification'),
  ('tz2016_16', 'rule', 'household_exit'), ('tz2016_16', 'rule', 'village_exit'), ('tz2016_16', 'rule', 'county_exit'),
  ('gkf2020_6', 'rule', 'monitoring'), ('znzf2021_7', 'rule', 'monitoring'),
  ('gkf2020_6', 'rule', 'risk_removal'), ('znzf2021_7', 'rule', 'risk_removal'),
  ('mf2021_57', 'rule', 'dibao'), ('gwyl_649', 'rule', 'dibao'),
  ('mf2021_43', 'rule', 'special_hardship'), ('gwyl_649', 'rule', 'special_hardship'),
  ('youxiao_2020', 'rule', 'linkage'), ('mf2021_57', 'rule', 'linkage'),
  ('zf2015_34', 'param', 'povertyLine'), ('gkf2020_6', 'param', 'monitoringLineFactor'),
  ('gwyl_649', 'param', 'ruralDibaoStandardMonthly'), ('mf2021_57', 'param', 'nearDibaoFactor'),
  ('mf2021_43', 'param', 'specialHardshipStandardMonthly'), ('tz2016_16', 'param', 'exitIncidenceThreshold'),
  ('tz2016_16', 'param', 'noticeDays'), ('mf2021_57', 'param', 'dibaoReviewMonths'),
  ('mf2021_57', 'param', 'dibaoGradualExitMonths'), ('gkf2020_6', 'param', 'riskRemovalMinMonths')
) as l (doc, kind, target)
join policy_document d on d.key = l.doc;

-- The national catalogue explained (the texts are written for this app; contacts name the window,
-- not a person). Eligibility tests: src/domain/catalogue/eligibility.ts.
update measure_catalogue c set
  description_zh = v.d_zh, description_en = v.d_en, eligibility = v.elig::jsonb,
  how_to_apply_zh = v.apply_zh, how_to_apply_en = v.apply_en, documents = v.docs::text[],
  contact = v.contact, limits_zh = v.limits, policy_basis = v.basis::text[]
from (values
  ('industry_subsidy', '对发展种养业等产业的家庭按规模给予一次性奖补。', 'A one-off grant for a household developing farming or other production.',
    '{"test":"able_member"}', '户主向村委会提出申请并填写产业发展计划，村级初审、乡镇核验产业规模后报县农业农村局审批，资金打卡发放。', 'Apply at the village committee with a production plan; the township checks the scale, the county approves; paid to the household''s account.',
    '{"身份证或户口簿","产业发展计划","种养规模核验表"}', '乡镇农业综合服务中心', '每户每年不超过3000元，按核验规模计算。', '{"zf2015_34","youxiao_2020"}'),
  ('coop_dividend', '以扶持资金或土地等入股合作社，按年分红并优先吸纳务工。', 'Shares in a cooperative paid with support funds or land; yearly dividends and priority for jobs.',
    '{"test":"cause","in":["capital","land","labour","water","transport","marriage"]}', '经村民代表会议确定入股合作社和分红方案，农户签订入股协议。', 'The village representatives'' meeting chooses the cooperative and the dividend scheme; the household signs a share agreement.',
    '{"身份证或户口簿","入股协议"}', '乡镇人民政府经管站', '分红一般不低于入股金额的6%。', '{"zf2015_34"}'),
  ('micro_credit', '为有劳动能力、有贷款意愿的家庭提供免抵押、免担保、财政贴息的小额贷款，用于发展生产。', 'Collateral-free, interest-subsidised small loans for production to households that can work.',
    '{"all":[{"test":"able_member"},{"test":"status","in":["poor","exited","monitored","returned"]}]}', '向村委会或合作银行网点申请，经评级授信、村乡审核后放贷。', 'Apply at the village committee or the partner bank; after credit rating and village and township review the loan is granted.',
    '{"身份证","户口簿","贷款申请表","产业项目说明"}', '县乡村振兴局、合作银行网点', '一般5万元以下、3年以内，财政贴息。', '{"zf2015_34","youxiao_2020"}'),
  ('skills_training', '按需开展种养、家政、建筑等职业技能培训，培训合格的给予补贴。', 'Vocational training (farming, domestic service, construction) with a subsidy on passing.',
    '{"test":"able_member"}', '到乡镇劳动保障所报名，参加定点机构培训并取得证书后申领补贴。', 'Register at the township labour office, train at an approved school, claim the subsidy with the certificate.',
    '{"身份证","培训合格证书"}', '乡镇劳动保障所', '每人每年一次，补贴按工种标准。', '{"zf2015_34"}'),
  ('labour_transfer', '组织外出务工，给予一次性交通补贴和稳岗补贴。', 'Organised job placement with a transport subsidy and a job retention subsidy.',
    '{"test":"able_member"}', '在乡镇劳动保障所登记求职，务工满3个月后凭务工证明申领。', 'Register at the township labour office; after three months in work claim with proof of employment.',
    '{"身份证","务工证明或劳动合同","银行账户"}', '县人力资源和社会保障局就业服务窗口', '交通补贴每年一次；稳岗补贴按在岗月数。', '{"zf2015_34","youxiao_2020"}'),
  ('welfare_job', '开发保洁、护路、管水等乡村公益性岗位，优先安置弱劳动力和半劳动力。', 'Rural public-welfare jobs (cleaning, roads, water) for weaker workers first.',
    '{"test":"able_member"}', '村委会公示岗位，本人申请，乡镇审核后签订岗位协议，按月考核发放补贴。', 'The village posts the jobs; apply in person; the township reviews and signs an agreement; paid monthly after a check.',
    '{"身份证","岗位申请表"}', '乡镇人民政府', '每人每月补贴按县标准，年度不超过6000元。', '{"youxiao_2020"}'),
  ('consumption_help', '组织帮扶单位和企业订单收购农产品。', 'Produce bought by pairing units and companies under orders.',
    '{"test":"able_member"}', '向村委会登记可供应的农产品，按订单交售。', 'Register the produce you can supply with the village committee; deliver against orders.',
    '{"农产品登记表"}', '县商务局', '按订单数量和市场价结算。', '{"youxiao_2020"}'),
  ('safe_water', '为饮水不安全的家庭接通集中供水或建设分散供水设施。', 'A safe drinking-water connection for a household whose water is not safe.',
    '{"test":"water_unsafe"}', '村委会汇总上报，县水利局核实后纳入工程计划。', 'The village reports; the county water bureau verifies and schedules the works.',
    '{}', '县水利局农村供水股', '由工程资金承担，农户不出资。', '{"zf2015_34"}'),
  ('relocation', '对生活在“一方水土养不起一方人”地区的家庭实施易地搬迁。', 'Relocation for households living where the land cannot sustain them.',
    '{"test":"cause","in":["land","water","transport"]}', '本人自愿申请，村乡审核、县审定并签订搬迁协议和旧房拆除协议。', 'Voluntary application; village, township and county review; relocation and demolition agreements signed.',
    '{"户口簿","搬迁申请书","旧房拆除协议"}', '县发展和改革局', '人均住房面积不超过25平方米，建房补助按县标准。', '{"zf2015_34"}'),
  ('relocation_followup', '为搬迁家庭提供就业、产业和社区融入的后续扶持。', 'Follow-up support for relocated households: jobs, production and community.',
    '{"all":[{"test":"cause","in":["land","transport"]},{"test":"able_member"}]}', '向安置社区登记需求，由社区对接就业和产业项目。', 'Register needs with the settlement community, which links to jobs and projects.',
    '{"身份证"}', '安置社区服务中心', '按后续扶持项目标准。', '{"youxiao_2020"}'),
  ('eco_ranger', '选聘有劳动能力的家庭成员为生态护林员，按年发放劳务补助。', 'A household member who can work is hired as a forest ranger with a yearly allowance.',
    '{"test":"able_member"}', '本人申请，村级推荐、乡镇审核、县林业局聘用并签订管护协议。', 'Apply; the village recommends, the township reviews, the county forestry bureau hires under an agreement.',
    '{"身份证","管护协议"}', '县林业局', '每人每年约1万元，按考核发放。', '{"zf2015_34"}'),
  ('eco_compensation', '对纳入公益林的林地按面积发放生态效益补偿。', 'Compensation per mu for land in public-benefit forest.',
    '{"test":"cause","in":["land","water"]}', '林地纳入公益林后由林业部门核定面积，按年直接补贴到户。', 'Once the land is in public-benefit forest, the area is set and the compensation paid yearly.',
    '{"林权证"}', '县林业局', '按公益林面积和省定标准。', '{"zf2015_34"}'),
  ('education_aid', '对在校学生落实“两免一补”、国家助学金等资助政策。', 'Student aid for children in school: fee waivers, living allowances, national grants.',
    '{"test":"school_child"}', '每学期开学时向就读学校申请，学校审核后按学期发放。', 'Apply at the school at the start of each term; paid per term after the school''s review.',
    '{"学籍证明","户口簿"}', '县教育局学生资助中心', '按学段标准，每学期发放。', '{"zf2015_34"}'),
  ('yulu_plan', '对接受中高职教育的学生给予雨露计划补助。', 'The Yulu grant for students in vocational education.',
    '{"test":"school_child"}', '学生每学期向户籍地乡镇申请，提交学籍证明。', 'The student applies at the home township each term with proof of enrolment.',
    '{"学籍证明","身份证","银行账户"}', '县乡村振兴局', '每生每年3000元，分两学期发放。', '{"youxiao_2020"}'),
  ('family_doctor', '为患病或残疾成员签约家庭医生，提供随访和健康管理。', 'A family doctor for a member with an illness or disability: follow-up and care.',
    '{"any":[{"test":"ill_member"},{"test":"disabled_member"}]}', '由乡镇卫生院和村医上门签约。', 'The township clinic and the village doctor come to sign the contract.',
    '{"身份证","医保卡"}', '乡镇卫生院', '不收费。', '{"zf2015_34"}'),
  ('medical_insurance', '对参加城乡居民医保的个人缴费部分给予资助。', 'Part of the resident medical insurance premium paid for the household.',
    '{"test":"status","in":["poor","monitored","returned","exited"]}', '由医保部门按名单直接资助参保，无需个人申请。', 'Paid by the medical insurance bureau from the list; no application.',
    '{}', '县医疗保障局', '按年度资助标准。', '{"gbf2015_57","youxiao_2020"}'),
  ('medical_assistance', '大病保险倾斜支付，并对剩余自付费用给予医疗救助。', 'Critical illness insurance on better terms and medical assistance for what is left to pay.',
    '{"test":"ill_member"}', '住院结算时“一站式”办理；事后申请的向乡镇提交费用清单。', 'Settled at discharge in one stop; afterwards apply at the township with the bills.',
    '{"医疗费用清单","医保卡","身份证"}', '县医疗保障局', '年度救助限额按县标准。', '{"gbf2015_57","gwyl_649"}'),
  ('disability_subsidy', '困难残疾人生活补贴和重度残疾人护理补贴。', 'Living subsidy for poor disabled people and nursing subsidy for the severely disabled.',
    '{"test":"disabled_member"}', '本人或监护人向乡镇申请，县残联审核、民政部门审定，按月发放。', 'The person or guardian applies at the township; the county disabled persons'' federation reviews and civil affairs decides; paid monthly.',
    '{"残疾人证","身份证","户口簿"}', '县残疾人联合会', '按月发放，标准由省定。', '{"gf2015_52"}'),
  ('rehabilitation', '为残疾人提供康复训练和辅助器具适配。', 'Rehabilitation and assistive devices for disabled members.',
    '{"test":"disabled_member"}', '向乡镇残联专职委员登记需求，县残联评估后适配。', 'Register with the township disability officer; the county federation assesses and fits.',
    '{"残疾人证"}', '县残疾人联合会', '按评估结果，免费或补贴。', '{"gf2015_52"}'),
  ('dibao', '共同生活家庭成员人均收入低于当地低保标准且财产符合规定的，纳入最低生活保障。', 'Minimum living guarantee for a household whose income per person is below the local standard and whose means qualify.',
    '{"any":[{"test":"dibao_on_roll"},{"not":{"test":"able_member"}}]}', '向户籍所在地乡镇人民政府（或委托村委会）提出书面申请，经家庭经济状况调查、民主评议、公示，县民政局审核确认。', 'Apply in writing at the township (or through the village committee); means test, village review and notice; the county civil affairs bureau decides.',
    '{"户口簿","身份证","家庭收入和财产申报表","授权核查家庭经济状况的书面声明"}', '乡镇社会救助服务窗口', '按当地低保标准补差发放，定期复核。', '{"gwyl_649","mf2021_57"}'),
  ('tekun', '无劳动能力、无生活来源、无法定赡养抚养扶养义务人或其无履行能力的，给予特困供养。', 'Support for persons with no capacity to work, no income and no one obliged and able to support them.',
    '{"any":[{"test":"tekun_on_roll"},{"all":[{"not":{"test":"able_member"}},{"test":"elderly_member"}]}]}', '本人或代理人向乡镇人民政府申请，乡镇调查审核、县民政局确认，选择集中或分散供养。', 'The person or an agent applies at the township; the county civil affairs bureau confirms; centralised or dispersed care.',
    '{"户口簿","身份证","特困人员认定申请书"}', '乡镇社会救助服务窗口', '基本生活标准不低于当地低保标准的1.3倍，另有照料护理费。', '{"gwyl_649","mf2021_43"}'),
  ('pension_subsidy', '为困难群体代缴城乡居民养老保险最低档次保费。', 'The lowest resident pension premium paid by the government for people in difficulty.',
    '{"any":[{"test":"dibao_on_roll"},{"test":"tekun_on_roll"},{"test":"disabled_member"},{"test":"status","in":["poor","monitored"]}]}', '由人社部门按名单代缴，无需个人申请。', 'Paid by the human resources bureau from the list; no application.',
    '{}', '县人力资源和社会保障局', '每人每年按最低档次代缴。', '{"youxiao_2020"}'),
  ('disaster_relief', '因灾受损的家庭给予受灾救助，并引导参加农业保险。', 'Disaster relief for damaged households and help to insure crops.',
    '{"test":"cause","in":["disaster"]}', '灾后向村委会报告损失，乡镇核灾、县应急管理局审批。', 'Report the loss to the village committee after the disaster; the township assesses, the county emergency bureau approves.',
    '{"受灾情况登记表","身份证"}', '县应急管理局', '按灾情等级和县标准。', '{"gwyl_649"}'),
  ('house_renovation', '住房鉴定为C级、D级危房的，给予危房改造补助。', 'A renovation grant for a house assessed grade C or D (unsafe).',
    '{"test":"house_unsafe"}', '本人申请，村评议、乡镇审核、县住建局组织鉴定和验收，竣工验收后拨付补助。', 'Apply; village review, township check, the county housing bureau assesses and inspects; paid after completion.',
    '{"户口簿","危房鉴定表","改造协议"}', '县住房和城乡建设局村镇股', '按改造方式和县标准，D级重建补助高于C级修缮。', '{"zf2015_34"}'),
  ('motivation_support', '通过积分超市、道德评议、典型示范激发内生动力。', 'Motivation support: a points store, village reviews, role models.',
    '{"test":"cause","in":["motivation","other"]}', '由村委会组织，家庭参与村内公益和评议获取积分。', 'Run by the village committee; the household earns points by taking part.',
    '{}', '村民委员会', '积分兑换物品，价值按村规。', '{"youxiao_2020"}')
) as v (code, d_zh, d_en, elig, apply_zh, apply_en, docs, contact, limits, basis)
where c.code = v.code;
