package io.pitchey.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Lends Quartz's job store connections from the process's own pool, so the scheduler shares the
 * pool's sizing, timeouts and metrics instead of building a second pool from properties.
 *
 * <p>The pool belongs to the caller: {@link #shutdown()} leaves it open, and the caller closes it
 * after the scheduler.
 */
final class DataSourceConnectionProvider implements ConnectionProvider {
  private final DataSource dataSource;

  private DataSourceConnectionProvider(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Registers the pool under {@code name} in Quartz's process-wide registry, where the job store
   * looks it up by its {@code org.quartz.jobStore.dataSource} property. Registering a name again
   * replaces the earlier pool, which is what a restarted scheduler in the same JVM (a test) needs;
   * Quartz offers no way to unregister.
   */
  static void register(String name, DataSource dataSource) {
    DBConnectionManager manager = DBConnectionManager.getInstance();
    // The registry is a plain HashMap; registrations from concurrent start-ups must not interleave.
    synchronized (manager) {
      manager.addConnectionProvider(name, new DataSourceConnectionProvider(dataSource));
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void shutdown() {
    // not ours to close
  }

  @Override
  public void initialize() {
    // the pool is already running
  }
}
