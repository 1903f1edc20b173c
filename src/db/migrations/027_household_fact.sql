-- 027: recorded facts of a household (docs/facts.md): one row per recorded fact, with its date (the
-- day it holds as of; a month record: the month's first day) and source, kept with history (a
-- correction is a new row that supersedes the old one) and maker–checker (a village cadre's change
-- to a decision-critical kind is 'proposed' until a township or county officer confirms it, as the
-- county's `factConfirmation` policy parameter says). The value is validated per kind by
-- src/domain/facts/kinds.ts. Rules read only confirmed rows (src/modules/household-facts/repository.ts).
create table household_fact (
  id bigserial primary key,
  village_code varchar(12) collate "C" not null references region (code),
  household_id bigint not null references household (id) on delete cascade,
  member_id bigint references member (id) on delete cascade,
  kind text not null check (kind ~ '^[a-z][a-z0-9_]{1,39}$'),
  -- what within the kind the row is about (kinds.ts subjectOf): the month of an income record, a risk
  -- code, a spending period…; '' for kinds with one value per household or member
  subject text not null default '',
  value jsonb not null,
  observed_on date not null,
  source text not null check (source in ('home_visit', 'self_report', 'department_list', 'document',
                                         'import', 'civil_affairs', 'demo')),
  source_ref text,
  state text not null check (state in ('proposed', 'confirmed', 'rejected', 'superseded')),
  recorded_by bigint references app_user (id),
  recorded_at timestamptz not null default now(),
  confirmed_by bigint references app_user (id),
  confirmed_at timestamptz,
  decision_note text,
  supersedes bigint references household_fact (id)
);
-- the rules' loader: the latest confirmed row per (kind, member) of many households as of a day
create index household_fact_household_idx
  on household_fact (household_id, kind, member_id, observed_on desc);
-- the confirmation queue: pending proposals of a township or county (region prefix + state)
create index household_fact_queue_idx on household_fact (village_code, state);
create index household_fact_supersedes_idx on household_fact (supersedes) where supersedes is not null;

-- change capture like the other registry tables (024): a write outside an audited transaction shows
-- in `audit verify`; bulk writers (the demo) name their transactions with `auditChangesSince`.
create trigger household_fact_rc_ins after insert on household_fact referencing new table as new_rows
  for each statement execute function row_change_capture('region');
create trigger household_fact_rc_upd after update on household_fact referencing new table as new_rows
  for each statement execute function row_change_capture('region');
create trigger household_fact_rc_del after delete on household_fact referencing old table as old_rows
  for each statement execute function row_change_capture('region');
