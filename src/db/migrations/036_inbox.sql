-- 036: the inbox and reminders (issue 19 items 4-6, issue 20 item 1).
-- public_holiday: China's public holidays and the weekend days worked instead (调休), by date, as
-- published in the State Council's yearly notice (国务院办公厅关于部分节假日安排的通知); deadlines
-- in working days (src/domain/working-days.ts) read them. region_code '' = the whole country; a
-- region may add its own days (a local festival, a day worked) under its code, and the more local
-- row wins. 2027: only the statutory days (the notice with its 调休 was not yet recorded) — add the
-- notice's rows when it is published.
-- notification: what the delivery interface (src/modules/notifications) would send: SMS or WeChat
-- messages and daily digests. The logging default writes here and sends nothing outside the machine.

create table public_holiday (
  region_code varchar(12) collate "C" not null default '',
  day date not null,
  kind text not null check (kind in ('off', 'work')),
  name text not null,
  primary key (region_code, day)
);
create index public_holiday_day_idx on public_holiday (day);

insert into public_holiday (day, kind, name)
select d::date, 'off', v.name
from (values
  ('2020-01-01', '2020-01-01', '元旦'),
  ('2020-01-24', '2020-02-02', '春节'), -- extended to 2 February (国办发明电〔2020〕1号)
  ('2020-04-04', '2020-04-06', '清明节'),
  ('2020-05-01', '2020-05-05', '劳动节'),
  ('2020-06-25', '2020-06-27', '端午节'),
  ('2020-10-01', '2020-10-08', '国庆节、中秋节'),
  ('2021-01-01', '2021-01-03', '元旦'),
  ('2021-02-11', '2021-02-17', '春节'),
  ('2021-04-03', '2021-04-05', '清明节'),
  ('2021-05-01', '2021-05-05', '劳动节'),
  ('2021-06-12', '2021-06-14', '端午节'),
  ('2021-09-19', '2021-09-21', '中秋节'),
  ('2021-10-01', '2021-10-07', '国庆节'),
  ('2022-01-01', '2022-01-03', '元旦'),
  ('2022-01-31', '2022-02-06', '春节'),
  ('2022-04-03', '2022-04-05', '清明节'),
  ('2022-04-30', '2022-05-04', '劳动节'),
  ('2022-06-03', '2022-06-05', '端午节'),
  ('2022-09-10', '2022-09-12', '中秋节'),
  ('2022-10-01', '2022-10-07', '国庆节'),
  ('2022-12-31', '2023-01-02', '元旦'),
  ('2023-01-21', '2023-01-27', '春节'),
  ('2023-04-05', '2023-04-05', '清明节'),
  ('2023-04-29', '2023-05-03', '劳动节'),
  ('2023-06-22', '2023-06-24', '端午节'),
  ('2023-09-29', '2023-10-06', '中秋节、国庆节'),
  ('2024-01-01', '2024-01-01', '元旦'),
  ('2024-02-10', '2024-02-17', '春节'),
  ('2024-04-04', '2024-04-06', '清明节'),
  ('2024-05-01', '2024-05-05', '劳动节'),
  ('2024-06-10', '2024-06-10', '端午节'),
  ('2024-09-15', '2024-09-17', '中秋节'),
  ('2024-10-01', '2024-10-07', '国庆节'),
  ('2025-01-01', '2025-01-01', '元旦'),
  ('2025-01-28', '2025-02-04', '春节'),
  ('2025-04-04', '2025-04-06', '清明节'),
  ('2025-05-01', '2025-05-05', '劳动节'),
  ('2025-05-31', '2025-06-02', '端午节'),
  ('2025-10-01', '2025-10-08', '国庆节、中秋节'),
  ('2026-01-01', '2026-01-03', '元旦'),
  ('2026-02-15', '2026-02-23', '春节'),
  ('2026-04-04', '2026-04-06', '清明节'),
  ('2026-05-01', '2026-05-05', '劳动节'),
  ('2026-06-19', '2026-06-21', '端午节'),
  ('2026-09-25', '2026-09-27', '中秋节'),
  ('2026-10-01', '2026-10-07', '国庆节'),
  ('2027-01-01', '2027-01-01', '元旦（法定）'),
  ('2027-02-05', '2027-02-08', '春节（法定）'),
  ('2027-04-05', '2027-04-05', '清明节（法定）'),
  ('2027-05-01', '2027-05-02', '劳动节（法定）'),
  ('2027-06-09', '2027-06-09', '端午节（法定）'),
  ('2027-09-15', '2027-09-15', '中秋节（法定）'),
  ('2027-10-01', '2027-10-03', '国庆节（法定）')
) as v(f, t, name)
cross join lateral generate_series(v.f::date, v.t::date, interval '1 day') as d;

insert into public_holiday (day, kind, name)
select v.d::date, 'work', v.name
from (values
  ('2020-01-19', '春节调休上班'),
  ('2020-04-26', '劳动节调休上班'),
  ('2020-05-09', '劳动节调休上班'),
  ('2020-06-28', '端午节调休上班'),
  ('2020-09-27', '国庆节调休上班'),
  ('2020-10-10', '国庆节调休上班'),
  ('2021-02-07', '春节调休上班'),
  ('2021-02-20', '春节调休上班'),
  ('2021-04-25', '劳动节调休上班'),
  ('2021-05-08', '劳动节调休上班'),
  ('2021-09-18', '中秋节调休上班'),
  ('2021-09-26', '国庆节调休上班'),
  ('2021-10-09', '国庆节调休上班'),
  ('2022-01-29', '春节调休上班'),
  ('2022-01-30', '春节调休上班'),
  ('2022-04-02', '清明节调休上班'),
  ('2022-04-24', '劳动节调休上班'),
  ('2022-05-07', '劳动节调休上班'),
  ('2022-10-08', '国庆节调休上班'),
  ('2022-10-09', '国庆节调休上班'),
  ('2023-01-28', '春节调休上班'),
  ('2023-01-29', '春节调休上班'),
  ('2023-04-23', '劳动节调休上班'),
  ('2023-05-06', '劳动节调休上班'),
  ('2023-06-25', '端午节调休上班'),
  ('2023-10-07', '国庆节调休上班'),
  ('2023-10-08', '国庆节调休上班'),
  ('2024-02-04', '春节调休上班'),
  ('2024-02-18', '春节调休上班'),
  ('2024-04-07', '清明节调休上班'),
  ('2024-04-28', '劳动节调休上班'),
  ('2024-05-11', '劳动节调休上班'),
  ('2024-09-14', '中秋节调休上班'),
  ('2024-09-29', '国庆节调休上班'),
  ('2024-10-12', '国庆节调休上班'),
  ('2025-01-26', '春节调休上班'),
  ('2025-02-08', '春节调休上班'),
  ('2025-04-27', '劳动节调休上班'),
  ('2025-09-28', '国庆节调休上班'),
  ('2025-10-11', '国庆节调休上班'),
  ('2026-01-04', '元旦调休上班'),
  ('2026-02-14', '春节调休上班'),
  ('2026-02-28', '春节调休上班'),
  ('2026-05-09', '劳动节调休上班'),
  ('2026-09-20', '国庆节调休上班'),
  ('2026-10-10', '国庆节调休上班')
) as v(d, name);

create table notification (
  id bigserial primary key,
  -- the recipient's region (their scope), for prefix scoping like every table keyed by region
  region_code varchar(12) collate "C" not null,
  user_id bigint not null references app_user (id) on delete cascade,
  channel text not null check (channel in ('sms', 'wechat', 'log')),
  kind text not null, -- 'digest' (the daily digest) or a reminder kind
  -- the China date the message is for: one digest per user and day
  for_day date not null,
  subject text not null,
  body text not null,
  -- who delivered it: 'log' = written here only, nothing sent outside the machine
  delivered_by text not null default 'log',
  created_at timestamptz not null default now()
);
create index notification_region_idx on notification (region_code);
create unique index notification_digest_uq on notification (user_id, for_day) where kind = 'digest';
