-- The application's own data: users, pitches and the tokens that authenticate API callers.
create schema if not exists app;

create table app.users (
    id           bigint generated always as identity primary key,
    handle       text        not null unique check (handle ~ '^[a-z0-9_]{3,32}$'),
    display_name text        not null,
    email        text        not null unique,
    bio          text        not null default '',
    created_at   timestamptz not null default now()
);

create table app.pitches (
    id          bigint generated always as identity primary key,
    owner_id    bigint      not null references app.users (id) on delete cascade,
    title       text        not null check (length(title) between 1 and 200),
    logline     text        not null default '',
    genre       text        not null,
    status      text        not null default 'draft' check (status in ('draft', 'published', 'archived')),
    view_count  bigint      not null default 0,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index pitches_owner_idx on app.pitches (owner_id);
create index pitches_genre_status_idx on app.pitches (genre, status);

-- Only a hash of each token is stored: a leaked table does not leak credentials.
create table app.api_tokens (
    token_sha256 bytea       primary key,
    user_id      bigint      not null references app.users (id) on delete cascade,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz
);
