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
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies window records from Kafka into PostgreSQL exactly once (INTERFACES §5).
 *
 * <p>Each polled batch is written in one database transaction together with the next offsets of
 * its partitions. On assignment the consumer seeks to the offsets stored in the database, never to
 * Kafka's committed ones, so a crash between the database commit and anything else can neither
 * lose nor repeat a row. It reads with {@code read_committed}: aborted Streams transactions never
 * reach the database.
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
  private volatile boolean running = true;

  public WindowSink(Topic<String, WindowResult> topic, String bootstrapServers, String group, DataSource dataSource) {
    this.topic = topic;
    this.dataSource = dataSource;
    this.offsets = new SinkOffsets(group);
    this.consumer =
        new KafkaConsumer<>(consumerConfig(bootstrapServers, group), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    this.thread = Thread.ofPlatform().name("window-sink").unstarted(this::run);
  }

  static Properties consumerConfig(String bootstrapServers, String group) {
    Properties props = new Properties();
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

  private void run() {
    try {
      consumer.subscribe(List.of(topic.name()), new SeekToStoredOffsets());
      while (running) {
        ConsumerRecords<String, WindowResult> batch = consumer.poll(Duration.ofMillis(500));
        if (!batch.isEmpty()) {
          writeWithRetry(batch);
        }
      }
    } catch (WakeupException e) {
      // close() woke us up: fall through to shutdown.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("window sink stopped by an unexpected error", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      stopped.countDown();
    }
  }

  private void writeWithRetry(ConsumerRecords<String, WindowResult> batch) throws InterruptedException {
    while (running) {
      try {
        write(batch);
        return;
      } catch (SQLException e) {
        log.warn("writing {} window records failed, retrying in {}: {}", batch.count(), RETRY_BACKOFF, e.getMessage());
        TimeUnit.MILLISECONDS.sleep(RETRY_BACKOFF.toMillis());
      }
    }
  }

  private void write(ConsumerRecords<String, WindowResult> batch) throws SQLException {
    List<WindowResult> results = new ArrayList<>(batch.count());
    Map<TopicPartition, Long> next = new HashMap<>();
    for (ConsumerRecord<String, WindowResult> record : batch) {
      if (record.value() != null) {
        results.add(record.value());
      }
      next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        rows.write(connection, results);
        offsets.write(connection, next);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** Positions newly assigned partitions where the database says the last transaction ended. */
  private final class SeekToStoredOffsets implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      try (Connection connection = dataSource.getConnection()) {
        Map<TopicPartition, Long> stored = offsets.read(connection, topic.name());
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition partition : partitions) {
          Long offset = stored.get(partition);
          if (offset == null) {
            fresh.add(partition);
          } else {
            consumer.seek(partition, offset);
          }
        }
        consumer.seekToBeginning(fresh);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read the sink's stored offsets: " + e.getMessage(), e);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Nothing to do: offsets are committed with the rows, never here.
    }
  }

  /** Stops polling, waits up to 10 s for the batch in flight, and closes the consumer. */
  @Override
  public void close() {
    running = false;
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
