package io.pitchey.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.config.DatabaseSettings;

/**
 * Pooled connections to the Pitchey database.
 *
 * <p>Every pool uses server-side prepared statements: pgjdbc switches a statement to a named
 * server-side one after {@value #PREPARE_THRESHOLD} executions of the same SQL on a connection and
 * keeps up to {@value #PREPARED_STATEMENT_CACHE} of them per connection, so the hot queries (the
 * same jOOQ-rendered SQL with bind values) are parsed and planned once per connection.
 */
public final class DataSources {
  static final int PREPARE_THRESHOLD = 3;
  static final int PREPARED_STATEMENT_CACHE = 256;

  private DataSources() {}

  /**
   * A HikariCP pool on the primary with {@link PoolSettings#batch} behaviour.
   *
   * @param poolName shows in thread names and metrics (e.g. {@code api}, {@code sink})
   */
  public static HikariDataSource pooled(DatabaseSettings db, String poolName, int maxSize) {
    return pooled(db, db.url(), poolName, PoolSettings.batch(maxSize));
  }

  /** A pool on the primary, sized and bounded by {@code settings}. */
  public static HikariDataSource pooled(
      DatabaseSettings db, String poolName, PoolSettings settings) {
    return pooled(db, db.url(), poolName, settings);
  }

  /** A pool on the read replica when one is configured, else on the primary. */
  public static HikariDataSource pooledForReads(DatabaseSettings db, String poolName, int maxSize) {
    return pooledForReads(db, poolName, PoolSettings.batch(maxSize));
  }

  /** A pool on the read replica when one is configured, else on the primary. */
  public static HikariDataSource pooledForReads(
      DatabaseSettings db, String poolName, PoolSettings settings) {
    return pooled(db, db.readUrl().orElse(db.url()), poolName, settings);
  }

  private static HikariDataSource pooled(
      DatabaseSettings db, String url, String poolName, PoolSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(db.user());
    config.setPassword(db.password());
    config.setPoolName("pitchey-" + poolName);
    config.setMaximumPoolSize(settings.maxSize());
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    // Fail fast at start-up when the database is unreachable, with Hikari's own clear message.
    config.setInitializationFailTimeout(10_000);
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("prepareThreshold", Integer.toString(PREPARE_THRESHOLD));
    config.addDataSourceProperty(
        "preparedStatementCacheQueries", Integer.toString(PREPARED_STATEMENT_CACHE));
    if (settings.hasStatementTimeout()) {
      // a startup parameter: set when the connection opens, no extra statement per borrow
      config.addDataSourceProperty(
          "options", "-c statement_timeout=" + settings.statementTimeout().toMillis());
    }
    return new HikariDataSource(config);
  }
}
