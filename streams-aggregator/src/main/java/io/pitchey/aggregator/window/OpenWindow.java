package io.pitchey.aggregator.window;

import io.pitchey.aggregator.sketch.LatencySketch;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.TimingEvent;
import java.util.List;

/**
 * A window still taking events: the mutable working copy of a {@link RouteWindow}, updated in
 * place, so that an event costs its counters and one sketch insert, with no copy of the window.
 * {@link #snapshot()} gives the immutable value that is published.
 *
 * <p>Not thread-safe: one Streams task owns it. Its stored form is {@link RouteWindowCodec}'s.
 */
public final class OpenWindow {
  // Indexes into counters, in WindowCounters' component order.
  private static final int REQUESTS = 0;
  private static final int STATUS_2XX = 1;
  private static final int CACHE_HIT = 5;
  private static final int DB_REQUESTS = 10;
  private static final int DB_QUERIES = 11;
  private static final int BYTES = 12;
  private static final int FAST = 13;
  private static final int TOLERATED = 14;
  private static final int WITHIN_50MS = 15;
  private static final int WITHIN_200MS = 16;
  private static final int WITHIN_500MS = 17;

  private final long[] counters;
  private final LatencySketch latency;
  private final LatencySketch dbTime;
  private ErrorTypes errorTypes;
  private Exemplars exemplars;

  OpenWindow(
      long[] counters,
      LatencySketch latency,
      LatencySketch dbTime,
      ErrorTypes errorTypes,
      Exemplars exemplars) {
    this.counters = counters;
    this.latency = latency;
    this.dbTime = dbTime;
    this.errorTypes = errorTypes;
    this.exemplars = exemplars;
  }

  public static OpenWindow empty() {
    return new OpenWindow(
        new long[WindowCounters.FIELDS],
        new LatencySketch(),
        new LatencySketch(),
        ErrorTypes.NONE,
        Exemplars.NONE);
  }

  /** A working copy of a published or stored window. */
  public static OpenWindow of(RouteWindow window) {
    return new OpenWindow(
        window.counters().values(),
        LatencySketch.from(window.latency()),
        LatencySketch.from(window.dbTime()),
        window.errorTypes(),
        window.exemplars());
  }

  /** Counts the events (contracts §3) into this window. */
  public OpenWindow add(List<TimingEvent> events) {
    for (TimingEvent event : events) {
      count(event);
      latency.accept(event.durationUs());
      if (event.dbQueries() > 0) {
        dbTime.accept(event.dbUs());
      }
    }
    errorTypes = errorTypes.plus(events);
    exemplars = exemplars.plus(events);
    return this;
  }

  private void count(TimingEvent e) {
    counters[REQUESTS]++;
    int statusClass = e.status() / 100;
    if (statusClass >= 2 && statusClass <= 5) {
      counters[STATUS_2XX + statusClass - 2]++;
    }
    counters[CACHE_HIT + cacheIndex(e.cache())]++;
    if (e.dbQueries() > 0) {
      counters[DB_REQUESTS]++;
    }
    counters[DB_QUERIES] += e.dbQueries();
    counters[BYTES] += e.bytes();
    long us = e.durationUs();
    counters[FAST] += us <= WindowCounters.FAST_US ? 1 : 0;
    counters[TOLERATED] += us <= WindowCounters.TOLERATED_US ? 1 : 0;
    counters[WITHIN_50MS] += us <= WindowCounters.WITHIN_50MS_US ? 1 : 0;
    counters[WITHIN_200MS] += us <= WindowCounters.WITHIN_200MS_US ? 1 : 0;
    counters[WITHIN_500MS] += us <= WindowCounters.WITHIN_500MS_US ? 1 : 0;
  }

  /** The counters hold HIT, STALE, REVALIDATED, MISS, BYPASS in that order. */
  private static int cacheIndex(CacheStatus cache) {
    return switch (cache) {
      case HIT -> 0;
      case STALE -> 1;
      case REVALIDATED -> 2;
      case MISS -> 3;
      case BYPASS -> 4;
    };
  }

  public boolean isEmpty() {
    return counters[REQUESTS] == 0;
  }

  /** The window as it stands, immutable. */
  public RouteWindow snapshot() {
    return new RouteWindow(
        WindowCounters.of(counters.clone()),
        latency.snapshot(),
        dbTime.snapshot(),
        errorTypes,
        exemplars);
  }

  long[] counters() {
    return counters;
  }

  LatencySketch latency() {
    return latency;
  }

  LatencySketch dbTime() {
    return dbTime;
  }

  ErrorTypes errorTypes() {
    return errorTypes;
  }

  Exemplars exemplars() {
    return exemplars;
  }
}
