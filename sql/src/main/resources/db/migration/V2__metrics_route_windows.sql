-- Per-route window results written by the streams-aggregator (contracts §2-§5).
create schema if not exists metrics;

-- A latency sketch (contracts §4): relative accuracy 0.01, values in microseconds.
-- bins are ascending bin indexes, counts their counts; values below 1 µs are counted in zero_count.
-- min/max/sum are exact; count = zero_count + sum(counts).
create type metrics.latency_sketch as (
    zero_count bigint,
    bins       integer[],
    counts     bigint[],
    min_us     double precision,
    max_us     double precision,
    sum_us     double precision,
    count      bigint
);

-- Final window results. A window normally has one row per key; events that arrive after the
-- grace period add correction rows (is_correction = true) that views merge with the final row.
create table metrics.route_windows (
    id                bigint generated always as identity primary key,
    window_start      timestamptz not null,
    window_end        timestamptz not null,
    service           text        not null,
    region            text        not null,
    instance          text        not null,
    method            text        not null,
    route             text        not null,
    is_correction     boolean     not null default false,
    requests          bigint      not null check (requests >= 0),
    status_2xx        bigint      not null default 0,
    status_3xx        bigint      not null default 0,
    status_4xx        bigint      not null default 0,
    status_5xx        bigint      not null default 0,
    cache_hit         bigint      not null default 0,
    cache_stale       bigint      not null default 0,
    cache_revalidated bigint      not null default 0,
    cache_miss        bigint      not null default 0,
    cache_bypass      bigint      not null default 0,
    db_requests       bigint      not null default 0,  -- requests that ran at least one query
    db_queries        bigint      not null default 0,
    bytes             bigint      not null default 0,
    fast_requests     bigint      not null default 0,  -- duration <= 100 ms (the latency SLI)
    tolerated_requests bigint     not null default 0,  -- duration <= 400 ms (Apdex tolerating, T = 100 ms)
    latency           metrics.latency_sketch not null,
    db_time           metrics.latency_sketch not null,
    written_at        timestamptz not null default now(),
    check (window_end > window_start)
);
create index route_windows_start_idx on metrics.route_windows (window_start);
create index route_windows_route_idx on metrics.route_windows (method, route, window_start);
-- At most one final (non-correction) row per window and key: a replayed write fails loudly.
create unique index route_windows_final_uq on metrics.route_windows
    (window_start, service, region, instance, method, route) where not is_correction;

-- Provisional values of open windows, upserted every few seconds and deleted when the final row lands.
create table metrics.route_windows_live (like metrics.route_windows including defaults including constraints);
alter table metrics.route_windows_live drop column id;
alter table metrics.route_windows_live drop column is_correction;
alter table metrics.route_windows_live
    add primary key (window_start, service, region, instance, method, route);

-- The sink's consumer offsets, committed in the same transaction as the rows they produced.
create table metrics.sink_offsets (
    consumer_group text    not null,
    topic          text    not null,
    partition      integer not null,
    next_offset    bigint  not null,
    updated_at     timestamptz not null default now(),
    primary key (consumer_group, topic, partition)
);
