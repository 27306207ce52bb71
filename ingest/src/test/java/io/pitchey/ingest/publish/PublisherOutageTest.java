package io.pitchey.ingest.publish;

import static io.pitchey.ingest.publish.KafkaTimingPublisherTest.assertOrderPerKey;
import static io.pitchey.ingest.publish.PublisherTesting.consumeAll;
import static io.pitchey.ingest.publish.PublisherTesting.event;
import static io.pitchey.ingest.publish.PublisherTesting.events;
import static io.pitchey.ingest.publish.PublisherTesting.newTopic;
import static io.pitchey.ingest.publish.PublisherTesting.testSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.EmbeddedKafka;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.topic.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away while requests keep arriving, then comes back: publishing stays
 * non-blocking, events go to disk, and every one of them arrives exactly once, in order per key.
 */
@ExtendWith(DevStackExtension.class)
class PublisherOutageTest {

  @TempDir Path dir;

  @Test
  void a_broker_outage_spills_and_the_recovery_replays_every_event_once_in_order(
      EmbeddedKafka kafka) throws Exception {
    Topic<String, List<TimingEvent>> topic = newTopic(kafka, 3);
    List<TimingEvent> sent = new ArrayList<>();
    long[] slowestPublishNanos = {0};
    try (KafkaTimingPublisher publisher =
        KafkaTimingPublisher.create(kafka.bootstrapServers(), topic, testSettings(dir))) {
      // before: straight to Kafka
      for (int i = 0; i < 1_000; i++) {
        publish(publisher, sent, slowestPublishNanos);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().published() == 1_000);
      assertThat(publisher.stats().spilled()).isZero();

      kafka.stop();
      try {
        // during: requests keep coming (50 per poll, ~500/s) until a good part went to disk
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    publish(publisher, sent, slowestPublishNanos);
                  }
                  return publisher.stats().onDisk() >= 1_000;
                });
        PublisherStats during = publisher.stats();
        assertThat(during.dropped()).isZero();
        assertThat(during.degraded()).isTrue();
      } finally {
        kafka.restart();
      }

      // after: more requests while the spill is replayed
      for (int i = 0; i < 1_000; i++) {
        publish(publisher, sent, slowestPublishNanos);
      }
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> publisher.stats().published() == sent.size());
      PublisherStats after = publisher.stats();
      assertThat(after.accepted()).isEqualTo(sent.size());
      assertThat(after.dropped()).isZero();
      assertThat(after.failed()).isZero();
      assertThat(after.onDisk()).isZero();
      assertThat(after.buffered()).isZero();
      assertThat(after.replayed()).isEqualTo(after.spilled()).isGreaterThanOrEqualTo(1_000);
      assertThat(after.degraded()).isFalse();
    }
    // a sanity bound, not a performance claim: publish never waited for the broker
    assertThat(Duration.ofNanos(slowestPublishNanos[0])).isLessThan(Duration.ofMillis(100));

    List<ConsumerRecord<String, List<TimingEvent>>> records = consumeAll(kafka, topic, sent.size());
    List<TimingEvent> received = events(records);
    Set<String> distinct = received.stream().map(TimingEvent::eventId).collect(Collectors.toSet());
    assertThat(distinct).hasSize(received.size()); // no duplicate
    assertThat(received).hasSize(sent.size()).containsExactlyInAnyOrderElementsOf(sent);
    assertOrderPerKey(records);
  }

  @Test
  void a_shutdown_during_an_outage_is_bounded_and_spills_what_was_not_acknowledged(
      EmbeddedKafka kafka) throws Exception {
    Topic<String, List<TimingEvent>> topic = newTopic(kafka, 3);
    PublisherSettings settings = testSettings(dir);
    List<TimingEvent> sent = new ArrayList<>();
    long[] slowest = {0};
    KafkaTimingPublisher publisher =
        KafkaTimingPublisher.create(kafka.bootstrapServers(), topic, settings);
    try {
      for (int i = 0; i < 10; i++) {
        publish(publisher, sent, slowest);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().published() == 10);
      kafka.stop();
      // sent to a broker that is gone: in flight when the shutdown comes
      for (int i = 0; i < 100; i++) {
        publish(publisher, sent, slowest);
      }
      long start = System.nanoTime();
      publisher.close(Duration.ofSeconds(1));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      PublisherStats closed = publisher.stats();
      assertThat(closed.published()).isEqualTo(10);
      assertThat(closed.onDisk()).isEqualTo(100);
      assertThat(closed.dropped()).isZero();
      assertThat(closed.buffered()).isZero();
    } finally {
      publisher.close();
      kafka.restart();
    }
    try (KafkaTimingPublisher next =
        KafkaTimingPublisher.create(kafka.bootstrapServers(), topic, settings)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> next.stats().replayed() == 100);
      assertThat(next.stats().onDisk()).isZero();
    }
    List<ConsumerRecord<String, List<TimingEvent>>> records = consumeAll(kafka, topic, 110);
    assertThat(events(records)).hasSize(110).containsExactlyInAnyOrderElementsOf(sent);
    assertOrderPerKey(records);
  }

  private static void publish(
      KafkaTimingPublisher publisher, List<TimingEvent> sent, long[] slowest) {
    TimingEvent event = event(sent.size());
    sent.add(event);
    long start = System.nanoTime();
    publisher.publish(event);
    slowest[0] = Math.max(slowest[0], System.nanoTime() - start);
  }
}
