-- 041: a self-report taken on a visit and recorded offline carries a key made on the device (issue 19
-- item 2, docs/offline.md). The phone's outbox sends it again when the answer to the first send was
-- lost; the same key from the same user answers the stored report instead of inserting a second one.
-- Reports without a key (the household portal, forms online) stay as they were (null; not unique).
alter table warning_signal add column client_key uuid null;
create unique index warning_signal_client_key_idx on warning_signal (created_by, client_key)
  where client_key is not null;
