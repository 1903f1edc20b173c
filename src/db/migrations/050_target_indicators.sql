-- Target indicators as data (任务分解 after 2020, issue 21 item 6). Until now assist_target.indicator
-- was fixed by a check to the pre-2020 exit and measure counts; the kinds become rows, each with its
-- unit, how it is split down the levels and how progress is read (src/domain/targets/indicators.ts
-- holds the computation of each kind from the registry's counts; the codes here must match it).

create table target_indicator (
  kind text collate "C" primary key,
  era text not null check (era in ('pre2020', 'post2020')),
  name_zh text not null,
  name_en text not null,
  -- households and persons are counts split by sum; percent targets are set per region (not summed)
  unit text not null check (unit in ('households', 'persons', 'percent')),
  aggregation text not null check (aggregation in ('sum', 'rate')),
  -- false: progress is shown, but the figure is not a quota (risk removal: DOMAIN.md "no quotas")
  binding boolean not null default true,
  definition_zh text not null,
  definition_en text not null,
  sort smallint not null
);

insert into target_indicator (kind, era, name_zh, name_en, unit, aggregation, binding, definition_zh, definition_en, sort) values
  ('exit_households', 'pre2020', '脱贫户数', 'exited households', 'households', 'sum', true,
   '当年状态变更为已脱贫的户数（含再次脱贫，每户计一次）', 'households whose status changed to exited in the year (re-exits included, each once)', 10),
  ('exit_persons', 'pre2020', '脱贫人数', 'exited persons', 'persons', 'sum', true,
   '当年脱贫户的人口数（当年家庭人口，缺则现人口）', 'persons of the year''s exited households (that year''s size, else the current size)', 20),
  ('measure_households', 'pre2020', '有帮扶措施户数', 'households with measures', 'households', 'sum', true,
   '建档立卡户和监测户中有未取消帮扶措施的户数', 'registered and monitored households with a measure not cancelled', 30),
  ('monitoring_coverage', 'post2020', '监测对象应纳尽纳率', 'monitoring coverage', 'percent', 'rate', true,
   '当年人均纯收入低于监测范围、未处于未脱贫状态的户中，当年处于监测的户所占比例', 'of households not registered poor whose per-capita income of the year is below the monitoring line, the share monitored in the year', 110),
  ('risks_removed', 'post2020', '风险消除户数', 'risks removed', 'households', 'sum', false,
   '当年状态变更为风险已消除的户数；仅跟踪，不作指标下达（不搞指标控制）', 'households whose status changed to risk removed in the year; tracked, never a quota', 120),
  ('employed_labour', 'post2020', '脱贫劳动力务工规模', 'employed labour of exited households', 'persons', 'sum', true,
   '脱贫户（曾脱贫的户）中当年有务工记录的成员人数', 'members of exited households (ever exited) with an employment record in the year', 130),
  ('exited_income_growth', 'post2020', '脱贫户人均纯收入增幅', 'income growth of exited households', 'percent', 'rate', true,
   '当年与上年均有收入记录的脱贫户，人均纯收入（总收入÷总人口）的同比增幅', 'for exited households with incomes of the year and the year before, the growth of per-capita net income (total income ÷ total persons)', 140),
  ('measure_coverage', 'post2020', '监测对象帮扶措施覆盖率', 'measure coverage of monitored households', 'percent', 'rate', true,
   '当年处于监测的户中，有未取消帮扶措施的户所占比例', 'of households monitored in the year, the share with a measure not cancelled', 150),
  ('dibao_linkage', 'post2020', '无劳动力监测户兜底保障率', 'dibao linkage', 'percent', 'rate', true,
   '当年处于监测、在户成员均无劳动能力的户中，当年在低保或特困名册上的户所占比例', 'of households monitored in the year in which no present member can work, the share on a dibao or 特困 roll in the year', 160);

alter table assist_target drop constraint if exists assist_target_indicator_check;
alter table assist_target
  add constraint assist_target_indicator_fk foreign key (indicator) references target_indicator (kind);
