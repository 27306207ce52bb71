package io.pitchey.aggregator.window;

/**
 * The exact counts of one window (contracts §3), as {@link OpenWindow} counts them. Immutable;
 * {@link #plus} returns a new value.
 *
 * @param dbRequests requests that ran at least one query: the denominator of DB latency
 * @param fastRequests requests with duration ≤ 100 ms (the latency SLI, Apdex satisfied)
 * @param toleratedRequests requests with duration ≤ 400 ms (Apdex tolerating, T = 100 ms)
 * @param within50ms requests with duration ≤ 50 ms; with the other thresholds, exact SLI counts
 *     that a sketch's ±1 % could only approximate
 * @param within200ms requests with duration ≤ 200 ms
 * @param within500ms requests with duration ≤ 500 ms
 */
public record WindowCounters(
    long requests,
    long status2xx,
    long status3xx,
    long status4xx,
    long status5xx,
    long cacheHit,
    long cacheStale,
    long cacheRevalidated,
    long cacheMiss,
    long cacheBypass,
    long dbRequests,
    long dbQueries,
    long bytes,
    long fastRequests,
    long toleratedRequests,
    long within50ms,
    long within200ms,
    long within500ms) {

  static final long FAST_US = 100_000;
  static final long TOLERATED_US = 4 * FAST_US;
  static final long WITHIN_50MS_US = 50_000;
  static final long WITHIN_200MS_US = 200_000;
  static final long WITHIN_500MS_US = 500_000;

  /** The number of counters: the length of {@link #values()}. */
  public static final int FIELDS = 18;

  public static final WindowCounters ZERO =
      new WindowCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public WindowCounters plus(WindowCounters o) {
    return new WindowCounters(
        requests + o.requests,
        status2xx + o.status2xx,
        status3xx + o.status3xx,
        status4xx + o.status4xx,
        status5xx + o.status5xx,
        cacheHit + o.cacheHit,
        cacheStale + o.cacheStale,
        cacheRevalidated + o.cacheRevalidated,
        cacheMiss + o.cacheMiss,
        cacheBypass + o.cacheBypass,
        dbRequests + o.dbRequests,
        dbQueries + o.dbQueries,
        bytes + o.bytes,
        fastRequests + o.fastRequests,
        toleratedRequests + o.toleratedRequests,
        within50ms + o.within50ms,
        within200ms + o.within200ms,
        within500ms + o.within500ms);
  }

  /** The counters in component order, for binary forms. */
  public long[] values() {
    return new long[] {
      requests,
      status2xx,
      status3xx,
      status4xx,
      status5xx,
      cacheHit,
      cacheStale,
      cacheRevalidated,
      cacheMiss,
      cacheBypass,
      dbRequests,
      dbQueries,
      bytes,
      fastRequests,
      toleratedRequests,
      within50ms,
      within200ms,
      within500ms
    };
  }

  /** The inverse of {@link #values()}. */
  public static WindowCounters of(long[] v) {
    if (v.length != FIELDS) {
      throw new IllegalArgumentException(FIELDS + " counters expected, got " + v.length);
    }
    return new WindowCounters(
        v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
        v[14], v[15], v[16], v[17]);
  }
}
