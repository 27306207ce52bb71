package io.pitchey.ingest.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.EmbeddedKafka;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.ContentClass;
import io.pitchey.ingest.event.EventKey;
import io.pitchey.ingest.event.TimingEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Events with every field, two weeks old as backfilled events are, through a topic created from the
 * timing spec on the real broker: accepted with their old timestamps and read back equal. A
 * malformed record goes to the dead-letter topic byte for byte, with its reason.
 */
@ExtendWith(DevStackExtension.class)
class TimingTopicRoundTripTest {

  private static TimingEvent event(Instant at, int status) {
    return new TimingEvent(
        1,
        UUID.randomUUID().toString(),
        "r-" + UUID.randomUUID(),
        ChronoUnit.MICROS.between(Instant.EPOCH, at),
        "serving-api",
        "eu-west",
        "api-1",
        "GET",
        "/api/pitches/{id}",
        status,
        2_345,
        1_200,
        2,
        CacheStatus.REVALIDATED,
        ContentClass.PITCH,
        117,
        status >= 400 ? "not-found" : null);
  }

  @Test
  void two_week_old_events_round_trip_with_every_field(EmbeddedKafka kafka) throws Exception {
    Topic<String, List<TimingEvent>> topic =
        new Topic<>(
            "timings-" + UUID.randomUUID(),
            Topics.REQUEST_TIMINGS_BACKFILL.keySerde(),
            Topics.REQUEST_TIMINGS_BACKFILL.valueSerde());
    try (Admin admin = admin(kafka)) {
      new TopicSetup(admin, Duration.ofSeconds(30))
          .ensure(List.of(Topics.keepingOldRecords(topic.name(), TopicsConfig.of(2, (short) 1))));
    }
    Instant twoWeeksAgo = Instant.now().minus(Duration.ofDays(14));
    List<TimingEvent> single = List.of(event(twoWeeksAgo, 404));
    List<TimingEvent> batch =
        List.of(event(twoWeeksAgo.plusSeconds(1), 200), event(twoWeeksAgo.plusSeconds(2), 304));
    try (KafkaProducer<String, List<TimingEvent>> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      for (List<TimingEvent> value : List.of(single, batch)) {
        String key = EventKey.of(value.get(0)).toString();
        long timestamp = value.get(0).tsUs() / 1_000;
        producer
            .send(new ProducerRecord<>(topic.name(), null, timestamp, key, value))
            .get(30, TimeUnit.SECONDS);
      }
    }

    List<ConsumerRecord<String, List<TimingEvent>>> records = new ArrayList<>();
    try (KafkaConsumer<String, List<TimingEvent>> consumer =
        new KafkaConsumer<>(
            consumerConfig(kafka),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= 2;
              });
    }
    assertThat(records)
        .extracting(ConsumerRecord::value)
        .containsExactly(single, batch); // one key, one partition: in order
    assertThat(records)
        .allSatisfy(
            r -> {
              assertThat(r.key()).isEqualTo("serving-api|eu-west|api-1|GET /api/pitches/{id}");
              assertThat(r.timestamp()).isEqualTo(r.value().get(0).tsUs() / 1_000);
            });
  }

  @Test
  void a_dead_letter_keeps_the_bytes_and_says_why(EmbeddedKafka kafka) throws Exception {
    String dlq = "dlq-" + UUID.randomUUID();
    try (Admin admin = admin(kafka)) {
      new TopicSetup(admin, Duration.ofSeconds(30))
          .ensure(List.of(Topics.keepingOldRecords(dlq, TopicsConfig.of(1, (short) 1))));
    }
    byte[] value = "{\"v\":1,\"status\":\"oops\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ProducerRecord<byte[], byte[]> letter =
        DeadLetters.of(
            "k".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            value,
            null,
            Topics.REQUEST_TIMINGS.name(),
            3,
            42,
            "not valid JSON",
            Instant.parse("2026-11-25T08:00:00Z"));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            Serdes.ByteArray().serializer(),
            Serdes.ByteArray().serializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  dlq, null, letter.timestamp(), letter.key(), letter.value(), letter.headers()))
          .get(30, TimeUnit.SECONDS);
    }

    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig(kafka),
            Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer())) {
      consumer.subscribe(List.of(dlq));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
              });
    }
    assertThat(records.get(0).value()).isEqualTo(value);
    Headers headers = records.get(0).headers();
    assertThat(DeadLetters.header(headers, DeadLetters.REASON)).isEqualTo("not valid JSON");
    assertThat(DeadLetters.header(headers, DeadLetters.SOURCE))
        .isEqualTo("pitchey.request-timings.v1");
    assertThat(DeadLetters.header(headers, DeadLetters.SOURCE_PARTITION)).isEqualTo("3");
    assertThat(DeadLetters.header(headers, DeadLetters.SOURCE_OFFSET)).isEqualTo("42");
    assertThat(DeadLetters.header(headers, DeadLetters.FAILED_AT))
        .isEqualTo("2026-11-25T08:00:00Z");
  }

  private static Admin admin(EmbeddedKafka kafka) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  private static Map<String, Object> consumerConfig(EmbeddedKafka kafka) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG,
        "test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        "earliest");
  }
}
