-- 040: a visit recorded offline carries a key made on the device (issue 19 item 2, docs/offline.md).
-- The phone's outbox sends a visit again when the answer to the first send was lost (the network went
-- away after the server had stored it); the same key from the same user answers the stored visit
-- instead of inserting a second one. Visits recorded online have no key (null; not unique).
alter table visit add column client_key uuid null;
create unique index visit_client_key_idx on visit (recorded_by, client_key) where client_key is not null;
