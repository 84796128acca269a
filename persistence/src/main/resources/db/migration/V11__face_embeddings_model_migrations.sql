-- Moving a deployment to another recognition model (issue 17). Runs unchanged on PostgreSQL and on H2 in PostgreSQL
-- mode, like V1.
--
-- face_embeddings: a face's embedding by another model than the one in faces.embedding: the target model's, written
-- by the migration's background pass; after the switch-over the two swap places and the source model's waits here
-- for a rollback or for the operator to drop it. Sealed like faces.embedding (KeyRing envelope bound to face id and
-- model id, so it moves between the columns as it is); key_id repeats the envelope's key (null: legacy plaintext,
-- as faces.embedding_key_id). The foreign key's cascade drops a face's embeddings with the face, so an
-- erased face can never keep, nor be given, one: the pass inserts from a select on faces.
create table face_embeddings (
    face_id uuid not null,
    model_id varchar(100) not null,
    embedding bytea not null,
    key_id varchar(16),
    created_at timestamp(6) with time zone not null,
    constraint face_embeddings_pk primary key (face_id, model_id),
    constraint face_embeddings_face_fk foreign key (face_id) references faces (id) on delete cascade
);

-- Counting and dropping one model's embeddings.
create index face_embeddings_model_idx on face_embeddings (model_id, face_id);

-- One row per migration the operator started; the latest is the current one. Counters are written by the pass after
-- each batch, so a restarted replica reports where the pass stood and continues from the data itself (a face is done
-- when its face_embeddings row exists).
create table model_migrations (
    id uuid not null,
    source_model varchar(100) not null,
    target_model varchar(100) not null,
    state varchar(16) not null,
    total bigint not null,
    done bigint not null,
    failed bigint not null,
    started_at timestamp(6) with time zone not null,
    updated_at timestamp(6) with time zone not null,
    finished_at timestamp(6) with time zone,
    error varchar(200),
    constraint model_migrations_pk primary key (id)
);

create index model_migrations_started_idx on model_migrations (started_at, id);

-- Faces the pass could not re-embed (image missing, no face found in it again, ...), with the reason; a later pass
-- retries them and removes the row when it succeeds. No foreign key to faces: erased faces' failures stay readable.
create table model_migration_failures (
    migration_id uuid not null,
    face_id uuid not null,
    reason varchar(200) not null,
    failed_at timestamp(6) with time zone not null,
    constraint model_migration_failures_pk primary key (migration_id, face_id),
    constraint model_migration_failures_migration_fk foreign key (migration_id)
        references model_migrations (id) on delete cascade
);
