package io.pitchey.ingest.publish;

import static org.awaitility.Awaitility.await;

import io.pitchey.devstack.EmbeddedKafka;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.topic.TimingEventsSerde;
import io.pitchey.ingest.topic.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Serdes;

/** Topics, events and consumers for the publisher's tests. */
final class PublisherTesting {
  /** Nothing listens there: a Kafka that is down from the start. */
  static final String NO_BROKER = "127.0.0.1:1";

  private static final String[] ROUTES = {"/api/pitches/{id}", "/api/health", "/api/me"};

  private PublisherTesting() {}

  static Topic<String, List<TimingEvent>> newTopic(EmbeddedKafka kafka, int partitions)
      throws ExecutionException, InterruptedException {
    Topic<String, List<TimingEvent>> topic =
        new Topic<>("timings-" + UUID.randomUUID(), Serdes.String(), new TimingEventsSerde());
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic.name(), partitions, (short) 1))).all().get();
    }
    return topic;
  }

  /** Fast failure detection, small queue, spill under {@code dir}. */
  static PublisherSettings testSettings(Path dir) {
    return PublisherSettings.defaults()
        .withQueueCapacity(100_000)
        .withSpill(dir, PublisherSettings.DEFAULT_SPILL_BUDGET_BYTES, 1 << 20)
        .withTimeouts(
            Duration.ofSeconds(1),
            Duration.ofMillis(200),
            Duration.ofMillis(200),
            Duration.ofSeconds(5));
  }

  /**
   * Event number {@code i}: one of three routes; a 5xx with an error type every 7th; its number is
   * in the request id ({@code r-<i>}) so that order can be checked per key.
   */
  static TimingEvent event(int i) {
    boolean error = i % 7 == 0;
    return new TimingEvent(
        1,
        UUID.randomUUID().toString(),
        String.format("r-%08d", i),
        1_764_064_800_000_000L + i * 1_000L,
        "serving-api",
        "eu-west",
        "i-1",
        "GET",
        ROUTES[i % ROUTES.length],
        error ? 503 : 200,
        1_000 + i,
        250 + i % 100,
        i % 4,
        CacheStatus.values()[i % CacheStatus.values().length],
        ContentClass.values()[i % ContentClass.values().length],
        512 + i,
        error ? "db-timeout" : null);
  }

  static int number(TimingEvent event) {
    return Integer.parseInt(event.requestId().substring(2));
  }

  /** Reads records until {@code expected} events arrived (bounded), then 1 s more for extras. */
  static List<ConsumerRecord<String, List<TimingEvent>>> consumeAll(
      EmbeddedKafka kafka, Topic<String, List<TimingEvent>> topic, long expected) {
    List<ConsumerRecord<String, List<TimingEvent>>> records = new ArrayList<>();
    try (KafkaConsumer<String, List<TimingEvent>> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long[] count = {0};
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, List<TimingEvent>> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  records.add(record);
                  count[0] += record.value().size();
                }
                return count[0] >= expected;
              });
      // anything beyond the expected count (a duplicate) would be in the next polls
      for (ConsumerRecord<String, List<TimingEvent>> record :
          consumer.poll(Duration.ofSeconds(1))) {
        records.add(record);
      }
    }
    return records;
  }

  static List<TimingEvent> events(List<ConsumerRecord<String, List<TimingEvent>>> records) {
    List<TimingEvent> events = new ArrayList<>();
    records.forEach(r -> events.addAll(r.value()));
    return events;
  }
}
