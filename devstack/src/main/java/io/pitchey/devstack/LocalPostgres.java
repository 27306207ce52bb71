package io.pitchey.devstack;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's bundled binaries, no installation, no Docker) on localhost.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>{@link #start} returns once the server accepts connections and database {@link
 *       PostgresOptions#database()} exists.
 *   <li>Port and data directory never change for the life of the instance: {@link #stop()} keeps
 *       both, {@link #restart()} serves the same data on the same port.
 *   <li>No server is left running: {@link #close()} stops it (killing it if a clean stop exceeds
 *       {@link PostgresOptions#stopTimeout()}), a JVM shutdown hook does the same when the owner
 *       forgets, and a server orphaned by a JVM killed with SIGKILL is terminated by the next start
 *       (its temporary directory deleted).
 * </ul>
 *
 * Authentication is {@code trust} for the superuser {@value #USER}: any password is accepted;
 * {@link #password()} returns one for clients that insist on having one.
 *
 * <p>Runs as root too: PostgreSQL refuses to run as root, so zonky then wraps every command in
 * {@code unshare -U} (a user namespace in which the process is not root). Where user namespaces are
 * unavailable, starting as root fails with a message saying so.
 *
 * <p>Thread-safe: lifecycle methods are serialised.
 */
public final class LocalPostgres implements AutoCloseable {

  public static final String DEFAULT_DATABASE = "pitchey";
  static final String USER = "postgres";
  private static final String PASSWORD = "postgres";
  private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
  private static final String SCRATCH_KIND = "postgres";
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  private static final String DUPLICATE_DATABASE = "42P04";

  private final PostgresOptions options;
  private final int port;
  private final Path directory;
  private final Path dataDirectory;
  private final Path logFile;
  private final @Nullable ScratchDirectory scratch;
  private final Thread shutdownHook;

  // guarded by this
  private @Nullable EmbeddedPostgres server;
  private boolean closed;
  private boolean claimed;

  private LocalPostgres(
      PostgresOptions options, int port, Path directory, @Nullable ScratchDirectory scratch) {
    this.options = options;
    this.port = port;
    this.directory = directory;
    this.dataDirectory = directory.resolve("data");
    this.logFile = directory.resolve("postgres.log");
    this.scratch = scratch;
    this.shutdownHook = new Thread(this::closeQuietly, "local-postgres-shutdown");
  }

  /** Starts a server with {@link PostgresOptions#defaults()}: free port, temporary directory. */
  public static LocalPostgres start() {
    return start(PostgresOptions.defaults());
  }

  /**
   * Initialises the cluster if the data directory is new, starts the server and creates the
   * database.
   *
   * @throws DevStackException if the server cannot be started
   */
  public static LocalPostgres start(PostgresOptions options) {
    ServiceLogLevels.quiet();
    requireRunnableUser();
    ScratchDirectory.reapOrphans(
        SCRATCH_KIND,
        dir -> Postmaster.terminateOrphan(dir.resolve("data"), options.stopTimeout()));
    ScratchDirectory scratch =
        options.directory() == null ? ScratchDirectory.create(SCRATCH_KIND) : null;
    Path directory = scratch != null ? scratch.path() : options.directory();
    LocalPostgres postgres =
        new LocalPostgres(options, FreePorts.orFree(options.port()), directory, scratch);
    try {
      Files.createDirectories(directory);
      Postmaster.terminateOrphan(postgres.dataDirectory, options.stopTimeout());
      if (!OwnedPaths.claim(postgres.dataDirectory)) {
        throw new DevStackException(
            "PostgreSQL data directory " + postgres.dataDirectory + " is in use in this JVM");
      }
      postgres.claimed = true;
      postgres.startServer();
      postgres.createDatabase(options.database());
    } catch (IOException | RuntimeException e) {
      postgres.closeQuietly();
      throw e instanceof DevStackException d
          ? d
          : new DevStackException("PostgreSQL in " + directory + " did not start: " + e, e);
    }
    Runtime.getRuntime().addShutdownHook(postgres.shutdownHook);
    return postgres;
  }

  /** {@code jdbc:postgresql://localhost:<port>/<database>}; stable across {@link #restart()}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + port + "/" + database;
  }

  /** The JDBC URL of the database named in the options (by default {@value #DEFAULT_DATABASE}). */
  public String jdbcUrl() {
    return jdbcUrl(options.database());
  }

  /** The superuser name. */
  public String user() {
    return USER;
  }

  /**
   * A password for clients that require one; the server does not check it (trust authentication).
   */
  public String password() {
    return PASSWORD;
  }

  public int port() {
    return port;
  }

  /** The database named in the options, created at start. */
  public String database() {
    return options.database();
  }

  /** The cluster's data directory ({@code PGDATA}). */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The server's log (stdout and stderr of initdb, pg_ctl and postgres). */
  public Path logFile() {
    return logFile;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Opens a connection to {@code database} as the superuser. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
  }

  /**
   * Creates the database unless it exists. Safe to call concurrently, also from several JVMs.
   *
   * @param name a plain identifier ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 63 characters); it is
   *     created quoted, so case is kept and {@link #jdbcUrl(String)} works with the same string
   */
  public void createDatabase(String name) {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection c = connect("postgres")) {
      try (PreparedStatement exists =
          c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        exists.setString(1, name);
        try (ResultSet rs = exists.executeQuery()) {
          if (rs.next()) {
            return;
          }
        }
      }
      try (Statement create = c.createStatement()) {
        create.execute("CREATE DATABASE \"" + name + "\"");
      }
    } catch (SQLException e) {
      if (!DUPLICATE_DATABASE.equals(e.getSQLState())) { // lost a race with another creator: fine
        throw new DevStackException(
            "could not create database " + name + " on " + jdbcUrl(name), e);
      }
    }
  }

  /**
   * Creates a new, empty database named {@code <prefix>_<random>} and returns its name: the way for
   * a test to get a database no other test touches.
   */
  public String createUniqueDatabase(String prefix) {
    String name =
        prefix.toLowerCase(Locale.ROOT)
            + "_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    createDatabase(name);
    return name;
  }

  /**
   * Stops the server (fast shutdown: clients are disconnected, committed data kept) and keeps the
   * data. No-op if already stopped.
   */
  public synchronized void stop() {
    EmbeddedPostgres running = server;
    if (running == null) {
      return;
    }
    server = null;
    Optional<ProcessHandle> postmaster = Postmaster.find(dataDirectory);
    try {
      running
          .close(); // pg_ctl stop -m fast -w, bounded by zonky at 5 s; logs (not throws) failures
    } catch (IOException e) {
      LOG.warn("pg_ctl stop failed for {}", this, e);
    }
    // zonky only logs a failed stop; make sure the server is really gone before the port is reused
    postmaster.ifPresent(p -> Postmaster.awaitExitOrKill(p, options.stopTimeout()));
    LOG.info("PostgreSQL on port {} stopped", port);
  }

  /**
   * Stops the server if it runs and starts it again on the same port with the same data; returns
   * once it accepts connections.
   */
  public synchronized void restart() {
    ensureOpen();
    stop();
    try {
      startServer();
    } catch (IOException e) {
      throw new DevStackException("PostgreSQL in " + directory + " did not restart: " + e, e);
    }
  }

  /** Stops the server and deletes the directory if it was temporary. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        stop();
      } finally {
        if (claimed) {
          OwnedPaths.release(dataDirectory);
        }
        if (scratch != null) {
          scratch.close();
        }
      }
    }
    removeShutdownHook();
  }

  /**
   * Leaves stopping this service on JVM exit to the caller, who must then close it from its own
   * shutdown hook — after the components that use it, which a separate hook would race.
   */
  public void removeShutdownHook() {
    ShutdownHooks.remove(shutdownHook);
  }

  @Override
  public String toString() {
    return "LocalPostgres[" + jdbcUrl() + ", data=" + dataDirectory + "]";
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.warn("closing {} failed", this, e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  private void startServer() throws IOException {
    long startedAt = System.nanoTime();
    if (!Files.isRegularFile(dataDirectory.resolve("PG_VERSION"))) {
      // a fresh cluster: copy the template (fast) rather than have zonky run initdb (slow)
      ScratchDirectory.deleteRecursively(dataDirectory);
      PostgresTemplate.copyInto(dataDirectory);
    }
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setPort(port)
            .setDataDirectory(dataDirectory)
            // we own the directory's lifetime: zonky would delete it on every stop
            .setCleanDataDirectory(false)
            // one hook per LocalPostgres (registered in start), not one per restart
            .setRegisterShutdownHook(false)
            .setPGStartupWait(options.startTimeout())
            // the C locale exists everywhere; the host's LANG may name one that is not installed
            .setLocaleConfig("locale", PostgresTemplate.LOCALE)
            .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
            .setErrorRedirector(Redirect.appendTo(logFile.toFile()));
    options.serverSettings().forEach(builder::setServerConfig);
    try {
      server = builder.start();
    } catch (IOException | RuntimeException e) {
      // a half-started postmaster must not outlive the failure
      Postmaster.find(dataDirectory)
          .ifPresent(
              p -> {
                p.destroy();
                Postmaster.awaitExitOrKill(p, options.stopTimeout());
              });
      throw new DevStackException(
          "PostgreSQL on port "
              + port
              + " did not start; see "
              + logFile
              + " (data "
              + dataDirectory
              + "): "
              + e,
          e);
    }
    LOG.info(
        "PostgreSQL on port {} started in {} ms",
        port,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
  }

  /**
   * PostgreSQL refuses to run as root. zonky works around that with {@code unshare -U} when it can;
   * fail early and clearly when it cannot, instead of with initdb's terse error.
   */
  private static void requireRunnableUser() {
    boolean root;
    try {
      root = new UnixSystem().getUid() == 0;
    } catch (RuntimeException | LinkageError e) {
      return; // not a Unix JVM: nothing to check
    }
    if (root && !LinuxUtils.isUnshareAvailable()) {
      throw new DevStackException(
          "PostgreSQL cannot run as root, and `unshare -U` (user namespaces) is not "
              + "available to run it as an unprivileged user; run as a normal user or enable user namespaces");
    }
  }
}
