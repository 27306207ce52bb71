package io.pitchey.sql;

import io.pitchey.config.InvalidConfigException;
import java.time.Duration;
import java.util.Objects;

/**
 * How a pool behaves under load and when the database misbehaves.
 *
 * <p>The default size follows HikariCP's sizing advice, {@code cores * 2 + 1} (a connection per
 * core busy on CPU plus as many waiting on I/O), clamped to {@value #MIN_DEFAULT_SIZE}..{@value
 * #MAX_DEFAULT_SIZE}: more connections than the database can run at once only queue inside it,
 * where no timeout of ours applies.
 *
 * @param maxSize the most connections (key {@code db.pool-size}, 1..1000)
 * @param connectionTimeout how long a caller waits for a free connection before failing with {@code
 *     SQLTransientConnectionException} (key {@code db.connection-timeout}, 250ms..60s): the bound
 *     on the wait when the pool is exhausted or the database is unreachable
 * @param statementTimeout the server cancels any statement running longer, with SQLState {@code
 *     57014} (key {@code db.statement-timeout}, 0 = none, else 100ms..1h); sent as the connection's
 *     {@code statement_timeout} at start-up, so it costs no round trip
 */
public record PoolSettings(int maxSize, Duration connectionTimeout, Duration statementTimeout) {
  static final int MIN_DEFAULT_SIZE = 4;
  static final int MAX_DEFAULT_SIZE = 32;
  private static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250); // Hikari's floor
  private static final Duration MAX_CONNECTION_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration MIN_STATEMENT_TIMEOUT = Duration.ofMillis(100);
  private static final Duration MAX_STATEMENT_TIMEOUT = Duration.ofHours(1);

  public PoolSettings {
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    Objects.requireNonNull(statementTimeout, "statementTimeout");
    if (maxSize < 1 || maxSize > 1_000) {
      throw new InvalidConfigException(
          "db.pool-size", "must be between 1 and 1000, was " + maxSize);
    }
    if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0
        || connectionTimeout.compareTo(MAX_CONNECTION_TIMEOUT) > 0) {
      throw new InvalidConfigException(
          "db.connection-timeout", "must be between 250ms and 60s, was " + connectionTimeout);
    }
    if (!statementTimeout.isZero()
        && (statementTimeout.compareTo(MIN_STATEMENT_TIMEOUT) < 0
            || statementTimeout.compareTo(MAX_STATEMENT_TIMEOUT) > 0)) {
      throw new InvalidConfigException(
          "db.statement-timeout",
          "must be 0 (none) or between 100ms and 1h, was " + statementTimeout);
    }
  }

  /** {@code cores * 2 + 1} for this machine, clamped to 4..32. */
  public static int defaultSize() {
    int cores = Runtime.getRuntime().availableProcessors();
    return Math.clamp(cores * 2L + 1, MIN_DEFAULT_SIZE, MAX_DEFAULT_SIZE);
  }

  /**
   * For batch work (migrations, sinks, jobs): a patient pool with no statement timeout, whose
   * statements may legitimately run for minutes.
   */
  public static PoolSettings batch(int maxSize) {
    return new PoolSettings(maxSize, Duration.ofSeconds(5), Duration.ZERO);
  }

  public boolean hasStatementTimeout() {
    return !statementTimeout.isZero();
  }
}
