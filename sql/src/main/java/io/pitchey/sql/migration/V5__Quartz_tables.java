package io.pitchey.sql.migration;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates the Quartz job-store tables in schema {@code quartz} from the quartz jar's own PostgreSQL
 * script, so the tables always match the Quartz version on the class path (contracts §6).
 *
 * <p>Guarantees: nothing is dropped (the script's {@code DROP} statements and its {@code COMMIT}
 * are removed, see {@link QuartzSchemaScript}); every table lands in {@code quartz} whatever the
 * connection's {@code search_path}, or the migration fails and Flyway rolls it back.
 *
 * <p>The table names are schema-qualified in the statements rather than by changing the {@code
 * search_path}: the connection belongs to Flyway and later migrations in the same run must not
 * inherit session state from this one. Quartz then finds the tables with {@code
 * org.quartz.jobStore.tablePrefix = quartz.qrtz_}.
 *
 * <p>The checksum covers the statements (not the comments), so if a Quartz upgrade changes the
 * script, {@code migrate} fails validation on an existing database instead of leaving it silently
 * behind the jar: write a new migration for the difference, then {@code flyway repair}.
 */
public final class V5__Quartz_tables extends BaseJavaMigration {
  static final String SCHEMA = "quartz";

  /**
   * A Quartz table name not preceded by a name character or a dot: index names (IDX_QRTZ_T_J) stay
   * as they are.
   */
  private static final Pattern TABLE_NAME =
      Pattern.compile("(?<![A-Za-z0-9_.])(QRTZ_[A-Z_]+)", Pattern.CASE_INSENSITIVE);

  private final List<String> statements =
      qualified(QuartzSchemaScript.fromClasspath().createStatements());

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("create schema if not exists " + SCHEMA);
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
    requireAllTablesIn(connection, SCHEMA);
  }

  @Override
  public Integer getChecksum() {
    CRC32 crc = new CRC32();
    statements.forEach(
        sql -> crc.update(sql.replaceAll("\\s+", " ").getBytes(StandardCharsets.UTF_8)));
    return (int) crc.getValue();
  }

  static List<String> qualified(List<String> statements) {
    return statements.stream()
        .map(sql -> TABLE_NAME.matcher(sql).replaceAll(SCHEMA + ".$1"))
        .toList();
  }

  private long expectedTables() {
    return statements.stream()
        .filter(sql -> sql.toUpperCase(Locale.ROOT).startsWith("CREATE TABLE"))
        .count();
  }

  private void requireAllTablesIn(Connection connection, String schema) throws SQLException {
    String sql =
        "select count(*) from pg_tables where schemaname = ? and tablename like 'qrtz\\_%'";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, schema);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        long found = rows.getLong(1);
        if (found != expectedTables()) {
          throw new IllegalStateException(
              "expected "
                  + expectedTables()
                  + " Quartz tables in schema "
                  + schema
                  + ", found "
                  + found);
        }
      }
    }
  }
}
