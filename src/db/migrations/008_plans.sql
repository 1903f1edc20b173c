-- 008: household plans (一户一策). A measure catalogue kept as data (cause → fitting measures, grouped
-- by the five batches 五个一批), one plan per household and year with its measures, and the
-- household's agreement. The fit check itself is a pure function (src/domain/plans/fit.ts).

create table measure_catalogue (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_zh text not null,
  name_en text not null,
  -- 五个一批: production 发展生产, relocation 易地搬迁, eco 生态补偿, education 发展教育,
  -- social_security 社会保障兜底
  batch text not null check (batch in ('production', 'relocation', 'eco', 'education', 'social_security')),
  -- the measure types of the rules (src/domain/rules/facts.ts MEASURE_TYPES)
  measure_type text not null,
  -- poverty causes (code list poverty_cause) this measure answers
  causes text[] not null default '{}',
  -- household conditions that call for it without being a cause: illness, disability, student, house_unsafe
  conditions text[] not null default '{}',
  -- for whom: any household, only one with someone able to work, only one without
  labour text not null default 'any' check (labour in ('any', 'able', 'unable')),
  funding_source text,
  default_amount numeric(12, 2),
  responsible_unit text,
  months smallint not null default 12 check (months between 1 and 60),
  sort integer not null default 0,
  active boolean not null default true,
  version integer not null default 1,
  updated_at timestamptz not null default now()
);

insert into measure_catalogue
  (code, name_zh, name_en, batch, measure_type, causes, conditions, labour, funding_source, default_amount, responsible_unit, months, sort)
values
  ('industry_subsidy', '产业发展奖补', 'industry development grant', 'production', 'industry',
    '{capital,land,skills,motivation,marriage,other}', '{}', 'able', '财政衔接推进乡村振兴补助资金', 3000, '县农业农村局', 12, 10),
  ('coop_dividend', '合作社带动入股分红', 'cooperative shares and dividends', 'production', 'industry',
    '{capital,land,labour,water,transport,marriage}', '{}', 'any', '财政衔接推进乡村振兴补助资金', 1000, '乡镇人民政府', 12, 20),
  ('micro_credit', '脱贫人口小额信贷', 'micro-credit for registered households', 'production', 'finance',
    '{capital,marriage}', '{}', 'able', '银行贷款、财政贴息', 50000, '县乡村振兴局', 36, 30),
  ('skills_training', '职业技能培训', 'vocational skills training', 'production', 'employment',
    '{skills,motivation}', '{}', 'able', '就业补助资金', 1500, '县人力资源和社会保障局', 6, 40),
  ('labour_transfer', '转移就业与稳岗补贴', 'job placement and transport subsidy', 'production', 'employment',
    '{skills,capital,land,marriage,transport}', '{}', 'able', '就业补助资金', 2000, '县人力资源和社会保障局', 12, 50),
  ('welfare_job', '乡村公益性岗位', 'rural public-welfare job', 'production', 'welfare_job',
    '{labour,illness,disability,motivation}', '{}', 'able', '财政衔接推进乡村振兴补助资金', 6000, '乡镇人民政府', 12, 60),
  ('consumption_help', '消费帮扶订单收购', 'consumption assistance (produce purchase)', 'production', 'industry',
    '{transport,land,capital}', '{}', 'able', '社会帮扶资金', 2000, '县商务局', 12, 70),
  ('safe_water', '农村饮水安全巩固提升', 'safe drinking water connection', 'production', 'water',
    '{water}', '{}', 'any', '财政衔接推进乡村振兴补助资金', 1500, '县水利局', 6, 80),
  ('relocation', '易地扶贫搬迁', 'relocation to a new settlement', 'relocation', 'relocation',
    '{land,water,transport}', '{}', 'any', '易地扶贫搬迁资金', 60000, '县发展和改革局', 24, 100),
  ('relocation_followup', '搬迁后续扶持', 'follow-up support after relocation', 'relocation', 'employment',
    '{land,transport}', '{}', 'able', '财政衔接推进乡村振兴补助资金', 2000, '县发展和改革局', 12, 110),
  ('eco_ranger', '生态护林员', 'ecological forest ranger', 'eco', 'welfare_job',
    '{land,skills,transport}', '{}', 'able', '中央财政生态补偿资金', 10000, '县林业局', 12, 200),
  ('eco_compensation', '公益林生态效益补偿', 'forest ecological compensation', 'eco', 'eco_compensation',
    '{land,water}', '{}', 'any', '中央财政生态补偿资金', 300, '县林业局', 12, 210),
  ('education_aid', '学生资助（两免一补、助学金）', 'student aid (fee waivers, grants)', 'education', 'education',
    '{schooling}', '{student}', 'any', '学生资助资金', 2500, '县教育局', 12, 300),
  ('yulu_plan', '雨露计划职业教育补助', 'Yulu plan vocational education grant', 'education', 'education',
    '{schooling,skills}', '{}', 'any', '财政衔接推进乡村振兴补助资金', 3000, '县乡村振兴局', 12, 310),
  ('family_doctor', '家庭医生签约服务', 'family doctor contract', 'social_security', 'health',
    '{illness,disability}', '{illness}', 'any', '基本公共卫生服务经费', 0, '乡镇卫生院', 12, 400),
  ('medical_insurance', '城乡居民医保参保资助', 'medical insurance premium subsidy', 'social_security', 'health',
    '{illness}', '{}', 'any', '医疗救助资金', 380, '县医疗保障局', 12, 410),
  ('medical_assistance', '大病保险与医疗救助', 'critical illness insurance and medical assistance', 'social_security', 'health',
    '{illness}', '{}', 'any', '医疗救助资金', 5000, '县医疗保障局', 12, 420),
  ('disability_subsidy', '残疾人两项补贴', 'disability living and nursing subsidies', 'social_security', 'social_help',
    '{disability}', '{disability}', 'any', '残疾人事业资金', 1200, '县残疾人联合会', 12, 430),
  ('rehabilitation', '残疾人康复与辅具适配', 'rehabilitation and assistive devices', 'social_security', 'health',
    '{disability}', '{}', 'any', '残疾人事业资金', 2000, '县残疾人联合会', 12, 440),
  ('dibao', '最低生活保障兜底', 'minimum living guarantee (dibao)', 'social_security', 'social_security',
    '{labour,illness,disability}', '{}', 'unable', '城乡低保资金', 4800, '县民政局', 12, 450),
  ('tekun', '特困人员供养', 'support for persons in special hardship', 'social_security', 'social_security',
    '{labour}', '{}', 'unable', '特困人员救助供养资金', 7000, '县民政局', 12, 460),
  ('pension_subsidy', '城乡居民养老保险代缴', 'pension insurance premium paid by government', 'social_security', 'social_security',
    '{labour}', '{}', 'any', '财政代缴资金', 200, '县人力资源和社会保障局', 12, 470),
  ('disaster_relief', '受灾救助与农业保险', 'disaster relief and crop insurance', 'social_security', 'social_help',
    '{disaster}', '{}', 'any', '自然灾害救助资金', 3000, '县应急管理局', 6, 480),
  ('house_renovation', '农村危房改造', 'dangerous house renovation', 'social_security', 'housing',
    '{disaster}', '{house_unsafe}', 'any', '农村危房改造补助资金', 20000, '县住房和城乡建设局', 12, 490),
  ('motivation_support', '扶志扶智（积分超市、道德评议）', 'motivation support (points store, village reviews)', 'production', 'social_help',
    '{motivation,other}', '{}', 'any', '社会帮扶资金', 300, '村民委员会', 12, 500);

create table household_plan (
  id bigserial primary key,
  household_id bigint not null references household (id) on delete cascade,
  year smallint not null,
  status text not null default 'draft' check (status in ('draft', 'agreed', 'declined')),
  -- the agreement: the member who agreed (or declined), when, how; or the reason for declining
  agreed_by text,
  agreed_at timestamptz,
  agreement_method text check (agreement_method in ('signature', 'thumbprint', 'portal', 'on_behalf')),
  decline_reason text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (household_id, year)
);
create index household_plan_year_idx on household_plan (year, household_id);

create table plan_measure (
  id bigserial primary key,
  plan_id bigint not null references household_plan (id) on delete cascade,
  household_id bigint not null references household (id) on delete cascade,
  catalogue_code text not null,
  measure_type text not null,
  batch text not null,
  funding_source text,
  amount numeric(12, 2) check (amount is null or amount >= 0),
  responsible_unit text,
  start_date date,
  deadline date,
  status text not null default 'planned' check (status in ('planned', 'in_progress', 'completed', 'cancelled')),
  outcome text,
  version integer not null default 1,
  updated_at timestamptz default now(),
  check (deadline is null or start_date is null or deadline >= start_date)
);
create index plan_measure_household_idx on plan_measure (household_id);
create index plan_measure_plan_idx on plan_measure (plan_id);
create index plan_measure_open_deadline_idx on plan_measure (deadline) where status in ('planned', 'in_progress');
