package io.pitchey.aggregator;

import io.pitchey.aggregator.topology.InputPositions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InputPositions} from the cluster: every {@code interval} one thread asks for the input
 * topic's end offsets ({@code read_committed}) and the application group's committed offsets. On
 * any failure both become unknown until the next success, so a stale end can never make a task look
 * caught up.
 *
 * <p>The interval is kept well under the grace: a record that arrived after the last look was
 * produced less than an interval ago, so its window cannot be one the wall clock closes (those
 * ended a grace ago).
 */
final class InputPositionWatcher implements InputPositions, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InputPositionWatcher.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final Admin admin;
  private final String topic;
  private final String groupId;
  private final ScheduledExecutorService scheduler;
  private volatile Map<TopicPartition, Long> ends = Map.of();
  private volatile Map<TopicPartition, Long> committed = Map.of();
  private boolean failing;

  private InputPositionWatcher(String bootstrapServers, String topic, String groupId) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    this.topic = topic;
    this.groupId = groupId;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("input-positions").daemon().unstarted(r));
  }

  /** Watches {@code topic} for the Streams application {@code groupId}. */
  static InputPositionWatcher start(
      String bootstrapServers, String topic, String groupId, Duration grace) {
    InputPositionWatcher watcher = new InputPositionWatcher(bootstrapServers, topic, groupId);
    long intervalMs = Math.clamp(grace.toMillis() / 4, 100, 1_000);
    watcher.scheduler.scheduleWithFixedDelay(
        watcher::refresh, 0, intervalMs, TimeUnit.MILLISECONDS);
    return watcher;
  }

  @Override
  public OptionalLong endOffset(TopicPartition partition) {
    return lookUp(ends, partition);
  }

  @Override
  public OptionalLong committedOffset(TopicPartition partition) {
    return lookUp(committed, partition);
  }

  private static OptionalLong lookUp(Map<TopicPartition, Long> offsets, TopicPartition partition) {
    Long offset = offsets.get(partition);
    return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
  }

  private void refresh() {
    try {
      // Committed first: whatever the end is read as afterwards, it is not behind the commit.
      Map<TopicPartition, Long> nowCommitted = new HashMap<>();
      admin
          .listConsumerGroupOffsets(groupId)
          .partitionsToOffsetAndMetadata()
          .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .forEach(
              (partition, offset) -> {
                if (partition.topic().equals(topic) && offset != null) {
                  nowCommitted.put(partition, offset.offset());
                }
              });
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .get(topic)
          .partitions()
          .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      Map<TopicPartition, Long> nowEnds = new HashMap<>();
      admin
          .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .all()
          .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .forEach((partition, info) -> nowEnds.put(partition, info.offset()));
      committed = Map.copyOf(nowCommitted);
      ends = Map.copyOf(nowEnds);
      if (failing) {
        log.info("input positions of {} known again", topic);
        failing = false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      forget();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      forget();
      if (!failing) {
        log.warn(
            "cannot read the positions of {}; quiet windows close by idleness until it works: {}",
            topic,
            e.toString());
        failing = true;
      }
    }
  }

  private void forget() {
    ends = Map.of();
    committed = Map.of();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("the input position watcher did not stop within {}", CALL_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.close(CALL_TIMEOUT);
  }
}
