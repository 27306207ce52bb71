package io.pitchey.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (KRaft, combined broker and controller) running inside this JVM.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>{@link #start} returns only once the broker has answered an AdminClient {@code
 *       describeCluster}; it fails with a {@link DevStackException} after {@link
 *       KafkaOptions#startTimeout()}.
 *   <li>The client port (on 127.0.0.1) and the data directory never change for the life of the
 *       instance: {@link #stop()} keeps both, {@link #restart()} serves the same data on the same
 *       port.
 *   <li>Replication factors and min-ISRs are 1, so consumer groups and transactions work on one
 *       broker; topics are never auto-created.
 *   <li>{@link #close()} stops the broker and deletes the data directory if it was temporary. A JVM
 *       shutdown hook does the same if the owner forgets; a temporary directory left by a killed
 *       JVM is deleted by the next start.
 *   <li>The broker never ends this JVM: its fatal-error exits are logged instead (see {@code
 *       BrokerExitGuard}).
 * </ul>
 *
 * Thread-safe: lifecycle methods are serialised.
 *
 * <p>This uses Kafka's internal server classes ({@code kafka.server.KafkaRaftServer}, {@code
 * kafka.tools.StorageTool}); they may change between Kafka releases.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String SCRATCH_KIND = "kafka";

  private final KafkaOptions options;
  private final int port;
  private final int controllerPort;
  private final Path dataDirectory;
  private final @Nullable ScratchDirectory scratch;
  private final Path configFile;
  private final Thread shutdownHook;

  // guarded by this
  private @Nullable KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafka(
      KafkaOptions options,
      int port,
      int controllerPort,
      Path dataDirectory,
      @Nullable ScratchDirectory scratch) {
    this.options = options;
    this.port = port;
    this.controllerPort = controllerPort;
    this.dataDirectory = dataDirectory;
    this.scratch = scratch;
    this.configFile = dataDirectory.resolve("server.properties");
    this.shutdownHook = new Thread(this::closeQuietly, "embedded-kafka-shutdown");
  }

  /** Starts a broker with {@link KafkaOptions#defaults()}: free port, temporary data. */
  public static EmbeddedKafka start() {
    return start(KafkaOptions.defaults());
  }

  /**
   * Formats storage (unless already formatted) and starts the broker.
   *
   * @throws DevStackException if the broker does not answer within the start timeout
   */
  public static EmbeddedKafka start(KafkaOptions options) {
    ServiceLogLevels.quiet();
    BrokerExitGuard.install();
    ScratchDirectory.reapOrphans(SCRATCH_KIND, dir -> {});
    ScratchDirectory scratch =
        options.dataDirectory() == null ? ScratchDirectory.create(SCRATCH_KIND) : null;
    Path dataDirectory = scratch != null ? scratch.path() : options.dataDirectory();
    int port;
    int controllerPort;
    if (options.port() == 0) {
      int[] ports = FreePorts.pick(2);
      port = ports[0];
      controllerPort = ports[1];
    } else {
      port = FreePorts.orFree(options.port());
      controllerPort = FreePorts.pickOne();
    }
    EmbeddedKafka kafka = new EmbeddedKafka(options, port, controllerPort, dataDirectory, scratch);
    try {
      kafka.writeConfigAndFormat();
      kafka.startServer();
    } catch (RuntimeException e) {
      kafka.closeQuietly();
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(kafka.shutdownHook);
    return kafka;
  }

  /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. Stable across {@link #restart()}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The client port; stable across {@link #restart()}. */
  public int port() {
    return port;
  }

  /** Where logs and metadata live; stable across {@link #restart()}. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /**
   * Shuts the broker down cleanly (data flushed, port released) and keeps the data. Clients see the
   * broker as unavailable until {@link #restart()}. No-op if already stopped.
   */
  public synchronized void stop() {
    KafkaRaftServer running = server;
    if (running == null) {
      return;
    }
    server = null;
    shutdown(running, options.stopTimeout());
    LOG.info("Kafka broker on {} stopped", bootstrapServers());
  }

  /**
   * Stops the broker if it runs, then starts it again on the same port with the same data; returns
   * once it answers again.
   *
   * @throws DevStackException if it does not come back within the start timeout (e.g. the port was
   *     taken by another process meanwhile)
   */
  public synchronized void restart() {
    ensureOpen();
    stop();
    startServer();
  }

  /** Stops the broker and deletes the data directory if it was temporary. Idempotent. */
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
    return "EmbeddedKafka[" + bootstrapServers() + ", data=" + dataDirectory + "]";
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

  private Properties brokerProperties() {
    return SingleNodeBrokerConfig.build(
        port, controllerPort, dataDirectory.resolve("logs"), options.brokerProperties());
  }

  /**
   * Writes server.properties (handy when debugging by hand) and formats the log directory. Data
   * that is already formatted is kept (--ignore-formatted), so a given data directory survives the
   * JVM too; the tool still checks the cluster id, so an existing one is reused and a new one made
   * only for fresh data.
   */
  private void writeConfigAndFormat() {
    try {
      Files.createDirectories(dataDirectory);
      try (OutputStream out = Files.newOutputStream(configFile)) {
        brokerProperties()
            .store(out, "written by " + EmbeddedKafka.class.getName() + " for reference");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + configFile, e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exitCode =
          StorageTool.execute(
              new String[] {
                "format",
                "--config",
                configFile.toString(),
                "--cluster-id",
                existingClusterId().orElseGet(() -> Uuid.randomUuid().toString()),
                "--ignore-formatted"
              },
              print);
    } catch (RuntimeException e) {
      throw new DevStackException(
          "formatting Kafka storage in "
              + dataDirectory
              + " failed: "
              + output.toString(StandardCharsets.UTF_8),
          e);
    }
    if (exitCode != 0) {
      throw new DevStackException(
          "formatting Kafka storage in "
              + dataDirectory
              + " failed (exit "
              + exitCode
              + "): "
              + output.toString(StandardCharsets.UTF_8));
    }
  }

  private Optional<String> existingClusterId() {
    Path metaProperties = dataDirectory.resolve("logs").resolve("meta.properties");
    if (!Files.isRegularFile(metaProperties)) {
      return Optional.empty();
    }
    Properties meta = new Properties();
    try (InputStream in = Files.newInputStream(metaProperties)) {
      meta.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + metaProperties, e);
    }
    return Optional.ofNullable(meta.getProperty("cluster.id"));
  }

  /**
   * Starts a fresh server object (a KafkaRaftServer cannot be started twice) and waits until it
   * answers. start-up runs on its own thread so that a broker stuck before listening still cannot
   * block us past the deadline.
   */
  private void startServer() {
    long startedAt = System.nanoTime();
    Deadline deadline = Deadline.after(options.startTimeout());
    KafkaRaftServer candidate =
        new KafkaRaftServer(new KafkaConfig(brokerProperties(), false), Time.SYSTEM);
    CompletableFuture<Void> startup =
        CompletableFuture.runAsync(
            candidate::startup, runnable -> daemon("embedded-kafka-startup", runnable).start());
    try {
      startup.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
      awaitAnswer(deadline);
    } catch (ExecutionException | TimeoutException | RuntimeException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      shutdown(candidate, options.stopTimeout());
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new DevStackException(
          "Kafka broker on "
              + bootstrapServers()
              + " (data "
              + dataDirectory
              + ") did not start within "
              + options.startTimeout()
              + ": "
              + cause,
          cause);
    }
    server = candidate;
    LOG.info(
        "Kafka broker on {} started in {} ms",
        bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
  }

  /** Polls describeCluster until it returns this broker, each attempt bounded by the time left. */
  private void awaitAnswer(Deadline deadline) {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    Exception last = null;
    try (Admin admin = Admin.create(config)) {
      while (!deadline.expired()) {
        try {
          int timeoutMs = (int) Math.max(1, Math.min(5_000, deadline.remaining().toMillis()));
          var nodes =
              admin
                  .describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                  .nodes()
                  .get(timeoutMs, TimeUnit.MILLISECONDS);
          if (!nodes.isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DevStackException("interrupted while waiting for Kafka", e);
        }
        deadline.pause(Duration.ofMillis(100));
      }
    }
    throw new DevStackException(
        "Kafka broker on "
            + bootstrapServers()
            + " did not answer describeCluster within "
            + deadline.timeout(),
        last);
  }

  /**
   * Shuts a server down, bounded; a server that does not stop in time is reported, not waited for.
   */
  private void shutdown(KafkaRaftServer target, Duration timeout) {
    Thread stopper =
        daemon(
            "embedded-kafka-shutdown-" + port,
            () -> {
              target.shutdown();
              target.awaitShutdown();
            });
    stopper.start();
    try {
      if (!stopper.join(timeout)) {
        throw new DevStackException(
            "Kafka broker on "
                + bootstrapServers()
                + " did not shut down within "
                + timeout
                + "; its port may still be bound");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevStackException("interrupted while stopping Kafka", e);
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
