-- 051: regional settings (issue 21 item 2). The inspection limits, the grievance deadlines and the
-- warning weights become settings with inheritance, like policy parameters and the measure
-- catalogue: the country sets each number, a province, prefecture or county overrides it for its own
-- region, and a household's region takes the nearest value (src/domain/settings/regional-settings.ts).
-- One row per number (a dotted path of the setting), so each value names who set it and why.
-- National rows ('') are kept by administrators of the whole country; docs/settings.md.

create table regional_setting (
  setting text not null check (setting in ('inspection_limits', 'grievance_deadlines', 'warning_weights')),
  -- '' national, 2 digits a province, 4 a prefecture, 6 a county (the convention of policy_param)
  region_code varchar(12) collate "C" not null check (region_code ~ '^(\d{2}|\d{4}|\d{6})?$'),
  path text not null check (path ~ '^[a-z][A-Za-z0-9_]*(\.[a-z][A-Za-z0-9_]*)*$' and length(path) <= 80),
  value numeric(12, 4) not null,
  reason text not null check (length(reason) between 1 and 500),
  set_by bigint references app_user (id),
  set_by_name text not null,
  set_at timestamptz not null default now(),
  version integer not null default 1,
  primary key (setting, region_code, path)
);
create index regional_setting_region_idx on regional_setting (region_code, setting);

-- The national grievance deadlines so far (table grievance_deadline stays: grievances name their kind
-- by it). From now on the deadlines are read from regional_setting.
insert into regional_setting (setting, region_code, path, value, reason, set_by_name)
select 'grievance_deadlines', '', d.kind || '.' || p.leaf, p.v, '迁移自原全国办理时限表', 'system'
from grievance_deadline d
cross join lateral (values ('ackDays', d.ack_days), ('resolveDays', d.resolve_days)) as p (leaf, v);

-- The inspection limits an office set before (one value for the whole system, app_meta): kept as the
-- national values.
insert into regional_setting (setting, region_code, path, value, reason, set_by_name)
select 'inspection_limits', '', p.leaf, (m.value ->> p.leaf)::numeric, '迁移自原统一督查限额', 'system'
from app_meta m
cross join (values ('perYear'), ('daysPerYear')) as p (leaf)
where m.key = 'burden:inspection-limits' and jsonb_typeof(m.value -> p.leaf) = 'number';
