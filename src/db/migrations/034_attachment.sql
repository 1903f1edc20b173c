-- 034: attachments (issue 19 item 3, docs/operations.md "Attachments"): photos and documents on a
-- household, member, case, visit, project, project follow-up or grievance, stored in the database
-- (bytea; PostgreSQL keeps large values out of line, compressed where that helps) so that the backup
-- of the database (`jingzhun backup`) holds them. `region_code` is the owner's village (a grievance:
-- the township it is routed to), for prefix scoping. Deleting is soft: the row keeps who, when and why.

create table attachment (
  id bigserial primary key,
  region_code varchar(12) collate "C" not null,
  owner_kind text not null
    check (owner_kind in ('household', 'member', 'case', 'visit', 'project', 'project_followup', 'grievance')),
  owner_id bigint not null,
  -- the household the owner belongs to (a member, case, visit; a portal grievance), for the cascade of
  -- a deleted household; null for projects and public grievances
  household_id bigint references household (id) on delete cascade,
  kind text not null,
  file_name text not null,
  media_type text not null check (media_type in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  byte_size integer not null check (byte_size > 0),
  sha256 char(64) collate "C" not null,
  content bytea not null,
  thumbnail bytea,
  width integer,
  height integer,
  -- when and where the photo was taken, as evidence: from the image's EXIF or sent by the client
  taken_at timestamptz,
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  place_source text check (place_source in ('exif', 'client')),
  time_source text check (time_source in ('exif', 'client')),
  note text,
  uploaded_by bigint references app_user (id),
  uploaded_at timestamptz not null,
  deleted_at timestamptz,
  deleted_by bigint references app_user (id),
  delete_reason text,
  check ((deleted_at is null) = (delete_reason is null))
);
create index attachment_owner_idx on attachment (owner_kind, owner_id) where deleted_at is null;
create index attachment_region_idx on attachment (region_code);
create index attachment_household_idx on attachment (household_id) where household_id is not null;
