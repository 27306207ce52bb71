package io.pitchey.api.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitchey.api.support.ApiClient;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.EmbeddedKafka;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.publish.KafkaTimingPublisher;
import io.pitchey.ingest.topic.Topic;
import io.pitchey.ingest.topic.TopicSetup;
import io.pitchey.ingest.topic.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real publisher against the real broker: a request's event lands on the timings topic, keyed.
 */
@ExtendWith(DevStackExtension.class)
class TimingToKafkaTest {
  private static final Topic<String, List<TimingEvent>> TOPIC = Topics.REQUEST_TIMINGS;
  private static final int PARTITIONS = 3;

  @Test
  void a_request_timing_reaches_the_request_timings_topic(
      LocalPostgres postgres, EmbeddedKafka kafka, @TempDir Path cacheDir)
      throws InterruptedException {
    createTopics(kafka);
    String requestId;
    try (KafkaTimingPublisher publisher =
            KafkaTimingPublisher.create(kafka.bootstrapServers(), TOPIC, 1_000);
        ApiFixture api = ApiFixture.start(postgres, cacheDir, publisher, Clock.systemUTC())) {
      requestId = ApiClient.requestIdOf(api.client().get("/api/health"));
    }

    ConsumerRecord<String, List<TimingEvent>> record = readRecordOf(kafka, requestId);

    assertThat(record.key())
        .isEqualTo(
            "serving-api|" + ApiFixture.REGION + "|" + ApiFixture.INSTANCE + "|GET /api/health");
    TimingEvent event = record.value().get(0);
    assertThat(event.route()).isEqualTo("/api/health");
    assertThat(event.status()).isEqualTo(200);
  }

  private static void createTopics(EmbeddedKafka kafka) throws InterruptedException {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      new TopicSetup(admin, Duration.ofSeconds(30))
          .ensure(Topics.pipelineTopics(PARTITIONS, (short) 1));
    }
  }

  private static ConsumerRecord<String, List<TimingEvent>> readRecordOf(
      EmbeddedKafka kafka, String requestId) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (KafkaConsumer<String, List<TimingEvent>> consumer =
        new KafkaConsumer<>(
            config, TOPIC.keySerde().deserializer(), TOPIC.valueSerde().deserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int partition = 0; partition < PARTITIONS; partition++) {
        partitions.add(new TopicPartition(TOPIC.name(), partition));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // the consumer is single-threaded: poll it on the test thread
      return await()
          .atMost(Duration.ofSeconds(30))
          .pollInSameThread()
          .pollInterval(Duration.ZERO)
          .until(() -> find(consumer, requestId), Optional::isPresent)
          .orElseThrow();
    }
  }

  private static Optional<ConsumerRecord<String, List<TimingEvent>>> find(
      KafkaConsumer<String, List<TimingEvent>> consumer, String requestId) {
    for (ConsumerRecord<String, List<TimingEvent>> record : consumer.poll(Duration.ofMillis(500))) {
      if (record.value().stream().anyMatch(event -> event.requestId().equals(requestId))) {
        return Optional.of(record);
      }
    }
    return Optional.empty();
  }
}
