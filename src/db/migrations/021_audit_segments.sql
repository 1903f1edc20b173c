-- 021: the audit chain cut into segments (one per county, one per region above county level, '' for
-- events without a region), so writers of different counties never wait for each other.
-- Each event records its segment and its sequence number there (1, 2, …); prev_hash links within the
-- segment. audit_segment holds each segment's head (last hash, number of events), updated in the
-- transaction that appends, and its row lock is the segment's write lock. Events written before this
-- migration form the segment 'legacy', numbered in id order and verified as they always were.
alter table audit_event add column segment text collate "C";
alter table audit_event add column seq bigint;

update audit_event e set segment = 'legacy', seq = n.seq
from (select id, row_number() over (order by id) as seq from audit_event) n
where n.id = e.id;

alter table audit_event alter column segment set not null;
alter table audit_event alter column seq set not null;
create unique index audit_event_segment_seq_idx on audit_event (segment, seq);

create table audit_segment (
  segment text collate "C" primary key,
  head_hash char(64) not null,
  events bigint not null,
  updated_at timestamptz not null default now()
);

insert into audit_segment (segment, head_hash, events)
select 'legacy', (select hash from audit_event order by id desc limit 1), count(*)
from audit_event
having count(*) > 0;
