-- Webhook subscriptions and their delivery log, which is also the queue of attempts still due (it survives restarts).
-- The signing secret is stored sealed under the encryption key ring, never in clear.

create table webhooks (
    id uuid not null,
    url varchar(2048) not null,
    events varchar(200) not null,
    secret_sealed bytea not null,
    include_names boolean not null,
    enabled boolean not null,
    consecutive_failures integer not null,
    created_by varchar(200) not null,
    created_at timestamp(6) with time zone not null,
    disabled_at timestamp(6) with time zone,
    constraint webhooks_pk primary key (id)
);

create table webhook_deliveries (
    id uuid not null,
    delivery_id uuid not null,
    webhook_id uuid not null,
    event varchar(32) not null,
    payload varchar(8000) not null,
    attempt integer not null,
    state varchar(16) not null,
    due_at timestamp(6) with time zone not null,
    attempted_at timestamp(6) with time zone,
    status_code integer,
    latency_ms bigint,
    error varchar(300),
    next_attempt_at timestamp(6) with time zone,
    created_at timestamp(6) with time zone not null,
    constraint webhook_deliveries_pk primary key (id),
    constraint webhook_deliveries_webhook_fk foreign key (webhook_id) references webhooks (id) on delete cascade,
    constraint webhook_deliveries_state_check check (state in ('PENDING', 'SENDING', 'SUCCEEDED', 'FAILED'))
);

create index webhook_deliveries_due_idx on webhook_deliveries (state, due_at);
create index webhook_deliveries_webhook_idx on webhook_deliveries (webhook_id, created_at);
