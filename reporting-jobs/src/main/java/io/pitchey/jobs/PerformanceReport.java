package io.pitchey.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The headline of one stored performance report: what an on-call engineer reads in the log line.
 * The full report, route by route, is in {@code metrics.performance_reports} and {@code
 * metrics.performance_report_routes} under {@link #id()}.
 *
 * @param provisional some windows of the period were still open, so the numbers may still change
 * @param p95Ms 95th percentile latency over all routes in milliseconds (±1 %), null without
 *     requests
 * @param errorRate 5xx / all, null without requests
 * @param cacheHitRate (HIT + STALE + REVALIDATED) / cacheable, null when nothing was cacheable
 */
public record PerformanceReport(
    long id,
    Instant periodStart,
    Instant periodEnd,
    Instant generatedAt,
    boolean provisional,
    int routes,
    long requests,
    @Nullable Double p95Ms,
    @Nullable Double errorRate,
    @Nullable Double cacheHitRate) {

  /**
   * One line for the log, e.g. {@code 2025-01-01T13:00:00Z/PT1H: requests 1200, routes 7, p95 81.2
   * ms, ...}.
   */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%s/%s%s: requests %d, routes %d, p95 %s, errors %s, cache hits %s",
        periodStart,
        Duration.between(periodStart, periodEnd),
        provisional ? " (provisional)" : "",
        requests,
        routes,
        p95Ms == null ? "-" : String.format(Locale.ROOT, "%.1f ms", p95Ms),
        percent(errorRate),
        percent(cacheHitRate));
  }

  private static String percent(@Nullable Double rate) {
    return rate == null ? "-" : String.format(Locale.ROOT, "%.2f %%", rate * 100);
  }
}
