-- Optional retention per gallery: faces enrolled longer ago than this many days are erased by the retention
-- sweep. Null keeps faces until someone deletes them. Same syntax on PostgreSQL and H2.
alter table galleries add column retention_days integer;
alter table galleries add constraint galleries_retention_days_check
    check (retention_days is null or retention_days between 1 and 36500);

-- The sweep's query: one gallery's faces enrolled before an instant, oldest first.
create index faces_gallery_created_idx on faces (gallery_id, created_at, id);
