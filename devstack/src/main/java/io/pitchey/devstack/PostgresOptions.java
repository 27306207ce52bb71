package io.pitchey.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to start a {@link LocalPostgres}. Immutable; start from {@link #defaults()} and use the
 * {@code with*} methods.
 *
 * @param port the TCP port on localhost; 0 picks a free one
 * @param directory a directory holding the cluster ({@code data/}) and the server log ({@code
 *     postgres.log}); kept on close. {@code null}: a temporary directory, deleted on close
 * @param database the database created at start (idempotently), used by {@link
 *     LocalPostgres#jdbcUrl()}
 * @param startTimeout bound on the wait for the server to accept connections
 * @param stopTimeout bound on a clean shutdown before the server is killed
 * @param serverSettings extra {@code postgresql.conf} settings, passed as {@code -c key=value}
 */
public record PostgresOptions(
    int port,
    @Nullable Path directory,
    String database,
    Duration startTimeout,
    Duration stopTimeout,
    Map<String, String> serverSettings) {

  public PostgresOptions {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(startTimeout, "startTimeout");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    serverSettings = Map.copyOf(serverSettings);
  }

  /**
   * Free port, temporary directory, database {@value LocalPostgres#DEFAULT_DATABASE}, 30 s to
   * start, 15 s to stop.
   */
  public static PostgresOptions defaults() {
    return new PostgresOptions(
        0,
        null,
        LocalPostgres.DEFAULT_DATABASE,
        Duration.ofSeconds(30),
        Duration.ofSeconds(15),
        Map.of());
  }

  public PostgresOptions withPort(int newPort) {
    return new PostgresOptions(
        newPort, directory, database, startTimeout, stopTimeout, serverSettings);
  }

  public PostgresOptions withDirectory(@Nullable Path newDirectory) {
    return new PostgresOptions(
        port, newDirectory, database, startTimeout, stopTimeout, serverSettings);
  }

  public PostgresOptions withDatabase(String newDatabase) {
    return new PostgresOptions(
        port, directory, newDatabase, startTimeout, stopTimeout, serverSettings);
  }

  public PostgresOptions withStartTimeout(Duration newStartTimeout) {
    return new PostgresOptions(
        port, directory, database, newStartTimeout, stopTimeout, serverSettings);
  }

  public PostgresOptions withStopTimeout(Duration newStopTimeout) {
    return new PostgresOptions(
        port, directory, database, startTimeout, newStopTimeout, serverSettings);
  }

  public PostgresOptions withServerSetting(String key, String value) {
    Map<String, String> merged = new LinkedHashMap<>(serverSettings);
    merged.put(key, value);
    return new PostgresOptions(port, directory, database, startTimeout, stopTimeout, merged);
  }
}
