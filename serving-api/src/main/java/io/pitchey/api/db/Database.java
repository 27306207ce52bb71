package io.pitchey.api.db;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's jOOQ entry point: PostgreSQL over the caller's pools, every query metered ({@link
 * QueryMeter}).
 *
 * <ul>
 *   <li>{@link #writes()} runs on the primary: writes, and reads that must see the latest write
 *       (e.g. a token issued a moment ago).
 *   <li>{@link #reads()} runs on the read replica when one is configured ({@code db.read-url}),
 *       else on the primary. A replica lags by a little; use it for what may be a little stale.
 *   <li>{@link #read} runs an idempotent read on {@link #reads()} and retries it on a transient
 *       failure ({@link ReadRetry}); {@link #retries()} counts those retries.
 * </ul>
 *
 * <p>Queries use bind values and JDBC prepared statements (jOOQ's default, stated here so nobody
 * turns on inlining), which lets the driver prepare them on the server (see {@code DataSources}).
 * Thread-safe; connections are borrowed per query and returned at once.
 */
public final class Database {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final DSLContext writes;
  private final DSLContext reads;
  private final ReadRetry retry;
  private final LongAdder retries = new LongAdder();

  private Database(DSLContext writes, DSLContext reads, ReadRetry retry) {
    this.writes = writes;
    this.reads = reads;
    this.retry = retry;
  }

  /** Reads and writes on one database, reads retried by default. */
  public static Database of(DataSource primary) {
    return of(primary, null, ReadRetry.defaults());
  }

  /**
   * @param replica where {@link #reads()} go; {@code null} for the primary
   */
  public static Database of(DataSource primary, @Nullable DataSource replica, ReadRetry retry) {
    DSLContext writes = using(primary);
    return new Database(writes, replica == null ? writes : using(replica), retry);
  }

  /** A thread-safe, metered DSL context on one data source, without retries. */
  public static DSLContext using(DataSource dataSource) {
    return DSL.using(
        new DefaultConfiguration()
            .set(dataSource)
            .set(SQLDialect.POSTGRES)
            .set(
                new Settings()
                    .withStatementType(StatementType.PREPARED_STATEMENT)
                    // jOOQ's debug-logging listener would otherwise run on every query
                    .withExecuteLogging(false))
            .set(new DefaultExecuteListenerProvider(new QueryMeter())));
  }

  public DSLContext writes() {
    return writes;
  }

  public DSLContext reads() {
    return reads;
  }

  /**
   * Runs {@code query} on {@link #reads()}, again after a short backoff when it fails with a
   * retriable {@link DatabaseFailure}, at most {@link ReadRetry#retries()} more times. The query
   * must be idempotent: it may run more than once.
   *
   * @throws DataAccessException the last failure when retries are exhausted or it is not retriable
   */
  public <T> T read(Function<DSLContext, T> query) {
    for (int attempt = 0; ; attempt++) {
      try {
        return query.apply(reads);
      } catch (DataAccessException e) {
        DatabaseFailure failure = DatabaseFailure.of(e);
        if (!failure.retriable() || attempt >= retry.retries()) {
          throw e;
        }
        retries.increment();
        log.debug("read failed ({}), retry {} of {}", failure, attempt + 1, retry.retries(), e);
        pause(retry.backoff(attempt + 1), e);
      }
    }
  }

  /**
   * {@link #read} as a {@link ReadPath}: the replica when there is one, transient failures retried.
   */
  public ReadPath retryingReads() {
    return new ReadPath() {
      @Override
      public <T> T run(Function<DSLContext, T> query) {
        return read(query);
      }
    };
  }

  /** How many times reads have been retried since start: a sign of an unsteady database. */
  public long retries() {
    return retries.sum();
  }

  private static void pause(Duration backoff, DataAccessException failure) {
    try {
      Thread.sleep(backoff);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the caller is shutting down: give up with the failure
      failure.addSuppressed(e);
      throw failure;
    }
  }
}
