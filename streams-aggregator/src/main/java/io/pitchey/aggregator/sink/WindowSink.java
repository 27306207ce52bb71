package io.pitchey.aggregator.sink;

import io.pitchey.aggregator.window.WindowResult;
import io.pitchey.ingest.topic.Topic;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies window records from Kafka into PostgreSQL exactly once (contracts §5).
 *
 * <p>Each polled batch is written in one database transaction together with the next offsets of its
 * partitions, after checking under a row lock that the batch starts where the stored offsets say
 * (see {@link SinkOffsets}). On assignment the consumer seeks to the stored offsets, never to
 * Kafka's committed ones, so a crash between the database commit and anything else can neither lose
 * nor repeat a row. It reads with {@code read_committed}: aborted Streams transactions never reach
 * the database.
 *
 * <p>Transient database errors (connection loss, serialisation failures, a restarting server) are
 * retried until they clear; any other error stops the sink and is reported by {@link #failure()},
 * because retrying a write that can never succeed would only hide it.
 */
public final class WindowSink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WindowSink.class);
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

  private final Topic<String, WindowResult> topic;
  private final DataSource dataSource;
  private final SinkOffsets offsets;
  private final KafkaConsumer<String, WindowResult> consumer;
  private final WindowRows rows = new WindowRows();
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final AtomicLong repeatedFinals = new AtomicLong();
  private volatile @Nullable Throwable failure;

  public WindowSink(
      Topic<String, WindowResult> topic,
      String bootstrapServers,
      String group,
      DataSource dataSource) {
    this(topic, bootstrapServers, group, dataSource, Duration.ofSeconds(45));
  }

  /**
   * @param sessionTimeout how long the group waits for a silent sink (a killed process) before its
   *     partitions move to another; correctness never depends on it (writes are fenced in the
   *     database), only how soon the data flows again
   */
  public WindowSink(
      Topic<String, WindowResult> topic,
      String bootstrapServers,
      String group,
      DataSource dataSource,
      Duration sessionTimeout) {
    this.topic = topic;
    this.dataSource = dataSource;
    this.offsets = new SinkOffsets(group, topic.name());
    this.consumer =
        new KafkaConsumer<>(
            consumerConfig(bootstrapServers, group, sessionTimeout),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer());
    this.thread = Thread.ofPlatform().name("window-sink").unstarted(this::run);
  }

  static Properties consumerConfig(String bootstrapServers, String group, Duration sessionTimeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.toMillis() / 3);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    return props;
  }

  public WindowSink start() {
    thread.start();
    return this;
  }

  /** Why the sink stopped by itself, if it did; empty while it runs or after a requested stop. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  public boolean isRunning() {
    return thread.isAlive();
  }

  private boolean stopRequested() {
    return stopRequested.getCount() == 0;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic.name()), new SeekToStoredOffsets());
      while (!stopRequested()) {
        ConsumerRecords<String, WindowResult> batch = consumer.poll(Duration.ofMillis(500));
        if (!batch.isEmpty()) {
          writeWithRetry(batch);
        }
      }
    } catch (WakeupException e) {
      // close() woke us up: fall through to shutdown.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | SQLException e) {
      failure = e;
      log.error("window sink stopped: {}", e.getMessage(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      stopped.countDown();
    }
  }

  private void writeWithRetry(ConsumerRecords<String, WindowResult> batch)
      throws InterruptedException, SQLException {
    while (!stopRequested()) {
      try {
        write(batch);
        return;
      } catch (StalePositionException e) {
        log.warn("sink position moved under us, resuming at the stored offsets {}", e.stored);
        e.stored.forEach(consumer::seek);
        return;
      } catch (SQLException e) {
        if (!TransientSqlErrors.isTransient(e) && !isRacingFinal(e)) {
          throw e;
        }
        log.warn(
            "writing {} window records failed, retrying in {}: {}",
            batch.count(),
            RETRY_BACKOFF,
            e.getMessage());
        stopRequested.await(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  private void write(ConsumerRecords<String, WindowResult> batch) throws SQLException {
    List<WindowResult> results = new ArrayList<>(batch.count());
    Map<TopicPartition, Long> first = new HashMap<>();
    Map<TopicPartition, Long> next = new HashMap<>();
    for (ConsumerRecord<String, WindowResult> record : batch) {
      if (record.value() != null) {
        results.add(record.value());
      }
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      first.putIfAbsent(partition, record.offset());
      next.put(partition, record.offset() + 1);
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        checkPosition(offsets.lock(connection, first.keySet()), first);
        List<WindowResult> repeated = rows.write(connection, results);
        offsets.write(connection, next);
        connection.commit();
        reportRepeatedFinals(repeated);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    }
  }

  private void reportRepeatedFinals(List<WindowResult> repeated) {
    if (repeated.isEmpty()) {
      return;
    }
    repeatedFinals.addAndGet(repeated.size());
    WindowResult example = repeated.get(0);
    log.warn(
        "{} final window record(s) for windows that already had a final row were stored as"
            + " corrections (e.g. {} at {}); expected only after the partitions of {} changed,"
            + " otherwise the same events were aggregated twice (an application id reset?)",
        repeated.size(),
        example.key(),
        example.windowStart(),
        topic.name());
  }

  /**
   * Final records stored as corrections because their window already had a final row, since start;
   * see {@link WindowRows#write}.
   */
  public long repeatedFinals() {
    return repeatedFinals.get();
  }

  /**
   * Another sink wrote a window's final row between our check and our insert (possible only while
   * two sinks hold partitions with the same key, after a change of partitions): the next attempt
   * sees that row and stores ours as a correction.
   */
  private static boolean isRacingFinal(SQLException e) {
    return "23505".equals(e.getSQLState())
        && e.getMessage() != null
        && e.getMessage().contains("route_windows_final_uq");
  }

  /** A failed rollback (the connection died) must not replace the error that says why. */
  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * A batch may start past the stored offset (a transaction marker or aborted records sit between
   * them) but never before it: that would mean the rows were already written, by us or another
   * owner.
   */
  private static void checkPosition(
      Map<TopicPartition, Long> stored, Map<TopicPartition, Long> first) {
    Map<TopicPartition, Long> behind = new HashMap<>();
    first.forEach(
        (partition, offset) -> {
          Long expected = stored.get(partition);
          if (expected == null || offset < expected) {
            behind.put(partition, expected == null ? offset : expected);
          }
        });
    if (!behind.isEmpty()) {
      throw new StalePositionException(behind);
    }
  }

  /** Positions newly assigned partitions where the database says the last transaction ended. */
  private final class SeekToStoredOffsets implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
      while (!stopRequested()) {
        try (Connection connection = dataSource.getConnection()) {
          offsets.initialise(connection, beginnings);
          offsets.read(connection, partitions).forEach(consumer::seek);
          return;
        } catch (SQLException e) {
          if (!TransientSqlErrors.isTransient(e)) {
            throw new IllegalStateException(
                "cannot read the sink's stored offsets: " + e.getMessage(), e);
          }
          log.warn(
              "reading the sink's offsets failed, retrying in {}: {}",
              RETRY_BACKOFF,
              e.getMessage());
          awaitRetry();
        }
      }
    }

    private void awaitRetry() {
      try {
        stopRequested.await(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WakeupException();
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Nothing to do: offsets are committed with the rows, never here.
    }
  }

  /** The batch does not start where the database says this group's position is. */
  private static final class StalePositionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Map<TopicPartition, Long> stored;

    StalePositionException(Map<TopicPartition, Long> stored) {
      super("batch starts before the stored offsets " + stored, null, false, false);
      this.stored = stored;
    }
  }

  /** Stops polling, waits up to 10 s for the batch in flight, and closes the consumer. */
  @Override
  public void close() {
    stopRequested.countDown();
    consumer.wakeup();
    try {
      if (!stopped.await(10, TimeUnit.SECONDS)) {
        log.warn("window sink did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
