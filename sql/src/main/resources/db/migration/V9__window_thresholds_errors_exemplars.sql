-- More of each window (contracts §3, §5): exact counts at the SLI thresholds 50, 200 and 500 ms
-- (100 and 400 ms exist), failures by error type and the slowest requests. Rows written before
-- this migration read as having none of them: 0, '{}' and '[]'.

alter table metrics.route_windows
    add column within_50ms  bigint not null default 0,  -- duration <= 50 ms
    add column within_200ms bigint not null default 0,  -- duration <= 200 ms
    add column within_500ms bigint not null default 0,  -- duration <= 500 ms
    -- {"<error_type>": count} of requests with status >= 400; at most 20 named types, the rest
    -- under "other", failures without a type under "unspecified"
    add column error_types  jsonb  not null default '{}'::jsonb
        check (jsonb_typeof(error_types) = 'object'),
    -- [{"request_id": ..., "duration_us": ...}]: the 5 slowest requests, slowest first
    add column exemplars    jsonb  not null default '[]'::jsonb
        check (jsonb_typeof(exemplars) = 'array');

alter table metrics.route_windows_live
    add column within_50ms  bigint not null default 0,
    add column within_200ms bigint not null default 0,
    add column within_500ms bigint not null default 0,
    add column error_types  jsonb  not null default '{}'::jsonb
        check (jsonb_typeof(error_types) = 'object'),
    add column exemplars    jsonb  not null default '[]'::jsonb
        check (jsonb_typeof(exemplars) = 'array');

-- The same view as in V4 with the new columns appended (create or replace may only add columns at
-- the end), so analysts find them next to the other counters of every row.
create or replace view metrics.route_windows_all as
select w.window_start, w.window_end, w.service, w.region, w.instance, w.method, w.route,
       w.is_correction,
       false as provisional,
       w.requests, w.status_2xx, w.status_3xx, w.status_4xx, w.status_5xx,
       w.cache_hit, w.cache_stale, w.cache_revalidated, w.cache_miss, w.cache_bypass,
       w.db_requests, w.db_queries, w.bytes, w.fast_requests, w.tolerated_requests,
       w.latency, w.db_time, w.written_at,
       w.within_50ms, w.within_200ms, w.within_500ms, w.error_types, w.exemplars
from metrics.route_windows w
union all
select l.window_start, l.window_end, l.service, l.region, l.instance, l.method, l.route,
       false as is_correction,
       true as provisional,
       l.requests, l.status_2xx, l.status_3xx, l.status_4xx, l.status_5xx,
       l.cache_hit, l.cache_stale, l.cache_revalidated, l.cache_miss, l.cache_bypass,
       l.db_requests, l.db_queries, l.bytes, l.fast_requests, l.tolerated_requests,
       l.latency, l.db_time, l.written_at,
       l.within_50ms, l.within_200ms, l.within_500ms, l.error_types, l.exemplars
from metrics.route_windows_live l
where not exists (
    -- served by the partial unique index route_windows_final_uq
    select 1
    from metrics.route_windows f
    where not f.is_correction
      and f.window_start = l.window_start
      and f.service = l.service
      and f.region = l.region
      and f.instance = l.instance
      and f.method = l.method
      and f.route = l.route
);
comment on column metrics.route_windows_all.within_50ms is 'requests with duration <= 50 ms (exact)';
comment on column metrics.route_windows_all.within_200ms is 'requests with duration <= 200 ms (exact)';
comment on column metrics.route_windows_all.within_500ms is 'requests with duration <= 500 ms (exact)';
comment on column metrics.route_windows_all.error_types is
    'requests with status >= 400 by error_type, {"type": count}; at most 20 named types per row, the rest under "other"';
comment on column metrics.route_windows_all.exemplars is
    'the 5 slowest requests of the row, [{"request_id", "duration_us"}], slowest first (ties by request id)';
