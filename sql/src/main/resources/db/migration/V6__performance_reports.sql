-- Hourly performance reports, written by reporting-jobs (seed schedule "0 * * * *  Performance reports").
--
-- One report per period: a header with the totals over every route, and one row per route. Both carry
-- the same measures, defined by contracts §3, so an analyst can compare a route with the whole:
--   error_rate        = 5xx / all                  client_error_rate = 4xx / all (429 included)
--   cache_hit_rate    = (hit + stale + revalidated) / (hit + stale + revalidated + miss); BYPASS excluded
--   p50/p95/p99_ms    = quantiles of the merged latency sketches of the period (never averaged minutes)
--   fast_share, apdex = duration <= 100 ms / all; (satisfied + tolerating / 2) / all with T = 100 ms
--   db_ms_per_db_request = DB time per request, over the requests that ran at least one query
--   throughput_rps    = requests / period length in seconds
-- Rates and latencies are null when their denominator is zero (no requests, nothing cacheable).
--
-- A report is a snapshot: provisional = true when some windows of the period were still open when it
-- was generated (their values were provisional). The job rewrites such a report on its next run;
-- re-running a period always replaces its report, never adds a second one.

create table metrics.performance_reports (
    id                   bigint generated always as identity primary key,
    period_start         timestamptz not null,
    period_end           timestamptz not null,
    generated_at         timestamptz not null,
    provisional          boolean     not null,
    routes               integer     not null check (routes >= 0),
    requests             bigint      not null check (requests >= 0),
    status_4xx           bigint      not null,
    status_5xx           bigint      not null,
    cache_hit            bigint      not null,
    cache_stale          bigint      not null,
    cache_revalidated    bigint      not null,
    cache_miss           bigint      not null,
    cache_bypass         bigint      not null,
    db_requests          bigint      not null,
    throughput_rps       double precision not null,
    p50_ms               double precision,
    p95_ms               double precision,
    p99_ms               double precision,
    mean_ms              double precision,
    max_ms               double precision,
    error_rate           double precision,
    client_error_rate    double precision,
    cache_hit_rate       double precision,
    fast_share           double precision,
    apdex                double precision,
    db_ms_per_db_request double precision,
    unique (period_start, period_end),
    check (period_end > period_start)
);
create index performance_reports_generated_idx on metrics.performance_reports (generated_at);

create table metrics.performance_report_routes (
    report_id            bigint      not null references metrics.performance_reports (id) on delete cascade,
    service              text        not null,
    method               text        not null,
    route                text        not null,
    requests             bigint      not null check (requests >= 0),
    status_4xx           bigint      not null,
    status_5xx           bigint      not null,
    cache_hit            bigint      not null,
    cache_stale          bigint      not null,
    cache_revalidated    bigint      not null,
    cache_miss           bigint      not null,
    cache_bypass         bigint      not null,
    db_requests          bigint      not null,
    throughput_rps       double precision not null,
    p50_ms               double precision,
    p95_ms               double precision,
    p99_ms               double precision,
    mean_ms              double precision,
    max_ms               double precision,
    error_rate           double precision,
    client_error_rate    double precision,
    cache_hit_rate       double precision,
    fast_share           double precision,
    apdex                double precision,
    db_ms_per_db_request double precision,
    primary key (report_id, service, method, route)
);
-- "How has this route done over the last days?" reads by route, newest reports first.
create index performance_report_routes_route_idx
    on metrics.performance_report_routes (method, route, report_id desc);
