-- Bulk enrolment jobs from a prefix of the S3 bucket (docs/jobs.md), beside those from an uploaded archive. Runs
-- unchanged on PostgreSQL and on H2 in PostgreSQL mode, like V1.
--
-- enrollment_jobs.source says where a job's photos come from; source_key (archive_key until now) is where the
-- archive is kept for an ARCHIVE job, and the prefix for an S3_PREFIX job (up to 512 characters: ImportPrefix).
alter table enrollment_jobs add column source varchar(16) default 'ARCHIVE' not null;
alter table enrollment_jobs add constraint enrollment_jobs_source_check check (source in ('ARCHIVE', 'S3_PREFIX'));
alter table enrollment_jobs rename column archive_key to source_key;
alter table enrollment_jobs alter column source_key set data type varchar(1024);

-- The photos an S3_PREFIX job lists when it is created, in the order it works through them, stored with the job in
-- the same transaction: after a crash, on any replica, the job goes on with exactly these, and a photo whose object
-- changed (size, entity tag) or vanished since is refused with its reason. path is relative to the prefix (the
-- item's path in enrollment_job_items); etag is null when the store gave none.
create table enrollment_job_photos (
    job_id uuid not null,
    ordinal integer not null,
    path varchar(1000) not null,
    person_name varchar(1000) not null,
    external_id varchar(1000),
    object_size bigint not null,
    etag varchar(200),
    constraint enrollment_job_photos_pk primary key (job_id, ordinal),
    constraint enrollment_job_photos_job_fk foreign key (job_id) references enrollment_jobs (id) on delete cascade
);
