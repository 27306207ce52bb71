package io.pitchey.cli;

import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.topic.Topic;
import io.pitchey.ingest.topic.TopicSetup;
import io.pitchey.ingest.topic.Topics;
import io.pitchey.ingest.topic.TopicsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** The backfill topic, and its creation where it does not exist yet. */
final class BackfillTopic {
  static final Topic<String, List<TimingEvent>> TOPIC = Topics.REQUEST_TIMINGS_BACKFILL;

  private BackfillTopic() {}

  /**
   * Creates the backfill topic if missing, as the aggregator would: retained by size, because
   * backfilled events carry old timestamps that a time-based retention would delete on arrival.
   */
  static void ensure(String bootstrapServers, int partitions, short replication)
      throws InterruptedException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      new TopicSetup(admin, Duration.ofSeconds(30))
          .ensure(
              List.of(
                  Topics.keepingOldRecords(
                      TOPIC.name(), TopicsConfig.of(partitions, replication))));
    }
  }
}
