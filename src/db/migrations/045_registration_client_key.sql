-- 045: a new-household draft started offline carries a key made on the device (issue 19 item 2,
-- docs/offline.md), as visits (040) and self-reports (041) do. The phone's outbox sends the creation
-- again when the answer to the first send was lost; the same key from the same owner answers the
-- stored draft instead of creating a second one. Drafts started online have no key (null; not unique).
alter table registration_draft add column client_key uuid null;
create unique index registration_draft_client_key_idx on registration_draft (owner_id, client_key)
  where client_key is not null;
