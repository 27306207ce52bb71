package io.pitchey.api.db;

import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Where a repository's reads run: straight on one database, or on the read replica with bounded
 * retries of transient failures ({@link Database#retryingReads()}). Repositories take one, so the
 * wiring, not the repository, decides which reads may be served by a replica.
 */
public interface ReadPath {
  /** Runs an idempotent query: it may run more than once. */
  <T> T run(Function<DSLContext, T> query);

  /** Every query once, on {@code sql}. */
  static ReadPath direct(DSLContext sql) {
    return new ReadPath() {
      @Override
      public <T> T run(Function<DSLContext, T> query) {
        return query.apply(sql);
      }
    };
  }
}
