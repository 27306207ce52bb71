package io.pitchey.api.db;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database time and query count of one request. Thread-safe, so that a query run on another
 * thread on the request's behalf could be counted too.
 */
public final class DbUsage {
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicInteger queries = new AtomicInteger();

  void record(long elapsedNanos) {
    nanos.addAndGet(Math.max(0, elapsedNanos));
    queries.incrementAndGet();
  }

  public long nanos() {
    return nanos.get();
  }

  public long micros() {
    return nanos.get() / 1_000;
  }

  public int queries() {
    return queries.get();
  }
}
