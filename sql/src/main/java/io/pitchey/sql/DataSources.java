package io.pitchey.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.config.DatabaseSettings;

/** Pooled connections to the Pitchey database. */
public final class DataSources {
  private DataSources() {}

  /**
   * A HikariCP pool on the primary.
   *
   * @param poolName shows in thread names and metrics (e.g. {@code api}, {@code sink})
   */
  public static HikariDataSource pooled(DatabaseSettings db, String poolName, int maxSize) {
    return pooled(db, db.url(), poolName, maxSize);
  }

  /** A pool on the read replica when one is configured, else on the primary. */
  public static HikariDataSource pooledForReads(DatabaseSettings db, String poolName, int maxSize) {
    return pooled(db, db.readUrl().orElse(db.url()), poolName, maxSize);
  }

  private static HikariDataSource pooled(
      DatabaseSettings db, String url, String poolName, int maxSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(db.user());
    config.setPassword(db.password());
    config.setPoolName("pitchey-" + poolName);
    config.setMaximumPoolSize(maxSize);
    config.setConnectionTimeout(5_000);
    // Fail fast at start-up when the database is unreachable, with Hikari's own clear message.
    config.setInitializationFailTimeout(10_000);
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    return new HikariDataSource(config);
  }
}
