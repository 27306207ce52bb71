package io.pitchey.sql.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The PostgreSQL schema script that ships inside the quartz jar, reduced to its {@code CREATE}
 * statements.
 *
 * <p>The script is written for a fresh database: it starts by dropping every Quartz table and ends
 * with a {@code COMMIT}. Run as a migration, a drop would destroy a live cluster's schedule and a
 * commit would break Flyway's transaction, so both are removed. Any other kind of statement makes
 * {@link #createStatements()} fail rather than run something nobody reviewed: a Quartz upgrade that
 * changes the script's shape must be looked at, not applied blindly.
 *
 * <p>Parsing is deliberately simple and matches the script's known shape: {@code --} line comments
 * and statements ended by {@code ;}, with no semicolons inside literals.
 */
final class QuartzSchemaScript {
  /**
   * Where quartz 2.x keeps the script; the tables it creates are those {@code PostgreSQLDelegate}
   * uses.
   */
  static final String RESOURCE = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

  private final String text;

  QuartzSchemaScript(String text) {
    this.text = text;
  }

  /** Reads the script from the quartz jar on the class path. */
  static QuartzSchemaScript fromClasspath() {
    try (InputStream in = QuartzSchemaScript.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the quartz jar is not on the class path: no " + RESOURCE);
      }
      return new QuartzSchemaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + RESOURCE, e);
    }
  }

  /**
   * The {@code CREATE TABLE} and {@code CREATE INDEX} statements, in script order, without
   * terminators.
   */
  List<String> createStatements() {
    return Arrays.stream(withoutComments().split(";"))
        .map(String::strip)
        .filter(statement -> !statement.isEmpty())
        .filter(statement -> !isDropOrCommit(statement))
        .map(QuartzSchemaScript::requireCreate)
        .toList();
  }

  private String withoutComments() {
    return text.lines()
        .map(line -> line.strip().startsWith("--") ? "" : line)
        .collect(Collectors.joining("\n"));
  }

  private static boolean isDropOrCommit(String statement) {
    String upper = statement.toUpperCase(Locale.ROOT);
    return upper.startsWith("DROP ") || upper.equals("COMMIT");
  }

  private static String requireCreate(String statement) {
    String upper = statement.toUpperCase(Locale.ROOT);
    if (!upper.startsWith("CREATE TABLE ") && !upper.startsWith("CREATE INDEX ")) {
      throw new IllegalStateException(
          "unexpected statement in "
              + RESOURCE
              + " (review the Quartz upgrade): "
              + firstLine(statement));
    }
    return statement;
  }

  private static String firstLine(String statement) {
    int end = statement.indexOf('\n');
    return end < 0 ? statement : statement.substring(0, end);
  }
}
