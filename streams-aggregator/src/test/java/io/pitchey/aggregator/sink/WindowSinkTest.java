package io.pitchey.aggregator.sink;

import static io.pitchey.aggregator.TimingEventBuilder.timingEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.pitchey.aggregator.window.RouteWindow;
import io.pitchey.aggregator.window.WindowJson;
import io.pitchey.aggregator.window.WindowKind;
import io.pitchey.aggregator.window.WindowResult;
import io.pitchey.config.DatabaseSettings;
import io.pitchey.devstack.DevStack;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.ingest.event.EventKey;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.topic.Topic;
import io.pitchey.sql.DataSources;
import io.pitchey.sql.Migrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sink on the real broker and database: exactly once across restarts and database outages. */
@ExtendWith(DevStackExtension.class)
class WindowSinkTest {
  private static final Instant MINUTE = Instant.parse("2026-11-25T10:00:00Z");

  private DevStack stack;
  private HikariDataSource db;
  private Topic<String, WindowResult> topic;
  private KafkaProducer<String, WindowResult> producer;
  private String group;

  @BeforeEach
  void setUp(DevStack stack) throws Exception {
    this.stack = stack;
    String database = stack.postgres().createUniqueDatabase("sink");
    db =
        DataSources.pooled(
            new DatabaseSettings(
                stack.postgres().jdbcUrl(database),
                stack.postgres().user(),
                stack.postgres().password(),
                Optional.empty()),
            "sink-test",
            2);
    Migrations.migrate(db);
    String run = UUID.randomUUID().toString().substring(0, 8);
    topic = new Topic<>("windows-" + run, Serdes.String(), WindowJson.windowResultSerde());
    group = "sink-" + run;
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic.name(), 2, (short) 1))).all().get();
    }
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer());
  }

  @AfterEach
  void tearDown() {
    producer.close();
    db.close();
  }

  @Test
  void a_restarted_sink_resumes_at_the_stored_offsets_without_duplicates() throws Exception {
    try (WindowSink sink = newSink()) {
      send(WindowKind.FINAL, "i-1", 0, 3);
      send(WindowKind.FINAL, "i-2", 0, 4);
      send(WindowKind.CORRECTION, "i-1", 0, 1);
      await().atMost(Duration.ofSeconds(30)).until(() -> finalRequests() == 8);
    }

    try (WindowSink sink = newSink()) {
      send(WindowKind.FINAL, "i-1", 1, 5);
      await().atMost(Duration.ofSeconds(30)).until(() -> finalRequests() == 13);
      assertThat(sink.failure()).isEmpty();
    }
    assertThat(scalar("select count(*) from metrics.route_windows")).isEqualTo(4);
    assertThat(scalar("select count(*) from metrics.route_windows where is_correction"))
        .isEqualTo(1);
  }

  @Test
  void provisional_values_are_replaced_by_later_ones_and_removed_by_the_final_row()
      throws Exception {
    // Sent before the sink starts, so they arrive in one batch: the same live row three times.
    send(WindowKind.PROVISIONAL, "i-1", 0, 1);
    send(WindowKind.PROVISIONAL, "i-1", 0, 2);
    send(WindowKind.PROVISIONAL, "i-1", 0, 3);
    try (WindowSink sink = newSink()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  scalar("select coalesce(sum(requests), 0) from metrics.route_windows_live") == 3);
      assertThat(scalar("select count(*) from metrics.route_windows_live")).isEqualTo(1);

      send(WindowKind.FINAL, "i-1", 0, 4);
      await().atMost(Duration.ofSeconds(30)).until(() -> finalRequests() == 4);
      assertThat(scalar("select count(*) from metrics.route_windows_live")).isZero();
      assertThat(sink.failure()).isEmpty();
    }
  }

  @Test
  void windows_sent_while_the_database_is_down_are_written_once_it_is_back() throws Exception {
    try (WindowSink sink = newSink()) {
      send(WindowKind.FINAL, "i-1", 0, 2);
      await().atMost(Duration.ofSeconds(30)).until(() -> finalRequests() == 2);

      stack.postgres().stop();
      try {
        send(WindowKind.FINAL, "i-1", 1, 3);
        send(WindowKind.FINAL, "i-2", 1, 4);
      } finally {
        stack.postgres().restart();
      }

      await().atMost(Duration.ofSeconds(60)).until(() -> finalRequests() == 9);
      assertThat(sink.failure()).isEmpty();
      assertThat(sink.isRunning()).isTrue();
    }
    assertThat(scalar("select count(*) from metrics.route_windows")).isEqualTo(3);
  }

  @Test
  void thresholds_error_types_and_exemplars_reach_the_final_and_the_live_table() throws Exception {
    EventKey finished = key("i-1");
    EventKey open = key("i-2");
    List<TimingEvent> events =
        List.of(
            event(finished, MINUTE, "r-1", 40_000, 200, null),
            event(finished, MINUTE, "r-2", 150_000, 404, "not-found"),
            event(finished, MINUTE, "r-3", 450_000, 503, "db-timeout"),
            event(finished, MINUTE, "r-4", 900_000, 500, null));
    RouteWindow window = RouteWindow.empty().plus(events);
    send(WindowKind.FINAL, finished, 0, window);
    send(WindowKind.PROVISIONAL, open, 0, window);

    try (WindowSink sink = newSink()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  scalar("select count(*) from metrics.route_windows")
                          + scalar("select count(*) from metrics.route_windows_live")
                      == 2);
      assertThat(sink.failure()).isEmpty();
    }
    String expected =
        "within_50ms = 1 and within_200ms = 2 and within_500ms = 3"
            + " and error_types = '{\"not-found\": 1, \"db-timeout\": 1, \"unspecified\": 1}'::jsonb"
            + " and exemplars = '[{\"request_id\": \"r-4\", \"duration_us\": 900000},"
            + " {\"request_id\": \"r-3\", \"duration_us\": 450000},"
            + " {\"request_id\": \"r-2\", \"duration_us\": 150000},"
            + " {\"request_id\": \"r-1\", \"duration_us\": 40000}]'::jsonb";
    assertThat(scalar("select count(*) from metrics.route_windows where " + expected)).isEqualTo(1);
    assertThat(scalar("select count(*) from metrics.route_windows_live where " + expected))
        .isEqualTo(1);
    assertThat(scalar("select count(*) from metrics.route_windows_all where " + expected))
        .as("the view shows both rows with their new columns")
        .isEqualTo(2);
  }

  @Test
  void a_correction_row_holds_only_its_own_errors_and_exemplars() throws Exception {
    EventKey key = key("i-1");
    send(
        WindowKind.FINAL,
        key,
        0,
        RouteWindow.empty().plus(event(key, MINUTE, "r-1", 10_000, 404, "not-found")));
    send(
        WindowKind.CORRECTION,
        key,
        0,
        RouteWindow.empty().plus(event(key, MINUTE, "r-late", 700_000, 503, "db-timeout")));

    try (WindowSink sink = newSink()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> finalRequests() == 2);
      assertThat(sink.failure()).isEmpty();
    }
    assertThat(
            scalar(
                "select count(*) from metrics.route_windows where is_correction"
                    + " and within_500ms = 0 and error_types = '{\"db-timeout\": 1}'::jsonb"
                    + " and exemplars -> 0 ->> 'request_id' = 'r-late'"))
        .isEqualTo(1);
    assertThat(
            scalar(
                "select count(*) from metrics.route_windows where not is_correction"
                    + " and within_50ms = 1 and error_types = '{\"not-found\": 1}'::jsonb"
                    + " and jsonb_array_length(exemplars) = 1"))
        .isEqualTo(1);
  }

  @Test
  void a_second_final_record_of_a_window_is_kept_as_a_correction_and_the_sink_goes_on()
      throws Exception {
    try (WindowSink sink = newSink()) {
      send(WindowKind.FINAL, "i-1", 0, 3);
      await().atMost(Duration.ofSeconds(30)).until(() -> finalRequests() == 3);

      // As after a change of partitions: another task closes its part of the same window, once in
      // a later batch and twice within one batch.
      send(WindowKind.FINAL, "i-1", 0, 2);
      await().atMost(Duration.ofSeconds(30)).until(() -> finalRequests() == 5);
      producer.send(finalRecord("i-2", 1, 4));
      producer.send(finalRecord("i-2", 1, 6));
      producer.flush();
      send(WindowKind.FINAL, "i-1", 2, 1);

      await().atMost(Duration.ofSeconds(30)).until(() -> finalRequests() == 16);
      assertThat(sink.failure()).isEmpty();
      assertThat(sink.repeatedFinals()).isEqualTo(2);
    }
    assertThat(scalar("select count(*) from metrics.route_windows where not is_correction"))
        .as("one final row per window and key")
        .isEqualTo(3);
    assertThat(scalar("select count(*) from metrics.route_windows where is_correction"))
        .isEqualTo(2);
  }

  private ProducerRecord<String, WindowResult> finalRecord(
      String instance, int minute, int requests) {
    Instant start = MINUTE.plus(Duration.ofMinutes(minute));
    EventKey key = key(instance);
    RouteWindow window = RouteWindow.empty();
    for (int i = 0; i < requests; i++) {
      window = window.plus(event(key, start, "r", 1_000 + i, 200, null));
    }
    return new ProducerRecord<>(
        topic.name(),
        key.toString(),
        new WindowResult(WindowKind.FINAL, key, start, start.plusSeconds(60), window));
  }

  private static EventKey key(String instance) {
    return new EventKey("api", "local", instance, "GET", "/api/pitches/{id}");
  }

  private WindowSink newSink() {
    return new WindowSink(topic, stack.kafka().bootstrapServers(), group, db).start();
  }

  /** Sends a window of {@code requests} identical requests, flushed so it is on the broker. */
  private void send(WindowKind kind, String instance, int minute, int requests) throws Exception {
    Instant start = MINUTE.plus(Duration.ofMinutes(minute));
    EventKey key = key(instance);
    RouteWindow window = RouteWindow.empty();
    for (int i = 0; i < requests; i++) {
      window = window.plus(event(key, start, "r", 1_000 + i, 200, null));
    }
    send(kind, key, minute, window);
  }

  private void send(WindowKind kind, EventKey key, int minute, RouteWindow window)
      throws Exception {
    Instant start = MINUTE.plus(Duration.ofMinutes(minute));
    producer
        .send(
            new ProducerRecord<>(
                topic.name(),
                key.toString(),
                new WindowResult(kind, key, start, start.plusSeconds(60), window)))
        .get();
  }

  private static TimingEvent event(
      EventKey key,
      Instant at,
      String requestId,
      long durationUs,
      int status,
      @Nullable String errorType) {
    return timingEvent()
        .key(key)
        .at(at)
        .requestId(requestId)
        .status(status)
        .errorType(errorType)
        .durationUs(durationUs)
        .db(0, 0)
        .bytes(10)
        .build();
  }

  private long finalRequests() throws Exception {
    return scalar("select coalesce(sum(requests), 0) from metrics.route_windows");
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
