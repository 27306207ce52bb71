package io.pitchey.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.EmbeddedKafka;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.topic.TimingEventsSerde;
import io.pitchey.ingest.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The publisher against the real broker. */
@ExtendWith(DevStackExtension.class)
class KafkaTimingPublisherTest {

  @Test
  void every_event_arrives_once_keyed_by_its_grain_and_batched_per_key(EmbeddedKafka kafka)
      throws Exception {
    Topic<String, List<TimingEvent>> topic =
        new Topic<>("timings-" + UUID.randomUUID(), Serdes.String(), new TimingEventsSerde());
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic.name(), 3, (short) 1))).all().get();
    }
    List<TimingEvent> sent = new ArrayList<>();
    try (KafkaTimingPublisher publisher =
        KafkaTimingPublisher.create(kafka.bootstrapServers(), topic, 1_000)) {
      for (int i = 0; i < 300; i++) {
        TimingEvent event = event(i % 3 == 0 ? "/api/health" : "/api/pitches/{id}", i);
        sent.add(event);
        publisher.publish(event);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().delivered() == 300);
      assertThat(publisher.stats()).isEqualTo(new PublisherStats(300, 300, 0, 0, 0));
    }

    List<TimingEvent> received = new ArrayList<>();
    try (KafkaConsumer<String, List<TimingEvent>> consumer = consumer(kafka, topic)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, List<TimingEvent>> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  assertThat(record.value())
                      .allSatisfy(
                          e ->
                              assertThat(record.key())
                                  .isEqualTo("serving-api|local|i-1|GET " + e.route()));
                  received.addAll(record.value());
                }
                return received.size() >= 300;
              });
    }
    assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void a_full_queue_counts_what_it_refuses_instead_of_blocking() {
    // Port 1 has no broker: nothing drains, so the queue fills and the rest overflow.
    try (KafkaTimingPublisher publisher =
        KafkaTimingPublisher.create(
            "127.0.0.1:1", new Topic<>("t", Serdes.String(), new TimingEventsSerde()), 10)) {
      for (int i = 0; i < 100; i++) {
        publisher.publish(event("/api/health", i));
      }
      PublisherStats stats = publisher.stats();
      assertThat(stats.accepted()).isEqualTo(100);
      assertThat(stats.delivered()).isZero();
      // Nothing is lost uncounted: refused events are overflowed, the rest wait in the queue or
      // in the sender's hands (at most one drained batch: the queue's capacity plus one).
      assertThat(stats.overflowed() + stats.pending()).isEqualTo(100);
      assertThat(stats.overflowed()).isBetween(100L - 2 * 10 - 1, 100L - 10);
      publisher.close(Duration.ofMillis(200));
    }
  }

  private static KafkaConsumer<String, List<TimingEvent>> consumer(
      EmbeddedKafka kafka, Topic<String, List<TimingEvent>> topic) {
    KafkaConsumer<String, List<TimingEvent>> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer());
    consumer.subscribe(List.of(topic.name()));
    return consumer;
  }

  private static TimingEvent event(String route, int i) {
    return new TimingEvent(
        1,
        UUID.randomUUID().toString(),
        "r-" + i,
        1_764_064_800_000_000L + i,
        "serving-api",
        "local",
        "i-1",
        "GET",
        route,
        200,
        1_000 + i,
        0,
        0,
        CacheStatus.HIT,
        ContentClass.OTHER,
        10,
        null);
  }
}
