package io.pitchey.api.db;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jspecify.annotations.Nullable;

/**
 * Attributes each jOOQ query's time to the request running it.
 *
 * <p>A query's time spans its whole jOOQ lifecycle, from {@code start} to {@code end}: waiting for
 * a pooled connection, rendering, executing and fetching. A waiting pool is database latency as the
 * client feels it, so it counts.
 *
 * <p>The request is found through a thread-local that {@link #attributeTo} binds only while the
 * request's handlers run on that thread. Queries on other threads (a cache's background refresh)
 * belong to no request and are not counted, which is what the timing contract wants.
 */
public final class QueryMeter implements ExecuteListener {
  private static final long serialVersionUID = 1L;
  private static final ThreadLocal<@Nullable DbUsage> CURRENT = new ThreadLocal<>();
  private static final String STARTED_AT = QueryMeter.class.getName() + ".startedAt";

  /** Counts this thread's queries into {@code usage} until the returned scope is closed. */
  public static Scope attributeTo(DbUsage usage) {
    DbUsage outer = CURRENT.get();
    CURRENT.set(usage);
    return () -> {
      if (outer == null) {
        CURRENT.remove(); // leave pooled threads as they were found
      } else {
        CURRENT.set(outer);
      }
    };
  }

  @Override
  public void start(ExecuteContext ctx) {
    if (CURRENT.get() != null) {
      ctx.data(STARTED_AT, System.nanoTime());
    }
  }

  @Override
  public void end(ExecuteContext ctx) {
    DbUsage usage = CURRENT.get();
    if (usage != null && ctx.data(STARTED_AT) instanceof Long startedAt) {
      usage.record(System.nanoTime() - startedAt);
    }
  }

  /** Ends an attribution; restores the one it replaced. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
