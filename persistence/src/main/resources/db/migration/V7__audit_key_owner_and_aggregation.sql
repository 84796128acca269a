-- The audit log names the owner of an API key that acted (the actor is key:<prefix>, which says nothing about who
-- is answerable for it), and one row may stand for several refusals of callers without credentials, counted in a
-- window instead of a row each, so that a flood of them cannot fill the disk. Same syntax on PostgreSQL and H2.
alter table audit_events add column key_owner varchar(200);
-- Existing rows each record one request.
alter table audit_events add column occurrences integer default 1 not null;
-- When the last of the requests happened (occurred_at is the first); null for one request.
alter table audit_events add column last_occurred_at timestamp(6) with time zone;
alter table audit_events add constraint audit_events_occurrences_check check (occurrences >= 1);

-- "What did this user's keys do", newest first.
create index audit_events_key_owner_idx on audit_events (key_owner, occurred_at);
