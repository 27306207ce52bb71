package io.pitchey.aggregator;

import static io.pitchey.aggregator.TimingEventBuilder.timingEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.aggregator.topology.WindowSettings;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.config.KafkaSettings;
import io.pitchey.ingest.event.CacheStatus;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.publish.KafkaTimingPublisher;
import io.pitchey.ingest.topic.Topics;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregator on a real broker and database: events in, exact window rows out. Each subclass
 * provides the services: the project's own dev stack, or containers where Docker runs.
 */
abstract class AggregatorPipelineContract {
  private static final WindowSettings FAST =
      new WindowSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(300));

  @TempDir Path stateDir;
  private HikariDataSource db;
  private StreamsAggregator aggregator;
  private KafkaTimingPublisher publisher;
  private String service;

  /** Kafka's bootstrap servers. */
  abstract String bootstrapServers();

  /** A database of this test's own, empty. */
  abstract DatabaseSettings freshDatabase();

  @BeforeEach
  void start() throws Exception {
    DatabaseSettings dbSettings = freshDatabase();
    db = DataSources.pooled(dbSettings, "test", 4);
    Migrations.migrate(db);
    // Unique ids keep this test's topics' consumers and state apart from other tests on the shared
    // broker.
    String run = UUID.randomUUID().toString().substring(0, 8);
    service = "svc-" + run;
    SharedTopics.startAtCurrentEnd(bootstrapServers(), "agg-" + run, "sink-" + run, db);
    AggregatorConfig config =
        new AggregatorConfig(
            new KafkaSettings(bootstrapServers()),
            dbSettings,
            FAST,
            "agg-" + run,
            "sink-" + run,
            stateDir,
            TestTuning.TOPICS,
            TestTuning.FAST,
            0);
    aggregator = StreamsAggregator.start(config, db);
    publisher = KafkaTimingPublisher.create(bootstrapServers(), Topics.REQUEST_TIMINGS, 10_000);
  }

  @AfterEach
  void stop() {
    publisher.close();
    aggregator.close();
    db.close();
  }

  @Test
  void every_published_event_is_counted_once_in_the_database() throws Exception {
    Instant now = Instant.now();
    int events = 250;
    for (int i = 0; i < events; i++) {
      publisher.publish(
          event(now, 1_000 + i * 100L, i % 10 == 0 ? CacheStatus.MISS : CacheStatus.HIT));
    }

    // Provisional rows arrive within a few hundred ms; the final ones once the wall clock passes
    // end + grace.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(finalRequests()).isEqualTo(events));
    assertThat(liveRows()).as("final rows replace the provisional ones").isZero();
    assertThat(publisher.stats().delivered()).isEqualTo(events);
    assertThat(
            scalar(
                "select sum(cache_miss) from metrics.route_windows where service = '"
                    + service
                    + "'"))
        .isEqualTo(25);
    assertThat(
            scalar(
                "select max((latency).max_us)::bigint from metrics.route_windows where service = '"
                    + service
                    + "'"))
        .isEqualTo(1_000 + 249 * 100L);
  }

  @Test
  void a_malformed_timing_record_is_kept_on_the_dead_letter_topic() throws Exception {
    String marker = "not-an-event-" + service;
    try (var producer =
            new org.apache.kafka.clients.producer.KafkaProducer<String, String>(
                java.util.Map.of("bootstrap.servers", bootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer());
        var consumer =
            new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(
                java.util.Map.of(
                    "bootstrap.servers",
                    bootstrapServers(),
                    "group.id",
                    "dlq-" + service,
                    "auto.offset.reset",
                    "earliest"),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      producer
          .send(
              new org.apache.kafka.clients.producer.ProducerRecord<>(
                  Topics.REQUEST_TIMINGS.name(),
                  service + "|x",
                  "{\"marker\": \"" + marker + "\"}"))
          .get();
      consumer.subscribe(java.util.List.of(Topics.REQUEST_TIMINGS_DLQ.name()));
      java.util.List<String> seen = new java.util.ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r ->
                            seen.add(
                                new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)));
                return seen.stream().anyMatch(v -> v.contains(marker));
              });
    }
    assertThat(aggregator.isHealthy()).as("one bad record does not stop aggregation").isTrue();
  }

  private TimingEvent event(Instant at, long durationUs, CacheStatus cache) {
    return timingEvent().at(at).service(service).durationUs(durationUs).cache(cache).build();
  }

  private long finalRequests() throws Exception {
    return scalar(
        "select coalesce(sum(requests), 0) from metrics.route_windows where service = '"
            + service
            + "'");
  }

  private long liveRows() throws Exception {
    return scalar(
        "select count(*) from metrics.route_windows_live where service = '" + service + "'");
  }

  private long scalar(String sql) throws Exception {
    try (Connection c = db.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
