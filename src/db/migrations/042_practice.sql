-- 042: the practice library (案例库, issue 21 item 3) and cadres' training records (item 8).
-- A practice entry is an experience, a failure or a problem written by a township, a county or a
-- village work team, tied to a place (region_code: a village, township or county), projects, measure
-- catalogue codes and poverty causes, tagged; the county reviews it (submitted → approved |
-- returned with a note). Only approved entries are read beyond the author's unit. Searched in
-- Chinese by the character bigrams of migration 037 (policy_bigrams). docs/knowledge.md.

create table practice (
  id bigserial primary key,
  kind text not null check (kind in ('experience', 'failure', 'problem')),
  -- the place the practice is about: a village, township or county (prefix scoping)
  region_code varchar(12) collate "C" not null check (region_code ~ '^(\d{6}|\d{9}|\d{12})$'),
  -- the county that reviews it (the first six digits of region_code)
  county_code varchar(6) collate "C" not null check (county_code = left(region_code, 6)),
  -- the author's unit: the scope of the account that wrote it (drafts and returned entries stay there)
  author_scope varchar(12) collate "C" not null,
  author_unit text not null check (length(author_unit) between 1 and 200),
  title text not null check (length(title) between 2 and 200),
  summary text not null check (length(summary) between 2 and 1000),
  body text not null default '',
  actions text not null default '',
  results text not null default '',
  lessons text not null default '',
  project_ids bigint[] not null default '{}',
  measure_codes text[] not null default '{}',
  causes text[] not null default '{}',
  tags text[] not null default '{}',
  state text not null default 'submitted' check (state in ('submitted', 'approved', 'returned')),
  review_note text,
  reviewed_by bigint references app_user (id),
  reviewed_at timestamptz,
  -- where it was turned from: a quality finding (idle project) or a grievance
  source_kind text check (source_kind in ('quality_finding', 'grievance')),
  source_id bigint,
  created_by bigint references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  -- the distinct character bigrams of title, summary, tags and texts (migration 037's policy_bigrams)
  bigrams text[] not null default '{}'
);
create index practice_region_idx on practice (region_code, id);
create index practice_county_state_idx on practice (county_code, state, id);
create index practice_author_idx on practice (author_scope, id);
create index practice_bigrams_idx on practice using gin (bigrams);
create index practice_causes_idx on practice using gin (causes);

-- Training records of a cadre (干部培训): date, topic, hours, organiser; region_code is the cadre's
-- region when recorded (counted per township).
create table cadre_training (
  id bigserial primary key,
  cadre_id bigint not null references cadre (id) on delete cascade,
  region_code varchar(12) collate "C" not null,
  trained_on date not null,
  topic text not null check (length(topic) between 2 and 200),
  hours numeric(5, 1) not null check (hours > 0 and hours <= 500),
  organiser text not null check (length(organiser) between 2 and 200),
  created_by bigint references app_user (id),
  created_at timestamptz not null default now()
);
create index cadre_training_cadre_idx on cadre_training (cadre_id, trained_on);
create index cadre_training_region_idx on cadre_training (region_code, trained_on);
