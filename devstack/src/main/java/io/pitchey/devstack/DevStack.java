package io.pitchey.devstack;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka and PostgreSQL together: everything the Pitchey services need, started by the project
 * itself.
 *
 * <p>Guarantees: {@link #start} starts both services in parallel (start-up is dominated by each
 * service's own wait, so this roughly halves it) and returns only when both answer; if either
 * fails, the other is stopped before the failure is thrown. {@link #close()} stops PostgreSQL, then
 * Kafka (the reverse of the conceptual order), and always attempts both.
 */
public final class DevStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);

  private final EmbeddedKafka kafka;
  private final LocalPostgres postgres;

  private DevStack(EmbeddedKafka kafka, LocalPostgres postgres) {
    this.kafka = kafka;
    this.postgres = postgres;
  }

  /** Both services with their defaults: free ports, temporary data. */
  public static DevStack start() {
    return start(KafkaOptions.defaults(), PostgresOptions.defaults());
  }

  public static DevStack start(KafkaOptions kafkaOptions, PostgresOptions postgresOptions) {
    long startedAt = System.nanoTime();
    CompletableFuture<EmbeddedKafka> kafka =
        startAsync("devstack-kafka", () -> EmbeddedKafka.start(kafkaOptions));
    CompletableFuture<LocalPostgres> postgres =
        startAsync("devstack-postgres", () -> LocalPostgres.start(postgresOptions));
    // wait for both even when one fails, so nothing is left starting in the background
    CompletableFuture.allOf(kafka, postgres).exceptionally(e -> null).join();
    RuntimeException failure = failureOf(kafka);
    RuntimeException postgresFailure = failureOf(postgres);
    if (failure == null) {
      failure = postgresFailure;
    } else if (postgresFailure != null) {
      failure.addSuppressed(postgresFailure);
    }
    if (failure != null) {
      if (!kafka.isCompletedExceptionally()) {
        kafka.join().close();
      }
      if (!postgres.isCompletedExceptionally()) {
        postgres.join().close();
      }
      throw failure;
    }
    DevStack stack = new DevStack(kafka.join(), postgres.join());
    LOG.info(
        "dev stack up in {} ms: kafka {}, postgres {}",
        (System.nanoTime() - startedAt) / 1_000_000,
        stack.kafka.bootstrapServers(),
        stack.postgres.jdbcUrl());
    return stack;
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public LocalPostgres postgres() {
    return postgres;
  }

  /**
   * Stops PostgreSQL, then Kafka, deleting temporary data. Both are attempted even if one fails.
   */
  /**
   * Hands stopping the stack on JVM exit to the caller (see {@link
   * EmbeddedKafka#removeShutdownHook()}): an application that closes its own components first and
   * the stack last calls this, so Kafka and PostgreSQL do not stop under components that are still
   * committing.
   *
   * @return this stack
   */
  public DevStack withCallerOwnedShutdown() {
    kafka.removeShutdownHook();
    postgres.removeShutdownHook();
    return this;
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    try {
      postgres.close();
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      kafka.close();
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "DevStack[kafka=" + kafka.bootstrapServers() + ", postgres=" + postgres.jdbcUrl() + "]";
  }

  private static <T> CompletableFuture<T> startAsync(String name, Supplier<T> starter) {
    return CompletableFuture.supplyAsync(
        starter,
        runnable -> {
          Thread thread = new Thread(runnable, name);
          thread.setDaemon(true);
          thread.start();
        });
  }

  private static @Nullable RuntimeException failureOf(CompletableFuture<?> future) {
    try {
      future.join();
      return null;
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      return cause instanceof RuntimeException r
          ? r
          : new DevStackException(String.valueOf(cause), cause);
    }
  }
}
