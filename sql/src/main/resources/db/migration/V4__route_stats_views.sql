-- Analyst views over the per-route window results of V2. Latencies are merged with the
-- sketch functions of V3, so a quantile over many rows is a quantile of all their requests, not an
-- average of per-row quantiles.

-- Every window row in one place: final and correction rows, plus the provisional values of windows
-- that have no final row yet. The sink deletes a live row when the final row lands, in the same
-- transaction; the anti-join also hides a live row that would briefly coexist with its final row,
-- so no window is ever counted twice.
create view metrics.route_windows_all as
select w.window_start, w.window_end, w.service, w.region, w.instance, w.method, w.route,
       w.is_correction,
       false as provisional,
       w.requests, w.status_2xx, w.status_3xx, w.status_4xx, w.status_5xx,
       w.cache_hit, w.cache_stale, w.cache_revalidated, w.cache_miss, w.cache_bypass,
       w.db_requests, w.db_queries, w.bytes, w.fast_requests, w.tolerated_requests,
       w.latency, w.db_time, w.written_at
from metrics.route_windows w
union all
select l.window_start, l.window_end, l.service, l.region, l.instance, l.method, l.route,
       false as is_correction,
       true as provisional,
       l.requests, l.status_2xx, l.status_3xx, l.status_4xx, l.status_5xx,
       l.cache_hit, l.cache_stale, l.cache_revalidated, l.cache_miss, l.cache_bypass,
       l.db_requests, l.db_queries, l.bytes, l.fast_requests, l.tolerated_requests,
       l.latency, l.db_time, l.written_at
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
comment on view metrics.route_windows_all is
    'All per-route window rows: final and correction rows of metrics.route_windows (provisional = false) and '
    'live rows of still-open windows from metrics.route_windows_live (provisional = true) that have no final row yet. '
    'Sum counters and merge sketches (metrics.sketch_merge) across rows; never average per-row rates or quantiles.';
comment on column metrics.route_windows_all.provisional is
    'true for a window still open (values grow until its final row replaces it)';
comment on column metrics.route_windows_all.is_correction is
    'true for a row of late events, added to its window''s final row';

-- One row per minute window and route, merged across regions, instances and correction rows.
-- Filters on window_start, service, method or route are pushed down to the tables' indexes.
create view metrics.route_minute_stats as
select m.window_start,
       m.window_end,
       m.service,
       m.method,
       m.route,
       m.requests,
       metrics.sketch_quantile(m.latency, 0.50) / 1000.0 as p50_ms,
       metrics.sketch_quantile(m.latency, 0.95) / 1000.0 as p95_ms,
       metrics.sketch_quantile(m.latency, 0.99) / 1000.0 as p99_ms,
       (m.latency).sum_us / nullif((m.latency).count, 0) / 1000.0 as mean_ms,
       (m.latency).max_us / 1000.0 as max_ms,
       -- BYPASS requests were not cacheable and count neither way; no cacheable request: NULL
       m.cache_served::double precision / nullif(m.cache_served + m.cache_miss, 0) as cache_hit_rate,
       m.status_5xx::double precision / nullif(m.requests, 0) as error_rate,
       m.status_4xx::double precision / nullif(m.requests, 0) as client_error_rate,
       m.requests / extract(epoch from m.window_end - m.window_start)::double precision as throughput_rps,
       m.db_time_us / nullif(m.db_requests, 0) / 1000.0 as db_ms_per_db_request,
       m.provisional
from (
    select window_start, window_end, service, method, route,
           sum(requests)::bigint as requests,
           sum(status_4xx)::bigint as status_4xx,
           sum(status_5xx)::bigint as status_5xx,
           sum(cache_hit + cache_stale + cache_revalidated)::bigint as cache_served,
           sum(cache_miss)::bigint as cache_miss,
           sum(db_requests)::bigint as db_requests,
           sum((db_time).sum_us) as db_time_us,
           metrics.sketch_merge(latency) as latency,
           bool_or(provisional) as provisional
    from metrics.route_windows_all
    group by window_start, window_end, service, method, route
) m;
comment on view metrics.route_minute_stats is
    'Per minute window and route (service, method, route): requests and latency merged across regions, instances '
    'and late-event corrections. Latency quantiles are within 1 % of the exact ones (sketches, contracts §4). '
    'provisional = true while any part of the window is still open. Filter on window_start for speed.';
comment on column metrics.route_minute_stats.requests is 'requests in the window';
comment on column metrics.route_minute_stats.p50_ms is 'median latency, ms';
comment on column metrics.route_minute_stats.p95_ms is '95th percentile latency, ms';
comment on column metrics.route_minute_stats.p99_ms is '99th percentile latency, ms';
comment on column metrics.route_minute_stats.mean_ms is 'mean latency, ms (exact)';
comment on column metrics.route_minute_stats.max_ms is 'largest latency, ms (exact)';
comment on column metrics.route_minute_stats.cache_hit_rate is
    '(HIT + STALE + REVALIDATED) / (HIT + STALE + REVALIDATED + MISS); BYPASS excluded; NULL without cacheable requests';
comment on column metrics.route_minute_stats.error_rate is 'share of requests answered 5xx';
comment on column metrics.route_minute_stats.client_error_rate is 'share of requests answered 4xx';
comment on column metrics.route_minute_stats.throughput_rps is 'requests per second over the window';
comment on column metrics.route_minute_stats.db_ms_per_db_request is
    'database time per request that ran at least one query, ms; NULL when none did';
comment on column metrics.route_minute_stats.provisional is 'true while the window (or part of it) is still open';
