-- Writes the performance report of one period: the header (totals) and one row per route, from one
-- snapshot of the window rows, so the routes always add up to the totals.
-- Parameters: 1 period start, 2 period end, 3 generated at. Returns the header's headline.
-- The measures are defined once (stats) and follow contracts §3; see V6__performance_reports.sql.
with period as (
    select ?::timestamptz as period_start, ?::timestamptz as period_end, ?::timestamptz as generated_at
),
window_rows as (
    -- final rows, their corrections and the provisional values of still-open windows, each window
    -- counted once (the view's contract, V4)
    select w.*
    from metrics.route_windows_all w, period p
    where w.window_start >= p.period_start and w.window_start < p.period_end
),
sums as (
    -- grouping set () is the totals row; it exists even when the period has no rows at all
    select grouping(service, method, route) <> 0 as is_total,
           service, method, route,
           coalesce(bool_or(provisional), false) as provisional,
           count(distinct (service, method, route))::integer as routes,
           coalesce(sum(requests), 0)::bigint as requests,
           coalesce(sum(status_4xx), 0)::bigint as status_4xx,
           coalesce(sum(status_5xx), 0)::bigint as status_5xx,
           coalesce(sum(cache_hit), 0)::bigint as cache_hit,
           coalesce(sum(cache_stale), 0)::bigint as cache_stale,
           coalesce(sum(cache_revalidated), 0)::bigint as cache_revalidated,
           coalesce(sum(cache_miss), 0)::bigint as cache_miss,
           coalesce(sum(cache_bypass), 0)::bigint as cache_bypass,
           coalesce(sum(db_requests), 0)::bigint as db_requests,
           coalesce(sum(fast_requests), 0)::bigint as fast_requests,
           coalesce(sum(tolerated_requests), 0)::bigint as tolerated_requests,
           -- every request of the period in one sketch: quantiles come from it, never from
           -- averaging the minutes' percentiles
           metrics.sketch_merge(latency) as latency,
           sum((db_time).sum_us) / nullif(sum(db_requests), 0) / 1000.0 as db_ms_per_db_request
    from window_rows
    group by grouping sets ((service, method, route), ())
),
stats as (
    select s.*,
           metrics.sketch_quantile(s.latency, 0.50) / 1000.0 as p50_ms,
           metrics.sketch_quantile(s.latency, 0.95) / 1000.0 as p95_ms,
           metrics.sketch_quantile(s.latency, 0.99) / 1000.0 as p99_ms,
           (s.latency).sum_us / nullif((s.latency).count, 0) / 1000.0 as mean_ms,
           (s.latency).max_us / 1000.0 as max_ms,
           s.requests / extract(epoch from p.period_end - p.period_start)::double precision as throughput_rps,
           s.status_5xx::double precision / nullif(s.requests, 0) as error_rate,
           s.status_4xx::double precision / nullif(s.requests, 0) as client_error_rate,
           (s.cache_hit + s.cache_stale + s.cache_revalidated)::double precision
               / nullif(s.cache_hit + s.cache_stale + s.cache_revalidated + s.cache_miss, 0) as cache_hit_rate,
           s.fast_requests::double precision / nullif(s.requests, 0) as fast_share,
           (s.fast_requests + (s.tolerated_requests - s.fast_requests) / 2.0) / nullif(s.requests, 0) as apdex
    from sums s, period p
),
report as (
    insert into metrics.performance_reports (
        period_start, period_end, generated_at, provisional, routes,
        requests, status_4xx, status_5xx, cache_hit, cache_stale, cache_revalidated, cache_miss,
        cache_bypass, db_requests, throughput_rps, p50_ms, p95_ms, p99_ms, mean_ms, max_ms,
        error_rate, client_error_rate, cache_hit_rate, fast_share, apdex, db_ms_per_db_request)
    select p.period_start, p.period_end, p.generated_at, s.provisional, s.routes,
           s.requests, s.status_4xx, s.status_5xx, s.cache_hit, s.cache_stale, s.cache_revalidated, s.cache_miss,
           s.cache_bypass, s.db_requests, s.throughput_rps, s.p50_ms, s.p95_ms, s.p99_ms, s.mean_ms, s.max_ms,
           s.error_rate, s.client_error_rate, s.cache_hit_rate, s.fast_share, s.apdex, s.db_ms_per_db_request
    from stats s, period p
    where s.is_total
    returning id, period_start, period_end, generated_at, provisional, routes, requests,
              p95_ms, error_rate, cache_hit_rate
),
route_rows as (
    insert into metrics.performance_report_routes (
        report_id, service, method, route,
        requests, status_4xx, status_5xx, cache_hit, cache_stale, cache_revalidated, cache_miss,
        cache_bypass, db_requests, throughput_rps, p50_ms, p95_ms, p99_ms, mean_ms, max_ms,
        error_rate, client_error_rate, cache_hit_rate, fast_share, apdex, db_ms_per_db_request)
    select r.id, s.service, s.method, s.route,
           s.requests, s.status_4xx, s.status_5xx, s.cache_hit, s.cache_stale, s.cache_revalidated, s.cache_miss,
           s.cache_bypass, s.db_requests, s.throughput_rps, s.p50_ms, s.p95_ms, s.p99_ms, s.mean_ms, s.max_ms,
           s.error_rate, s.client_error_rate, s.cache_hit_rate, s.fast_share, s.apdex, s.db_ms_per_db_request
    from stats s, report r
    where not s.is_total
)
select id, period_start, period_end, generated_at, provisional, routes, requests,
       p95_ms, error_rate, cache_hit_rate
from report
