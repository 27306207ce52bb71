package io.pitchey.api.db;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.PoolSettings;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The API's connection pools: one on the primary and, when {@code db.read-url} is set, one on the
 * read replica, both sized and bounded by the same {@link PoolSettings} (a short connection timeout
 * and a statement timeout, so that a request never hangs on the database). The owner migrates
 * through {@link #primary()}, hands {@link #database()} to the API, and closes the pools after the
 * API.
 */
public final class DatabasePools implements AutoCloseable {
  private final HikariDataSource primary;
  private final @Nullable HikariDataSource replica;
  private final Database database;

  private DatabasePools(
      HikariDataSource primary, @Nullable HikariDataSource replica, ReadRetry retry) {
    this.primary = primary;
    this.replica = replica;
    this.database = Database.of(primary, replica, retry);
  }

  /**
   * Opens the pools; if the replica's cannot be opened, the primary's is closed again.
   *
   * @param name the pools' names, e.g. {@code api}; the replica's gets {@code -reads} appended
   */
  public static DatabasePools open(
      DatabaseSettings db, String name, PoolSettings pool, ReadRetry retry) {
    HikariDataSource primary = DataSources.pooled(db, name, pool);
    try {
      HikariDataSource replica =
          db.readUrl().isPresent() ? DataSources.pooledForReads(db, name + "-reads", pool) : null;
      return new DatabasePools(primary, replica, retry);
    } catch (RuntimeException e) {
      primary.close();
      throw e;
    }
  }

  public HikariDataSource primary() {
    return primary;
  }

  public Optional<HikariDataSource> replica() {
    return Optional.ofNullable(replica);
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    try {
      if (replica != null) {
        replica.close();
      }
    } finally {
      primary.close();
    }
  }
}
