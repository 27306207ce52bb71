package io.pitchey.ingest.publish;

import static io.pitchey.ingest.publish.PublisherTesting.NO_BROKER;
import static io.pitchey.ingest.publish.PublisherTesting.consumeAll;
import static io.pitchey.ingest.publish.PublisherTesting.event;
import static io.pitchey.ingest.publish.PublisherTesting.events;
import static io.pitchey.ingest.publish.PublisherTesting.newTopic;
import static io.pitchey.ingest.publish.PublisherTesting.testSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.EmbeddedKafka;
import io.pitchey.ingest.event.EventKey;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.event.TimingEventJson;
import io.pitchey.ingest.topic.TimingEventsSerde;
import io.pitchey.ingest.topic.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The publisher against the real broker, and against no broker at all. */
@ExtendWith(DevStackExtension.class)
class KafkaTimingPublisherTest {

  @TempDir Path dir;

  @Test
  void every_event_arrives_once_with_every_field_keyed_by_its_grain(EmbeddedKafka kafka)
      throws Exception {
    Topic<String, List<TimingEvent>> topic = newTopic(kafka, 3);
    List<TimingEvent> sent = new ArrayList<>();
    try (KafkaTimingPublisher publisher =
        KafkaTimingPublisher.create(kafka.bootstrapServers(), topic, testSettings(dir))) {
      for (int i = 0; i < 300; i++) {
        sent.add(event(i));
        publisher.publish(sent.get(i));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().published() == 300);
      assertThat(publisher.stats()).isEqualTo(new PublisherStats(300, 300, 0, 0, 0, 0, 0, 0, 0));
      assertThat(publisher.stats().degraded()).isFalse();
    }

    List<ConsumerRecord<String, List<TimingEvent>>> records = consumeAll(kafka, topic, 300);
    for (ConsumerRecord<String, List<TimingEvent>> record : records) {
      assertThat(record.value())
          .allSatisfy(e -> assertThat(record.key()).isEqualTo(EventKey.of(e).toString()));
      assertThat(record.timestamp()).isEqualTo(record.value().get(0).tsUs() / 1000);
    }
    // records are equal field by field, error_type included
    assertThat(events(records)).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(sent).anySatisfy(e -> assertThat(e.errorType()).isEqualTo("db-timeout"));
    assertOrderPerKey(records);
  }

  @Test
  void events_gathered_within_a_flush_interval_go_out_as_one_record_per_key(EmbeddedKafka kafka)
      throws Exception {
    Topic<String, List<TimingEvent>> topic = newTopic(kafka, 3);
    // an interval that never ends within the test: only close() sends
    PublisherSettings settings = testSettings(dir).withFlushInterval(Duration.ofHours(1));
    List<TimingEvent> sent = new ArrayList<>();
    try (KafkaTimingPublisher publisher =
        KafkaTimingPublisher.create(kafka.bootstrapServers(), topic, settings)) {
      for (int i = 0; i < 300; i++) { // 100 on each of three routes: below a burst
        sent.add(event(i));
        publisher.publish(sent.get(i));
      }
      assertThat(publisher.stats().published()).isZero();
      publisher.close();
      assertThat(publisher.stats().published()).isEqualTo(300);
    }

    List<ConsumerRecord<String, List<TimingEvent>>> records = consumeAll(kafka, topic, 300);
    assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.value()).hasSize(100));
    assertThat(events(records)).containsExactlyInAnyOrderElementsOf(sent);
    assertOrderPerKey(records);
  }

  @Test
  void a_burst_of_a_full_record_is_sent_without_waiting_for_the_interval(EmbeddedKafka kafka)
      throws Exception {
    Topic<String, List<TimingEvent>> topic = newTopic(kafka, 3);
    // a queue of 400 makes a burst 100 events; the interval never ends within the test
    PublisherSettings settings =
        testSettings(dir).withQueueCapacity(400).withFlushInterval(Duration.ofHours(1));
    List<TimingEvent> sent = new ArrayList<>();
    try (KafkaTimingPublisher publisher =
        KafkaTimingPublisher.create(kafka.bootstrapServers(), topic, settings)) {
      for (int i = 0; i < 100; i++) {
        sent.add(event(3 * i)); // one route, one key
        publisher.publish(sent.get(i));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().published() == 100);
    }

    List<ConsumerRecord<String, List<TimingEvent>>> records = consumeAll(kafka, topic, 100);
    assertThat(records).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(sent));
  }

  @Test
  void with_no_broker_events_spill_and_the_next_start_replays_them_in_order(EmbeddedKafka kafka)
      throws Exception {
    Topic<String, List<TimingEvent>> topic = newTopic(kafka, 3);
    PublisherSettings settings = testSettings(dir);
    List<TimingEvent> sent = new ArrayList<>();
    try (KafkaTimingPublisher down = KafkaTimingPublisher.create(NO_BROKER, topic, settings)) {
      for (int i = 0; i < 500; i++) {
        sent.add(event(i));
        down.publish(sent.get(i));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> down.stats().spilled() == 500);
      PublisherStats stats = down.stats();
      assertThat(stats.onDisk()).isEqualTo(500);
      assertThat(stats.published()).isZero();
      assertThat(stats.dropped()).isZero();
      assertThat(stats.degraded()).isTrue();
      assertThat(down.spillDirectory()).isEqualTo(dir.resolve(topic.name()));
    }

    try (KafkaTimingPublisher up =
        KafkaTimingPublisher.create(kafka.bootstrapServers(), topic, settings)) {
      assertThat(up.stats().onDisk() + up.stats().replayed()).isEqualTo(500);
      sent.add(event(500));
      up.publish(sent.get(500)); // goes behind the spilled ones
      await().atMost(Duration.ofSeconds(30)).until(() -> up.stats().published() == 501);
      PublisherStats stats = up.stats();
      // the new event went behind the spilled ones: replayed with them unless the spill was
      // already drained when it came
      assertThat(stats.replayed()).isBetween(500L, 501L);
      assertThat(stats.replayed()).isEqualTo(500 + stats.spilled());
      assertThat(stats.onDisk()).isZero();
      assertThat(stats.onDiskBytes()).isZero();
      assertThat(stats.accepted()).isEqualTo(1);
      assertThat(stats.buffered()).isZero();
      assertThat(stats.degraded()).isFalse();
    }
    List<ConsumerRecord<String, List<TimingEvent>>> records = consumeAll(kafka, topic, 501);
    assertThat(events(records)).hasSize(501).containsExactlyInAnyOrderElementsOf(sent);
    assertOrderPerKey(records);
  }

  @Test
  void only_retriable_errors_and_timeouts_are_retried() {
    assertThat(KafkaTimingPublisher.permanent(new InvalidTimestampException("future"))).isTrue();
    assertThat(KafkaTimingPublisher.permanent(new UnknownServerException("?"))).isTrue();
    assertThat(KafkaTimingPublisher.permanent(new TopicAuthorizationException("no"))).isTrue();
    assertThat(KafkaTimingPublisher.permanent(new RecordTooLargeException("big"))).isTrue();
    assertThat(KafkaTimingPublisher.permanent(new SerializationException("bad"))).isTrue();
    assertThat(KafkaTimingPublisher.permanent(new TimeoutException("slow"))).isFalse();
    assertThat(KafkaTimingPublisher.permanent(new NotLeaderOrFollowerException("moved"))).isFalse();
    // the producer closed (forcibly) under a send: the events are kept
    assertThat(KafkaTimingPublisher.permanent(new KafkaException("closed"))).isFalse();
    assertThat(KafkaTimingPublisher.permanent(new IllegalStateException("closed"))).isFalse();
  }

  @Test
  void a_spilled_event_the_broker_refuses_is_counted_failed_and_does_not_block_the_replay(
      EmbeddedKafka kafka) throws Exception {
    Topic<String, List<TimingEvent>> topic =
        new Topic<>("timings-" + UUID.randomUUID(), Serdes.String(), new TimingEventsSerde());
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic.name(), 3, (short) 1)
                      .configs(Map.of("message.timestamp.after.max.ms", "3600000"))))
          .all()
          .get();
    }
    PublisherSettings settings = testSettings(dir);
    // 2 h in the future, on a key of its own: the broker refuses it for good
    TimingEvent e = event(0);
    TimingEvent future =
        new TimingEvent(
            e.version(),
            e.eventId(),
            e.requestId(),
            (System.currentTimeMillis() + Duration.ofHours(2).toMillis()) * 1000,
            e.service(),
            e.region(),
            "i-future",
            e.method(),
            e.route(),
            e.status(),
            e.durationUs(),
            e.dbUs(),
            e.dbQueries(),
            e.cache(),
            e.contentClass(),
            e.bytes(),
            e.errorType());
    List<TimingEvent> sent = new ArrayList<>();
    try (KafkaTimingPublisher down = KafkaTimingPublisher.create(NO_BROKER, topic, settings)) {
      down.publish(future); // at the head of the spill
      for (int i = 1; i <= 100; i++) {
        sent.add(event(i));
        down.publish(sent.get(i - 1));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> down.stats().spilled() == 101);
    }

    try (KafkaTimingPublisher up =
        KafkaTimingPublisher.create(kafka.bootstrapServers(), topic, settings)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> up.stats().published() == 100 && up.stats().failed() == 1);
      PublisherStats stats = up.stats();
      assertThat(stats.onDisk()).isZero();
      assertThat(stats.buffered()).isZero();
      assertThat(stats.dropped()).isZero();
      assertThat(stats.degraded()).isTrue(); // an event was lost: failed
    }
    List<ConsumerRecord<String, List<TimingEvent>>> records = consumeAll(kafka, topic, 100);
    assertThat(events(records)).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void an_exhausted_disk_budget_drops_and_counts_exactly_what_it_refuses() throws Exception {
    Topic<String, List<TimingEvent>> topic =
        new Topic<>("no-broker", Serdes.String(), new TimingEventsSerde());
    int recordBytes = DiskSpill.RECORD_OVERHEAD + TimingEventJson.write(event(1)).length;
    long budget = 16 * 1024;
    PublisherSettings settings =
        testSettings(dir).withSpill(dir, budget, 4096).withQueueCapacity(1_000);
    List<TimingEvent> sent = new ArrayList<>();
    long spilled;
    try (KafkaTimingPublisher publisher = KafkaTimingPublisher.create(NO_BROKER, topic, settings)) {
      for (int i = 1; i <= 200; i++) {
        sent.add(event(i));
        publisher.publish(sent.get(i - 1));
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> publisher.stats().spilled() + publisher.stats().dropped() == 200);
      PublisherStats stats = publisher.stats();
      spilled = stats.spilled();
      assertThat(stats.spilled()).isPositive();
      assertThat(stats.dropped()).isEqualTo(200 - stats.spilled());
      assertThat(stats.onDisk()).isEqualTo(stats.spilled());
      assertThat(stats.onDiskBytes()).isLessThanOrEqualTo(budget);
      // full: not one more record fits (with a segment header if a new segment is needed)
      assertThat(stats.onDiskBytes() + recordBytes + DiskSpill.HEADER_BYTES).isGreaterThan(budget);
      assertThat(stats.degraded()).isTrue();

      publisher.close(Duration.ofSeconds(2));
      publisher.publish(event(201)); // after close: counted, not lost silently
      assertThat(publisher.stats().dropped()).isEqualTo(200 - stats.spilled() + 1);
      assertThat(publisher.stats().accepted()).isEqualTo(201);
    }
    // exactly `spilled` of the events are on disk, each once, in order per key (the sender spills
    // a drained batch key by key)
    try (DiskSpill spill =
        DiskSpill.open(dir.resolve(topic.name()), budget, 4096, 0, System::nanoTime)) {
      List<TimingEvent> onDisk =
          spill.read(1_000).stream().map(e -> TimingEventJson.read(e.payload()).get(0)).toList();
      assertThat(onDisk).hasSize(Math.toIntExact(spilled)).doesNotHaveDuplicates();
      assertThat(sent).containsAll(onDisk);
      Map<String, List<Integer>> perKey =
          onDisk.stream()
              .collect(
                  Collectors.groupingBy(
                      e -> EventKey.of(e).toString(),
                      Collectors.mapping(PublisherTesting::number, Collectors.toList())));
      perKey.values().forEach(numbers -> assertThat(numbers).isSorted());
    }
  }

  @Test
  void publish_returns_at_once_when_the_queue_is_full_and_counts_the_refusals() {
    Topic<String, List<TimingEvent>> topic =
        new Topic<>("no-broker", Serdes.String(), new TimingEventsSerde());
    // a budget of one segment, and a queue of 10: most of 10,000 events cannot be kept
    PublisherSettings settings = testSettings(dir).withSpill(dir, 4096, 4096).withQueueCapacity(10);
    try (KafkaTimingPublisher publisher = KafkaTimingPublisher.create(NO_BROKER, topic, settings)) {
      for (int i = 0; i < 10_000; i++) {
        publisher.publish(event(i));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> publisher.stats().buffered() == 0);
      PublisherStats stats = publisher.stats();
      assertThat(stats.accepted()).isEqualTo(10_000);
      assertThat(stats.spilled() + stats.dropped()).isEqualTo(10_000);
      assertThat(stats.dropped()).isGreaterThan(9_000);
    }
  }

  @Test
  void a_close_that_times_out_wakes_a_blocked_send_and_spills_everything_without_an_interrupt()
      throws Exception {
    Topic<String, List<TimingEvent>> topic =
        new Topic<>("blocked", Serdes.String(), new TimingEventsSerde());
    CountDownLatch sending = new CountDownLatch(1);
    CountDownLatch closing = new CountDownLatch(1);
    // a send() that waits (for metadata, say) until the producer is closed
    MockProducer<String, List<TimingEvent>> producer =
        new MockProducer<>(false, null, new StringSerializer(), topic.valueSerde().serializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<String, List<TimingEvent>> record, Callback callback) {
            sending.countDown();
            try {
              closing.await();
            } catch (InterruptedException e) {
              throw new InterruptException(e);
            }
            throw new KafkaException("Producer closed while send in progress");
          }

          @Override
          public void close(Duration timeout) {
            closing.countDown();
            super.close(timeout);
          }
        };
    Path spillDir = dir.resolve(topic.name());
    KafkaTimingPublisher publisher =
        new KafkaTimingPublisher(
            topic, producer, testSettings(dir), spillDir, null, System::nanoTime);
    for (int i = 0; i < 10; i++) {
      publisher.publish(event(i));
    }
    assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 10; i < 15; i++) {
      publisher.publish(event(i));
    }
    publisher.close(Duration.ofMillis(200));
    PublisherStats stats = publisher.stats();
    assertThat(stats.dropped()).isZero();
    assertThat(stats.onDisk()).isEqualTo(15);
    try (DiskSpill spill = DiskSpill.open(spillDir, 1 << 20, 1 << 20, 0, System::nanoTime)) {
      assertThat(spill.recovered()).isEqualTo(15);
      assertThat(spill.read(100)).hasSize(15);
    }
  }

  /** Within each key (= partition order), events arrive in the order they were published. */
  static void assertOrderPerKey(List<ConsumerRecord<String, List<TimingEvent>>> records) {
    Map<String, List<Integer>> byKey =
        records.stream()
            .sorted(
                Comparator.<ConsumerRecord<String, List<TimingEvent>>>comparingInt(
                        ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset))
            .collect(
                Collectors.groupingBy(
                    ConsumerRecord::key,
                    Collectors.flatMapping(
                        r -> r.value().stream().map(PublisherTesting::number),
                        Collectors.toList())));
    assertThat(byKey).isNotEmpty();
    byKey.forEach((key, numbers) -> assertThat(numbers).as(key).isSorted());
  }
}
