package io.pitchey.config;

import java.util.Optional;

/**
 * The PostgreSQL (or TimescaleDB) database: a primary for writes and an optional read replica. The
 * password is kept out of {@link #toString()} so it never reaches a log.
 */
public record DatabaseSettings(String url, String user, String password, Optional<String> readUrl) {
  private static final String JDBC_PREFIX = "jdbc:postgresql:";

  public DatabaseSettings {
    if (!url.startsWith(JDBC_PREFIX)) {
      throw new InvalidConfigException(
          "db.url", "must start with " + JDBC_PREFIX + ", was '" + url + "'");
    }
    readUrl.ifPresent(
        read -> {
          if (!read.startsWith(JDBC_PREFIX)) {
            throw new InvalidConfigException(
                "db.read-url", "must start with " + JDBC_PREFIX + ", was '" + read + "'");
          }
        });
  }

  public static DatabaseSettings from(Settings settings) {
    String url = settings.string("db.url");
    if (!url.startsWith(JDBC_PREFIX)) {
      throw settings.invalid("db.url", "must start with " + JDBC_PREFIX + ", was '" + url + "'");
    }
    return new DatabaseSettings(
        url,
        settings.string("db.user"),
        settings.stringOrEmpty("db.password"),
        settings.optionalString("db.read-url"));
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url="
        + url
        + ", user="
        + user
        + ", readUrl="
        + readUrl.orElse("-")
        + "]";
  }
}
