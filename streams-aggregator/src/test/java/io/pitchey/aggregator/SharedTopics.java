package io.pitchey.aggregator;

import io.pitchey.ingest.topic.TopicSetup;
import io.pitchey.ingest.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The pipeline topics have fixed names and the broker is shared by the test JVM, so they hold the
 * events and windows of every test that ran before. A test's application (a new application id and
 * sink group on a fresh database) would read all of it: Streams would recompute the old events'
 * windows and the sink would read the old windows as well, two FINAL rows of one window and key,
 * which the unique index refuses and the sink stops on. So each test starts its application where
 * the topics end now, as a deployment with its own topics would.
 */
final class SharedTopics {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private SharedTopics() {}

  /**
   * Creates the pipeline topics if missing ({@link TestTuning#TOPICS}), commits the timing topics'
   * current end offsets for the Streams group {@code applicationId}, and stores the window topic's
   * for {@code sinkGroup} in the database's {@code metrics.sink_offsets}, where the sink seeks to
   * (contracts §5).
   */
  static void startAtCurrentEnd(
      String bootstrapServers, String applicationId, String sinkGroup, DataSource db)
      throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      new TopicSetup(admin, TIMEOUT).ensure(Topics.pipelineTopics(TestTuning.TOPICS));
      Map<TopicPartition, OffsetAndMetadata> inputs = new HashMap<>();
      ends(admin, List.of(Topics.REQUEST_TIMINGS.name(), Topics.REQUEST_TIMINGS_BACKFILL.name()))
          .forEach((partition, offset) -> inputs.put(partition, new OffsetAndMetadata(offset)));
      admin
          .alterConsumerGroupOffsets(applicationId, inputs)
          .all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      SinkOffsets.store(db, sinkGroup, ends(admin, List.of(Topics.ROUTE_WINDOWS)));
    }
  }

  /** The end of every partition as a read_committed consumer sees it. */
  private static Map<TopicPartition, Long> ends(Admin admin, List<String> topics) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    admin
        .describeTopics(topics)
        .allTopicNames()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .forEach(
            (name, description) ->
                description
                    .partitions()
                    .forEach(
                        p ->
                            latest.put(
                                new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin
        .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }
}
