-- The audit log: who did what to which object, when, from where, with what result. Names and ids only, never a
-- body, image, embedding, token, key or password. No foreign keys: the record outlives the objects it names.

create table audit_events (
    id uuid not null,
    occurred_at timestamp(6) with time zone not null,
    actor varchar(200) not null,
    actor_kind varchar(16) not null,
    actor_role varchar(16),
    action varchar(64) not null,
    target_type varchar(16),
    target_id varchar(64),
    gallery_id uuid,
    status smallint not null,
    outcome varchar(16) not null,
    client_address varchar(64),
    request_id varchar(64),
    constraint audit_events_pk primary key (id),
    constraint audit_events_actor_kind_check check (actor_kind in ('USER', 'EXTERNAL', 'API_KEY', 'ANONYMOUS')),
    constraint audit_events_outcome_check check (outcome in ('SUCCESS', 'DENIED', 'FAILED'))
);

-- Every query reads newest first; each filter has an index that also serves that order.
create index audit_events_occurred_idx on audit_events (occurred_at, id);
create index audit_events_actor_idx on audit_events (actor, occurred_at);
create index audit_events_action_idx on audit_events (action, occurred_at);
create index audit_events_target_idx on audit_events (target_id, occurred_at);
create index audit_events_gallery_idx on audit_events (gallery_id, occurred_at);
