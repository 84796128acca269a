-- Accounts of the built-in token issuer, their refresh tokens, revoked access tokens and API keys.
-- Secrets are never stored: passwords as slow salted hashes, tokens and keys as SHA-256 (they are random).

create table users (
    id uuid not null,
    username varchar(64) not null,
    password_hash varchar(255) not null,
    role varchar(16) not null,
    enabled boolean not null,
    created_at timestamp(6) with time zone not null,
    credentials_changed_at timestamp(6) with time zone not null,
    constraint users_pk primary key (id),
    constraint users_username_key unique (username),
    constraint users_role_check check (role in ('ADMIN', 'OPERATOR', 'VIEWER'))
);

create table refresh_tokens (
    id uuid not null,
    family_id uuid not null,
    user_id uuid not null,
    token_hash varchar(64) not null,
    issued_at timestamp(6) with time zone not null,
    expires_at timestamp(6) with time zone not null,
    used_at timestamp(6) with time zone,
    revoked_at timestamp(6) with time zone,
    constraint refresh_tokens_pk primary key (id),
    constraint refresh_tokens_hash_key unique (token_hash),
    constraint refresh_tokens_user_fk foreign key (user_id) references users (id) on delete cascade
);

create index refresh_tokens_family_idx on refresh_tokens (family_id);
create index refresh_tokens_user_idx on refresh_tokens (user_id);
create index refresh_tokens_expires_idx on refresh_tokens (expires_at);

-- Access tokens ended before their expiry (logout); a row can go once the token has expired anyway.
create table revoked_access_tokens (
    token_id varchar(64) not null,
    expires_at timestamp(6) with time zone not null,
    constraint revoked_access_tokens_pk primary key (token_id)
);

create index revoked_access_tokens_expires_idx on revoked_access_tokens (expires_at);

create table api_keys (
    id uuid not null,
    prefix varchar(32) not null,
    secret_hash varchar(64) not null,
    name varchar(100) not null,
    role varchar(16) not null,
    owner varchar(200) not null,
    created_at timestamp(6) with time zone not null,
    expires_at timestamp(6) with time zone,
    last_used_at timestamp(6) with time zone,
    revoked_at timestamp(6) with time zone,
    constraint api_keys_pk primary key (id),
    constraint api_keys_prefix_key unique (prefix),
    constraint api_keys_role_check check (role in ('ADMIN', 'OPERATOR', 'VIEWER'))
);
