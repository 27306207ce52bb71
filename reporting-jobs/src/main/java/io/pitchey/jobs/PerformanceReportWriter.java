package io.pitchey.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Computes the performance report of one period from the window rows and stores it, replacing any
 * earlier report of the same period.
 *
 * <p>Guarantees: a period has at most one report; each write is one transaction, so readers see the
 * old report or the new one, never a mix; its totals and route rows are computed by one statement,
 * from one snapshot of the window rows, so the routes always add up to the totals. Writers are
 * serialised by a table lock that readers do not take, so two nodes (or a manual run racing the
 * schedule) rewriting the same period cannot collide. Thread-safe.
 */
final class PerformanceReportWriter {
  private static final String WRITE_SQL = resource("write-performance-report.sql");
  // Conflicts with itself and with plain writes, not with reads: report writers queue, readers do
  // not wait.
  private static final String LOCK_SQL =
      "lock table metrics.performance_reports in share row exclusive mode";
  private static final String DELETE_SQL =
      "delete from metrics.performance_reports where period_start = ? and period_end = ?";

  private final DataSource dataSource;

  PerformanceReportWriter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Writes the report of {@code [start, end)}; the routes of the old report go with it (cascade).
   */
  PerformanceReport write(Instant start, Instant end, Instant generatedAt) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        PerformanceReport report = replace(connection, start, end, generatedAt);
        connection.commit();
        return report;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    }
  }

  private static PerformanceReport replace(
      Connection connection, Instant start, Instant end, Instant generatedAt) throws SQLException {
    try (Statement lock = connection.createStatement()) {
      lock.execute(LOCK_SQL);
    }
    try (PreparedStatement delete = connection.prepareStatement(DELETE_SQL)) {
      delete.setObject(1, timestamptz(start));
      delete.setObject(2, timestamptz(end));
      delete.executeUpdate();
    }
    try (PreparedStatement write = connection.prepareStatement(WRITE_SQL)) {
      write.setObject(1, timestamptz(start));
      write.setObject(2, timestamptz(end));
      write.setObject(3, timestamptz(generatedAt));
      try (ResultSet row = write.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException(
              "the report query returned no header row for " + start + "/" + end);
        }
        return headline(row);
      }
    }
  }

  /** Rolls back, keeping the original failure as the one reported. */
  private static void rollback(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static PerformanceReport headline(ResultSet row) throws SQLException {
    return new PerformanceReport(
        row.getLong("id"),
        row.getObject("period_start", OffsetDateTime.class).toInstant(),
        row.getObject("period_end", OffsetDateTime.class).toInstant(),
        row.getObject("generated_at", OffsetDateTime.class).toInstant(),
        row.getBoolean("provisional"),
        row.getInt("routes"),
        row.getLong("requests"),
        nullableDouble(row, "p95_ms"),
        nullableDouble(row, "error_rate"),
        nullableDouble(row, "cache_hit_rate"));
  }

  private static @Nullable Double nullableDouble(ResultSet row, String column) throws SQLException {
    double value = row.getDouble(column);
    return row.wasNull() ? null : value;
  }

  /** pgjdbc binds an {@link OffsetDateTime} as {@code timestamptz}: no JVM time zone involved. */
  static OffsetDateTime timestamptz(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String resource(String name) {
    try (InputStream in = PerformanceReportWriter.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing resource " + name + " next to " + PerformanceReportWriter.class);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
