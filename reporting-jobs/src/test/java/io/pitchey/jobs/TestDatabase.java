package io.pitchey.jobs;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** A fresh, migrated database of its own on the dev stack's PostgreSQL, with a small pool. */
final class TestDatabase implements AutoCloseable {
  private final DatabaseSettings settings;
  private final HikariDataSource dataSource;

  private TestDatabase(DatabaseSettings settings, HikariDataSource dataSource) {
    this.settings = settings;
    this.dataSource = dataSource;
  }

  static TestDatabase migrated(LocalPostgres postgres, String prefix) {
    TestDatabase database = empty(postgres, prefix);
    Migrations.migrate(database.dataSource);
    return database;
  }

  static TestDatabase empty(LocalPostgres postgres, String prefix) {
    String name = postgres.createUniqueDatabase(prefix);
    DatabaseSettings settings =
        new DatabaseSettings(
            postgres.jdbcUrl(name), postgres.user(), postgres.password(), Optional.empty());
    return new TestDatabase(settings, DataSources.pooled(settings, "jobs-test", 8));
  }

  DatabaseSettings settings() {
    return settings;
  }

  HikariDataSource dataSource() {
    return dataSource;
  }

  /** The single {@code long} a query returns, e.g. a count. */
  long queryLong(String sql, Object... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        query.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  void execute(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Empties every table of schemas metrics and quartz: a fresh start without a fresh migration. */
  void truncateMetricsAndQuartz() throws SQLException {
    execute(
        """
        do $$ begin
          execute (select 'truncate ' || string_agg(format('%I.%I', schemaname, tablename), ', ')
                   from pg_tables where schemaname in ('metrics', 'quartz'));
        end $$""");
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
